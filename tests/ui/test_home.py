"""Home: open services as large tiles with their queues, help, numbers being served, languages."""

from __future__ import annotations

import gc
import re
from datetime import timedelta
from pathlib import Path

import pytest
from kivy.lang import Builder

from kiosk.core.actor import Actor
from kiosk.screens.home import ENTRY_GAP, NEWEST_MARKER
from kiosk.services import help_requests, tickets
from kiosk.settings.schema import Settings
from kiosk.ui.i18n import tr
from kiosk.ui.icons import glyph
from tests.support import TUESDAY_MORNING, around_the_clock_toml, default_toml, settings_from
from tests.ui.conftest import ARTIFACTS, LANDSCAPE, PORTRAIT, Kiosk, Start
from tests.ui.driver import (
    button,
    find_label,
    screen_text,
    screenshot,
    settle,
    shown,
    tap,
    texts,
)
from tests.ui.printers import PAPER_OUT, BreakablePrinter

pytestmark = pytest.mark.ui
STAFF = Actor("cli", "nurse")  # staff, at the command line


def refresh(kiosk: Kiosk) -> None:
    kiosk.app.screen("home").refresh()
    settle(kiosk.app)


def test_home_shows_a_tile_per_open_service_with_its_queue(kiosk: Kiosk) -> None:
    for _ in range(3):
        tickets.take_number(kiosk.ctx, "A")
    tickets.take_number(kiosk.ctx, "B")
    refresh(kiosk)
    shown = texts()
    assert "Lääkkeenjako" in shown and "Hoitaja" in shown
    assert shown.count("Ota vuoronumero") == 2
    # Three waiting for A at the configured 3 minutes each; one for B at 10.
    assert "3 jonossa · noin 9 minuuttia" in shown
    assert "1 jonossa · noin 10 minuuttia" in shown
    assert "Apua hakemuksen kanssa" in shown and "Pyydä apua" in shown


def test_the_help_tile_counts_open_help_requests(kiosk: Kiosk) -> None:
    help_requests.open_request(kiosk.ctx, "housing_allowance")
    help_requests.open_request(kiosk.ctx, "computer_help")
    refresh(kiosk)
    assert "2 jonossa · noin 40 minuuttia" in texts()


def test_the_strip_shows_numbers_being_served_and_never_anything_else(kiosk: Kiosk) -> None:
    assert "Numerot näkyvät tässä, kun ne kutsutaan." in texts()
    for _ in range(2):
        tickets.take_number(kiosk.ctx, "A")
    tickets.take_number(kiosk.ctx, "B")
    tickets.call_next(kiosk.ctx, 2, by=STAFF, service_id="A")
    tickets.call_next(kiosk.ctx, 3, by=STAFF)
    help_requests.open_request(kiosk.ctx, "housing_allowance")
    help_requests.call(kiosk.ctx, "H001", "lift", by=STAFF)
    refresh(kiosk)
    strip = kiosk.app.screen("home").ids.strip.items
    assert "A001" in strip and "luukku 2" in strip
    assert "B001" in strip and "luukku 3" in strip
    assert "H001" in strip and "Lift-tietokone" in strip
    assert "A002" not in strip  # still waiting
    # Privacy mode: the strip names no service, and a help request only its code and desk.
    assert "Lääkkeenjako" not in strip and "Hoitaja" not in strip and "Asumistuki" not in strip
    tap("English", kiosk.app)
    assert "Lift computer" in kiosk.app.screen("home").ids.strip.items


def test_a_portrait_strip_wraps_rather_than_drop_a_called_number(start_kiosk: Start) -> None:
    # Windows 1, 2 and 4 dispense medication (A), window 3 is the nurse's (B): four windows,
    # each showing its own newest number, are more than one portrait row holds.
    four_windows = around_the_clock_toml().replace("windows = [1, 2]", "windows = [1, 2, 4]")
    kiosk = start_kiosk(settings_from(four_windows), size=PORTRAIT)
    for service in "AAAAB":
        tickets.take_number(kiosk.ctx, service)
    for window, service in ((1, "A"), (2, "A"), (4, "A"), (1, "A"), (3, "B")):
        tickets.call_next(kiosk.ctx, window, by=STAFF, service_id=service)
    refresh(kiosk)
    rows = kiosk.app.screen("home").ids.strip.items.split("\n")
    screenshot(ARTIFACTS / "portrait" / "home-strip-four-windows-fi.png")
    assert len(rows) == 2
    shown = "".join(rows)
    for code, window in (("B001", 3), ("A004", 1), ("A003", 4), ("A002", 2)):
        assert code in shown and f"luukku {window}" in shown
    assert "A001" not in shown  # window 1 has called A004 since
    assert rows[0].index("B001") < rows[0].index("A004")  # newest first


def strip_entries(kiosk: Kiosk) -> list[str]:
    items = kiosk.app.screen("home").ids.strip.items
    return [entry for row in items.split("\n") for entry in row.split(ENTRY_GAP)]


def entry_size(entry: str) -> int:
    found = re.match(r"\[size=(\d+)\]", entry)
    assert found, entry
    return int(found[1])


