"""`kiosk ticket take A --json` as its own process, beside a plain script sending the same SQL.

Staff script the command line, so a command's start-up is part of every figure: Python, the
imports, reading the configuration, checking the schema, the transaction, and writing the slip
(to a file here, the cheapest printer, so the figure is the program's and not a printer's). The
plain script (bench/plain_take.py) is the floor: the same interpreter, the standard library's
sqlite3 and the same statements. The two run in turn, so a machine that slows down slows both.

    .venv/bin/python -m bench.bench_cli_take [--runs 9]
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.report import ROOT, Figure, record

KIOSK = Path(sys.executable).with_name("kiosk")
TAKE_MAX_S = 0.5  # issue 11: `kiosk ticket take` as a process


def bench_config(folder: Path) -> Path:
    """The shipped configuration with service A open all day and slips written to a file."""
    text = (ROOT / "kiosk" / "config" / "kiosk.toml").read_text()
    all_day = ", ".join(
        f'{day} = "00:00-23:59"' for day in ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    )
    text = re.sub(r'(id = "A"\n(?:.*\n)*?)hours = .*', rf"\1hours = {{ {all_day} }}", text, count=1)
    text = text.replace('transport = "virtual"', 'transport = "file"', 1)
    path = folder / "kiosk.toml"
    path.write_text(text)
    return path


def timed(command: list[str], environment: dict[str, str]) -> tuple[float, float]:
    """Wall seconds, and CPU seconds (user + system): on a shared machine the CPU time says
    what the program costs when the wall time says how busy the machine was."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, env=environment, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-") as folder:
        data_dir = Path(folder) / "data"
        environment = {
            **os.environ,
            "KIOSK_CONFIG": str(bench_config(Path(folder))),
            "KIOSK_DATA_DIR": str(data_dir),
        }
        environment.pop("KIOSK_DATABASE_URL", None)
        subprocess.run(
            [KIOSK, "db", "upgrade"], env=environment, check=True, stdout=subprocess.DEVNULL
        )
        ours_command = [str(KIOSK), "ticket", "take", "A", "--json"]
        plain_command = [
            sys.executable,
            str(ROOT / "bench" / "plain_take.py"),
            str(data_dir / "kiosk.sqlite3"),
        ]
        ours: list[tuple[float, float]] = []
        plain: list[tuple[float, float]] = []
        for run in range(args.runs + 1):  # the first pair fills the disk cache
            kiosk_s = timed(ours_command, environment)
            plain_s = timed(plain_command, environment)
            if run:
                ours.append(kiosk_s)
                plain.append(plain_s)
    print(f"{args.runs} runs each, in turn\n")
    naive = "plain script, same SQL"
    record(
        "command line",
        [
            Figure(
                "kiosk ticket take A --json, median",
                statistics.median(wall for wall, _ in ours),
                "s",
                naive,
                statistics.median(wall for wall, _ in plain),
                max_value=TAKE_MAX_S,
            ),
            Figure(
                "kiosk ticket take A --json, slowest",
                max(wall for wall, _ in ours),
                "s",
                naive,
                max(wall for wall, _ in plain),
            ),
            Figure(
                "kiosk ticket take A --json, CPU median",
                statistics.median(cpu for _, cpu in ours),
                "s",
                naive,
                statistics.median(cpu for _, cpu in plain),
            ),
        ],
    )


if __name__ == "__main__":
    main()
