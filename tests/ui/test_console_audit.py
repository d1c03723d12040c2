"""The console's audit log view, for real under Xvfb: admins only; filtered by days, person and
kind with the keyboard and by touch; each reading recorded; screenshots in every language."""

from __future__ import annotations

from datetime import timedelta

import pytest

from kiosk.core.actor import Actor
from kiosk.services import help_requests, staff_auth, tickets
from kiosk.settings.schema import LANGUAGES
from tests.support import STAFF_PIN, TUESDAY_MORNING, add_staff
from tests.ui.conftest import LANDSCAPE, Console, StartConsole
from tests.ui.driver import press, settle, tap
from tests.ui.test_screens import english_leftovers, look_at, unlimited_frames

pytestmark = pytest.mark.ui

KEY_LEFT, KEY_ENTER = 276, 13
SARI_PIN = "274915"
ANNA = Actor("staff", "anna")


def audit_view(start_console: StartConsole) -> Console:
    """Yesterday Anna got her account; this morning she opened a help request's details and
    called a number. Sari, an admin, is logged in and on the audit view (Ctrl+7)."""
    console = start_console()
    ctx = console.ctx
    console.clock.set(TUESDAY_MORNING - timedelta(days=1))
    add_staff(ctx, "anna")
    add_staff(ctx, "sari", role="admin", pin=SARI_PIN)
    console.clock.set(TUESDAY_MORNING)
    help_requests.open_request(ctx, "housing_allowance")
    tickets.take_number(ctx, "A")
    help_requests.details(ctx, "H001", by=ANNA)
    tickets.call_next(ctx, 1, by=ANNA)
    console.app.log_in(staff_auth.authenticate(ctx, "sari", SARI_PIN))
    settle(console.app)
    press("7", ctrl=True)
    settle(console.app)
    assert console.app.current == "console_audit"
    return console


def shown_actions(console: Console) -> list[str]:
    return [row.what.split(" · ")[1] for row in reversed(console.app.current_screen.ids.rows.children)]


def test_admins_filter_the_log_by_days_person_and_kind(start_console: StartConsole) -> None:
    console = audit_view(start_console)
    app, view = console.app, console.app.current_screen
    # Today's events, newest first; Sari's login and her opening the help-request list are
    # among them, the staff accounts are not.
    assert shown_actions(console) == [
        "help.list",
        "staff.login",
        "ticket.call",
        "help.view",
        "ticket.take",
        "help.open",
    ]
    assert view.count_words == "6 tapahtumaa"
    first = view.ids.rows.children[-1]
    assert first.heading.startswith("24.11.2026 09:00:00 · Sari (staff:sari) · console-test")

    press("k")
    press("3")  # 1 all kinds, 2 staff, 3 help requests
    settle(app)
    assert shown_actions(console) == ["help.list", "help.view", "help.open"]
    assert view.ids.kind.text == "Mitä: Avunpyynnöt"

    press("p")
    settle(app)
    press("2")  # 1 everyone, then the accounts by login: anna, sari
    settle(app)
    assert view.actor == "staff:anna"
    assert shown_actions(console) == ["help.view"]
    assert view.ids.person.text == "Kuka: Anna (staff:anna)"

    press(KEY_LEFT)  # yesterday: Anna did nothing that was help
    settle(app)
    assert shown_actions(console) == []
    assert view.count_words == "Näillä valinnoilla ei löydy tapahtumia."

    # Days typed: yesterday and today, every kind again, by touch.
    view.ids.since.text = "23.11.2026"
    view.ids.until.text = "2026-11-24"
    press(KEY_ENTER)
    settle(app)
    tap(view.ids.kind, app)
    press("1")
    settle(app)
    assert shown_actions(console) == ["ticket.call", "help.view"]

    view.ids.until.text = "22.11.2026"
    press(KEY_ENTER)
    settle(app)
    assert view.problem and "alkupäivän pitää olla ennen loppupäivää" in view.message


def test_each_reading_is_in_the_log_and_staff_see_no_audit_view(
    start_console: StartConsole,
) -> None:
    console = audit_view(start_console)
    press("t")
    settle(console.app)
    # The first reading (on opening) is shown in the second, newest first.
    assert shown_actions(console)[0] == "audit.view"
    assert console.app.current_screen.ids.rows.children[-1].heading.split(" · ")[1] == (
        "Sari (staff:sari)"
    )

    press("l", ctrl=True)
    settle(console.app)
    console.app.log_in(staff_auth.authenticate(console.ctx, "anna", STAFF_PIN))
    settle(console.app)
    assert "console_audit" not in [view.screen for view in console.app.staff.views()]
    assert "console_statistics" in [view.screen for view in console.app.staff.views()]


def test_screenshots_of_the_audit_view(start_console: StartConsole) -> None:
    console = audit_view(start_console)
    leftovers = {language: english_leftovers(language) for language in LANGUAGES}
    found: list[str] = []
    with unlimited_frames():
        found += look_at("audit", "console-pc", LANDSCAPE, leftovers)
        press("k")
        settle(console.app)
        found += look_at("audit-kinds", "console-pc", LANDSCAPE, leftovers)
    assert found == [], "\n".join(found)