@pytest.mark.parametrize("size", [LANDSCAPE, PORTRAIT], ids=["landscape", "portrait"])
def test_the_newest_call_is_marked_by_more_than_its_colour(
    start_kiosk: Start, size: tuple[int, int]
) -> None:
    kiosk = start_kiosk(size=size)
    for service in "AAB":
        tickets.take_number(kiosk.ctx, service)
    for window, service in ((1, "A"), (3, "B"), (2, "A")):
        kiosk.clock.advance(seconds=30)
        tickets.call_next(kiosk.ctx, window, by=STAFF, service_id=service)
    refresh(kiosk)
    newest, *others = strip_entries(kiosk)
    bell = glyph(NEWEST_MARKER)
    # A002 at window 2 was called last: a bell before it, larger, and bold words and all.
    assert "A002" in newest and "luukku 2" in newest
    assert newest.index(bell) < newest.index("A002")
    assert "[b]" in newest and newest.index("[b]") < newest.index("luukku 2")
    assert [("B001" in e, "A001" in e) for e in others] == [(True, False), (False, True)]
    for entry in others:
        assert bell not in entry
        assert entry_size(entry) < entry_size(newest)
        assert entry.index("[/b]") < entry.index("luukku")  # only the number is bold
    orientation = "landscape" if size == LANDSCAPE else "portrait"
    screenshot(ARTIFACTS / orientation / "home-strip-newest-fi.png")


def test_each_service_tile_shows_its_configured_icon(kiosk: Kiosk) -> None:
    tiles = kiosk.app.screen("home")._service_tiles
    configured = {s.id: s.icon for s in kiosk.ctx.settings.services}
    assert {service: tile.icon for service, tile in tiles.items()} == configured
    assert configured == {"A": "pill", "B": "stethoscope"}


def test_language_buttons_switch_every_word_at_once(kiosk: Kiosk) -> None:
    for language, words in (
        ("Svenska", ("Ta ett nummer", "Läkemedelsutdelning", "Hjälp med en ansökan")),
        ("English", ("Take a number", "Medication dispensing", "Help with an application")),
        ("Suomi", ("Ota vuoronumero", "Lääkkeenjako", "Apua hakemuksen kanssa")),
    ):
        tap(language, kiosk.app)
        shown = texts()
        for word in words:
            assert word in shown, f"{language}: {word!r} missing from {shown}"
        # The chosen language is marked by more than colour: its button carries a tick.
        assert button(language).icon == "check-bold"


def test_the_clock_shows_the_clinic_time(kiosk: Kiosk) -> None:
    assert kiosk.app.clock_text == "9.00"
    assert "tiistai 24. marraskuuta" in texts()
    tap("English", kiosk.app)
    assert kiosk.app.clock_text == "09:00"
    assert "Tuesday 24 November" in texts()


def test_a_closed_service_is_a_small_tile_saying_when_it_opens(start_kiosk: Start) -> None:
    # 12:00 on Tuesday: dispensing closed at 11:30; the nurse is in until 15:00.
    kiosk = start_kiosk(settings_from(default_toml()), at=TUESDAY_MORNING + timedelta(hours=3))
    shown = texts()
    assert "Lääkkeenjako: suljettu nyt" in shown
    assert "Aukeaa huomenna klo 7.30" in shown
    assert shown.count("Ota vuoronumero") == 1  # only the nurse
    tap("English", kiosk.app)
    assert "Opens tomorrow at 07:30" in texts()


def test_a_printer_problem_shows_a_calm_notice(start_kiosk: Start, tmp_path: Path) -> None:
    settings: Settings = settings_from(default_toml())
    printer = BreakablePrinter(settings.printer, tmp_path / "printed")
    printer.fault = PAPER_OUT
    kiosk = start_kiosk(printer=printer)
    kiosk.app.check_printer()
    settle(kiosk.app)
    notice = find_label("Tulostin ei toimi. Voit silti ottaa numeron. Muista numerosi.")
    assert notice.parent.icon == "printer-alert"  # words and an icon, not colour alone
    printer.fault = None
    kiosk.app.check_printer()
    settle(kiosk.app)
    assert "Tulostin ei toimi" not in screen_text()


def test_the_peer_worker_entry_leads_to_the_worker_sign_in(kiosk: Kiosk) -> None:
    entry = kiosk.app.screen("home").ids.worker_entry
    if not kiosk.app.has_screen("worker_sign_in"):
        # Until the sign-in screen exists, no button leads nowhere.
        assert not shown(entry)
        return
    assert entry.text == "Vertaistyöntekijä: kirjaudu" and entry.icon
    tap(entry, kiosk.app)
    assert kiosk.app.current == "worker_sign_in"


def test_words_of_screens_that_are_gone_stop_being_translated(kiosk: Kiosk) -> None:
    """A kiosk runs for months: rules of widgets that no longer exist must not pile up."""
    gc.collect()
    tap("Svenska", kiosk.app)
    before = tr.observer_count
    rule = 'Label:\n    text: tr._("Take a number")\n'
    made = [Builder.load_string("#:import tr kiosk.ui.i18n.tr\n" + rule) for _ in range(50)]
    assert tr.observer_count >= before + 50
    assert {label.text for label in made} == {"Ta ett nummer"}
    del made
    gc.collect()
    tap("English", kiosk.app)
    assert tr.observer_count <= before
