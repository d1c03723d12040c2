"""Taking a number: huge at once, then the slip; one number per client; plain words when the
printer fails; home again by itself."""

from __future__ import annotations

import threading
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from kiosk.core.codes import parse_queue_code
from kiosk.db.models import Ticket
from kiosk.db.storage_errors import DatabaseBusy
from kiosk.devices.virtual import DecodedSlip
from kiosk.services import tickets
from kiosk.services.printer_state import printer_status
from kiosk.services.views import TicketView
from tests.support import TUESDAY_MORNING, default_toml, settings_from
from tests.ui.conftest import Kiosk, Start
from tests.ui.driver import (
    Finger,
    button,
    find_label,
    screen_text,
    settle,
    tap,
    texts,
    wait_until,
)
from tests.ui.printers import PAPER_OUT, BreakablePrinter

pytestmark = pytest.mark.ui


def printed(kiosk: Kiosk) -> DecodedSlip:
    slip = kiosk.printer.last_slip  # type: ignore[union-attr]
    assert slip is not None, "nothing was printed"
    return slip


def ticket_count(kiosk: Kiosk) -> int:
    with kiosk.ctx.reading() as session:
        return session.scalar(select(func.count()).select_from(Ticket)) or 0


def shown_number(kiosk: Kiosk) -> str:
    """The number on the ticket screen, checked to be really on the glass."""
    return find_label(kiosk.app.current_screen.ids.number.text).text


def slips(kiosk: Kiosk) -> list[Path]:
    """The slips the virtual printer printed: a PNG file each."""
    return sorted((kiosk.data_dir / "printed").glob("*.png"))


def slip_number(kiosk: Kiosk) -> str:
    """The queue number on the slip printed last, as the virtual printer decoded it."""
    lines = [line.strip() for line in printed(kiosk).text_lines()]
    return next(line for line in lines if parse_queue_code(line) is not None)


def test_the_number_shows_at_once_and_the_slip_prints(kiosk: Kiosk) -> None:
    tap("Ota vuoronumero", kiosk.app)
    assert kiosk.app.current == "take_number"
    screen = kiosk.app.current_screen
    wait_until(lambda: screen.phase == "printed", kiosk.app)
    assert find_label("A001").font_size == kiosk.app.font_number
    shown = texts()
    assert "Numerosi on" in shown
    assert "Olet seuraavana vuorossa." in shown
    assert "Ota vuoronumerolappu tulostimesta." in shown
    # The slip says the same number, in the client's language.
    lines = printed(kiosk).text_lines()
    assert "A001" in [line.strip() for line in lines]
    assert any("Vuoronumerosi" in line for line in lines)
    tap("Valmis", kiosk.app)
    assert kiosk.app.current == "home"


def test_the_slip_is_printed_in_the_chosen_language(kiosk: Kiosk) -> None:
    tap("English", kiosk.app)
    tap("Take a number", kiosk.app)
    wait_until(lambda: kiosk.app.current_screen.phase == "printed", kiosk.app)
    assert "Take your ticket from the printer." in texts()
    assert any("Your number" in line for line in printed(kiosk).text_lines())


def test_two_clients_one_after_the_other_get_two_numbers_and_two_slips(kiosk: Kiosk) -> None:
    tap("Ota vuoronumero", kiosk.app)
    wait_until(lambda: kiosk.app.current_screen.phase == "printed", kiosk.app)
    first = shown_number(kiosk)
    assert slip_number(kiosk) == first
    tap("Valmis", kiosk.app)
    # The next client, 2 s later at the same kiosk.
    kiosk.clock.advance(seconds=2)
    kiosk.time.advance(2)
    tap("Ota vuoronumero", kiosk.app)
    wait_until(lambda: kiosk.app.current_screen.phase == "printed", kiosk.app)
    second = shown_number(kiosk)
    assert (first, second) == ("A001", "A002")
    assert "Otit tämän numeron juuri äsken." not in screen_text()
    assert slip_number(kiosk) == second
    assert ticket_count(kiosk) == 2
    assert len(slips(kiosk)) == 2


def test_a_double_tap_on_the_tile_takes_one_number(kiosk: Kiosk) -> None:
    tile = button("Ota vuoronumero")
    x, y = tile.to_window(*tile.center)
    # Two fingers on the tile: the second lifts after the first has opened the ticket screen.
    first, second = Finger(x, y), Finger(x + 10, y)
    first.down()
    second.down()
    first.up()
    second.up()
    settle(kiosk.app)
    wait_until(lambda: kiosk.app.current_screen.phase == "printed", kiosk.app)
    assert shown_number(kiosk) == "A001"
    assert ticket_count(kiosk) == 1
    assert len(slips(kiosk)) == 1


