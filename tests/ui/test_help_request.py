"""Asking for help: topic, optional ticks, confirm; then number, code, checklist, QR, slip."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image
from sqlalchemy import select

from kiosk.db.models import HelpRequest
from tests.ui.conftest import Kiosk
from tests.ui.driver import Finger, button, find_label, screenshot, tap, texts, wait_until
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
