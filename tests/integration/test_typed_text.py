"""Text staff type is saved as typed or refused in words: a control character (found by
tests/fuzz/test_fuzz_staff_text_fields.py: a NUL crashed every save on PostgreSQL, and SQLite
kept escape sequences in names that a terminal then ran) is refused the same on both."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime

import pytest

from kiosk.core.pay_period import parse_period
from kiosk.errors import KioskError, NotFound
from kiosk.services import help_requests, payouts, session_corrections, staff_accounts, workers
from kiosk.services.context import Context
from tests.support import CLI, STAFF_PIN, add_staff

BEFORE = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
AFTER = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def _worker(ctx: Context, number: int, name: str) -> object:
    return workers.add_worker(
        ctx,
        number=number,
        display_name=name,
        pin="583917",
        contract_start=date(2026, 11, 1),
        contract_end=date(2027, 4, 30),
        by=CLI,
    )


SAVES: dict[str, Callable[[Context, str], object]] = {
    "worker name": lambda ctx, text: _worker(ctx, 13, text),
    "staff name": lambda ctx, text: staff_accounts.add_account(
        ctx, login="bea", display_name=text, role="staff", pin=STAFF_PIN, by=CLI
    ),
    "help note": lambda ctx, text: help_requests.add_note(
        ctx, help_requests.open_request(ctx, "social_assistance").code, text, by=CLI
    ),
    "correction reason": lambda ctx, text: session_corrections.add_session(
        ctx, 12, started_at=BEFORE, ended_at=AFTER, reason=text, by=CLI
    ),
    "re-opening reason": lambda ctx, text: payouts.reopen(
        ctx, parse_period("2026-10"), reason=text, by=add_staff(ctx, "anna", role="admin")
    ),
}


@pytest.mark.parametrize("field", sorted(SAVES))
@pytest.mark.parametrize("typed", ["Matti\x00", "\x1b[2JMatti"])
def test_a_control_character_in_typed_text_is_refused_in_words(
    ctx: Context, field: str, typed: str
) -> None:
    _worker(ctx, 12, "Matti")
    with pytest.raises(KioskError) as refused:
        SAVES[field](ctx, typed)
    assert refused.value.code == "text.control_character"


def test_line_breaks_and_tabs_in_a_note_are_typing_and_kept(ctx: Context) -> None:
    request = help_requests.open_request(ctx, "social_assistance")
    help_requests.add_note(ctx, request.code, "papers:\n\tKela form", by=CLI)
    notes = help_requests.details(ctx, request.code, by=CLI).notes
    assert [note.text for note in notes] == ["papers:\n\tKela form"]


@pytest.mark.parametrize("typed", ["\x00", "H\x00001"])
def test_a_help_code_that_cannot_be_one_is_not_found(ctx: Context, typed: str) -> None:
    help_requests.open_request(ctx, "social_assistance")
    with pytest.raises(NotFound):
        help_requests.details(ctx, typed, by=CLI)
