"""Idle time-out with its warning, the hidden staff gesture, the staff PIN and the panel,
and the kiosk lock (no Escape, no F1 settings, no close button)."""

from __future__ import annotations

import pytest
from kivy.core.window import Window
from sqlalchemy import select

from kiosk.core.pins import hash_pin
from kiosk.db.models import AuditEvent
from kiosk.services.staff_access import StaffPinPaused, check_staff_pin
from kiosk.settings.schema import Settings
from tests.support import around_the_clock_toml, settings_from
from tests.ui.conftest import Kiosk, Start
from tests.ui.driver import Finger, button, frames, screen_text, settle, tap, texts, wait_until
from tests.ui.test_take_number import printed

pytestmark = pytest.mark.ui

STAFF_PIN = "4826"


def with_staff_pin() -> Settings:
    settings = settings_from(around_the_clock_toml())
    kiosk = settings.kiosk.model_copy(update={"staff_pin_hash": hash_pin(STAFF_PIN)})
    return settings.model_copy(update={"kiosk": kiosk})


def staff_audit(kiosk: Kiosk) -> list[str]:
    with kiosk.app.ctx.reading() as session:
        query = select(AuditEvent.action).where(AuditEvent.subject_type == "kiosk")
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


def enter_pin(kiosk: Kiosk, pin: str) -> None:
    for digit in pin:
        tap(digit, kiosk.app)
    tap(kiosk.app.current_screen.ids.ok, kiosk.app)


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


def test_the_corner_gesture_does_nothing_without_a_staff_pin_configured(kiosk: Kiosk) -> None:
    finger = hold_corner(kiosk, 5)
    finger.up()
    assert kiosk.app.current == "home"


def test_a_short_press_in_the_corner_does_nothing(start_kiosk: Start) -> None:
    kiosk = start_kiosk(with_staff_pin())
    finger = hold_corner(kiosk, 1)
    finger.up()
    kiosk.time.advance(5)
    frames(15)
    assert kiosk.app.current == "home"


def test_staff_reach_the_panel_with_the_gesture_and_pin(start_kiosk: Start) -> None:
    kiosk = start_kiosk(with_staff_pin())
    finger = hold_corner(kiosk, 3)
    finger.up()
    frames()
    assert kiosk.app.current == "staff_pin"
    assert "Anna henkilökunnan PIN-koodi." in texts()
    enter_pin(kiosk, "4825")
    assert "Väärä PIN-koodi. Yritä uudelleen." in texts()
    assert kiosk.app.current_screen.entered == ""  # the pad is cleared after each try
    enter_pin(kiosk, STAFF_PIN)
    assert kiosk.app.current == "staff_panel"
    assert "Toimii" in texts()  # the virtual printer is fine
    assert staff_audit(kiosk) == ["staff.pin_refused", "staff.pin_accepted"]


def test_open_waits_until_a_digit_is_typed(start_kiosk: Start) -> None:
    kiosk = start_kiosk(with_staff_pin())
    kiosk.app.show("staff_pin")
    settle(kiosk.app)
    ok = kiosk.app.current_screen.ids.ok
    assert ok.disabled  # nothing to check: an empty PIN would only count as a wrong one
    tap("4", kiosk.app)
    assert not ok.disabled
    tap("Poista", kiosk.app)
    assert ok.disabled
    assert staff_audit(kiosk) == []


def test_five_wrong_pins_pause_the_pad_for_a_minute(start_kiosk: Start) -> None:
    kiosk = start_kiosk(with_staff_pin())
    kiosk.app.show("staff_pin")
    settle(kiosk.app)
    for _ in range(5):
        enter_pin(kiosk, "1111")
    assert "Liian monta väärää PIN-koodia. Odota 60 sekuntia." in texts()
    four = Finger(*button("4").to_window(*button("4").center))
    four.down()
    four.up()
    frames(2)
    assert kiosk.app.current_screen.entered == ""
    assert kiosk.app.current_screen.ids.ok.disabled
    # A minute later (the idle time-out has taken the kiosk home meanwhile) the pad works again.
    kiosk.clock.advance(seconds=61)
    idle_for(kiosk, 61)
    assert kiosk.app.current == "home"
    hold_corner(kiosk, 3).up()
    frames()
    assert "Anna henkilökunnan PIN-koodi." in texts()
    enter_pin(kiosk, STAFF_PIN)
    assert kiosk.app.current == "staff_panel"


def test_the_pad_shows_a_pause_it_did_not_see_start(start_kiosk: Start) -> None:
    # Five wrong PINs before a restart: the pause is in the database, not in the screen.
    kiosk = start_kiosk(with_staff_pin())
    for _ in range(4):
        assert not check_staff_pin(kiosk.ctx, "1111")
    with pytest.raises(StaffPinPaused):
        check_staff_pin(kiosk.ctx, "1111")
    kiosk.clock.advance(seconds=20)
    kiosk.app.show("staff_pin")
    settle(kiosk.app)
    assert "Liian monta väärää PIN-koodia. Odota 40 sekuntia." in texts()
    assert kiosk.app.current_screen.ids.ok.disabled


def test_the_staff_panel_prints_a_test_page(start_kiosk: Start) -> None:
    kiosk = start_kiosk(with_staff_pin())
    kiosk.app.show("staff_panel")
    settle(kiosk.app)
    tap("Tulosta testisivu", kiosk.app)
    wait_until(lambda: "Testisivu tulostui." in texts(), kiosk.app)
    assert "Tulostimen testisivu" in [line.strip() for line in printed(kiosk).text_lines()]


def test_the_staff_panel_closes_the_kiosk_after_a_second_tap(
    start_kiosk: Start, monkeypatch: pytest.MonkeyPatch
) -> None:
    kiosk = start_kiosk(with_staff_pin())
    stopped: list[bool] = []
    monkeypatch.setattr(kiosk.app, "stop", lambda *_args: stopped.append(True))
    kiosk.app.show("staff_panel")
    settle(kiosk.app)
    tap("Sulje kioskiohjelma", kiosk.app)
    assert stopped == []
    assert "Suljetaanko kioskiohjelma?" in screen_text()
    tap("Ei, jätä päälle", kiosk.app)
    assert "Suljetaanko kioskiohjelma?" not in screen_text()
    tap("Sulje kioskiohjelma", kiosk.app)
    tap("Kyllä, sulje kioski", kiosk.app)
    wait_until(lambda: stopped == [True], kiosk.app)
    assert staff_audit(kiosk) == ["kiosk.closed_by_staff"]
    # Once staff chose to close, the window may close.
    assert not kiosk.app._request_close(Window)


def test_the_staff_panel_times_out_like_any_screen(start_kiosk: Start) -> None:
    kiosk = start_kiosk(with_staff_pin())
    kiosk.app.show("staff_panel")
    settle(kiosk.app)
    idle_for(kiosk, 61)
    assert kiosk.app.current == "home"


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
