"""The benchmarks' shared table: each figure beside the naive approach, the ratio, the target.

Every bench_*.py is its own process (so one's imports and memory do not colour another's), and
calls `record` with its figures; they gather in benchmarks/results.json under the benchmark's
name. `make bench` starts from an empty file and ends with `python -m bench.report`, which prints
the whole table. A benchmark run alone prints its own rows the same way.

    .venv/bin/python -m bench.report [--results benchmarks/results.json]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import time
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results.json"


@dataclass(frozen=True)
class Figure:
    """One measured figure. `naive` is the same thing done the naive way in the same run.

    A target is either a ratio to the naive figure (`max_ratio`, e.g. home refresh on 3 years at
    most 2× today's) or an absolute bound in the figure's own unit (`max_value`)."""

    name: str
    value: float
    unit: str
    naive_name: str = ""
    naive: float | None = None
    max_ratio: float | None = None
    max_value: float | None = None

    @property
    def ratio(self) -> float | None:
        return self.value / self.naive if self.naive else None

    @property
    def target(self) -> str:
        if self.max_ratio is not None:
            return f"≤ {self.max_ratio:g}×"
        if self.max_value is not None:
            return f"≤ {self.max_value:g} {self.unit}"
        return ""

    @property
    def passed(self) -> bool | None:
        if self.max_ratio is not None:
            return self.ratio is not None and self.ratio <= self.max_ratio
        if self.max_value is not None:
            return self.value <= self.max_value
        return None

    def to_json(self) -> dict[str, object]:
        return {**asdict(self), "ratio": self.ratio, "target": self.target, "passed": self.passed}


def record(benchmark: str, figures: list[Figure], results: Path = RESULTS) -> None:
    """Print `figures` and store them in `results` under `benchmark`, beside the others'."""
    print_table({benchmark: [figure.to_json() for figure in figures]})
    results.parent.mkdir(parents=True, exist_ok=True)
    stored = json.loads(results.read_text()) if results.exists() else {}
    stored.setdefault("machine", machine())
    stored.setdefault("benchmarks", {})[benchmark] = [figure.to_json() for figure in figures]
    temporary = results.with_suffix(".tmp")
    temporary.write_text(json.dumps(stored, indent=2, ensure_ascii=False) + "\n")
    temporary.replace(results)


def machine() -> dict[str, object]:
    """What the figures were measured on: they mean little without it."""
    return {
        "started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "load_average": os.getloadavg(),
    }


def print_table(benchmarks: dict[str, list[dict[str, object]]]) -> None:
    header = f"{'figure':<44} {'ours':>10} {'naive':>10}  {'ratio':>9}  {'target':>10}  pass  naive approach"
    print(header)
    print("-" * len(header))
    for benchmark, figures in benchmarks.items():
        print(f"[{benchmark}]")
        for figure in figures:
            print(_row(figure))


def _row(figure: dict[str, object]) -> str:
    unit = str(figure["unit"])
    naive = figure["naive"]
    ratio = figure["ratio"]
    passed = {True: "yes", False: "NO", None: ""}[figure["passed"]]  # type: ignore[index]
    return (
        f"{figure['name']:<44} {_amount(figure['value'], unit):>10} "
        f"{_amount(naive, unit) if naive is not None else '':>10}  "
        f"{f'{ratio:.3g}×' if isinstance(ratio, float) else '':>9}  {figure['target']:>10}  "
        f"{passed:<4}  {figure['naive_name']}"
    )


def _amount(value: object, unit: str) -> str:
    number = float(value)  # type: ignore[arg-type]
    digits = (
        0 if abs(number) >= 100 or unit in {"", "B", "takes/s"} else 1 if abs(number) >= 10 else 2
    )
    return f"{number:,.{digits}f} {unit}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--results", type=Path, default=RESULTS)
    args = parser.parse_args()
    if not args.results.exists():
        raise SystemExit(f"{args.results} does not exist yet: run `make bench` first")
    stored = json.loads(args.results.read_text())
    print(f"\nAll figures ({args.results.relative_to(ROOT)}):")
    print_table(stored["benchmarks"])
    failed = [
        f["name"]
        for figures in stored["benchmarks"].values()
        for f in figures
        if f["passed"] is False
    ]
    print(
        f"\n{len(failed)} figure(s) miss their target"
        + (": " + "; ".join(failed) if failed else "")
    )


if __name__ == "__main__":
    main()
