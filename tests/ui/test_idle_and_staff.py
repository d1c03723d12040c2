"""Idle time-out with its warning, the hidden staff gesture, the staff login (the console's, on
the kiosk's keys), the console's views and the kiosk's own staff panel among them, and the kiosk
lock (no Escape, no F1 settings, no close button)."""

from __future__ import annotations

import pytest
from kivy.core.window import Window
from sqlalchemy import select

from kiosk.db.models import AuditEvent
from kiosk.errors import Refused
from kiosk.services import staff_accounts, staff_auth
from tests.support import CLI, STAFF_PIN, add_staff
from tests.ui.conftest import Kiosk
from tests.ui.driver import Finger, frames, screen_text, settle, tap, texts, wait_until
from tests.ui.test_take_number import printed

pytestmark = pytest.mark.ui


def staff_audit(kiosk: Kiosk) -> list[str]:
    """The audit log's staff logins and what staff did to the kiosk."""
    with kiosk.app.ctx.reading() as session:
        query = select(AuditEvent.action).where(
            AuditEvent.action.like("staff.login%") | (AuditEvent.subject_type == "kiosk")
        )
        return list(session.scalars(query.order_by(AuditEvent.id)))


def idle_for(kiosk: Kiosk, seconds: float) -> None:
    kiosk.time.advance(seconds)
    frames(30)  # the watcher looks four times a second


def hold_corner(kiosk: Kiosk, seconds: float) -> Finger:
    finger = Finger(4, Window.height - 4)
    finger.down()
    frames()
    kiosk.time.advance(seconds)
    frames(15)  # the gesture checks ten times a second
    return finger


def type_login(kiosk: Kiosk, login: str) -> None:
    """On the screen's own keys, then on to the PIN."""
    for character in login:
        tap(character, kiosk.app)
    if kiosk.app.current_screen.login:
        tap(kiosk.app.current_screen.ids.ok, kiosk.app)


def enter_pin(kiosk: Kiosk, pin: str) -> None:
    for digit in pin:
        tap(digit, kiosk.app)
    tap(kiosk.app.current_screen.ids.ok, kiosk.app)


def logged_in(kiosk: Kiosk) -> None:
    """Anna (staff) logged in a moment ago and chose the kiosk's own view, the staff panel."""
    if not any(a.login == "anna" for a in staff_accounts.list_accounts(kiosk.ctx, by=CLI)):
        add_staff(kiosk.ctx, "anna")
    kiosk.app.log_in(staff_auth.authenticate(kiosk.ctx, "anna", STAFF_PIN))
    settle(kiosk.app)
    tap("Tämä kioski", kiosk.app)


# --- idle -------------------------------------------------------------------------------------


def test_home_never_times_out(kiosk: Kiosk) -> None:
    idle_for(kiosk, 3600)
    assert kiosk.app.current == "home" and not kiosk.app.idle.warning_shown


def test_home_left_in_another_language_quietly_returns_to_finnish(kiosk: Kiosk) -> None:
    tap("English", kiosk.app)
    idle_for(kiosk, 30)
    assert "Take a number" in texts()
    idle_for(kiosk, 31)
    assert "Ota vuoronumero" in texts()
    assert not kiosk.app.idle.warning_shown


def test_a_countdown_warns_before_going_home_and_more_time_keeps_the_screen(kiosk: Kiosk) -> None:
    tap("Pyydä apua", kiosk.app)
    idle_for(kiosk, 40)
    assert not kiosk.app.idle.warning_shown
    idle_for(kiosk, 6)  # 46 s of 60: 14 s left, inside the 15 s warning
    assert kiosk.app.idle.warning_shown
    assert "Oletko vielä siinä?" in texts()
    assert "Näyttö palaa alkuun 14 sekunnin kuluttua." in texts()
    idle_for(kiosk, 5)
    assert "Näyttö palaa alkuun 9 sekunnin kuluttua." in texts()
    tap("Lisää aikaa", kiosk.app)
    assert not kiosk.app.idle.warning_shown
    assert kiosk.app.current == "help_topic"
    idle_for(kiosk, 50)
    assert kiosk.app.current == "help_topic"