def test_while_a_number_is_being_taken_every_button_waits(
    kiosk: Kiosk, monkeypatch: pytest.MonkeyPatch
) -> None:
    answer = threading.Event()
    take = tickets.take_number

    def slow_database(*args: Any, **kwargs: Any) -> TicketView:
        answer.wait(10)
        return take(*args, **kwargs)

    monkeypatch.setattr(tickets, "take_number", slow_database)
    tap("Ota vuoronumero", kiosk.app, wait=False)
    screen = kiosk.app.current_screen
    assert screen.busy and button("Valmis").disabled
    answer.set()
    wait_until(lambda: screen.phase == "printed", kiosk.app)
    assert not screen.busy and not button("Valmis").disabled
    assert ticket_count(kiosk) == 1


def test_try_again_after_a_lost_answer_shows_the_same_number_not_a_second(
    kiosk: Kiosk, monkeypatch: pytest.MonkeyPatch
) -> None:
    take = tickets.take_number

    def saved_but_unanswered(*args: Any, **kwargs: Any) -> TicketView:
        take(*args, **kwargs)
        raise DatabaseBusy("the database did not answer; nothing was saved")

    monkeypatch.setattr(tickets, "take_number", saved_but_unanswered)
    tap("Ota vuoronumero", kiosk.app)
    assert kiosk.app.current_screen.phase == "problem"
    monkeypatch.undo()
    tap("Yritä uudelleen", kiosk.app)
    wait_until(lambda: kiosk.app.current_screen.phase == "printed", kiosk.app)
    assert shown_number(kiosk) == "A001"
    assert "Ota vuoronumerolappu tulostimesta." in texts()
    assert not any("juuri äsken" in line for line in texts())
    assert ticket_count(kiosk) == 1
    assert len(slips(kiosk)) == 1


def take_a_rapid_series(kiosk: Kiosk) -> None:
    """Five numbers from this kiosk a moment ago: more than the configured 4 in 30 s."""
    for _ in range(5):
        tickets.take_number(kiosk.ctx, "A", kiosk_id=kiosk.ctx.settings.kiosk.id)


def test_after_a_rapid_series_the_kiosk_asks_and_yes_gives_a_new_number(kiosk: Kiosk) -> None:
    take_a_rapid_series(kiosk)
    tap("Ota vuoronumero", kiosk.app)
    assert kiosk.app.current_screen.phase == "confirm"
    shown = texts()
    assert "Tarvitsetko vuoronumeron?" in shown
    assert "Täältä otettiin juuri monta numeroa." in shown
    assert "Valmis" not in shown and "Numerosi on" not in shown
    assert button("Kyllä, anna numero").icon == "check-bold"
    assert button("Ei, alkuun").icon == "close-thick"
    assert ticket_count(kiosk) == 5 and slips(kiosk) == []
    kiosk.time.advance(1)  # read the question
    tap("Kyllä, anna numero", kiosk.app)
    wait_until(lambda: kiosk.app.current_screen.phase == "printed", kiosk.app)
    assert shown_number(kiosk) == "A006"
    assert ticket_count(kiosk) == 6
    assert len(slips(kiosk)) == 1 and slip_number(kiosk) == "A006"


def test_a_double_tap_on_the_tile_does_not_answer_the_question(kiosk: Kiosk) -> None:
    take_a_rapid_series(kiosk)
    tile = button("Ota vuoronumero")
    for answer in ("Kyllä, anna numero", "Ei, alkuun"):
        kiosk.app.go_home()
        settle(kiosk.app)
        tap(tile, kiosk.app)
        # The second tap of the double tap, a moment later, on whichever answer is under it.
        tap(answer, kiosk.app)
        assert kiosk.app.current_screen.phase == "confirm"
    assert ticket_count(kiosk) == 5 and slips(kiosk) == []


def test_no_to_the_question_goes_home_and_takes_none(kiosk: Kiosk) -> None:
    take_a_rapid_series(kiosk)
    tap("Ota vuoronumero", kiosk.app)
    kiosk.time.advance(1)
    tap("Ei, alkuun", kiosk.app)
    assert kiosk.app.current == "home"
    assert ticket_count(kiosk) == 5 and slips(kiosk) == []


def test_the_ticket_screen_goes_home_by_itself_after_a_countdown(kiosk: Kiosk) -> None:
    tap("Ota vuoronumero", kiosk.app)
    wait_until(lambda: kiosk.app.current_screen.phase == "printed", kiosk.app)
    assert "Näyttö palaa alkuun 15 sekunnin kuluttua." in texts()
    kiosk.time.advance(10)
    wait_until(lambda: "Näyttö palaa alkuun 5 sekunnin kuluttua." in texts(), kiosk.app)
    assert kiosk.app.current == "take_number"
    kiosk.time.advance(5)
    wait_until(lambda: kiosk.app.current == "home", kiosk.app)


def test_when_printing_fails_the_screen_says_so_in_plain_words(
    start_kiosk: Start, tmp_path: Path
) -> None:
    settings = settings_from(default_toml())
    printer = BreakablePrinter(settings.printer, tmp_path / "printed")
    printer.fault = PAPER_OUT
    kiosk = start_kiosk(printer=printer)
    tap("Ota vuoronumero", kiosk.app)
    wait_until(lambda: kiosk.app.current_screen.phase == "failed", kiosk.app)
    message = find_label("Tulostin ei toimi.", exact=False)
    assert message.text == (
        "Tulostin ei toimi.\nNumerosi on A001. Muista se.\nHenkilökunta tietää asiasta."
    )
    assert message.parent.icon == "printer-alert"
    assert "A001" in texts()  # the number is still there, huge
    # Staff see it: the printer's state was stored for the staff console.
    stored = printer_status(kiosk.ctx, kiosk.ctx.settings.kiosk.id)
    assert stored is not None and stored.state == "paper_out"


