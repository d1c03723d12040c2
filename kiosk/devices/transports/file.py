"""A "printer" that appends each job's raw bytes to a file: for a printer shared as a device
file (/dev/usb/lp0), or for looking at the bytes later."""

from __future__ import annotations

import os
from pathlib import Path

from kiosk.devices.states import PrinterState, PrinterStatus, PrinterUnavailable


class FilePrinter:
    def __init__(self, path: Path) -> None:
        self.path = path

    def status(self) -> PrinterStatus:
        # The file, or the nearest folder above it that exists: send() creates the rest.
        target = next(p for p in (self.path, *self.path.parents) if p.exists())
        if os.access(target, os.W_OK):
            return PrinterStatus(PrinterState.OK)
        return PrinterStatus(PrinterState.OFFLINE, f"Cannot write to {self.path}.")

    def send(self, payload: bytes) -> PrinterStatus:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self.path.open("ab") as out:
                out.write(payload)
        except OSError as error:
            detail = f"Cannot write to {self.path}: {error.strerror or error}."
            raise PrinterUnavailable(PrinterStatus(PrinterState.OFFLINE, detail)) from None
        return PrinterStatus(PrinterState.OK)

    def close(self) -> None:
        """Nothing stays open between jobs."""
