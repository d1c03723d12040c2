"""How the staff console says a kiosk printer's state, and what to do about it, in the staff's
language: words for a nurse at the printer, never a command to run."""

from __future__ import annotations

from kiosk.ui.i18n import N_, tr

STATE_WORDS = {
    "ok": N_("Working"),
    "paper_low": N_("Paper is running low"),
    "paper_out": N_("Out of paper"),
    "cover_open": N_("The cover is open"),
    "offline": N_("Not ready"),
    "disconnected": N_("Not connected"),
}
WHAT_TO_DO = {
    "ok": "",
    "paper_low": N_("Have a new paper roll ready."),
    "paper_out": N_("Put a new paper roll in the printer."),
    "cover_open": N_("Close the printer's cover until it clicks."),
    "offline": N_("Check that the printer is switched on and has no red light."),
    "disconnected": N_("Check the printer's power and its cable to the kiosk."),
}
STATE_ICONS = {
    "ok": "printer-check",
    "paper_low": "printer-alert",
    "paper_out": "printer-alert",
    "cover_open": "printer-alert",
    "offline": "printer-off",
    "disconnected": "printer-off",
}
SILENT_ICON = "help-circle-outline"


def state_words(state: str) -> str:
    words = STATE_WORDS.get(state)
    return tr._(words) if words is not None else state


def what_to_do(state: str) -> str:
    words = WHAT_TO_DO.get(state, "")
    return tr._(words) if words else ""


def silent_words() -> str:
    return tr._("Not known: the kiosk is not reporting")


def silent_what_to_do() -> str:
    return tr._("Check that the kiosk is switched on and shows its start screen.")


def alarm_line(kiosk_id: str, state: str) -> str:
    """One line in the console's alert area: "Printer of lounge-1: Out of paper"."""
    return tr._("Printer of {kiosk}: {state}").format(kiosk=kiosk_id, state=state_words(state))
