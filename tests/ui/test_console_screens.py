"""Every screen and dialog of the staff console, in every language, looked at and measured: on a
staff PC (landscape), and inside the kiosk's window after the hidden gesture, where staff type on
the screen's own keys (landscape and portrait).

Screenshots go to test-artifacts/screens/console-pc/ and console-kiosk-<orientation>/ (open
them and look); each is measured as the kiosk's screens are (tests/ui/test_screens.py): words
in the screen's language, text at least 5 mm tall and touch targets at least 15 mm on the
configured panel, nothing overflowing, no buttons on top of each other, icons with words.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import date, timedelta

import pytest

from kiosk.core.actor import Actor
from kiosk.core.clock import FixedClock
from kiosk.services import help_requests, sign_in_out, worker_auth
from kiosk.services.context import Context
from kiosk.services.printer_state import record_state
from kiosk.services.workers import add_worker
from kiosk.settings.schema import LANGUAGES
from kiosk.ui.shell import ShellApp
from tests.support import CLI, STAFF_PIN, add_staff
from tests.ui.conftest import LANDSCAPE, PORTRAIT, Console, Kiosk, Start, StartConsole
from tests.ui.driver import labels, press, settle, tap, type_text, wait_until
from tests.ui.test_screens import english_leftovers, look_at, unlimited_frames

# Each test walks every console screen in three languages and screenshots each: long on a
# busy 2-core machine, and a time-out in the middle of drawing leaves Kivy unusable for the
# tests after it, so the limit is generous.
pytestmark = [pytest.mark.ui, pytest.mark.timeout(600)]

PC_SCREENS = (
    "login",
    "login-refused",
    "queue",
    "queue-alert",
    "take-and-call",
    "give-to-peer-worker",
    "details",
    "note",
    "cancel-asks-first",
    "people",
    "people-correct",
    "printers",
    "idle-warning",
)
KIOSK_SCREENS = (
    "login-name-keys",
    "login-pin-pad",
    "login-refused",
    "queue",
    "details",
    "note-with-keys",
    "people",
    "people-correct-with-keys",
    "printers",
    "staff-panel",
    "staff-panel-confirm-exit",
    "idle-warning",
)


def lounge_with_help_requests(app: ShellApp) -> None:
    """Requests in each list: open ones (one on a topic only staff handle), one a peer worker
    took, one waiting for documents, each with a note or a call; a peer worker on duty."""
    ctx = app.ctx
    add_staff(ctx, "anna")
    add_worker(
        ctx,
        number=12,
        display_name="Sam",
        pin="583917",
        contract_start=date(2026, 10, 1),
        contract_end=date(2027, 3, 31),
        by=CLI,
    )
    sign_in_out.sign_in(ctx, worker_auth.authenticate_pin(ctx, "12", "583917"), task="coffee")
    add_worker(
        ctx,
        number=13,
        display_name="Liisa",
        pin="690248",
        contract_start=date(2026, 10, 1),
        contract_end=date(2026, 12, 1),
        by=CLI,
    )
    # Signed in yesterday and never out: waits for review.
    yesterday = dataclasses.replace(ctx, clock=FixedClock(ctx.clock.now() - timedelta(days=1)))
    worker_pass = worker_auth.authenticate_pin(yesterday, "13", "690248")
    sign_in_out.sign_in(yesterday, worker_pass, task="lounge_host")
    for topic, documents in (
        ("housing_allowance", True),
        ("supplementary_assistance", False),
        ("computer_help", False),
        ("sickness_allowance", True),
    ):
        help_requests.open_request(
            ctx, topic, has_documents=documents, needs_interpreter=not documents
        )
    help_requests.add_note(ctx, "H001", "Tarvitsee vuokrasopimuksen.", by=Actor("staff", "anna"))
    help_requests.claim(ctx, "H003", by=Actor("worker", "12"))
    help_requests.claim(ctx, "H004", by=CLI)
    help_requests.wait_for_documents(ctx, "H004", by=CLI)
    ctx.clock.advance(minutes=12)  # type: ignore[attr-defined]


def printers_stopped(ctx: Context) -> None:
    """Another kiosk's printer out of paper, and a third kiosk working."""
    record_state(ctx, "lounge-2", "paper_out", "Paper end sensor: out.")
    record_state(ctx, "upstairs", "ok")


