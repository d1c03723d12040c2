"""The staff console on a staff PC, run for real: a keyboard login, the help-request queue worked
with keys and clicks, the details and notes, alerts with the chime, and logging out (by hand and
after inactivity, announced first)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from kiosk.core.actor import Actor
from kiosk.db.models import AuditEvent, HelpNote, HelpRequest
from kiosk.errors import Refused
from kiosk.services import help_requests, sign_in_out, staff_accounts, staff_auth, worker_auth
from kiosk.services.workers import add_worker
from kiosk.ui.staff_alerts import REPEAT_S
from tests.support import CLI, STAFF_PIN, add_staff
from tests.ui.conftest import ARTIFACTS, Console
from tests.ui.driver import (
    frames,
    press,
    screen_text,
    screenshot,
    settle,
    tap,
    texts,
    type_text,
    wait_until,
)

pytestmark = pytest.mark.ui

TAB, ENTER, ESCAPE, UP, DOWN, END = 9, 13, 27, 273, 274, 279
WORKER_PIN = "583917"


def key(console: Console, pressed: int | str, *, ctrl: bool = False) -> None:
    """A key on the keyboard, and whatever it started finished."""
    press(pressed, ctrl=ctrl)
    settle(console.app)


def log_in_by_keyboard(console: Console, login: str = "anna", pin: str = STAFF_PIN) -> None:
    type_text(login)
    key(console, TAB)
    type_text(pin)
    key(console, ENTER)


def logged_in(console: Console) -> None:
    add_staff(console.ctx, "anna")
    console.app.set_language("en")
    log_in_by_keyboard(console)
    assert console.app.current == "console_queue"


def request_row(console: Console, code: str) -> HelpRequest:
    with console.ctx.reading() as session:
        return session.scalars(select(HelpRequest).where(HelpRequest.number == int(code[1:]))).one()


def actions(console: Console) -> list[str]:
    with console.ctx.reading() as session:
        query = select(AuditEvent.action).where(AuditEvent.subject_type == "help_request")
        return list(session.scalars(query.order_by(AuditEvent.id)))


def worker_on_duty(console: Console, number: int = 12, name: str = "Sam") -> None:
    add_worker(
        console.ctx,
        number=number,
        display_name=name,
        pin=WORKER_PIN,
        contract_start=date(2026, 10, 1),
        contract_end=date(2027, 3, 31),
        by=CLI,
    )
    worker_pass = worker_auth.authenticate_pin(console.ctx, str(number), WORKER_PIN)
    sign_in_out.sign_in(console.ctx, worker_pass, task="computer_help")


# --- logging in and out -----------------------------------------------------------------------


def test_keyboard_alone_logs_in_and_works_a_request_through_the_queue(console: Console) -> None:
    """Name, Tab, PIN, Enter; then arrows, Enter and the letters on the buttons."""
    add_staff(console.ctx, "anna")
    for topic in ("housing_allowance", "social_assistance"):
        help_requests.open_request(console.ctx, topic)
    console.app.set_language("en")
    assert console.app.current == "console_login"
    log_in_by_keyboard(console)
    assert console.app.current == "console_queue"
    assert "H001 · Housing allowance" in texts()
    key(console, DOWN)
    assert "H002 · Social assistance" in texts()
    key(console, ENTER)  # the details, logged as a view
    assert "History" in texts() and actions(console)[-1] == "help.view"
    key(console, "n")  # a note, from the details
    type_text("Needs the rental agreement.")
    key(console, ENTER, ctrl=True)
    settle(console.app)
    with console.ctx.reading() as session:
        assert session.scalars(select(HelpNote.text)).all() == ["Needs the rental agreement."]
    # The details open again with the note in them; Escape closes them.
    assert "Needs the rental agreement." in texts()
    key(console, ESCAPE)
    key(console, "c")  # take it: no desk set for this console, so it asks where to call it
    assert "Take H002 and call it to:" in texts()
    key(console, "1")
    settle(console.app)
    taken = request_row(console, "H002")
    assert (taken.status, taken.claimed_by, taken.place) == ("in_progress", "staff:anna", "lift")
    assert "H002 is yours now, called to Lift computer." in texts()
    key(console, "w")
    settle(console.app)
    assert request_row(console, "H002").status == "waiting_docs"
    key(console, UP)
    key(console, "x")  # cancelling asks first; Escape keeps it
    assert "Cancel H001?" in texts()
    key(console, ESCAPE)
    assert request_row(console, "H001").status == "open"
    key(console, "p")
    key(console, ENTER)  # the highlighted "Yes, not present"
    settle(console.app)
    assert request_row(console, "H001").status == "not_present"
    assert actions(console)[-1] == "help.not_present"


def test_a_wrong_pin_is_worded_for_staff_and_the_pin_is_typed_again(console: Console) -> None:
    add_staff(console.ctx, "anna")
    console.app.set_language("en")
    log_in_by_keyboard(console, pin="111000")
    assert "The login name or the PIN is not right. Please try again." in texts()
    screen = console.app.current_screen
    assert (screen.stage, screen.login, screen.dots) == ("pin", "anna", "")
    type_text(STAFF_PIN)
    key(console, ENTER)
    settle(console.app)
    assert console.app.current == "console_queue"


def test_failed_logins_pause_this_console_and_say_until_when(console: Console) -> None:
    add_staff(console.ctx, "anna")
    for attempt in range(10):
        with pytest.raises(Refused):
            staff_auth.authenticate(console.ctx, f"guess{attempt}", "111000")
    console.app.set_language("en")
    console.app.show("console_login")
    settle(console.app)
    assert "Too many failed logins here. Staff login opens again at 09:01." in texts()
    log_in_by_keyboard(console)
    assert console.app.current == "console_login"  # the keys wait meanwhile


def test_logging_out_leaves_the_login_and_nothing_of_the_queue(console: Console) -> None:
    help_requests.open_request(console.ctx, "housing_allowance")
    logged_in(console)
    key(console, ENTER)  # details open when the session ends
    assert "History" in texts()
    key(console, "l", ctrl=False)  # a plain L does nothing
    assert console.app.staff.logged_in
    key(console, "l", ctrl=True)
    assert console.app.current == "console_login" and not console.app.staff.logged_in
    assert "H001" not in screen_text() and "History" not in screen_text()
    assert not console.app.manager.has_screen("console_queue")
    assert "Type your login name." in texts()


def test_inactivity_logs_out_after_a_warning_that_offers_to_stay(console: Console) -> None:
    logged_in(console)
    settings = console.ctx.settings.console
    quiet = settings.idle_logout_seconds - settings.idle_warning_seconds
    console.time.advance(quiet - 1)
    frames(30)  # the idle watcher looks four times a second
    assert not console.app.idle.warning_shown
    console.time.advance(2)
    frames(30)  # the idle watcher looks four times a second
    assert console.app.idle.warning_shown
    assert "You will be logged out in 59 seconds." in texts()
    key(console, "a")  # any key: still here, and the key does nothing under the warning
    assert not console.app.idle.warning_shown and console.app.staff.logged_in
    console.time.advance(settings.idle_logout_seconds - 1)
    frames(30)  # the idle watcher looks four times a second
    assert console.app.idle.warning_shown
    tap("Stay logged in", console.app)
    console.time.advance(settings.idle_logout_seconds + 1)
    frames(30)  # the idle watcher looks four times a second
    assert console.app.current == "console_login" and not console.app.staff.logged_in
    assert not console.app.idle.warning_shown


def test_a_deactivated_account_is_logged_out_at_its_next_step(console: Console) -> None:
    help_requests.open_request(console.ctx, "housing_allowance")
    logged_in(console)
    staff_accounts.deactivate(console.ctx, "anna", by=CLI)
    key(console, "c")
    key(console, "1")
    settle(console.app)
    assert console.app.current == "console_login"
    assert "This staff account is no longer in use. Please ask an admin." in texts()
    assert request_row(console, "H001").status == "open"


# --- the queue --------------------------------------------------------------------------------


def test_each_list_shows_who_has_a_request_and_since_when(console: Console) -> None:
    worker_on_duty(console)
    add_staff(console.ctx, "timo")
    for topic in (
        "housing_allowance",
        "pension_rehabilitation",
        "computer_help",
        "sickness_allowance",
    ):
        help_requests.open_request(console.ctx, topic, has_documents=topic == "computer_help")
    help_requests.claim(console.ctx, "H003", by=Actor("worker", "12"))
    help_requests.claim(console.ctx, "H004", by=Actor("staff", "timo"))
    console.clock.advance(minutes=5)
    help_requests.wait_for_documents(console.ctx, "H004", by=Actor("staff", "timo"))
    console.clock.advance(minutes=7)
    logged_in(console)
    # The list's end is scrolled into view for the last sections: with a tab for each view, the
    # bar above it may take two rows.
    lists = console.app.current_screen.ids.list
    shown = texts()
    lists.scroll_y = 0
    settle(console.app)
    shown += texts()
    assert {"Open: 2", "In progress: 1", "Waiting for documents: 1"} <= set(shown)
    assert "12 min" in shown  # H001's age
    assert "Place 1 in line" not in shown and "No. 2 in line" in shown
    assert (
        "Peer worker 12: Sam · called to Lift computer" in shown
    )  # a peer worker's claim calls it
    assert "Staff only" in shown  # H002, pension or rehabilitation
    assert "Has the documents" in shown and "Own bank credentials" in shown
    assert "Waiting since 09:05" in shown
    screenshot(ARTIFACTS / "console" / "queue-lists.png")


def test_staff_give_a_request_to_a_peer_worker_picked_from_those_signed_in(
    console: Console,
) -> None:
    worker_on_duty(console, 12, "Sam")
    help_requests.open_request(console.ctx, "housing_allowance")
    logged_in(console)
    key(console, "a")
    settle(console.app)
    assert "Give H001 to a peer worker signed in now:" in texts()
    tap("Peer worker 12: Sam", console.app)
    assert request_row(console, "H001").assigned_to == "worker:12"
    assert "H001 is given to peer worker 12." in texts()


def test_a_staff_only_topic_cannot_be_given_to_a_peer_worker(console: Console) -> None:
    help_requests.open_request(console.ctx, "pension_rehabilitation")
    logged_in(console)
    key(console, "a")
    assert console.app.current_screen._buttons["assign"].disabled
    assert "Give H001 to a peer worker signed in now:" not in texts()


def test_a_call_goes_to_the_desk_picked_and_again_there(console: Console) -> None:
    help_requests.open_request(console.ctx, "housing_allowance")
    logged_in(console)
    key(console, "k")
    assert "Call H001 to:" in texts()
    key(console, DOWN)
    key(console, ENTER)
    settle(console.app)
    assert request_row(console, "H001").place == "social"
    assert "H001 is called to Social worker's room." in texts()
    key(console, "r")
    settle(console.app)
    assert actions(console)[-2:] == ["help.call", "help.recall"]


def test_a_console_at_a_help_desk_calls_what_it_takes_there(start_console) -> None:  # type: ignore[no-untyped-def]
    from tests.support import around_the_clock_toml, settings_from

    settings = settings_from(around_the_clock_toml().replace('place = ""', 'place = "social"'))
    console = start_console(settings)
    help_requests.open_request(console.ctx, "housing_allowance")
    logged_in(console)
    key(console, "c")
    settle(console.app)
    assert request_row(console, "H001").place == "social"


# --- alerts -----------------------------------------------------------------------------------


def test_a_new_request_alerts_with_the_chime_until_someone_acknowledges_it(
    console: Console,
) -> None:
    help_requests.open_request(console.ctx, "housing_allowance")
    logged_in(console)
    alerts = console.app.alerts
    frames(30)  # the alerts look at the clock once a second
    # Open at login: not new to the person logging in.
    assert list(alerts.pending) == [] and alerts.chimes == 0
    help_requests.open_request(console.ctx, "social_assistance")
    wait_until(lambda: bool(alerts.pending), console.app, timeout=3)
    assert "New help request H002: Social assistance" in texts()
    assert alerts.chimes == 1  # started on SDL's audio (the dummy driver here)
    screenshot(ARTIFACTS / "console" / "alert.png")
    console.time.advance(REPEAT_S)
    wait_until(lambda: alerts.chimes == 2, console.app, timeout=5)
    key(console, "k", ctrl=True)  # acknowledged
    assert list(alerts.pending) == [] and "New help request H002: Social assistance" not in texts()
    console.time.advance(REPEAT_S * 3)
    frames(10)
    wait_until(lambda: not console.app.sounds.busy, console.app, timeout=5)
    assert alerts.chimes == 2
    # A change elsewhere reads the queue again: the same request does not alert again.
    help_requests.call(console.ctx, "H001", "lift", by=CLI)
    frames(60)
    settle(console.app)
    assert list(alerts.pending) == [] and alerts.chimes == 2


def test_a_request_waiting_too_long_alerts_once(console: Console) -> None:
    help_requests.open_request(console.ctx, "housing_allowance")
    logged_in(console)
    alerts = console.app.alerts
    limit = console.ctx.settings.console.help_wait_alert_minutes
    console.clock.advance(minutes=limit - 1)
    frames(70)
    assert list(alerts.pending) == []
    console.clock.advance(minutes=1)
    wait_until(lambda: bool(alerts.pending), console.app, timeout=3)
    assert f"H001 has waited {limit} minutes: Housing allowance" in texts()
    tap("Seen", console.app)
    console.clock.advance(minutes=30)
    frames(70)
    assert list(alerts.pending) == [] and alerts.chimes == 1


def test_an_alert_goes_by_itself_once_its_request_is_taken(console: Console) -> None:
    logged_in(console)
    help_requests.open_request(console.ctx, "housing_allowance")
    wait_until(lambda: bool(console.app.alerts.pending), console.app, timeout=3)
    help_requests.claim(console.ctx, "H001", by=CLI)
    wait_until(lambda: not console.app.alerts.pending, console.app, timeout=3)


def test_logging_out_stops_the_alerts(console: Console) -> None:
    logged_in(console)
    key(console, "l", ctrl=True)
    help_requests.open_request(console.ctx, "housing_allowance")
    frames(60)
    settle(console.app)
    assert list(console.app.alerts.pending) == [] and console.app.alerts.chimes == 0
    # The next person logging in finds it open, not new.
    log_in_by_keyboard(console)
    frames(30)
    assert list(console.app.alerts.pending) == []
