"""Each slip's exact bytes, pinned. A change shows up as a readable diff, one command a line.

To accept an intended change, regenerate (see golden/README.md):
    KIOSK_UPDATE_GOLDEN=1 .venv/bin/pytest tests/devices/test_slip_golden.py
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from kiosk.devices.slips import badge_slip, help_request_slip, printer_test_page, ticket_slip
from kiosk.devices.slips.samples import (
    SAMPLE_BADGE_NUMBER,
    SAMPLE_BADGE_TOKEN,
    SAMPLE_MOMENT,
    sample_help_request,
    sample_ticket,
)
from kiosk.settings.schema import Settings
from tests.devices.helpers import with_clinic, with_printer

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("KIOSK_UPDATE_GOLDEN") == "1"


def _ticket_named_58(settings: Settings) -> bytes:
    setup = with_printer(with_clinic(settings, privacy_mode=False), paper_width_mm=58)
    return ticket_slip(sample_ticket(setup), setup, "sv")


def _help_raster_58(settings: Settings) -> bytes:
    setup = with_printer(settings, paper_width_mm=58, native_qr=False)
    return help_request_slip(sample_help_request(setup), setup, "en")


CASES: dict[str, Callable[[Settings], bytes]] = {
    "ticket-fi-80-privacy": lambda s: ticket_slip(sample_ticket(s), s, "fi"),
    "ticket-sv-58-named": _ticket_named_58,
    "help-fi-80": lambda s: help_request_slip(sample_help_request(s), s, "fi"),
    "help-en-58-raster-qr": _help_raster_58,
    "badge-80": lambda s: badge_slip(SAMPLE_BADGE_NUMBER, SAMPLE_BADGE_TOKEN, s),
    "test-page-en-80": lambda s: printer_test_page(s, "en", SAMPLE_MOMENT),
}


def commands(payload: bytes) -> list[str]:
    """One ESC/GS command or one printed line per entry, for a diff a person can read."""
    return [repr(part) for part in re.split(rb"(?=[\x1b\x1d])|(?<=\n)", payload) if part]


@pytest.mark.parametrize("name", sorted(CASES))
def test_slip_bytes_match_the_golden_file(settings: Settings, name: str) -> None:
    payload = CASES[name](settings)
    path = GOLDEN / f"{name}.bin"
    if UPDATE:
        path.write_bytes(payload)
    if not path.exists():
        pytest.fail(f"{path} is missing; create it with KIOSK_UPDATE_GOLDEN=1")
    expected = path.read_bytes()
    if payload != expected:
        diff = "\n".join(
            difflib.unified_diff(
                commands(expected), commands(payload), "golden", "now", lineterm=""
            )
        )
        pytest.fail(f"{name} changed:\n{diff}")
