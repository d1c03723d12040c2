"""The staff console's window view, run for real: a nurse logs in with the keyboard alone and
calls the next number with one key (F2); calls it again, marks it served or not present, by key
and by click; picks the window once per session (or the PC's `[console] window` picks it); sees
each service's waiting count and wait change live; and reads refusals in staff words.

Screenshots of the view go to test-artifacts/screens/console-window-<where>/ (open them and
look): a staff PC in landscape and a portrait staff screen, and inside the kiosk after a staff
login in both orientations, each in every language and measured as the kiosk's screens are.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from kiosk.db.models import AuditEvent, Ticket
from kiosk.services import tickets
from kiosk.settings.schema import LANGUAGES, Settings
from kiosk.ui.shell import ShellApp
from tests.support import STAFF_PIN, add_staff, around_the_clock_toml, default_toml, settings_from
from tests.ui.conftest import LANDSCAPE, PORTRAIT, Console, Kiosk, Start, StartConsole
from tests.ui.driver import press, settle, tap, texts, type_text, wait_until
from tests.ui.test_screens import english_leftovers, look_at, unlimited_frames

pytestmark = pytest.mark.ui

TAB, ENTER, ESCAPE, F2 = 9, 13, 27, 283


def key(app: ShellApp, pressed: int | str, *, ctrl: bool = False) -> None:
    """A key on the keyboard, and whatever it started finished."""
    press(pressed, ctrl=ctrl)
    settle(app)


def log_in_by_keyboard(console: Console) -> None:
    add_staff(console.ctx, "anna")
    console.app.set_language("en")
    type_text("anna")
    key(console.app, TAB)
    type_text(STAFF_PIN)
    key(console.app, ENTER)
    assert console.app.current == "console_queue"


def to_window_view(app: ShellApp) -> None:
    """Ctrl+2: the second view, after the help requests."""
    key(app, "2", ctrl=True)
    assert app.current == "console_window"


def ticket(console: Console | Kiosk, code: str) -> Ticket:
    with console.ctx.reading() as session:
        query = select(Ticket).where(Ticket.service == code[0], Ticket.number == int(code[1:]))
        return session.scalars(query).one()


def large_number(app: ShellApp) -> str:
    label = app.current_screen.ids.number
    # Large: far above the body text, to be read at a glance.
    assert label.font_size >= 4 * app.font_body
    return str(label.text)


def with_window(toml: str, window: int) -> Settings:
    """The configuration with `[console] window` set: a PC that stands at one window."""
    return settings_from(toml.replace("\nwindow = 0\n", f"\nwindow = {window}\n"))


def take(console: Console | Kiosk, *services: str) -> None:
    for service in services:
        tickets.take_number(console.ctx, service)


# --- calling with the keyboard ----------------------------------------------------------------


def test_keyboard_alone_logs_in_and_calls_the_next_number_with_one_key(console: Console) -> None:
    take(console, "A", "A", "B")
    log_in_by_keyboard(console)
    to_window_view(console.app)
    # No window set for this PC: the view asks, and a digit picks.
    assert "Which window are you at?" in texts()
    assert "Window 2 · Medication dispensing" in texts()
    key(console.app, "2")
    # The one key is written on its button.
    assert "Call next" in texts() and "F2" in texts()
    assert large_number(console.app) == "–"
    key(console.app, F2)
    called = ticket(console, "A001")
    assert (called.status, called.window, called.call_count) == ("called", 2, 1)
    assert large_number(console.app) == "A001"
    assert "A001 is called." in texts() and "Called at 09:00" in texts()
    # The line moved on: one number of medication dispensing still waits.
    assert "1 waiting" in texts()
    with console.ctx.reading() as session:
        by = session.scalars(select(AuditEvent.actor).where(AuditEvent.action == "ticket.call"))
        assert list(by) == ["staff:anna"]


def test_call_again_served_and_not_present_by_key_and_by_click(start_console: StartConsole) -> None:
    console = start_console(with_window(around_the_clock_toml(), 3))
    take(console, "B", "B")
    log_in_by_keyboard(console)
    to_window_view(console.app)
    # This PC stands at window 3: no question, the nurse's window is there.
    assert "Window 3 · Nurse" in texts() and "Which window are you at?" not in texts()
    key(console.app, F2)
    assert large_number(console.app) == "B001"
    console.clock.advance(minutes=2)
    key(console.app, "r")
    assert ticket(console, "B001").call_count == 2
    assert "B001 is called again." in texts() and "Called 2 times, last at 09:02" in texts()
    tap("Served", console.app)
    assert ticket(console, "B001").status == "served"
    assert large_number(console.app) == "–"
    assert "No number is called to this window now." in texts()
    tap("Call next", console.app)
    assert large_number(console.app) == "B002"
    key(console.app, "p")  # not present asks first; Escape keeps the number called
    assert "Mark B002 not present?" in texts()
    key(console.app, ESCAPE)
    assert ticket(console, "B002").status == "called"
    key(console.app, "p")
    key(console.app, ENTER)
    assert ticket(console, "B002").status == "no_show"
    assert "B002 is marked not present." in texts()
    # Nothing is called here now: the steps for a called number are greyed, and their keys idle.
    assert console.app.current_screen._buttons["served"].disabled
    key(console.app, "d")
    assert ticket(console, "B002").status == "no_show"


def test_a_window_serving_two_services_calls_the_next_of_the_one_picked(
    start_console: StartConsole,
) -> None:
    toml = around_the_clock_toml().replace("windows = [3]", "windows = [1, 3]")
    console = start_console(with_window(toml, 1))
    take(console, "A")
    console.clock.advance(minutes=1)
    take(console, "B")
    log_in_by_keyboard(console)
    to_window_view(console.app)
    assert "Window 1 · Medication dispensing · Nurse" in texts()
    key(console.app, "s")
    assert "Call the next number of:" in texts() and "Nurse · 1 waiting" in texts()
    key(console.app, "2")
    assert large_number(console.app) == "B001"
    assert ticket(console, "A001").status == "waiting"
    console.clock.advance(minutes=3)
    key(console.app, F2)  # any service: the longest wait first
    assert large_number(console.app) == "A001"


def test_a_window_serving_one_service_offers_no_choice_of_service(console: Console) -> None:
    log_in_by_keyboard(console)
    to_window_view(console.app)
    key(console.app, "1")
    assert "Call next of one service" not in texts()
    key(console.app, "s")
    assert "Call the next number of:" not in texts()


# --- the window for the session ---------------------------------------------------------------


def test_the_window_is_kept_for_the_session_and_asked_again_after_logging_out(
    console: Console,
) -> None:
    log_in_by_keyboard(console)
    to_window_view(console.app)
    key(console.app, "2")
    key(console.app, "1", ctrl=True)
    to_window_view(console.app)
    assert "Window 2 · Medication dispensing" in texts()
    assert "Which window are you at?" not in texts()
    key(console.app, "w")  # change window
    key(console.app, "3")
    assert "Window 3 · Nurse" in texts()
    key(console.app, "l", ctrl=True)
    type_text("anna")
    key(console.app, TAB)
    type_text(STAFF_PIN)
    key(console.app, ENTER)
    to_window_view(console.app)
    assert "Which window are you at?" in texts()


# --- what is waiting, live --------------------------------------------------------------------


def test_the_waiting_count_and_wait_follow_the_database(start_console: StartConsole) -> None:
    console = start_console(with_window(around_the_clock_toml(), 2))
    log_in_by_keyboard(console)
    to_window_view(console.app)
    assert "Nobody waiting" in texts()
    take(console, "A")  # at the kiosk, through another connection
    wait_until(lambda: "1 waiting" in texts(), console.app, timeout=3)
    console.clock.advance(minutes=12)
    take(console, "A")
    wait_until(lambda: "2 waiting" in texts(), console.app, timeout=3)
    assert "First in line has waited 12 min" in texts()
    # The window's other services are not shown: window 2 calls medication dispensing only.
    assert "Nurse" not in " ".join(texts())


# --- refusals in staff words ------------------------------------------------------------------


def test_nobody_waiting_is_said_plainly(start_console: StartConsole) -> None:
    console = start_console(with_window(around_the_clock_toml(), 3))
    log_in_by_keyboard(console)
    to_window_view(console.app)
    key(console.app, F2)
    assert "Nobody is waiting for this window." in texts()
    assert large_number(console.app) == "–"


def test_a_closed_window_with_nobody_waiting_says_no_numbers_are_given_out(
    start_console: StartConsole,
) -> None:
    # Tuesday 22:00 in Helsinki: the nurse's service gives out no numbers.
    night = datetime(2026, 11, 24, 20, 0, tzinfo=UTC)
    console = start_console(with_window(default_toml(), 3), at=night)
    log_in_by_keyboard(console)
    to_window_view(console.app)
    assert "No new numbers are given out now." in texts()
    key(console.app, F2)
    assert "Nobody is waiting, and no numbers are given out now." in texts()


def test_a_number_served_at_another_pc_leaves_this_view_at_once(
    start_console: StartConsole,
) -> None:
    console = start_console(with_window(around_the_clock_toml(), 2))
    take(console, "A")
    log_in_by_keyboard(console)
    to_window_view(console.app)
    key(console.app, F2)
    assert large_number(console.app) == "A001"
    tickets.serve(console.ctx, "A001", by=add_staff(console.ctx, "sari"))
    wait_until(lambda: large_number(console.app) == "–", console.app, timeout=1.5)
    # Its steps are greyed with it: nothing is done twice to a number already finished.
    key(console.app, "r")
    assert ticket(console, "A001").status == "served"


# --- screenshots ------------------------------------------------------------------------------

SCREENS = (
    "window-choose",
    "window-called",
    "window-not-present-asks",
    "window-nobody-waiting",
)


def busy_morning(app: ShellApp) -> None:
    """People waiting for both services, the first of them for a while."""
    take_at = app.ctx
    for service in ("A", "A", "B", "A"):
        tickets.take_number(take_at, service)
    app.ctx.clock.advance(minutes=14)  # type: ignore[attr-defined]
    tickets.take_number(take_at, "A")


def window_tour(app: ShellApp, *, by_touch: bool) -> Iterator[str]:
    """From the first view after login to the window view and through its steps."""
    if by_touch:
        tap("Numeroiden kutsuminen", app)
    else:
        key(app, "2", ctrl=True)
    yield "window-choose"

    if by_touch:
        tap("Luukku 1 · Lääkkeenjako", app)
        tap("Kutsu seuraava", app)
        tap("Kutsu uudelleen", app)
    else:
        key(app, "1")
        key(app, F2)
        key(app, "r")
    yield "window-called"

    if by_touch:
        tap("Ei paikalla", app)
    else:
        key(app, "p")
    yield "window-not-present-asks"

    if by_touch:
        tap("Kyllä, ei paikalla", app)
        tap("Vaihda luukkua", app)
        tap("Luukku 3 · Hoitaja", app)
        tap("Kutsu seuraava", app)
        tap("Palveltu", app)
        tap("Kutsu seuraava", app)
    else:
        key(app, ENTER)
        key(app, "w")
        key(app, "3")
        key(app, F2)
        key(app, "d")
        key(app, F2)
    yield "window-nobody-waiting"


def tour_found(app: ShellApp, tour: Iterator[str], where: str, size: tuple[int, int]) -> list[str]:
    leftovers = {language: english_leftovers(language) for language in LANGUAGES}
    visited: list[str] = []
    found: list[str] = []
    with unlimited_frames():
        for name in tour:
            visited.append(name)
            found += look_at(name, f"console-window-{where}", size, leftovers)
    assert visited == list(SCREENS)
    return found


@pytest.mark.parametrize("size", [LANDSCAPE, PORTRAIT], ids=["landscape", "portrait"])
def test_the_window_view_on_a_staff_pc(start_console: StartConsole, size: tuple[int, int]) -> None:
    console = start_console(size=size)
    app = console.app
    busy_morning(app)
    add_staff(console.ctx, "anna")
    type_text("anna")
    key(app, TAB)
    type_text(STAFF_PIN)
    key(app, ENTER)
    orientation = "pc-landscape" if size == LANDSCAPE else "pc-portrait"
    found = tour_found(app, window_tour(app, by_touch=False), orientation, size)
    assert found == [], "\n".join(found)
    assert (ticket(console, "A001").status, ticket(console, "B001").status) == ("no_show", "served")


@pytest.mark.parametrize("size", [LANDSCAPE, PORTRAIT], ids=["landscape", "portrait"])
def test_the_window_view_inside_the_kiosk(start_kiosk: Start, size: tuple[int, int]) -> None:
    kiosk = start_kiosk(size=size)
    app = kiosk.app
    busy_morning(app)
    add_staff(kiosk.ctx, "anna")
    app.show("console_login")
    settle(app)
    for character in "anna":
        tap(character, app)
    tap(app.current_screen.ids.ok, app)
    for digit in STAFF_PIN:
        tap(digit, app)
    tap(app.current_screen.ids.ok, app)
    assert app.current == "console_queue"
    orientation = "kiosk-landscape" if size == LANDSCAPE else "kiosk-portrait"
    found = tour_found(app, window_tour(app, by_touch=True), orientation, size)
    assert found == [], "\n".join(found)
    assert (ticket(kiosk, "A001").status, ticket(kiosk, "B001").status) == ("no_show", "served")
