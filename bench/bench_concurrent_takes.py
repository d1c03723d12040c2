"""Four processes taking numbers at once on one database: throughput, p99 and duplicates.

Four kiosks (or kiosks and staff scripts) share one database. Each process takes `--takes`
numbers for service A as fast as it can, all starting together; then one process alone takes
as many, the same way. Printed: numbers a second, each take's p99, and how many numbers were
given twice (must be 0), with the lone process as the naive figure: what sharing costs.

SQLite always; PostgreSQL when KIOSK_TEST_POSTGRES_URL is set.

    .venv/bin/python -m bench.bench_concurrent_takes [--processes 4] [--takes 150]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.report import ROOT, Figure, record
from bench.throwaway_postgres import postgres_database
from kiosk.db.engine import make_engine
from kiosk.db.migrations import upgrade


def run(url: str, data_dir: Path, processes: int, takes: int) -> tuple[float, list[float], int]:
    """Numbers a second, every take's seconds, and how many codes were given more than once."""
    workers = [
        subprocess.Popen(
            [sys.executable, "-m", "bench.take_worker", url, str(data_dir), str(takes)],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(processes)
    ]
    for worker in workers:
        assert worker.stdout is not None
        if worker.stdout.readline().strip() != "ready":
            raise SystemExit("a taking process did not start")
    started = time.perf_counter()
    for worker in workers:
        assert worker.stdin is not None
        worker.stdin.write("go\n")
        worker.stdin.flush()
    results = [json.loads(worker.communicate(timeout=300)[0]) for worker in workers]
    elapsed = time.perf_counter() - started
    seconds = [s for result in results for s in result["seconds"]]
    codes = [c for result in results for c in result["codes"]]
    return len(codes) / elapsed, seconds, len(codes) - len(set(codes))


def fresh(url: str) -> str:
    engine = make_engine(url, create=True)
    upgrade(engine)
    engine.dispose()
    return url


def measure(
    label: str, alone_url: str, together_url: str, data_dir: Path, processes: int, takes: int
) -> list[Figure]:
    """Each run on a fresh database, so both start from an empty queue."""
    alone_rate, alone, _ = run(fresh(alone_url), data_dir, 1, processes * takes)
    rate, together, duplicates = run(fresh(together_url), data_dir, processes, takes)
    p99 = statistics.quantiles(together, n=100, method="inclusive")[98]
    alone_p99 = statistics.quantiles(alone, n=100, method="inclusive")[98]
    naive = "one process alone"
    return [
        Figure(
            f"{processes} processes, numbers a second, {label}", rate, "takes/s", naive, alone_rate
        ),
        Figure(
            f"{processes} processes, take p99, {label}", p99 * 1000, "ms", naive, alone_p99 * 1000
        ),
        Figure(f"{processes} processes, numbers given twice, {label}", duplicates, "", max_value=0),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--processes", type=int, default=4)
    parser.add_argument("--takes", type=int, default=150, help="numbers each process takes")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-") as folder:
        data_dir = Path(folder)
        figures = measure(
            "SQLite",
            f"sqlite:///{data_dir / 'alone.sqlite3'}",
            f"sqlite:///{data_dir / 'together.sqlite3'}",
            data_dir,
            args.processes,
            args.takes,
        )
        with postgres_database() as alone, postgres_database() as together:
            if alone is not None and together is not None:
                figures += measure(
                    "PostgreSQL", alone, together, data_dir, args.processes, args.takes
                )
    print()
    record("concurrent takes", figures)


if __name__ == "__main__":
    main()
