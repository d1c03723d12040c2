"""Asking for help: topic, optional ticks, confirm; then number, code, checklist, QR, slip."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
import zxingcpp
from kivy.uix.widget import Widget
from PIL import Image
from sqlalchemy import select

from kiosk.db.models import HelpRequest
from kiosk.services import help_requests
from kiosk.services.help_requests import RESUME_TRIES
from kiosk.services.views import HelpRequestView
from tests.support import CLI, around_the_clock_toml, settings_from
from tests.ui.conftest import ARTIFACTS, Kiosk, Start
from tests.ui.driver import (
    Finger,
    button,
    find_label,
    screen_text,
    screenshot,
    tap,
    texts,
    wait_until,
)
from tests.ui.test_take_number import printed

pytestmark = pytest.mark.ui


def qr_payloads(image_path: Path) -> list[str]:
    image = Image.open(image_path)
    return [
        result.text
        for result in zxingcpp.read_barcodes(image)
        if result.format == zxingcpp.BarcodeFormat.QRCode
    ]


def stored_requests(kiosk: Kiosk) -> list[HelpRequest]:
    with kiosk.ctx.reading() as session:
        return list(session.scalars(select(HelpRequest)))


def test_topic_tiles_show_an_icon_and_words_for_every_topic(kiosk: Kiosk) -> None:
    tap("Pyydä apua", kiosk.app)
    assert kiosk.app.current == "help_topic"
    for topic in kiosk.ctx.settings.help.topics:
        tile = button(topic.names.fi)
        assert tile.icon == topic.icon
    tap("Takaisin", kiosk.app)
    assert kiosk.app.current == "home"


def test_asking_for_help_end_to_end(kiosk: Kiosk, tmp_path: Path) -> None:
    tap("Pyydä apua", kiosk.app)
    tap("Toimeentulotuki", kiosk.app)
    assert kiosk.app.current == "help_details"
    assert "Toimeentulotuki" in texts()
    tap("Minulla on paperit mukana.", kiosk.app)
    tap("Tarvitsen tulkin.", kiosk.app)
    tap(kiosk.app.current_screen.ids.confirm, kiosk.app)
    assert kiosk.app.current == "help_result"
    screen = kiosk.app.current_screen
    wait_until(lambda: screen.phase == "printed", kiosk.app)

    [request] = stored_requests(kiosk)
    assert request.topic == "social_assistance"
    assert request.has_documents and request.needs_interpreter and not request.has_credentials
    shown = texts()
    assert "H001" in shown
    assert request.resume_code in shown
    assert "Aihe: Toimeentulotuki" in shown
    assert find_label("Kaikkien tilien tiliotteet", exact=False).text == (
        "•  Kaikkien tilien tiliotteet kahdelta viime kuukaudelta\n•  Vuokrasopimus\n"
        "•  Laskut ja kuitit"
    )
    assert "kela.fi/toimeentulotuki-nain-haet" in shown
    assert "Ota lappu tulostimesta." in shown

    # The QR code on screen opens the official guide: read it back from the screen's pixels.
    guide = "https://www.kela.fi/toimeentulotuki-nain-haet"
    assert qr_payloads(screenshot(tmp_path / "result.png")) == [guide]

    # The slip says the same, and its QR code is the same address.
    slip = printed(kiosk)
    lines = [line.strip() for line in slip.text_lines()]
    assert "H001" in lines and request.resume_code in lines
    assert any("Vuokrasopimus" in line for line in lines)
    assert [qr.text for qr in slip.qr_codes()] == [guide]


def test_a_topic_without_a_guide_or_checklist_shows_neither(kiosk: Kiosk) -> None:
    tap("English", kiosk.app)
    tap("Ask for help", kiosk.app)
    tap("Other computer help", kiosk.app)
    tap(kiosk.app.current_screen.ids.confirm, kiosk.app)
    wait_until(lambda: kiosk.app.current_screen.phase == "printed", kiosk.app)
    shown = texts()
    assert "H001" in shown and "Topic: Other computer help" in shown
    assert "Bring with you:" not in shown and "Guide for your phone:" not in shown


def test_a_double_tap_on_confirm_opens_one_request(kiosk: Kiosk) -> None:
    tap("Pyydä apua", kiosk.app)
    tap("Asumistuki", kiosk.app)
    screen = kiosk.app.current_screen
    # Hold the background thread, so the second tap surely lands while the first request is
    # still being made.
    gate = threading.Event()
    kiosk.app.runner.run(lambda: gate.wait(10), lambda _result: None, lambda _error: None)
    tap(screen.ids.confirm, kiosk.app, wait=False)
    assert screen.busy and screen.ids.confirm.disabled
    assert "Hetki…" in texts()
    second = Finger(*screen.ids.confirm.to_window(*screen.ids.confirm.center))
    second.down()
    second.up()
    gate.set()
    wait_until(lambda: kiosk.app.current == "help_result", kiosk.app)
    assert len(stored_requests(kiosk)) == 1


def test_ticks_are_cleared_for_the_next_client(kiosk: Kiosk) -> None:
    tap("Pyydä apua", kiosk.app)
    tap("Asumistuki", kiosk.app)
    tap("Tarvitsen tulkin.", kiosk.app)
    assert kiosk.app.current_screen.ids.interpreter.active
    tap("Takaisin", kiosk.app)
    tap("Asumistuki", kiosk.app)
    assert not kiosk.app.current_screen.ids.interpreter.active


def ask_for_help(kiosk: Kiosk, topic: str = "Asumistuki") -> None:
    tap("Pyydä apua", kiosk.app)
    tap(topic, kiosk.app)
    tap(kiosk.app.current_screen.ids.confirm, kiosk.app)
    wait_until(lambda: kiosk.app.current_screen.phase == "printed", kiosk.app)


def test_the_help_result_goes_home_by_itself_after_its_countdown(kiosk: Kiosk) -> None:
    ask_for_help(kiosk)
    seconds = kiosk.ctx.settings.kiosk.help_result_seconds
    assert f"Näyttö palaa alkuun {seconds} sekunnin kuluttua." in texts()
    request = stored_requests(kiosk)[0]
    kiosk.time.advance(seconds - 5)
    wait_until(lambda: "Näyttö palaa alkuun 5 sekunnin kuluttua." in texts(), kiosk.app)
    assert kiosk.app.current == "help_result"
    kiosk.time.advance(5)
    wait_until(lambda: kiosk.app.current == "home", kiosk.app)
    # Nothing of the client's stays on the lounge screen.
    shown = screen_text()
    assert request.resume_code not in shown and "H001" not in shown


def test_the_help_result_countdown_is_configurable_and_done_goes_home_at_once(
    start_kiosk: Start,
) -> None:
    settings = settings_from(around_the_clock_toml())
    faster = settings.kiosk.model_copy(update={"help_result_seconds": 12})
    kiosk = start_kiosk(settings.model_copy(update={"kiosk": faster}))
    ask_for_help(kiosk)
    assert "Näyttö palaa alkuun 12 sekunnin kuluttua." in texts()
    tap("Valmis", kiosk.app)
    assert kiosk.app.current == "home"


def waiting_for_documents(kiosk: Kiosk) -> HelpRequestView:
    """A request from last week, waiting for the client's papers."""
    kiosk.clock.advance(days=-7)
    request = help_requests.open_request(kiosk.ctx, "housing_allowance")
    help_requests.claim(kiosk.ctx, request.code, by=CLI)
    help_requests.wait_for_documents(kiosk.ctx, request.code, by=CLI)
    kiosk.clock.advance(days=7)
    return request


