"""Another process that changes the database on command, for measuring live updates.

    python -m tests.commit_writer DATABASE_URL DATA_DIR NUMBERS

Takes NUMBERS numbers for service A (open around the clock, on the real clock), prints "ready",
then for each "call" line on standard input calls the next one to window 1, one commit, and
prints the wall-clock time (time.time()) just after the commit. It stops at end of input.
Used by tests/integration/test_live_updates.py and bench/bench_live_updates.py.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from kiosk.services import tickets
from kiosk.services.context import Context
from tests.support import CLI, around_the_clock_toml, settings_from


def main(url: str, data_dir: Path, numbers: int) -> None:
    ctx = Context.open(settings_from(around_the_clock_toml()), data_dir, url=url)
    for _ in range(numbers):
        tickets.take_number(ctx, "A")
    print("ready", flush=True)
    for line in sys.stdin:
        if line.strip() == "call":
            tickets.call_next(ctx, 1, by=CLI, service_id="A")
            print(time.time(), flush=True)
    ctx.engine.dispose()


if __name__ == "__main__":
    main(sys.argv[1], Path(sys.argv[2]), int(sys.argv[3]))
