"""The printer's answer to `DLE EOT n`: one byte whose bits the ESC/POS reference defines.

n = 1 printer status, 2 offline cause, 4 roll paper sensor. Bits 1 and 4 of every answer are 1
and bits 0 and 7 are 0, which tells a status byte from line noise or a stray XON/XOFF.
"""

from __future__ import annotations

from kiosk.devices.states import PrinterState, PrinterStatus

DLE_EOT = b"\x10\x04"
PRINTER_STATUS = 1
OFFLINE_CAUSE = 2
PAPER_SENSOR = 4

_FIXED_MASK = 0x93
_FIXED_BITS = 0x12
# n = 1
OFFLINE = 0x08
# n = 2
COVER_OPEN = 0x04
FEED_BUTTON = 0x08
STOPPED_PAPER_END = 0x20
ERROR = 0x40
# n = 4: each condition is reported on two bits (sensor pairs); either one counts.
PAPER_NEAR_END = 0x0C
PAPER_END = 0x60

NO_REPLY = "The printer does not answer. Check that it is switched on and the cable is in."
NOT_TAKING_DATA = (
    "The printer is not taking data (busy, out of paper or cover open). Check it, then "
    "switch it off and on."
)
REASONS = {
    PrinterState.PAPER_LOW: "The paper roll is running low. Have a new roll ready.",
    PrinterState.PAPER_OUT: "The printer is out of paper. Load a new roll.",
    PrinterState.COVER_OPEN: "The printer cover is open. Close it firmly.",
}


def is_status_byte(value: int) -> bool:
    return value & _FIXED_MASK == _FIXED_BITS


def interpret(printer: int, cause: int | None, paper: int | None) -> PrinterStatus:
    """The state from the three answers; `cause` is asked only while the printer is offline."""
    offline = bool(printer & OFFLINE)
    cause = cause or 0
    paper = paper or 0
    if offline and cause & COVER_OPEN:
        return _status(PrinterState.COVER_OPEN)
    if paper & PAPER_END or (offline and cause & STOPPED_PAPER_END):
        return _status(PrinterState.PAPER_OUT)
    if offline:
        if cause & ERROR:
            detail = "The printer reports an error. Switch it off and on again."
        elif cause & FEED_BUTTON:
            detail = "Paper is being fed with the printer's FEED button."
        else:
            detail = "The printer is offline. Check it, then switch it off and on."
        return PrinterStatus(PrinterState.OFFLINE, detail)
    if paper & PAPER_NEAR_END:
        return _status(PrinterState.PAPER_LOW)
    return PrinterStatus(PrinterState.OK)


def _status(state: PrinterState) -> PrinterStatus:
    return PrinterStatus(state, REASONS[state])
