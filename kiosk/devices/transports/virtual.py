"""The virtual printer as a transport: every job becomes a PNG of the slip in a folder.

For development, demos and the README's run command: what the client would be handed, without
paper. It decodes strictly, so a job it cannot read fails like a real printer fault would.
"""

from __future__ import annotations

import itertools
import threading
from datetime import datetime
from pathlib import Path

from kiosk.devices.states import PrinterState, PrinterStatus, PrinterUnavailable
from kiosk.devices.virtual import DecodedSlip, EscPosDecodeError, decode_for, render_slip
from kiosk.settings.schema import PrinterSettings


class VirtualPrinter:
    def __init__(self, printer: PrinterSettings, folder: Path) -> None:
        self.printer = printer
        self.folder = folder
        self.last_png: Path | None = None
        self.last_slip: DecodedSlip | None = None
        self._numbers = itertools.count(1)
        self._lock = threading.Lock()

    def status(self) -> PrinterStatus:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            return PrinterStatus(
                PrinterState.OFFLINE, f"Cannot write slips to {self.folder}: {error.strerror}."
            )
        return PrinterStatus(PrinterState.OK)

    def send(self, payload: bytes) -> PrinterStatus:
        with self._lock:
            try:
                slip = decode_for(payload, self.printer)
            except EscPosDecodeError as error:
                detail = f"The virtual printer cannot read this job: {error}"
                raise PrinterUnavailable(PrinterStatus(PrinterState.OFFLINE, detail)) from None
            # Time first so the folder lists in printing order; the counter keeps two slips in
            # the same microsecond apart.
            name = f"{datetime.now():%Y%m%d-%H%M%S-%f}-{next(self._numbers):04d}.png"
            path = self.folder / name
            try:
                self.folder.mkdir(parents=True, exist_ok=True)
                render_slip(slip).save(path)
            except OSError as error:
                detail = f"Cannot write slips to {self.folder}: {error.strerror or error}."
                raise PrinterUnavailable(PrinterStatus(PrinterState.OFFLINE, detail)) from None
            self.last_png, self.last_slip = path, slip
            return PrinterStatus(PrinterState.OK)

    def close(self) -> None:
        """Nothing stays open between jobs."""
