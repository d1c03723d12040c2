"""Resident memory of a process using the kiosk's core after start, and its growth over
10,000 interactions, in one process as the kiosk runs for days.

Start: the kiosk's use cases imported, the database opened and the home overview read once,
beside a bare interpreter. Growth: then interactions in turn (take a number, read the home
overview, call the next number, serve it): memory after a thousand to fill the caches, and
again after `--interactions` more. Each client is served, so the queue stays as short as a real
day's.

    .venv/bin/python -m bench.bench_memory [--interactions 10000]
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.bench_take_latency import OPEN
from bench.report import Figure, record
from kiosk.core.actor import Actor
from kiosk.core.clock import FixedClock
from kiosk.db.engine import make_engine
from kiosk.db.migrations import upgrade
from kiosk.services import lounge_overview, tickets
from kiosk.services.context import Context
from kiosk.settings.loader import load_settings

GROWTH_MAX_MB = 5.0  # issue 11: at most 5 MB over 10,000 interactions
WARM_UP = 1000
STAFF = Actor("cli", "bench")


def resident_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise SystemExit("this system has no /proc/self/status")


def bare_interpreter_mb() -> float:
    shown = subprocess.run(
        [sys.executable, "-c", "print(open('/proc/self/status').read())"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    line = next(line for line in shown.splitlines() if line.startswith("VmRSS:"))
    return int(line.split()[1]) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--interactions", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-") as folder:
        data_dir = Path(folder)
        url = f"sqlite:///{data_dir / 'kiosk.sqlite3'}"
        engine = make_engine(url, create=True)
        upgrade(engine)
        engine.dispose()
        ctx = Context.open(load_settings(), data_dir, url=url, clock=FixedClock(OPEN))
        lounge_overview.lounge_overview(ctx)
        started = resident_mb()
        steps = [
            lambda: tickets.take_number(ctx, "A", visit=tickets.new_visit()),
            lambda: lounge_overview.lounge_overview(ctx),
            lambda: tickets.call_next(ctx, 1, by=STAFF),
            lambda: tickets.serve(ctx, tickets.waiting_line(ctx)[0].code, by=STAFF),
        ]
        warm = 0.0
        for done in range(WARM_UP + args.interactions):
            if done == WARM_UP:
                warm = resident_mb()
            steps[done % len(steps)]()
        after = resident_mb()
        ctx.engine.dispose()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak {peak_mb:.0f} MB\n")
    record(
        "memory",
        [
            Figure(
                "resident after start", started, "MB", "a bare interpreter", bare_interpreter_mb()
            ),
            Figure(
                f"growth over {args.interactions:,} interactions",
                after - warm,
                "MB",
                max_value=GROWTH_MAX_MB,
            ),
        ],
    )


if __name__ == "__main__":
    main()
