"""How soon a screen shows a number called in another process, and what keeping up costs.

Three ways of keeping the lounge overview (the home strip, later the board) up to date run side
by side, each on its own thread and connections, while another process calls numbers:
- the change watcher (kiosk.db.change_feed), re-reading the overview only after a change;
- re-reading the whole overview every second (the naive fast way);
- re-reading it every 5 seconds (what the home screen did before).
For each it prints the delay from the other process's commit to the reader having the new
number (median and max), and, while nothing happens, the statements it sends the database, the
whole-overview re-reads and its thread's CPU time, per minute; then the watcher's figures as a
ratio of each naive one's.

SQLite always; PostgreSQL when KIOSK_TEST_POSTGRES_URL names a server whose role may create a
throwaway database (`eval "$(scripts/start-test-postgres)"` gives one).

    .venv/bin/python -m bench.bench_live_updates [--changes 10] [--idle 20]
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import event

from bench.report import Figure, record
from bench.throwaway_postgres import postgres_database
from kiosk.db.change_feed import ChangeWatcher
from kiosk.db.engine import make_engine
from kiosk.db.migrations import upgrade
from kiosk.services.context import Context
from kiosk.services.lounge_overview import lounge_overview
from kiosk.settings.loader import load_settings

ROOT = Path(__file__).resolve().parents[1]
WINDOW = 1  # the writer calls every number to window 1
CALL_TO_SCREEN_MAX_MS = 300  # issue 11: "call next" to the board and to a second console


@dataclass
class Reader:
    """One way of keeping a screen up to date: `due()` blocks until it should re-read."""

    name: str
    ctx: Context
    due: Callable[[], bool]
    # What the screen reads: the lounge overview (home), or the board's view (bench_board.py).
    read: Callable[[Context], Any] = lounge_overview
    own_statements: Callable[[], int] = lambda: 0
    finish: Callable[[], None] = lambda: None
    statements: int = 0
    rereads: int = 0
    noticed: dict[int, float] = field(default_factory=dict)
    thread: threading.Thread | None = None

    def __post_init__(self) -> None:
        event.listen(self.ctx.engine, "before_cursor_execute", self._count)

    def _count(self, *_args: Any) -> None:
        self.statements += 1

    def run(self, stop: threading.Event) -> None:
        newest = 0
        while not stop.is_set():
            if not self.due():
                continue
            overview = self.read(self.ctx)
            self.rereads += 1
            now = time.time()
            shown = [int(s.code[1:]) for s in overview.now_serving if s.window == WINDOW]
            for number in range(newest + 1, max(shown, default=0) + 1):
                self.noticed[number] = now
            newest = max(newest, *shown) if shown else newest
        self.finish()

    def load(self) -> tuple[int, int, float]:
        """Statements sent, re-reads, CPU seconds of its thread: so far."""
        assert self.thread is not None and self.thread.ident is not None
        cpu = time.clock_gettime(time.pthread_getcpuclockid(self.thread.ident))
        return self.statements + self.own_statements(), self.rereads, cpu


def readers(
    url: str, data_dir: Path, stop: threading.Event, read: Callable[[Context], Any]
) -> list[Reader]:
    settings = load_settings()

    def context() -> Context:
        return Context.open(settings, data_dir, url=url)

    watched = context()
    watcher = ChangeWatcher(watched.engine)
    return [
        Reader(
            "watcher + re-read",
            watched,
            lambda: watcher.wait(1.0),
            read,
            own_statements=lambda: watcher.statements,
            finish=watcher.close,
        ),
        Reader("re-read every 1 s", context(), lambda: not stop.wait(1.0), read),
        Reader("re-read every 5 s", context(), lambda: not stop.wait(5.0), read),
    ]


@contextmanager
def writer(url: str, data_dir: Path, numbers: int) -> Iterator[Callable[[], float]]:
    """Another process; calling the yielded function makes it commit one call, and returns
    the time just after that commit."""
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.commit_writer", url, str(data_dir), str(numbers)],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdin is not None and process.stdout is not None
    stdin, stdout = process.stdin, process.stdout
    if stdout.readline().strip() != "ready":
        raise SystemExit("the writer process did not start")

    def commit() -> float:
        stdin.write("call\n")
        stdin.flush()
        return float(stdout.readline())

    try:
        yield commit
    finally:
        stdin.close()
        process.wait(timeout=30)


def measure(
    label: str,
    url: str,
    data_dir: Path,
    changes: int,
    idle_s: float,
    read: Callable[[Context], Any] = lounge_overview,
) -> list[Figure]:
    engine = make_engine(url, create=True)
    upgrade(engine)
    engine.dispose()
    stop = threading.Event()
    with writer(url, data_dir, changes) as commit:
        team = readers(url, data_dir, stop, read)
        for reader in team:
            reader.thread = threading.Thread(target=reader.run, args=(stop,), daemon=True)
            reader.thread.start()
        time.sleep(1.0)
        committed = {}
        for number in range(1, changes + 1):
            time.sleep(random.uniform(0.5, 1.5))  # out of step with every poller
            committed[number] = commit()
        time.sleep(5.5)  # the slowest poller catches up
        before = [reader.load() for reader in team]
        time.sleep(idle_s)
        after = [reader.load() for reader in team]
    stop.set()
    for reader in team:
        assert reader.thread is not None
        reader.thread.join(timeout=10)
        reader.ctx.engine.dispose()

    figures = [
        Figures.of(reader, committed, start, end, idle_s)
        for reader, start, end in zip(team, before, after, strict=True)
    ]
    print(f"\n{label}: {changes} numbers called by another process, then {idle_s:.0f} s idle")
    header = (
        f"{'approach':<19} | {'median ms':>9} {'max ms':>7} {'missed':>6} | "
        f"{'statements/min':>14} {'re-reads/min':>12} {'CPU ms/min':>10}"
    )
    print(header)
    print("-" * len(header))
    for row in figures:
        print(
            f"{row.name:<19} | {row.median_s * 1000:>9.0f} {row.max_s * 1000:>7.0f} "
            f"{row.missed:>6} | {row.statements:>14.0f} {row.rereads:>12.0f} "
            f"{row.cpu_s * 1000:>10.1f}"
        )
    ours = figures[0]
    for naive in figures[1:]:
        print(
            f"watcher vs {naive.name.removeprefix('re-read '):<9}: delay "
            f"{ratio(ours.median_s, naive.median_s)} (median), {ratio(ours.max_s, naive.max_s)} "
            f"(max); idle statements {ratio(ours.statements, naive.statements)}, re-reads "
            f"{ratio(ours.rereads, naive.rereads)}, CPU {ratio(ours.cpu_s, naive.cpu_s)}"
        )
    # The board and a second console read through this same watcher, so its delay is theirs
    # up to drawing; the naive approach is the 5-second re-read the home screen had before.
    before = figures[-1]
    return [
        Figure(
            f"call → screen, median, {label}",
            ours.median_s * 1000,
            "ms",
            "re-read every 5 s",
            before.median_s * 1000,
        ),
        Figure(
            f"call → screen, max, {label}",
            ours.max_s * 1000,
            "ms",
            "re-read every 5 s",
            before.max_s * 1000,
            max_value=CALL_TO_SCREEN_MAX_MS,
        ),
        Figure(
            f"idle statements a minute, {label}",
            ours.statements,
            "/min",
            "re-read every 1 s",
            figures[1].statements,
        ),
    ]


@dataclass
class Figures:
    """One reader's delays, and its load while idle, per minute."""

    name: str
    median_s: float
    max_s: float
    missed: int
    statements: float
    rereads: float
    cpu_s: float

    @classmethod
    def of(
        cls,
        reader: Reader,
        committed: dict[int, float],
        start: tuple[int, int, float],
        end: tuple[int, int, float],
        idle_s: float,
    ) -> Figures:
        delays = [reader.noticed[n] - at for n, at in committed.items() if n in reader.noticed]
        statements, rereads, cpu_s = (
            (e - s) * 60 / idle_s for s, e in zip(start, end, strict=True)
        )
        return cls(
            reader.name,
            statistics.median(delays),
            max(delays),
            len(committed) - len(delays),
            statements,
            rereads,
            cpu_s,
        )


def ratio(ours: float, naive: float) -> str:
    return f"{ours / naive:.2f}x" if naive else "n/a"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--changes", type=int, default=10)
    parser.add_argument("--idle", type=float, default=20.0, metavar="SECONDS")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-") as folder:
        data_dir = Path(folder)
        url = f"sqlite:///{data_dir / 'kiosk.sqlite3'}"
        figures = measure("SQLite", url, data_dir, args.changes, args.idle)
        with postgres_database() as postgres:
            if postgres is not None:
                figures += measure("PostgreSQL", postgres, data_dir, args.changes, args.idle)
    print()
    record("live updates", figures)


if __name__ == "__main__":
    main()
