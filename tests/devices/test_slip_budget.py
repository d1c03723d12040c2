"""A ticket is at most 300 bytes and a help slip at most 900: on a 9600-baud line that is the
difference between a slip in a third of a second and a client waiting at the kiosk."""

from __future__ import annotations

from dataclasses import replace

import pytest

from kiosk.devices.slips import help_request_slip, ticket_slip
from kiosk.devices.slips.samples import sample_help_request, sample_ticket
from kiosk.settings.loader import load_settings
from kiosk.settings.schema import Settings
from tests.devices.helpers import with_clinic, with_printer

TICKET_BUDGET = 300
HELP_BUDGET = 900


def shipped_variants() -> list[Settings]:
    """The shipped configuration at both widths, with and without privacy mode."""
    shipped = load_settings()
    return [
        with_printer(with_clinic(shipped, privacy_mode=privacy), paper_width_mm=width)
        for privacy in (True, False)
        for width in (58, 80)
    ]


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_every_ticket_fits_the_budget(language: str) -> None:
    for setup in shipped_variants():
        for service in setup.services:
            # Worst case: a four-digit number, many ahead, a long wait.
            ticket = replace(
                sample_ticket(setup),
                code=f"{service.id}1234",
                service=service.id,
                ahead=123,
                estimated_wait_min=145,
            )
            size = len(ticket_slip(ticket, setup, language))
            assert size <= TICKET_BUDGET, (service.id, language, size)


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_every_help_slip_fits_the_budget(language: str) -> None:
    for setup in shipped_variants():
        for topic in setup.help.topics:
            request = replace(sample_help_request(setup), topic=topic.id, position=23)
            size = len(help_request_slip(request, setup, language))
            assert size <= HELP_BUDGET, (topic.id, language, size)


def test_the_sample_ticket_is_about_the_size_the_domain_notes_promise(settings: Settings) -> None:
    """DOMAIN.md: "the same ticket as text ... is ~140 bytes"."""
    assert len(ticket_slip(sample_ticket(settings), settings, "fi")) < 160
