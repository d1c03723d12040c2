"""Fuzzing every text field staff type into, through the use cases the screens and the command
line call: whatever is typed is saved or refused with a KioskError, never a crash. Runs on a
real SQLite file and on the real PostgreSQL server (which refuses a NUL character in text
that SQLite keeps). tests/fuzz_settings.py says how many examples."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from datetime import UTC, date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.core.work_day import parse_shift_times
from kiosk.errors import KioskError
from kiosk.services import (
    absences,
    help_requests,
    session_corrections,
    shifts,
    staff_accounts,
    staff_auth,
    workers,
)
from kiosk.services.context import Context
from kiosk.services.shifts import PlannedShift
from tests.fuzz_settings import examples
from tests.support import CLI, STAFF_PIN, add_staff

typed = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=80) | (
    st.sampled_from(
        ["\x00", "a\x00b", "\x1b[2J", "\u202e", "   ", "\t\n", "🙂" * 300, "x" * 5000, "Ä" * 33]
    )
)
WORKER = 12
# Monday 23 November 2026, 10:00-11:00 in Helsinki: a past session staff may correct.
SESSION_START = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
SESSION_END = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
SHIFT_DAY = date(2026, 11, 26)


@pytest.fixture
def fields(ctx: Context) -> dict[str, Callable[[str], object]]:
    """Each field staff can type into, as the use case that takes what was typed."""
    anna = add_staff(ctx, "anna", role="admin")
    workers.add_worker(
        ctx,
        number=WORKER,
        display_name="Matti",
        pin="583917",
        contract_start=date(2026, 11, 1),
        contract_end=date(2027, 4, 30),
        by=anna,
    )
    work = session_corrections.add_session(
        ctx, WORKER, started_at=SESSION_START, ended_at=SESSION_END, reason="set-up", by=anna
    )
    shifts.add_shifts(
        ctx, [PlannedShift(WORKER, SHIFT_DAY, parse_shift_times("09:00-12:00"))], by=anna
    )
    request = help_requests.open_request(ctx, "social_assistance")
    unique = itertools.count(100)

    def absence(reason: str) -> object:
        reported = absences.report_for_worker(ctx, WORKER, SHIFT_DAY, reason=reason, by=anna)
        # Withdrawn again, so the next example has a shift to report.
        absences.withdraw(ctx, reported[0].shift.id, by=anna)
        return reported

    return {
        "help note": lambda text: help_requests.add_note(ctx, request.code, text, by=anna),
        "staff login": lambda text: staff_accounts.add_account(
            ctx, login=text, display_name="X", role="staff", pin=STAFF_PIN, by=CLI
        ),
        "staff login at the console": lambda text: staff_auth.authenticate(ctx, text, STAFF_PIN),
        "staff name": lambda text: staff_accounts.add_account(
            ctx, login=f"s{next(unique)}", display_name=text, role="staff", pin=STAFF_PIN, by=CLI
        ),
        "worker name": lambda text: workers.add_worker(
            ctx,
            number=next(unique),
            display_name=text,
            pin="583917",
            contract_start=date(2026, 11, 1),
            contract_end=date(2027, 4, 30),
            by=anna,
        ),
        "correction reason": lambda text: session_corrections.correct_session(
            ctx, work.id, started_at=SESSION_START, ended_at=SESSION_END, reason=text, by=anna
        ),
        "forgotten session's task": lambda text: session_corrections.add_session(
            ctx,
            WORKER,
            started_at=SESSION_START,
            ended_at=SESSION_END,
            task=text,
            reason="forgot",
            by=anna,
        ),
        "absence reason": absence,
        "help place": lambda text: help_requests.call(ctx, request.code, text, by=anna),
        "help request code": lambda text: help_requests.details(ctx, text, by=anna),
    }


@examples(ci=100)
@given(data=st.data(), text=typed)
def test_whatever_staff_type_is_saved_or_refused_in_words(
    fields: dict[str, Callable[[str], object]], data: st.DataObject, text: str
) -> None:
    field = data.draw(st.sampled_from(sorted(fields)), label="field")
    try:
        fields[field](text)
    except KioskError as refused:
        assert str(refused) and refused.code != "error", (field, refused)
