"""Peer workers at the touchscreen: PIN pad, badge, rules, task, greeting, sign-out, absences.

Run for real under Xvfb, tapped through as a worker would; every screen is saved to
test-artifacts/screens/ in each language and orientation, and measured like the clients'
screens (tests/ui/test_screens.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from kivy.core.window import Window
from PIL import Image
from sqlalchemy import func, select

from kiosk.core.actor import Actor
from kiosk.core.work_day import parse_shift_times
from kiosk.db.storage_errors import DatabaseBusy
from kiosk.db.worker_models import Absence, PinFailure, WorkSession
from kiosk.screens.worker_goodbye import ALLOWANCE_SHOWN_SECONDS
from kiosk.services import shifts, sign_in_out, worker_auth, workers
from kiosk.services.shifts import PlannedShift
from kiosk.settings.schema import LANGUAGES
from tests.support import around_the_clock_toml, settings_from
from tests.ui.conftest import ARTIFACTS, LANDSCAPE, PORTRAIT, Kiosk, Start
from tests.ui.driver import (
    button,
    screen_text,
    screenshot,
    settle,
    shown,
    tap,
    texts,
    wait_until,
)
from tests.ui.test_screens import english_leftovers, problems_on_screen

pytestmark = pytest.mark.ui
HELSINKI = ZoneInfo("Europe/Helsinki")
STAFF = Actor("cli", "anna")  # staff, at the command line
PIN = "583917"
NAME = "Matti Meikäläinen"


def helsinki(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=HELSINKI).astimezone(UTC)


def add_worker(kiosk: Kiosk, number: int = 12, *, end: date = date(2027, 4, 30)) -> None:
    workers.add_worker(
        kiosk.ctx,
        number=number,
        display_name=NAME,
        pin=PIN,
        contract_start=date(2026, 11, 1),
        contract_end=end,
        by=STAFF,
    )


def plan_week(kiosk: Kiosk, number: int = 12) -> None:
    times = parse_shift_times("09:00-12:30")
    days = [date(2026, 11, d) for d in (24, 26, 27)] + [date(2026, 12, 1)]
    shifts.add_shifts(kiosk.ctx, [PlannedShift(number, d, times) for d in days], by=STAFF)


def enter(kiosk: Kiosk, number: str, pin: str) -> None:
    """Type the worker number and PIN on the pad and press OK after each."""
    app = kiosk.app
    if app.current != "worker_sign_in":
        tap(app.screen("home").ids.worker_entry, app)
    screen = app.current_screen
    if screen.stage == "pin":  # a refused PIN leaves the pad on the PIN, the number kept
        tap(screen.ids.back, app)
    if screen.number:
        tap(screen.ids.keypad.children[_key("Clear")], app, wait=False)
    for digit in number:
        tap(screen.ids.keypad.children[_key(digit)], app, wait=False)
    tap(screen.ids.ok, app)
    for digit in pin:
        tap(screen.ids.keypad.children[_key(digit)], app, wait=False)
    tap(screen.ids.ok, app)


def _key(digit: str) -> int:
    # GridLayout children are in reverse order: "Erase", "0", "Clear", "9", ... "1".
    order = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "Clear", "0", "Erase"]
    return len(order) - 1 - order.index(digit)


def scan(kiosk: Kiosk, code: str) -> None:
    """A keyboard-wedge scanner: every character typed, then Enter."""
    for character in code:
        Window.dispatch("on_textinput", character)
    Window.dispatch("on_key_down", 13, 40, "", [])
    settle(kiosk.app)


def sessions(kiosk: Kiosk) -> list[WorkSession]:
    with kiosk.ctx.reading() as session:
        return list(session.scalars(select(WorkSession).order_by(WorkSession.id)))


def counted_failures(kiosk: Kiosk) -> int:
    with kiosk.ctx.reading() as session:
        return session.scalar(select(func.count()).select_from(PinFailure)) or 0


def let_countdown_run_out(kiosk: Kiosk) -> None:
    kiosk.time.advance(kiosk.ctx.settings.peer_work.greeting_seconds + 1)
    # The countdown looks four times a second, in real time.
    wait_until(lambda: kiosk.app.current == "home", kiosk.app)


def test_sign_in_goes_through_rules_and_task_to_the_greeting_and_home(kiosk: Kiosk) -> None:
    add_worker(kiosk)
    plan_week(kiosk)
    app = kiosk.app
    assert shown(app.screen("home").ids.worker_entry)
    enter(kiosk, "12", PIN)
    assert app.current == "worker_menu"
    shown_texts = texts()
    # The lounge screen is public: a worker is greeted by number, and named nowhere.
    assert "Hei, työntekijä 12!" in shown_texts
    assert not any("Matti" in text for text in shown_texts)
    assert "Et ole kirjautunut sisään." in shown_texts
    assert "Vuorosi tänään: klo 9.00–12.30" in shown_texts
    tap("Aloita työt", app)
    assert app.current == "worker_rules"
    for rule in kiosk.ctx.settings.peer_work.rules.fi:
        assert rule in texts()
    tap("Lupaan noudattaa näitä sääntöjä", app)
    assert app.current == "worker_task"
    tap("Kahvitus", app)
    assert app.current == "worker_greeting"
    greeting = texts()
    assert "Tervetuloa, työntekijä 12!" in greeting
    assert not any("Matti" in text for text in greeting)
    assert "Aloitit työt kello 9.00. Tehtävä: Kahvitus" in greeting
    assert "Seuraavat vuorosi:" in greeting
    assert (
        "Torstai 26.11. klo 9.00–12.30\nPerjantai 27.11. klo 9.00–12.30\nTiistai 1.12. klo 9.00–12.30"
        in greeting
    )
    [work] = sessions(kiosk)
    assert (work.task, work.rules_confirmed, work.start_method, work.start_device) == (
        "coffee",
        True,
        "pin",
        "lounge-1",
    )
    let_countdown_run_out(kiosk)
    assert app.current == "home"
    assert not any(NAME in text for text in texts())  # the public screen never names anyone


def two_days_of_work(kiosk: Kiosk) -> None:
    """Monday 9.00-11.00 and today from 9.00; now 12.31, so today is 3 h 31 min so far."""
    kiosk.clock.set(helsinki(23, 9))
    sign_in_out.sign_in(kiosk.ctx, worker_auth.authenticate_pin(kiosk.ctx, "12", PIN), task="coffee")
    kiosk.clock.set(helsinki(23, 11))
    sign_in_out.sign_out(kiosk.ctx, worker_auth.authenticate_pin(kiosk.ctx, "12", PIN))
    kiosk.clock.set(helsinki(24, 9))
    sign_in_out.sign_in(kiosk.ctx, worker_auth.authenticate_pin(kiosk.ctx, "12", PIN), task="coffee")
    kiosk.clock.set(helsinki(24, 12, 31))


def test_sign_out_shows_todays_hours_and_the_period_and_euros_only_on_a_tap(
    kiosk: Kiosk,
) -> None:
    add_worker(kiosk)
    two_days_of_work(kiosk)
    enter(kiosk, "12", PIN)
    assert "Olet ollut töissä kello 9.00 alkaen. Tehtävä: Kahvitus" in texts()
    tap("Lopeta työt", kiosk.app)
    assert kiosk.app.current == "worker_goodbye"
    goodbye = texts()
    assert "Kiitos, työntekijä 12!" in goodbye
    assert "Tänään: 3 t 31 min" in goodbye
    assert "Tähän mennessä (marraskuu 2026): 2 päivää, 5 t 31 min" in goodbye
    # The lounge screen is public: no name, and no euros until the worker asks for them.
    assert not any("€" in text or "Matti" in text for text in goodbye)
    tap("Näytä avustukseni", kiosk.app)
    assert (
        "Avustus tänään: 7,03\xa0€\nAvustus tähän mennessä (marraskuu 2026): 11,03\xa0€"
        in texts()
    )
    tap("English", kiosk.app)
    assert "Allowance so far in November 2026: €11.03" in screen_text()
    tap("Hide my allowance", kiosk.app)
    assert "€" not in screen_text()
    assert "So far in November 2026: 2 days, 5 h 31 min" in texts()
    tap("Done", kiosk.app)
    assert kiosk.app.current == "home"


def test_a_busy_database_at_sign_out_keeps_finish_work_to_try_again(
    kiosk: Kiosk, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_worker(kiosk)
    two_days_of_work(kiosk)
    enter(kiosk, "12", PIN)

    def busy(*_args: object, **_kwargs: object) -> None:
        raise DatabaseBusy("the database did not answer")

    monkeypatch.setattr(sign_in_out, "sign_out", busy)
    tap("Lopeta työt", kiosk.app)
    assert kiosk.app.current == "worker_menu"
    assert "Järjestelmä on nyt kiireinen. Yritä hetken päästä uudelleen." in texts()
    monkeypatch.undo()
    tap("Lopeta työt", kiosk.app)
    assert kiosk.app.current == "worker_goodbye"


def test_the_allowance_hides_again_by_itself(kiosk: Kiosk) -> None:
    add_worker(kiosk)
    two_days_of_work(kiosk)
    enter(kiosk, "12", PIN)
    tap("Lopeta työt", kiosk.app)
    kiosk.time.advance(5)  # the goodbye's countdown is under way
    tap("Näytä avustukseni", kiosk.app)
    assert "7,03\xa0€" in screen_text()
    screen = kiosk.app.current_screen
    kiosk.time.advance(ALLOWANCE_SHOWN_SECONDS - 1)
    settle(kiosk.app)
    assert "7,03\xa0€" in screen_text()
    kiosk.time.advance(1)
    wait_until(lambda: not screen.allowance_shown, kiosk.app)
    assert "€" not in screen_text()
    # Showing it gave the worker time to read it: the screen is still theirs a moment more.
    assert kiosk.app.current == "worker_goodbye"
    let_countdown_run_out(kiosk)
    assert kiosk.app.current == "home"


def test_a_clinic_may_choose_to_greet_workers_by_first_name(start_kiosk: Start) -> None:
    settings = settings_from(around_the_clock_toml())
    by_name = settings.peer_work.model_copy(update={"greet_by_name": True})
    kiosk = start_kiosk(settings.model_copy(update={"peer_work": by_name}))
    add_worker(kiosk)
    plan_week(kiosk)
    enter(kiosk, "12", PIN)
    assert "Hei, Matti!" in texts()
    tap("Aloita työt", kiosk.app)
    tap("Lupaan noudattaa näitä sääntöjä", kiosk.app)
    tap("Kahvitus", kiosk.app)
    assert "Tervetuloa, Matti!" in texts()
    tap("Valmis", kiosk.app)
    kiosk.clock.advance(hours=1)
    enter(kiosk, "12", PIN)
    tap("Lopeta työt", kiosk.app)
    goodbye = texts()
    assert "Kiitos, Matti!" in goodbye
    # The first name only: the family name never shows, and euros still wait for a tap.
    assert not any("Meikäläinen" in text or "€" in text for text in goodbye)


def test_unknown_number_and_wrong_pin_look_the_same_and_lock_alike(kiosk: Kiosk) -> None:
    add_worker(kiosk)
    messages = []
    for number in ("12", "77"):
        enter(kiosk, number, "111112")
        assert kiosk.app.current == "worker_sign_in"
        messages.append(kiosk.app.current_screen.message)
    assert messages[0] == messages[1] == "Numero tai PIN-koodi ei ole oikein. Yritä uudelleen."
    for _ in range(4):
        enter(kiosk, "77", "111112")
    assert kiosk.app.current_screen.message.startswith("Liian monta väärää PIN-koodia. Numero")
    enter(kiosk, "12", PIN)  # the real worker's number is not locked by someone else's tries
    assert kiosk.app.current == "worker_menu"


def test_after_closing_time_the_menu_offers_no_start(kiosk: Kiosk) -> None:
    add_worker(kiosk)
    kiosk.clock.set(helsinki(24, 16, 5))  # peer work closes at 16:00
    enter(kiosk, "12", PIN)
    app = kiosk.app
    assert app.current == "worker_menu"
    screen = app.current_screen
    assert screen.ids.main.disabled
    assert screen.notice == "Vertaistyö on päättynyt tältä päivältä. Puhu henkilökunnan kanssa."
    screen.start_work()  # even if something pressed it anyway
    settle(app)
    assert app.current == "worker_menu"
    screenshot(ARTIFACTS / "landscape" / "worker-menu-after-closing-fi.png")


def test_after_a_wrong_pin_the_pad_takes_the_pin_again(kiosk: Kiosk) -> None:
    add_worker(kiosk)
    enter(kiosk, "12", "111112")
    app = kiosk.app
    screen = app.current_screen
    assert (screen.stage, screen.number, screen.pin_length) == ("pin", "12", False)
    for digit in PIN:
        tap(screen.ids.keypad.children[_key(digit)], app, wait=False)
    assert screen.number == "12"
    tap(screen.ids.ok, app)
    assert app.current == "worker_menu"


def test_the_pad_locks_while_a_check_is_on_its_way(kiosk: Kiosk) -> None:
    add_worker(kiosk)
    app = kiosk.app
    tap(app.screen("home").ids.worker_entry, app)
    screen = app.current_screen
    for digit in "12":
        screen.press(digit)
    screen.next()
    for digit in "111112":
        screen.press(digit)
    tap(screen.ids.ok, app, wait=False)
    assert screen.busy and screen.ids.ok.disabled and screen.ids.keypad.opacity < 1
    screen.next()  # a second tap on OK while the first is on its way does nothing
    screen.press("5")
    settle(app)
    assert counted_failures(kiosk) == 1
    assert screen.number == "12" and not screen.busy


def test_a_double_tap_on_a_task_signs_in_once(kiosk: Kiosk) -> None:
    add_worker(kiosk)
    enter(kiosk, "12", PIN)
    tap("Aloita työt", kiosk.app)
    tap("Lupaan noudattaa näitä sääntöjä", kiosk.app)
    task_screen = kiosk.app.current_screen
    tile = button("Siivousalue")
    tap(tile, kiosk.app, wait=False)
    assert task_screen.busy and task_screen.ids.tasks.opacity < 1
    task_screen.sign_in("cleaning")  # the second tap of a double tap reaches the same handler
    settle(kiosk.app)
    assert kiosk.app.current == "worker_greeting"
    assert [s.task for s in sessions(kiosk)] == ["cleaning"]


def test_badge_scan_signs_in_without_the_pad(kiosk: Kiosk) -> None:
    add_worker(kiosk)
    _, token = workers.issue_badge(kiosk.ctx, 12, by=STAFF)
    tap(kiosk.app.screen("home").ids.worker_entry, kiosk.app)
    scan(kiosk, token.lower())  # Caps Lock on: still the same badge
    assert kiosk.app.current == "worker_menu"
    assert kiosk.app.current_screen.worker_pass.method == "badge"
    kiosk.app.go_home()
    settle(kiosk.app)
    tap(kiosk.app.screen("home").ids.worker_entry, kiosk.app)
    scan(kiosk, "Z" * 26)
    assert kiosk.app.current_screen.message == (
        "Korttia ei tunnisteta. Käytä numeroa ja PIN-koodia tai kysy henkilökunnalta."
    )


def test_ended_contract_is_refused_kindly(kiosk: Kiosk) -> None:
    add_worker(kiosk, end=date(2026, 11, 23))
    enter(kiosk, "12", PIN)
    assert kiosk.app.current == "worker_sign_in"
    assert kiosk.app.current_screen.message == (
        "Työsopimuksesi ei ole voimassa tänään. Puhu henkilökunnan kanssa."
    )
    screenshot(ARTIFACTS / "landscape" / "worker-contract-ended-fi.png")


def test_a_paused_kiosk_locks_the_pad_until_the_minute_is_over(kiosk: Kiosk) -> None:
    add_worker(kiosk)
    kiosk.clock.advance(seconds=20)
    for attempt in range(20):
        with pytest.raises((worker_auth.WrongPin, worker_auth.PinEntryPaused)):
            worker_auth.authenticate_pin(kiosk.ctx, str(100 + attempt), "111112")
    tap(kiosk.app.screen("home").ids.worker_entry, kiosk.app)
    screen = kiosk.app.current_screen
    assert screen.paused and screen.ids.keypad.opacity < 1
    screen.press("1")  # ignored while paused
    assert screen.number == ""
    # The pause ends a minute after the twentieth failure, at 9.01.20 in Helsinki: the screen
    # names the first whole minute when the pad is open again.
    assert screen.message == (
        "Liian monta väärää PIN-koodia tällä näytöllä. Yritä uudelleen kello 9.02."
    )
    screenshot(ARTIFACTS / "landscape" / "worker-paused-fi.png")
    kiosk.clock.advance(minutes=1)
    wait_until(lambda: not screen.paused, kiosk.app)
    assert screen.ids.keypad.opacity == 1
    enter(kiosk, "12", PIN)
    assert kiosk.app.current == "worker_menu"


def test_absence_for_a_coming_shift_with_a_reason(kiosk: Kiosk) -> None:
    add_worker(kiosk)
    plan_week(kiosk)
    enter(kiosk, "12", PIN)
    tap("Ilmoita poissaolo", kiosk.app)
    assert kiosk.app.current == "worker_absence"
    assert "Mihin vuoroon et pääse?" in texts()
    tap("Torstai 26.11. klo 9.00–12.30", kiosk.app)
    tap("Sairaus", kiosk.app)
    assert "Kiitos. Poissaolosi on ilmoitettu." in texts()
    with kiosk.ctx.reading() as session:
        [absence] = session.scalars(select(Absence)).all()
        assert (absence.reason, absence.reported_at, absence.reported_by) == (
            "illness",
            kiosk.clock.now(),
            "worker:12",
        )
    let_countdown_run_out(kiosk)
    assert kiosk.app.current == "home"


def test_the_menu_tells_of_an_automatic_sign_out(kiosk: Kiosk) -> None:
    add_worker(kiosk)
    sign_in_out.sign_in(kiosk.ctx, worker_auth.authenticate_pin(kiosk.ctx, "12", PIN), task="coffee")
    kiosk.clock.set(helsinki(24, 15, 10))
    enter(kiosk, "12", PIN)
    assert (
        "Sinut kirjattiin ulos automaattisesti kello 15.00. Henkilökunta tarkistaa tuntisi."
        in texts()
    )


def test_the_app_closes_forgotten_sign_outs_by_itself(kiosk: Kiosk) -> None:
    add_worker(kiosk)
    sign_in_out.sign_in(kiosk.ctx, worker_auth.authenticate_pin(kiosk.ctx, "12", PIN), task="coffee")
    kiosk.clock.set(helsinki(24, 16, 30))
    kiosk.app.peer_work.close_forgotten()  # what the app's timer does every few minutes
    settle(kiosk.app)
    [work] = sessions(kiosk)
    assert (work.end_method, work.needs_review, work.ended_at) == (
        "automatic",
        True,
        helsinki(24, 15),
    )


def worker_tour(kiosk: Kiosk) -> Iterator[str]:
    """Every peer-work screen, as a worker reaches it."""
    app = kiosk.app
    add_worker(kiosk)
    plan_week(kiosk)
    tap(app.screen("home").ids.worker_entry, app)
    screen = app.current_screen
    screen.press("1")
    screen.press("2")
    settle(app)
    yield "worker-number"

    screen.next()
    for digit in "5839":
        screen.press(digit)
    settle(app)
    yield "worker-pin"

    for digit in "17":
        screen.press(digit)
    screen.next()
    settle(app)
    yield "worker-menu"

    tap(app.current_screen.ids.main, app)
    yield "worker-rules"

    tap(app.current_screen.ids.agree, app)
    yield "worker-task"

    tap(button("Kahvitus"), app)
    yield "worker-greeting"

    tap(app.current_screen.ids.done, app)
    kiosk.clock.advance(hours=3, minutes=31)
    enter(kiosk, "12", PIN)
    yield "worker-menu-signed-in"

    tap(app.current_screen.ids.main, app)
    yield "worker-goodbye"

    tap(app.current_screen.ids.allowance_button, app)
    yield "worker-goodbye-allowance"

    tap(app.current_screen.ids.done, app)
    enter(kiosk, "12", PIN)
    tap(app.current_screen.ids.absence, app)
    yield "worker-absence-shift"

    tap(app.current_screen.ids.choices.children[-1], app)
    yield "worker-absence-reason"

    tap(app.current_screen.ids.choices.children[-1], app)
    yield "worker-absence-done"

    tap(app.current_screen.ids.done, app)
    enter(kiosk, "12", "111112")
    yield "worker-wrong-pin"


@pytest.mark.parametrize("size", [LANDSCAPE, PORTRAIT], ids=["landscape", "portrait"])
def test_every_worker_screen_in_every_language(start_kiosk: Start, size: tuple[int, int]) -> None:
    kiosk = start_kiosk(size=size)
    orientation = "landscape" if size == LANDSCAPE else "portrait"
    leftovers = {language: english_leftovers(language) for language in LANGUAGES}
    visited: list[str] = []
    found: list[str] = []
    for name in worker_tour(kiosk):
        visited.append(name)
        for language in LANGUAGES:
            kiosk.app.set_language(language)
            settle(kiosk.app)
            path = screenshot(ARTIFACTS / orientation / f"{name}-{language}.png")
            assert Image.open(path).size == size
            found += [
                f"{orientation} {name} {language}: {p}"
                for p in problems_on_screen(language, leftovers[language])
            ]
        kiosk.app.set_language("fi")
        settle(kiosk.app)
    assert len(visited) == 13
    assert found == [], "\n".join(found)


def test_a_worker_screen_left_alone_goes_home(kiosk: Kiosk) -> None:
    add_worker(kiosk)
    enter(kiosk, "12", PIN)
    kiosk.time.advance(kiosk.ctx.settings.kiosk.idle_timeout_seconds + 1)
    wait_until(lambda: kiosk.app.current == "home", kiosk.app)
    assert kiosk.app.screen("worker_menu").worker_pass is None


def test_a_pass_that_expired_on_any_worker_screen_leads_back_to_the_sign_in(kiosk: Kiosk) -> None:
    add_worker(kiosk)
    plan_week(kiosk)
    app = kiosk.app
    lifetime = sign_in_out.PASS_LIFETIME.total_seconds() + 1
    # Choosing a task (sign-in), reporting an absence, finishing work (sign-out).
    enter(kiosk, "12", PIN)
    tap("Aloita työt", app)
    tap("Lupaan noudattaa näitä sääntöjä", app)
    task_screen = app.current_screen
    kiosk.clock.advance(seconds=lifetime)
    tap("Kahvitus", app)
    assert app.current == "worker_sign_in" and task_screen.worker_pass is None
    enter(kiosk, "12", PIN)
    tap("Ilmoita poissaolo", app)
    tap("Torstai 26.11. klo 9.00–12.30", app)
    kiosk.clock.advance(seconds=lifetime)
    tap("Sairaus", app)
    assert app.current == "worker_sign_in"
    sign_in_out.sign_in(kiosk.ctx, worker_auth.authenticate_pin(kiosk.ctx, "12", PIN), task="coffee")
    enter(kiosk, "12", PIN)
    kiosk.clock.advance(seconds=lifetime)
    tap("Lopeta työt", app)
    assert app.current == "worker_sign_in"
    assert "Kirjoita työntekijänumerosi tai näytä korttisi lukijalle." in texts()
    # Nothing was done with a stale pass: the one session is the one signed in above, still open.
    [only] = sessions(kiosk)
    assert only.task == "coffee" and only.ended_at is None
    with kiosk.ctx.reading() as session:
        assert session.scalars(select(Absence)).all() == []


def test_sessions_started_at_the_kiosk_are_counted_from_the_task_choice(kiosk: Kiosk) -> None:
    add_worker(kiosk)
    enter(kiosk, "12", PIN)
    tap("Aloita työt", kiosk.app)
    kiosk.clock.advance(minutes=2)  # reading the rules takes a while
    tap("Lupaan noudattaa näitä sääntöjä", kiosk.app)
    tap("Kahvitus", kiosk.app)
    assert sessions(kiosk)[0].started_at == helsinki(24, 9, 2)
    assert timedelta(minutes=2) == sessions(kiosk)[0].started_at - helsinki(24, 9)
