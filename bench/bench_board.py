"""How soon the lounge board has a number called in another process, against the naive board.

The board re-reads its whole view (calls, queues, workers on duty, today's activities:
kiosk.services.board.board_view) when the change watcher says the database changed; the naive
board re-reads it every second (or every 5 s). The same harness as bench_live_updates.py
prints, for each, the delay from the other process's commit to the board having the number
(median and max) and the load while nothing happens, then the board's figures as a ratio of
each naive one's. The running board adds at most one frame to the delay (its Kivy trigger);
tests/ui/test_board.py measures that end to end.

    .venv/bin/python -m bench.bench_board [--changes 10] [--idle 20]
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from bench.bench_live_updates import measure
from bench.report import record
from bench.throwaway_postgres import postgres_database
from kiosk.services.board import board_view


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--changes", type=int, default=10)
    parser.add_argument("--idle", type=float, default=20.0, metavar="SECONDS")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-") as folder:
        data_dir = Path(folder)
        url = f"sqlite:///{data_dir / 'kiosk.sqlite3'}"
        figures = measure("board, SQLite", url, data_dir, args.changes, args.idle, read=board_view)
        with postgres_database() as postgres:
            if postgres is not None:
                figures += measure(
                    "board, PostgreSQL",
                    postgres,
                    data_dir,
                    args.changes,
                    args.idle,
                    read=board_view,
                )
    print()
    record("board", figures)


if __name__ == "__main__":
    main()