def test_a_tap_anywhere_on_the_warning_also_means_more_time(kiosk: Kiosk) -> None:
    tap("Pyydä apua", kiosk.app)
    idle_for(kiosk, 50)
    assert kiosk.app.idle.warning_shown
    finger = Finger(10, 10)  # far from the warning's buttons
    finger.down()
    finger.up()
    frames(3)
    assert not kiosk.app.idle.warning_shown and kiosk.app.current == "help_topic"


def test_after_the_time_out_the_kiosk_is_home_in_the_clinic_language(kiosk: Kiosk) -> None:
    tap("English", kiosk.app)
    tap("Ask for help", kiosk.app)
    tap("Housing allowance", kiosk.app)
    tap("I need an interpreter.", kiosk.app)
    idle_for(kiosk, 61)
    assert kiosk.app.current == "home"
    assert not kiosk.app.idle.warning_shown
    assert "Ota vuoronumero" in texts()  # back in Finnish for the next person


def test_back_to_start_on_the_warning_goes_home_at_once(kiosk: Kiosk) -> None:
    tap("Pyydä apua", kiosk.app)
    idle_for(kiosk, 50)
    tap(kiosk.app.idle.warning.ids.home_button, kiosk.app)
    assert kiosk.app.current == "home"


# --- staff --------------------------------------------------------------------------------------


def test_a_short_press_in_the_corner_does_nothing(kiosk: Kiosk) -> None:
    finger = hold_corner(kiosk, 1)
    finger.up()
    kiosk.time.advance(5)
    frames(15)
    assert kiosk.app.current == "home"


def test_staff_log_in_with_the_gesture_the_name_keys_and_the_pin_pad(kiosk: Kiosk) -> None:
    add_staff(kiosk.ctx, "anna")
    finger = hold_corner(kiosk, 3)
    finger.up()
    frames()
    assert kiosk.app.current == "console_login"
    assert "Kirjoita käyttäjätunnuksesi." in texts()
    type_login(kiosk, "anna")
    assert kiosk.app.current_screen.login == "anna"
    enter_pin(kiosk, "582047")
    assert "Käyttäjätunnus tai PIN-koodi ei ole oikein. Yritä uudelleen." in texts()
    screen = kiosk.app.current_screen
    assert (screen.stage, screen.login, screen.dots) == ("pin", "anna", "")  # the PIN again
    enter_pin(kiosk, STAFF_PIN)
    # The console's first view, in the kiosk's window, naming who is logged in.
    assert kiosk.app.current == "console_queue"
    assert "Anna" in texts() and "Avunpyynnöt" in texts()
    tap("Tämä kioski", kiosk.app)
    assert kiosk.app.current == "staff_panel"
    assert "Toimii" in texts()  # the virtual printer is fine
    assert staff_audit(kiosk) == ["staff.login_refused", "staff.login"]


def test_on_a_keyboard_type_the_name_tab_the_pin_enter(kiosk: Kiosk) -> None:
    add_staff(kiosk.ctx, "anna")
    kiosk.app.show("console_login")
    settle(kiosk.app)
    Window.dispatch("on_textinput", "Anna")  # a capital is a login's small letter
    Window.dispatch("on_key_down", 9, 0, None, [])  # Tab
    assert kiosk.app.current_screen.stage == "pin"
    Window.dispatch("on_textinput", STAFF_PIN[:-1] + "x")  # a letter is no PIN digit
    Window.dispatch("on_key_down", 8, 0, None, [])  # Backspace takes the last digit back
    Window.dispatch("on_textinput", STAFF_PIN[-2:])
    Window.dispatch("on_key_down", 13, 0, None, [])  # Enter
    settle(kiosk.app)
    assert kiosk.app.current == "console_queue"


def test_failed_logins_pause_the_login_on_this_kiosk_until_the_pause_ends(kiosk: Kiosk) -> None:
    add_staff(kiosk.ctx, "anna")
    # Ten failed logins before the screen was shown: the pause is in the database.
    for attempt in range(10):
        with pytest.raises(Refused):
            staff_auth.authenticate(kiosk.ctx, f"guess{attempt}", "111000")
    kiosk.app.show("console_login")
    settle(kiosk.app)
    assert "Liian monta epäonnistunutta kirjautumista. Kirjautuminen avautuu kello 9.01." in texts()
    type_login(kiosk, "anna")
    assert kiosk.app.current_screen.login == ""  # the keys are locked meanwhile
    kiosk.clock.advance(seconds=61)
    wait_until(lambda: "Kirjoita käyttäjätunnuksesi." in texts(), kiosk.app)
    type_login(kiosk, "anna")
    enter_pin(kiosk, STAFF_PIN)
    assert kiosk.app.current == "console_queue"