def pc_tour(console: Console) -> Iterator[str]:
    app = console.app
    lounge_with_help_requests(app)
    type_text("anna")
    yield "login"

    press(9)
    type_text("000000")
    press(13)
    settle(app)
    yield "login-refused"

    type_text(STAFF_PIN)
    press(13)
    settle(app)
    assert app.current == "console_queue"
    yield "queue"

    help_requests.open_request(console.ctx, "social_assistance")
    wait_until(lambda: bool(app.alerts.pending), app, timeout=5)
    yield "queue-alert"

    press("k", ctrl=True)
    press("c")
    yield "take-and-call"

    press(27)
    press("a")
    settle(app)
    yield "give-to-peer-worker"

    press(27)
    press(13)
    settle(app)
    yield "details"

    press("n")
    type_text("Soittaa huomenna.")
    yield "note"

    press(27)
    press("x")
    yield "cancel-asks-first"

    press(27)
    press("3", ctrl=True)
    settle(app)
    yield "people"

    press("c")
    yield "people-correct"

    press(27)
    printers_stopped(console.ctx)
    press("4", ctrl=True)
    settle(app)
    yield "printers"

    settings = console.ctx.settings.console
    console.time.advance(settings.idle_logout_seconds - settings.idle_warning_seconds + 5)
    wait_until(lambda: app.idle.warning_shown, app)
    yield "idle-warning"


def kiosk_tour(kiosk: Kiosk) -> Iterator[str]:
    app = kiosk.app
    lounge_with_help_requests(app)
    app.show("console_login")
    settle(app)
    for character in "anna":
        tap(character, app)
    yield "login-name-keys"

    tap(app.current_screen.ids.ok, app)
    tap("5", app)
    tap("8", app)
    yield "login-pin-pad"

    for digit in "0000":
        tap(digit, app)
    tap(app.current_screen.ids.ok, app)
    yield "login-refused"

    for digit in STAFF_PIN:
        tap(digit, app)
    tap(app.current_screen.ids.ok, app)
    assert app.current == "console_queue"
    yield "queue"

    tap("Tiedot", app)
    yield "details"

    tap("Kirjoita muistiinpano", app)
    for character in "soittaa":
        tap(character, app)
    yield "note-with-keys"

    tap("Peruuta", app)
    tap("Vertaistyö", app)
    yield "people"

    tap("Korjaa ajat", app)
    for character in "paperilla":
        tap(character, app)
    yield "people-correct-with-keys"

    tap("Peruuta", app)
    printers_stopped(app.ctx)
    tap("Tulostimet", app)
    yield "printers"

    tap("Tämä kioski", app)
    tap("Tulosta testisivu", app)
    wait_until(lambda: "Testisivu tulostui." in [label.text for label in labels()], app)
    yield "staff-panel"

    tap("Sulje kioskiohjelma", app)
    yield "staff-panel-confirm-exit"

    tap("Ei, jätä päälle", app)
    kiosk.time.advance(50)
    wait_until(lambda: app.idle.warning_shown, app)
    yield "idle-warning"


def test_every_console_screen_on_a_staff_pc(start_console: StartConsole) -> None:
    console = start_console()
    leftovers = {language: english_leftovers(language) for language in LANGUAGES}
    visited: list[str] = []
    found: list[str] = []
    with unlimited_frames():
        for name in pc_tour(console):
            visited.append(name)
            found += look_at(name, "console-pc", LANDSCAPE, leftovers)
    assert visited == list(PC_SCREENS)
    assert found == [], "\n".join(found)


@pytest.mark.parametrize("size", [LANDSCAPE, PORTRAIT], ids=["landscape", "portrait"])
def test_every_console_screen_inside_the_kiosk(start_kiosk: Start, size: tuple[int, int]) -> None:
    kiosk = start_kiosk(size=size)
    orientation = "landscape" if size == LANDSCAPE else "portrait"
    leftovers = {language: english_leftovers(language) for language in LANGUAGES}
    visited: list[str] = []
    found: list[str] = []
    with unlimited_frames():
        for name in kiosk_tour(kiosk):
            visited.append(name)
            found += look_at(name, f"console-kiosk-{orientation}", size, leftovers)
    assert visited == list(KIOSK_SCREENS)
    assert found == [], "\n".join(found)