def key(kiosk: Kiosk, character: str) -> Widget:
    """The code keypad's key for `character` (the code typed so far shows the same letters)."""
    [found] = [k for k in kiosk.app.current_screen.ids.keypad.children if k.text == character]
    return found


def type_code(kiosk: Kiosk, code: str) -> None:
    screen = kiosk.app.current_screen
    if screen.entered:
        tap(screen.ids.clear_key, kiosk.app, wait=False)
    for character in code:
        tap(key(kiosk, character), kiosk.app, wait=False)


def test_a_return_code_typed_at_the_kiosk_brings_the_request_back_into_todays_line(
    kiosk: Kiosk,
) -> None:
    request = waiting_for_documents(kiosk)
    help_requests.open_request(kiosk.ctx, "computer_help")  # someone already waits today
    kiosk.clock.advance(minutes=5)
    tap("Pyydä apua", kiosk.app)
    tap("Minulla on paluukoodi", kiosk.app)
    assert kiosk.app.current == "help_resume"
    screen = kiosk.app.current_screen
    assert "Kirjoita lapussa oleva paluukoodi." in texts()
    assert screen.ids.ok.disabled  # nothing to check until the whole code is typed
    type_code(kiosk, request.resume_code[:-1])
    assert screen.ids.ok.disabled
    tap(key(kiosk, request.resume_code[-1]), kiosk.app, wait=False)
    assert not screen.ids.ok.disabled
    screenshot(ARTIFACTS / "landscape" / "help-resume-typed-fi.png")
    tap(screen.ids.ok, kiosk.app)
    assert kiosk.app.current == "help_result"
    result = kiosk.app.current_screen
    wait_until(lambda: result.phase == "printed", kiosk.app)
    shown = texts()
    # Last week's H001 is today someone else's: the client gets today's next number.
    assert request.code == "H001" and "H002" in shown and request.resume_code in shown
    assert "1 henkilö ennen sinua · noin 20 minuuttia" in shown
    assert "Aihe: Asumistuki" in shown
    assert "Allekirjoitettu vuokrasopimus" in find_label("Allekirjoitettu", exact=False).text
    assert "Ota lappu tulostimesta." in shown
    lines = [line.strip() for line in printed(kiosk).text_lines()]
    assert "H002" in lines and request.resume_code in lines
    [stored] = [r for r in stored_requests(kiosk) if r.resume_code == request.resume_code]
    assert stored.status == "open"