def test_the_staff_panel_prints_a_test_page(kiosk: Kiosk) -> None:
    logged_in(kiosk)
    tap("Tulosta testisivu", kiosk.app)
    wait_until(lambda: "Testisivu tulostui." in texts(), kiosk.app)
    assert "Tulostimen testisivu" in [line.strip() for line in printed(kiosk).text_lines()]
    assert staff_audit(kiosk)[-1] == "printer.test_page"


def test_an_account_deactivated_meanwhile_is_logged_out_at_its_next_step(kiosk: Kiosk) -> None:
    logged_in(kiosk)
    staff_accounts.deactivate(kiosk.ctx, "anna", by=CLI)
    tap("Tulosta testisivu", kiosk.app)
    # Nothing printed, and the session is over: the login says why.
    assert list((kiosk.data_dir / "printed").glob("*.png")) == []
    assert kiosk.app.current == "console_login" and not kiosk.app.staff.logged_in
    assert "Tämä tunnus ei ole enää käytössä. Kysy pääkäyttäjältä." in texts()
    assert not kiosk.app.manager.has_screen("staff_panel")


def test_the_staff_panel_closes_the_kiosk_after_a_second_tap(
    kiosk: Kiosk, monkeypatch: pytest.MonkeyPatch
) -> None:
    stopped: list[bool] = []
    monkeypatch.setattr(kiosk.app, "stop", lambda *_args: stopped.append(True))
    logged_in(kiosk)
    tap("Sulje kioskiohjelma", kiosk.app)
    assert stopped == []
    assert "Suljetaanko kioskiohjelma?" in screen_text()
    tap("Ei, jätä päälle", kiosk.app)
    assert "Suljetaanko kioskiohjelma?" not in screen_text()
    tap("Sulje kioskiohjelma", kiosk.app)
    tap("Kyllä, sulje kioski", kiosk.app)
    wait_until(lambda: stopped == [True], kiosk.app)
    assert staff_audit(kiosk)[-1] == "kiosk.closed_by_staff"
    with kiosk.ctx.reading() as session:
        closed_by = session.scalars(
            select(AuditEvent.actor).where(AuditEvent.action == "kiosk.closed_by_staff")
        ).one()
    assert closed_by == "staff:anna"
    # Once staff chose to close, the window may close.
    assert not kiosk.app._request_close(Window)


def test_logging_out_and_the_idle_time_out_take_the_panel_home(kiosk: Kiosk) -> None:
    logged_in(kiosk)
    tap("Kirjaudu ulos", kiosk.app)
    assert kiosk.app.current == "home" and not kiosk.app.staff.logged_in
    logged_in(kiosk)
    idle_for(kiosk, 46)
    # Staff are told they will be logged out, not that the screen goes to the start.
    assert "Sinut kirjataan ulos 14 sekunnin kuluttua." in texts()
    idle_for(kiosk, 15)
    assert kiosk.app.current == "home" and not kiosk.app.staff.logged_in
    assert "Anna" not in screen_text()
    # Nothing of what the views showed is left in the window's screens.
    assert not any(kiosk.app.manager.has_screen(s) for s in ("console_queue", "staff_panel"))


# --- kiosk lock ---------------------------------------------------------------------------------


def test_escape_f1_and_the_close_button_do_nothing(kiosk: Kiosk) -> None:
    tap("Pyydä apua", kiosk.app)
    for key in (27, 282):  # Escape, F1
        assert Window.dispatch("on_keyboard", key, 0, None, []) is True
    frames(3)
    assert kiosk.app.current == "help_topic"
    assert Window.dispatch("on_request_close") is True  # refused: the window stays
    assert kiosk.app.open_settings() is False
    assert not [w for w in Window.children if type(w).__name__.startswith("Settings")]
