"""The console's People view, run for real: who is on duty with their name and task, today's
plan, sessions reviewed (accepted and corrected) with the keyboard, and the log of who opened
the view; screenshots in Finnish and English."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from kiosk.core.clock import FixedClock
from kiosk.core.work_day import parse_shift_times
from kiosk.db.models import AuditEvent
from kiosk.db.worker_models import WorkSession
from kiosk.services import absences, sign_in_out, worker_auth
from kiosk.services.context import Context
from kiosk.services.shifts import PlannedShift, add_shifts
from kiosk.services.workers import add_worker
from tests.support import CLI, TUESDAY_MORNING
from tests.ui.conftest import ARTIFACTS, Console
from tests.ui.driver import find_label, frames, press, screenshot, settle, tap, texts, type_text
from tests.ui.test_console import key, logged_in

pytestmark = pytest.mark.ui

PINS = {12: "583917", 13: "690248", 14: "702519"}
NAMES = {12: "Sam Salo", 13: "Liisa Laine", 14: "Pekka Puu"}
MONDAY = date(2026, 11, 23)
BACKSPACE = 8


def add_workers(ctx: Context, *numbers: int) -> None:
    for number in numbers:
        add_worker(
            ctx,
            number=number,
            display_name=NAMES[number],
            pin=PINS[number],
            contract_start=date(2026, 10, 1),
            contract_end=date(2026, 12, 4) if number == 14 else date(2027, 3, 31),
            by=CLI,
        )


def sign_in(ctx: Context, number: int, task: str) -> None:
    worker_pass = worker_auth.authenticate_pin(ctx, str(number), PINS[number])
    sign_in_out.sign_in(ctx, worker_pass, task=task)


def forgot_to_sign_out_yesterday(console: Console, *numbers: int) -> None:
    """Signed in on Monday morning at the kiosk and never out: closed automatically when the
    console reads, and waiting for review."""
    monday = dataclasses.replace(
        console.ctx, clock=FixedClock(datetime(2026, 11, 23, 7, 0, tzinfo=UTC)), device="lounge-1"
    )
    for number in numbers:
        sign_in(monday, number, "coffee")
        monday.clock.advance(minutes=30)


def open_people(console: Console) -> None:
    key(console, "3", ctrl=True)
    assert console.app.current == "console_people"
    settle(console.app)


def session_of(console: Console, number: int) -> WorkSession:
    with console.ctx.reading() as session:
        query = select(WorkSession).join(WorkSession.worker)
        return next(w for w in session.scalars(query) if w.worker.number == number)


def test_on_duty_lists_a_signed_in_worker_by_number_name_and_task(console: Console) -> None:
    add_workers(console.ctx, 12, 14)
    sign_in(dataclasses.replace(console.ctx, device="lounge-1"), 12, "computer_help")
    logged_in(console)
    open_people(console)
    assert "12 Sam Salo · Computer help · since 09:00" in texts()
    assert "On duty now: 1" in texts()
    assert any("14 Pekka Puu · the contract ends" in t and "in 10 days" in t for t in texts())
    # Another peer worker signs in at the kiosk: here within a second, no reload.
    add_workers(console.ctx, 13)
    sign_in(dataclasses.replace(console.ctx, device="lounge-1"), 13, "coffee")
    frames(40)
    settle(console.app)
    assert "13 Liisa Laine · Coffee service · since 09:00" in texts()


def test_opening_people_is_logged_as_a_view_of_the_names(console: Console) -> None:
    add_workers(console.ctx, 12)
    sign_in(dataclasses.replace(console.ctx, device="lounge-1"), 12, "coffee")
    logged_in(console)
    open_people(console)
    with console.ctx.reading() as session:
        [view] = session.scalars(select(AuditEvent).where(AuditEvent.action == "people.view"))
    assert (view.actor, view.device, view.at) == ("staff:anna", "console-test", TUESDAY_MORNING)
    assert view.details == {"workers": [12]}


def test_staff_accept_one_session_and_correct_another_with_a_reason(console: Console) -> None:
    add_workers(console.ctx, 12, 13)
    forgot_to_sign_out_yesterday(console, 12, 13)
    logged_in(console)
    open_people(console)
    assert "Waiting for review: 2" in texts()

    key(console, "a")  # the first, chosen already: worker 12's
    assert "The times of peer worker 12 are accepted." in texts()
    assert not session_of(console, 12).needs_review
    assert "Waiting for review: 1" in texts()

    key(console, "c")  # worker 13's, chosen now
    dialog = console.app.root_window.children[0]
    starts, ends = dialog.ids.starts, dialog.ids.ends
    for field, typed in ((starts, "9.45"), (ends, "13.15")):
        tap(field, console.app)
        for _ in field.text:
            press(BACKSPACE)
        type_text(typed)
    tap(dialog.ids.reason, console.app)
    type_text("Paper list")
    screenshot(ARTIFACTS / "console" / "people-correct-en.png")
    key(console, 13, ctrl=True)

    assert "The times of peer worker 13 are corrected." in texts()
    corrected = session_of(console, 13)
    # Helsinki is UTC+2 in November.
    assert corrected.started_at == datetime(2026, 11, 23, 7, 45, tzinfo=UTC)
    assert corrected.ended_at == datetime(2026, 11, 23, 11, 15, tzinfo=UTC)
    assert not corrected.needs_review
    with console.ctx.reading() as session:
        [logged] = session.scalars(select(AuditEvent).where(AuditEvent.action == "work.correct"))
    assert logged.actor == "staff:anna" and logged.details["reason"] == "Paper list"
    assert "Nothing to review." in texts()


def test_a_correction_refused_keeps_what_was_written(console: Console) -> None:
    add_workers(console.ctx, 12)
    forgot_to_sign_out_yesterday(console, 12)
    logged_in(console)
    open_people(console)
    key(console, "c")
    dialog = console.app.root_window.children[0]
    key(console, 13, ctrl=True)  # no reason written
    assert "Write why the times change." in dialog.problem
    type_text("Paper list")
    tap(dialog.ids.ends, console.app)
    type_text("x")
    key(console, 13, ctrl=True)
    assert dialog.problem == "Write the times like 9.15 or 13.30."
    assert dialog.ids.reason.text == "Paper list"
    assert session_of(console, 12).needs_review


@pytest.mark.parametrize("language", ["fi", "en"])
def test_people_screenshots(console: Console, language: str) -> None:
    add_workers(console.ctx, 12, 13, 14)
    today = TUESDAY_MORNING.date()
    hours = parse_shift_times("09:00-12:30")
    add_shifts(
        console.ctx,
        [PlannedShift(12, today, hours), PlannedShift(14, today, parse_shift_times("12:00-15:00"))],
        by=CLI,
    )
    forgot_to_sign_out_yesterday(console, 13)
    sign_in(dataclasses.replace(console.ctx, device="lounge-1"), 12, "computer_help")
    absences.report_for_worker(console.ctx, 14, today, by=CLI)
    logged_in(console)
    console.app.set_language(language)
    open_people(console)
    frames(5)
    find_label("12 Sam Salo", exact=False)
    # The plan, and the absence reported for it.
    assert [t.count(" · ") for t in texts() if t.startswith("14 Pekka Puu")] == [2, 1]
    screenshot(ARTIFACTS / "console" / f"people-{language}.png")
