"""The change watcher behind live updates, on a real SQLite file and a real PostgreSQL server,
with the changes made by another process."""

from __future__ import annotations

import queue
import random
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text, update

from kiosk.db.change_feed import CHANNEL, ChangeWatcher
from kiosk.db.models import Ticket
from kiosk.services import tickets
from kiosk.services.context import Context
from kiosk.services.printer_state import record_state
from tests.support import CLI

ROOT = Path(__file__).resolve().parents[2]
CHANGES = 10


def url_of(ctx: Context) -> str:
    return ctx.engine.url.render_as_string(hide_password=False)


@contextmanager
def watching(ctx: Context) -> Iterator[queue.Queue[float]]:
    """A watcher on its own thread, as the app runs it; yields the times it said "changed"."""
    watcher = ChangeWatcher(ctx.engine)
    noticed: queue.Queue[float] = queue.Queue()

    def watch() -> None:
        try:
            while True:
                if watcher.wait(1.0):
                    noticed.put(time.time())
                elif stopping.is_set():
                    return
        finally:
            watcher.close()

    stopping = threading.Event()
    thread = threading.Thread(target=watch, daemon=True)
    thread.start()
    try:
        yield noticed
    finally:
        stopping.set()
        watcher.stop()
        thread.join(timeout=5)


def quiet(noticed: queue.Queue[float], seconds: float = 0.3) -> None:
    """Let earlier changes be noticed, then forget them."""
    time.sleep(seconds)
    while not noticed.empty():
        noticed.get_nowait()


@contextmanager
def writer(ctx: Context, tmp_path: Path, numbers: int) -> Iterator[subprocess.Popen[str]]:
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.commit_writer", url_of(ctx), str(tmp_path), str(numbers)],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None and process.stdin is not None
    try:
        assert process.stdout.readline().strip() == "ready"
        yield process
    finally:
        process.stdin.close()
        assert process.wait(timeout=20) == 0


def commit_elsewhere(process: subprocess.Popen[str]) -> float:
    """One change committed by the writer process; the time just after its commit."""
    assert process.stdin is not None and process.stdout is not None
    process.stdin.write("call\n")
    process.stdin.flush()
    return float(process.stdout.readline())


def test_a_commit_in_another_process_is_noticed_within_a_second(
    ctx: Context, tmp_path: Path
) -> None:
    delays = []
    with watching(ctx) as noticed, writer(ctx, tmp_path, CHANGES) as process:
        for _ in range(CHANGES):
            quiet(noticed, random.uniform(0.1, 0.25))  # not in step with the watcher's polling
            committed = commit_elsewhere(process)
            delays.append(noticed.get(timeout=5) - committed)
    dialect = ctx.engine.dialect.name
    print(
        f"\n{dialect}: change noticed after median {statistics.median(delays) * 1000:.1f} ms, "
        f"max {max(delays) * 1000:.1f} ms over {CHANGES} commits by another process"
    )
    assert max(delays) < 1.0


def test_commits_of_other_connections_in_this_process_are_noticed(ctx: Context) -> None:
    # The kiosk's own pool connections commit too: its screens must see those changes as well.
    watcher = ChangeWatcher(ctx.engine)
    try:
        assert watcher.wait(1.0)  # connecting counts as a change
        assert not watcher.wait(0.3)
        tickets.take_number(ctx, "A")
        assert watcher.wait(1.0)
        assert not watcher.wait(0.3)
    finally:
        watcher.close()


def test_reads_rollbacks_and_transactions_that_write_nothing_wake_nobody(ctx: Context) -> None:
    tickets.take_number(ctx, "A")
    watcher = ChangeWatcher(ctx.engine)
    try:
        assert watcher.wait(1.0)  # connecting counts as a change
        tickets.now_serving(ctx)
        tickets.queue_overview(ctx)
        assert tickets.call_next(ctx, 3, by=CLI) is None  # nobody waits for the nurse
        # A row locked and left as it was (a printer polled, its state unchanged) wrote nothing.
        record_state(ctx, "lounge-1", "ok")
        assert watcher.wait(1.0)
        assert not record_state(ctx, "lounge-1", "ok")
        with pytest.raises(RuntimeError), ctx.transaction() as session:
            session.execute(update(Ticket).values(window=2))
            session.flush()
            raise RuntimeError("the step after the write failed")
        assert not watcher.wait(0.5)
    finally:
        watcher.close()


def test_stop_ends_a_waiting_watcher_at_once(ctx: Context) -> None:
    watcher = ChangeWatcher(ctx.engine)
    try:
        assert watcher.wait(1.0)
        threading.Timer(0.1, watcher.stop).start()
        started = time.monotonic()
        assert not watcher.wait(10.0)
        assert time.monotonic() - started < 0.6
    finally:
        watcher.close()


def listeners(ctx: Context) -> list[tuple[Any, ...]]:
    """The PostgreSQL backends LISTENing on this database: pid, last statement, state, and
    when that state began."""
    with ctx.engine.connect() as connection:
        rows = connection.execute(
            text(
                "SELECT pid, query, state, state_change FROM pg_stat_activity "
                "WHERE datname = current_database() AND query LIKE 'LISTEN%'"
            )
        )
        return [tuple(row) for row in rows]


def eventually(condition: Callable[[], bool], seconds: float = 2.0) -> bool:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


# The shared `ctx` fixture, on PostgreSQL only.
on_postgresql = pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)


@on_postgresql
def test_an_idle_postgres_watcher_sends_the_server_nothing(ctx: Context) -> None:
    watcher = ChangeWatcher(ctx.engine)
    try:
        assert watcher.wait(1.0)
        before = listeners(ctx)
        assert [(query, state) for _pid, query, state, _since in before] == [
            (f"LISTEN {CHANNEL}", "idle")
        ]
        assert not watcher.wait(1.5)
        # The same connection, idle since its LISTEN: nothing was sent meanwhile.
        assert listeners(ctx) == before
    finally:
        watcher.close()
    assert eventually(lambda: not listeners(ctx))


@on_postgresql
def test_the_watcher_connects_again_after_its_connection_is_terminated(
    ctx: Context, tmp_path: Path
) -> None:
    with watching(ctx) as noticed, writer(ctx, tmp_path, 2) as process:
        quiet(noticed)
        ((pid, *_),) = listeners(ctx)
        with ctx.engine.connect() as connection:
            connection.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
        # Back by itself, and it says "changed": something may have changed meanwhile.
        noticed.get(timeout=3)
        ((new_pid, *_),) = listeners(ctx)
        assert new_pid != pid
        quiet(noticed)
        committed = commit_elsewhere(process)
        assert noticed.get(timeout=5) - committed < 1.0
