"""What a printer can be doing, as the kiosk screen and the staff console show it."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class PrinterState(StrEnum):
    OK = "ok"
    PAPER_LOW = "paper_low"
    PAPER_OUT = "paper_out"
    COVER_OPEN = "cover_open"
    OFFLINE = "offline"
    DISCONNECTED = "disconnected"

    @property
    def can_print(self) -> bool:
        # A near-end roll still has metres of paper: print, but let staff know.
        return self in (PrinterState.OK, PrinterState.PAPER_LOW)


@dataclass(frozen=True)
class PrinterStatus:
    state: PrinterState
    detail: str = ""  # plain language, for staff: what is wrong and what to do

    def to_json(self) -> dict[str, str]:
        return {"state": self.state.value, "detail": self.detail}


class PrinterUnavailable(Exception):
    """A job could not be printed; `status` says why, in words staff can act on."""

    def __init__(self, status: PrinterStatus) -> None:
        super().__init__(status.detail or status.state.value)
        self.status = status
