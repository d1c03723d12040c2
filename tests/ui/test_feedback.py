"""The four faces on the kiosk: after a number and on the home screen, one tap thanked and
counted once however many follow."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from kiosk.db.lounge_models import VisitFeedback
from tests.ui.conftest import ARTIFACTS, Kiosk
from tests.ui.driver import screenshot, settle, tap, wait_until

pytestmark = pytest.mark.ui


def answers(kiosk: Kiosk) -> list[tuple[str | None, str]]:
    with kiosk.ctx.reading() as session:
        found = session.scalars(select(VisitFeedback).order_by(VisitFeedback.id))
        return [(f.service, f.face) for f in found]


def test_after_a_number_one_tap_records_the_face_with_the_service(kiosk: Kiosk) -> None:
    tap("Ota vuoronumero", kiosk.app)
    screen = kiosk.app.current_screen
    wait_until(lambda: screen.phase == "printed", kiosk.app)
    assert "Miten käyntisi tänään sujui?" in [
        w.text for w in screen.ids.feedback.walk() if hasattr(w, "text")
    ]
    screenshot(ARTIFACTS / "feedback" / "after-ticket-fi.png")
    tap("Melko hyvin", kiosk.app)
    wait_until(lambda: answers(kiosk) == [("A", "good")], kiosk.app)
    assert screen.ids.feedback.thanked
    screenshot(ARTIFACTS / "feedback" / "after-ticket-thanked-fi.png")


def test_tapping_again_and_again_on_home_counts_once(kiosk: Kiosk) -> None:
    kiosk.app.set_language("en")
    settle(kiosk.app)
    bar = kiosk.app.screen("home").ids.feedback
    screenshot(ARTIFACTS / "feedback" / "home-en.png")
    for _ in range(5):
        tap("Very badly", kiosk.app)
        wait_until(lambda: bar.thanked, kiosk.app)
        settle(kiosk.app)
        bar.again()
        settle(kiosk.app)
    assert answers(kiosk) == [(None, "very_bad")]
