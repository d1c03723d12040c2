"""Printers for the UI tests: the real virtual printer with a fault switch, and a stalled one."""

from __future__ import annotations

import threading
from pathlib import Path

from kiosk.devices.states import PrinterState, PrinterStatus, PrinterUnavailable
from kiosk.devices.transports.virtual import VirtualPrinter
from kiosk.settings.schema import PrinterSettings

PAPER_OUT = PrinterStatus(PrinterState.PAPER_OUT, "Paper is out: put in a new roll.")
STALLED = PrinterStatus(PrinterState.OFFLINE, "The printer stopped taking data (write time-out).")


class BreakablePrinter(VirtualPrinter):
    """The virtual printer (PNG per slip, decoded text) that can be given a fault."""

    def __init__(self, printer: PrinterSettings, folder: Path) -> None:
        super().__init__(printer, folder)
        self.fault: PrinterStatus | None = None
        self.jobs = 0

    def status(self) -> PrinterStatus:
        return self.fault or super().status()

    def send(self, payload: bytes) -> PrinterStatus:
        self.jobs += 1
        if self.fault is not None:
            raise PrinterUnavailable(self.fault)
        return super().send(payload)


class StalledPrinter:
    """A printer that stopped reading: each job hangs until released, then times out, as a
    serial write to a jammed printer does."""

    def __init__(self) -> None:
        self.release = threading.Event()
        self.waiting = threading.Event()  # a job is hanging in send()

    def status(self) -> PrinterStatus:
        return PrinterStatus(PrinterState.OK)

    def send(self, payload: bytes) -> PrinterStatus:
        self.waiting.set()
        self.release.wait(30)
        raise PrinterUnavailable(STALLED)

    def close(self) -> None:
        self.release.set()
