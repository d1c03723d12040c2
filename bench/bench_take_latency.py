"""How long a client waits for a slip: from the use case taking a number to the last byte of the
slip read by a serial printer at 9600 baud, beside the slip's own time on the wire.

The printer is a real pty read at the pace a 9600-baud line delivers bytes (10 bits a byte, the
status queries and their answers included); the kiosk prints through its own SerialPrinter and
PrintWorker, building the slip on the printer's thread as the touchscreen does. The wire time of
the slip alone is the floor no queue system can beat, so the ratio is everything else the kiosk
adds: the transaction, the wait estimate, building the slip and the status query before it.

SQLite always; PostgreSQL when KIOSK_TEST_POSTGRES_URL is set.

    .venv/bin/python -m bench.bench_take_latency [--takes 100]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import threading
import time
from datetime import datetime
from functools import partial
from pathlib import Path
from zoneinfo import ZoneInfo

from bench.report import Figure, record
from bench.throwaway_postgres import postgres_database
from kiosk.core.clock import FixedClock
from kiosk.db.engine import make_engine
from kiosk.db.migrations import upgrade
from kiosk.devices.print_worker import PrintWorker
from kiosk.devices.slips import ticket_slip
from kiosk.devices.transports import SerialPrinter
from kiosk.services.context import Context
from kiosk.services.tickets import new_visit, take_number
from kiosk.settings.loader import load_settings
from tests.devices.helpers import FakeSerialPrinter, serial_settings

BAUD = 9600
BITS_PER_BYTE = 10
TAKE_P99_MAX_RATIO = 1.15  # issue 11: take p99 at most 1.15× the slip's wire time
# A Monday morning, when service A gives numbers.
OPEN = datetime(2026, 11, 23, 9, 0, tzinfo=ZoneInfo("Europe/Helsinki"))


class PacedPrinter(FakeSerialPrinter):
    """A printer behind a 9600-baud line: a byte is read only when the line could have brought
    it, and an answer leaves only after the line has carried it back."""

    def __init__(self, folder: Path) -> None:
        self._line_free = 0.0
        self._arrived = threading.Condition()
        self.last_byte_at = 0.0
        super().__init__(folder)

    def take(self, data: bytes) -> bytes:
        answers = super().take(data)
        now = time.perf_counter()
        self._line_free = (
            max(now, self._line_free) + (len(data) + len(answers)) * BITS_PER_BYTE / BAUD
        )
        time.sleep(max(0.0, self._line_free - now))
        with self._arrived:
            self.last_byte_at = self._line_free
            self._arrived.notify_all()
        return answers

    def wait_for(self, size: int, timeout: float = 10.0) -> float:
        """When the job bytes received reached `size`: the moment the last one was read."""
        with self._arrived:
            if not self._arrived.wait_for(lambda: len(self.received) >= size, timeout):
                raise SystemExit(f"the printer got {len(self.received)} of {size} bytes")
            return self.last_byte_at


def measure(label: str, url: str, data_dir: Path, takes: int) -> list[Figure]:
    settings = load_settings()
    engine = make_engine(url, create=True)
    upgrade(engine)
    engine.dispose()
    ctx = Context.open(settings, data_dir, url=url, clock=FixedClock(OPEN))
    printer = PacedPrinter(data_dir)
    worker = PrintWorker(SerialPrinter(serial_settings(printer.port, baudrate=BAUD)))
    latencies: list[float] = []
    wire: list[float] = []
    try:
        for _ in range(takes + 5):  # the first five open the port and warm the caches
            printer.received.clear()
            started = time.perf_counter()
            ticket = take_number(ctx, "A", visit=new_visit())
            # Built on the printer's thread, as the touchscreen has it built.
            outcome = worker.submit(partial(ticket_slip, ticket, settings, "fi"), ticket.code)
            # The printer's answer after the job: the next take waits for it, as a client would.
            if not outcome.result(timeout=10).printed:
                raise SystemExit(f"{ticket.code} was not printed: {outcome.result().reason}")
            size = len(ticket_slip(ticket, settings, "fi"))
            last_byte = printer.wait_for(size)
            latencies.append(last_byte - started)
            wire.append(size * BITS_PER_BYTE / BAUD)
    finally:
        worker.stop()
        printer.close()
        ctx.engine.dispose()
    latencies, wire = latencies[5:], wire[5:]
    percentiles = statistics.quantiles(latencies, n=100, method="inclusive")
    wire_s = statistics.median(wire)
    print(f"{label}: {takes} takes, slip {wire_s * BAUD / BITS_PER_BYTE:.0f} B")
    return [
        Figure(
            f"take → last byte p50, {label}",
            percentiles[49] * 1000,
            "ms",
            "wire time alone",
            wire_s * 1000,
        ),
        Figure(
            f"take → last byte p99, {label}",
            percentiles[98] * 1000,
            "ms",
            "wire time alone",
            wire_s * 1000,
            max_ratio=TAKE_P99_MAX_RATIO,
        ),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--takes", type=int, default=100)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-") as folder:
        data_dir = Path(folder)
        figures = measure("SQLite", f"sqlite:///{data_dir / 'kiosk.sqlite3'}", data_dir, args.takes)
        with postgres_database() as postgres:
            if postgres is not None:
                figures += measure("PostgreSQL", postgres, data_dir, args.takes)
    print()
    record("take a number", figures)


if __name__ == "__main__":
    main()
