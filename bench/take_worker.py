"""One process of bench_concurrent_takes: waits for "go" on stdin, takes numbers for service A
as fast as it can, then prints one JSON line: each take's seconds and the code it got.

    python -m bench.take_worker URL DATA_DIR TAKES
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from bench.bench_take_latency import OPEN
from kiosk.core.clock import FixedClock
from kiosk.services.context import Context
from kiosk.services.tickets import new_visit, take_number
from kiosk.settings.loader import load_settings


def main() -> None:
    url, data_dir, takes = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3])
    ctx = Context.open(load_settings(), data_dir, url=url, clock=FixedClock(OPEN))
    take_number(ctx, "B", visit=new_visit())  # connects and warms the statement cache
    print("ready", flush=True)
    sys.stdin.readline()
    seconds, codes = [], []
    for _ in range(takes):
        started = time.perf_counter()
        codes.append(take_number(ctx, "A", visit=new_visit()).code)
        seconds.append(time.perf_counter() - started)
    print(json.dumps({"seconds": seconds, "codes": codes}), flush=True)
    ctx.engine.dispose()


if __name__ == "__main__":
    main()
