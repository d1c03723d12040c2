"""Taking a number: huge at once, then the slip; plain words when the printer fails."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from kiosk.db.models import Ticket
from kiosk.devices.virtual import DecodedSlip
from kiosk.services import tickets
from kiosk.services.context import DatabaseBusy
from kiosk.services.printer_state import printer_status
from tests.support import TUESDAY_MORNING, default_toml, settings_from
from tests.ui.conftest import Kiosk, Start
from tests.ui.driver import find_label, screen_text, settle, tap, texts, wait_until
from tests.ui.printers import PAPER_OUT, BreakablePrinter

pytestmark = pytest.mark.ui


def printed(kiosk: Kiosk) -> DecodedSlip:
    slip = kiosk.printer.last_slip  # type: ignore[union-attr]
    assert slip is not None, "nothing was printed"
    return slip


def ticket_count(kiosk: Kiosk) -> int:
    with kiosk.ctx.reading() as session:
        return session.scalar(select(func.count()).select_from(Ticket)) or 0


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


def test_a_second_tap_within_the_burst_guard_shows_the_same_ticket(kiosk: Kiosk) -> None:
    tap("Ota vuoronumero", kiosk.app)
    wait_until(lambda: kiosk.app.current_screen.phase == "printed", kiosk.app)
    first_slip = kiosk.printer.last_png  # type: ignore[union-attr]
    tap("Valmis", kiosk.app)
    tap("Ota vuoronumero", kiosk.app)
    assert "A001" in texts()
    assert "Otit tämän numeron juuri äsken.\nOta vuoronumerolappu tulostimesta." in texts()
    assert ticket_count(kiosk) == 1
    assert kiosk.printer.last_png == first_slip  # type: ignore[union-attr]  # not printed twice


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


def test_a_repeated_tap_after_a_failed_slip_tries_to_print_again(
    start_kiosk: Start, tmp_path: Path
) -> None:
    settings = settings_from(default_toml())
    printer = BreakablePrinter(settings.printer, tmp_path / "printed")
    printer.fault = PAPER_OUT
    kiosk = start_kiosk(printer=printer)
    tap("Ota vuoronumero", kiosk.app)
    wait_until(lambda: kiosk.app.current_screen.phase == "failed", kiosk.app)
    printer.fault = None  # staff put in a new roll
    tap("Valmis", kiosk.app)
    tap("Ota vuoronumero", kiosk.app)
    wait_until(lambda: kiosk.app.current_screen.phase == "printed", kiosk.app)
    assert printer.jobs == 2 and "A001" in [line.strip() for line in printed(kiosk).text_lines()]


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


def test_when_the_database_does_not_answer_no_number_is_promised(
    kiosk: Kiosk, monkeypatch: pytest.MonkeyPatch
) -> None:
    def busy(*_args: object, **_kwargs: object) -> None:
        raise DatabaseBusy("the database did not answer; nothing was saved")

    monkeypatch.setattr(tickets, "take_number", busy)
    tap("Ota vuoronumero", kiosk.app)
    shown = texts()
    assert (
        "Jokin meni vikaan. Numeroa ei otettu.\nYritä uudelleen tai kysy henkilökunnalta." in shown
    )
    assert "Numerosi on" not in shown
    monkeypatch.undo()
    tap("Yritä uudelleen", kiosk.app)
    wait_until(lambda: kiosk.app.current_screen.phase == "printed", kiosk.app)
    assert "A001" in texts()
