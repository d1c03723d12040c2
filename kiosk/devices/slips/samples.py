"""Made-up slips for `kiosk printer render`, the benchmark and the tests: numbers only, as always.

The help sample uses the first topic with the longest checklist, so a layout is checked against
the worst case the configuration holds.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal

from kiosk.devices.slips.badge import badge_slip
from kiosk.devices.slips.help_request import help_request_slip
from kiosk.devices.slips.printer_test_page import printer_test_page
from kiosk.devices.slips.ticket import ticket_slip
from kiosk.settings.schema import Settings

SlipKind = Literal["ticket", "help", "badge", "test"]
SLIP_KINDS: tuple[SlipKind, ...] = ("ticket", "help", "badge", "test")

SAMPLE_MOMENT = datetime(2025, 3, 12, 6, 42, tzinfo=UTC)  # 8.42 in Helsinki
SAMPLE_BADGE_NUMBER = "V07"
SAMPLE_BADGE_TOKEN = "AULA-SIGNIN-7Q4M9TKXW3CD"


@dataclass(frozen=True)
class SampleTicket:
    code: str
    service: str
    taken_at: datetime
    ahead: int
    estimated_wait_min: int


@dataclass(frozen=True)
class SampleHelpRequest:
    code: str
    topic: str
    resume_code: str
    position: int | None
    estimated_wait_min: int | None


def sample_ticket(settings: Settings) -> SampleTicket:
    service = settings.services[0].id
    return SampleTicket(
        code=f"{service}017", service=service, taken_at=SAMPLE_MOMENT, ahead=3, estimated_wait_min=9
    )


def sample_help_request(settings: Settings) -> SampleHelpRequest:
    topic = max(settings.help.topics, key=lambda t: len(" ".join(t.checklist.fi)))
    return SampleHelpRequest(
        code="H003", topic=topic.id, resume_code="K7M3QX", position=2, estimated_wait_min=40
    )


def sample_slip(kind: SlipKind, settings: Settings, language: str) -> bytes:
    if kind == "ticket":
        return ticket_slip(sample_ticket(settings), settings, language)
    if kind == "help":
        return help_request_slip(sample_help_request(settings), settings, language)
    if kind == "badge":
        return badge_slip(SAMPLE_BADGE_NUMBER, SAMPLE_BADGE_TOKEN, settings)
    return printer_test_page(settings, language, SAMPLE_MOMENT)