def test_a_wrong_return_code_gets_a_calm_word_and_after_a_few_the_pad_pauses(
    kiosk: Kiosk,
) -> None:
    request = waiting_for_documents(kiosk)
    tap("Pyydä apua", kiosk.app)
    tap("Minulla on paluukoodi", kiosk.app)
    screen = kiosk.app.current_screen
    for _ in range(RESUME_TRIES - 1):
        type_code(kiosk, "QQQQQQ")
        tap(screen.ids.ok, kiosk.app)
        assert screen.message == "Tätä koodia ei löydy. Tarkista koodi lapusta."
        assert screen.entered == "QQQQQQ"  # kept, to be checked against the slip
    screenshot(ARTIFACTS / "landscape" / "help-resume-wrong-fi.png")
    type_code(kiosk, "QQQQQQ")
    tap(screen.ids.ok, kiosk.app)
    assert screen.paused and screen.ids.ok.disabled
    assert screen.message == "Liian monta väärää koodia. Voit yrittää uudelleen 60 sekunnin päästä."
    screenshot(ARTIFACTS / "landscape" / "help-resume-paused-fi.png")
    # The keys do nothing while paused, and the next client finds the pause too.
    screen.press("A")
    assert screen.entered == "QQQQQQ"
    tap("Takaisin", kiosk.app)
    tap("Minulla on paluukoodi", kiosk.app)
    assert screen.paused and screen.entered == ""
    kiosk.clock.advance(seconds=60)
    wait_until(lambda: not screen.paused, kiosk.app)
    assert screen.message == "Kirjoita lapussa oleva paluukoodi."
    type_code(kiosk, request.resume_code)
    tap(screen.ids.ok, kiosk.app)
    assert kiosk.app.current == "help_result"


def test_a_finished_request_cannot_be_brought_back(kiosk: Kiosk) -> None:
    request = help_requests.open_request(kiosk.ctx, "housing_allowance")
    help_requests.claim(kiosk.ctx, request.code, by=CLI)
    help_requests.done(kiosk.ctx, request.code, by=CLI)
    tap("Pyydä apua", kiosk.app)
    tap("Minulla on paluukoodi", kiosk.app)
    type_code(kiosk, request.resume_code)
    tap(kiosk.app.current_screen.ids.ok, kiosk.app)
    assert kiosk.app.current == "help_resume"
    assert "Tämä pyyntö on suljettu. Voit pyytää apua uudelleen." in texts()