def test_the_next_client_after_a_failed_slip_gets_a_new_number_and_slip(
    start_kiosk: Start, tmp_path: Path
) -> None:
    settings = settings_from(default_toml())
    printer = BreakablePrinter(settings.printer, tmp_path / "printed")
    printer.fault = PAPER_OUT
    kiosk = start_kiosk(printer=printer)
    tap("Ota vuoronumero", kiosk.app)
    wait_until(lambda: kiosk.app.current_screen.phase == "failed", kiosk.app)
    # The client still gets the screen's countdown to read and remember their number.
    assert "Näyttö palaa alkuun 15 sekunnin kuluttua." in texts()
    printer.fault = None  # staff put in a new roll
    tap("Valmis", kiosk.app)
    tap("Ota vuoronumero", kiosk.app)
    wait_until(lambda: kiosk.app.current_screen.phase == "printed", kiosk.app)
    assert printer.jobs == 2 and "A002" in [line.strip() for line in printed(kiosk).text_lines()]


def test_outside_opening_hours_a_calm_screen_says_when_it_opens(start_kiosk: Start) -> None:
    # 11:20 on Tuesday: dispensing stops giving numbers at 11:15 and opens again tomorrow.
    at = TUESDAY_MORNING + timedelta(hours=2, minutes=20)
    kiosk = start_kiosk(settings_from(default_toml()), at=at)
    # As if the tile had been tapped a moment before the cut-off: the service refuses.
    kiosk.app.show("take_number", service="A")
    settle(kiosk.app)
    assert kiosk.app.current == "service_closed"
    shown = texts()
    assert "Lääkkeenjako: suljettu nyt" in shown
    assert "Se aukeaa taas:" in shown
    assert "Huomenna klo 7.30" in shown
    assert ticket_count(kiosk) == 0
    tap("Alkuun", kiosk.app)
    assert kiosk.app.current == "home"


def test_a_closed_tile_leads_to_the_opening_time_in_the_chosen_language(start_kiosk: Start) -> None:
    # Saturday 14:00: both services closed; dispensing opens on Sunday at 9.00, the nurse on
    # Monday at 8.00.
    saturday = TUESDAY_MORNING + timedelta(days=4, hours=5)
    kiosk = start_kiosk(settings_from(default_toml()), at=saturday)
    tap("English", kiosk.app)
    tap("Nurse: closed now", kiosk.app)
    assert "Monday 30 November at 08:00" in texts()
    assert "Nurse: closed now" in screen_text()


# What a busy database gets: true whether the number was saved or not, since "Try again"
# shows the saved one or takes one.
BUSY_WORDS = (
    "Järjestelmä on nyt kiireinen. Yritä hetken päästä uudelleen.\n"
    "Paina ”Yritä uudelleen”, niin saat numerosi. Jos se ei auta, kysy henkilökunnalta."
)


def test_when_the_database_does_not_answer_no_number_is_promised(
    kiosk: Kiosk, monkeypatch: pytest.MonkeyPatch
) -> None:
    def busy(*_args: object, **_kwargs: object) -> None:
        raise DatabaseBusy("the database did not answer; nothing was saved")

    monkeypatch.setattr(tickets, "take_number", busy)
    tap("Ota vuoronumero", kiosk.app)
    shown = texts()
    assert BUSY_WORDS in shown
    assert "Numerosi on" not in shown
    monkeypatch.undo()
    tap("Yritä uudelleen", kiosk.app)
    wait_until(lambda: kiosk.app.current_screen.phase == "printed", kiosk.app)
    assert "A001" in texts()


def test_a_number_saved_whose_answer_was_lost_is_not_denied_and_try_again_shows_it(
    kiosk: Kiosk, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The database saved the ticket, then the answer was lost on its way back: the screen must
    not say that no number was taken, and "Try again" shows the number saved."""
    real_take = tickets.take_number

    def saved_then_lost(*args: Any, **kwargs: Any) -> TicketView:
        real_take(*args, **kwargs)
        raise DatabaseBusy("the database did not answer")

    monkeypatch.setattr(tickets, "take_number", saved_then_lost)
    tap("Ota vuoronumero", kiosk.app)
    assert ticket_count(kiosk) == 1
    assert BUSY_WORDS in texts()
    assert not any("ei otettu" in line for line in texts())
    monkeypatch.undo()
    tap("Yritä uudelleen", kiosk.app)
    wait_until(lambda: kiosk.app.current_screen.phase == "printed", kiosk.app)
    assert shown_number(kiosk) == "A001" and ticket_count(kiosk) == 1
