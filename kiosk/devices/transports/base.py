"""What every transport offers the print worker."""

from __future__ import annotations

from typing import Protocol

from kiosk.devices.states import PrinterStatus


class Printer(Protocol):
    def send(self, payload: bytes) -> PrinterStatus:
        """Print one job; the status after it, or `PrinterUnavailable` saying why not.

        Never blocks for longer than the configured time-outs allow.
        """
        ...

    def status(self) -> PrinterStatus:
        """Ask the printer how it is, without printing."""
        ...

    def close(self) -> None:
        """Let go of the port or connection; the next call opens it again."""
        ...
