"""The four slips the kiosk prints, each a function from plain values to ESC/POS bytes."""

from kiosk.devices.slips.badge import badge_slip
from kiosk.devices.slips.help_request import help_request_slip
from kiosk.devices.slips.printer_test_page import printer_test_page
from kiosk.devices.slips.samples import SLIP_KINDS, SlipKind, sample_slip
from kiosk.devices.slips.ticket import ticket_slip

__all__ = [
    "SLIP_KINDS",
    "SlipKind",
    "badge_slip",
    "help_request_slip",
    "printer_test_page",
    "sample_slip",
    "ticket_slip",
]
