"""The Kivy main loop never waits on the printer: it keeps drawing while a slip is stuck."""

from __future__ import annotations

import itertools
import time
from typing import Any

import pytest
from kivy.core.window import Window

from tests.ui.conftest import Start
from tests.ui.driver import Finger, frames, tap, texts, wait_until
from tests.ui.printers import StalledPrinter

pytestmark = pytest.mark.ui

MAX_FRAME_GAP_S = 0.100
MEASURE_S = 1.5


def test_the_screen_keeps_drawing_while_the_printer_is_stalled(start_kiosk: Start) -> None:
    printer = StalledPrinter()
    kiosk = start_kiosk(printer=printer)
    app = kiosk.app
    drawn: list[float] = []

    def flipped(*_args: Any) -> None:
        drawn.append(time.perf_counter())

    Window.bind(on_flip=flipped)
    try:
        tap("Ota vuoronumero", app, wait=False)
        wait_until(lambda: printer.waiting.is_set(), app, timeout=5)
        # The printer's thread is now stuck in its write. For a second and a half the screen
        # shows "printing…" with its slowly fading icon while fingers touch the screen; every
        # frame must be drawn within 100 ms of the one before.
        drawn.clear()
        deadline = time.perf_counter() + MEASURE_S
        while time.perf_counter() < deadline:
            finger = Finger(Window.width / 2, Window.height / 2)
            finger.down()
            frames(3)
            finger.up()
            tap("Suomi", app, wait=False)
        gaps = [later - earlier for earlier, later in itertools.pairwise(drawn)]
        assert len(drawn) > 20, f"only {len(drawn)} frames drawn in {MEASURE_S} s"
        assert max(gaps) <= MAX_FRAME_GAP_S, [round(gap * 1000) for gap in gaps]
        assert app.current_screen.phase == "printing"
        assert "Vuoronumerosi tulostuu…" in texts() and "A001" in texts()
        # Still fully usable while the job hangs: the words change language at once.
        tap("English", app, wait=False)
        assert "Printing your ticket…" in texts()
    finally:
        Window.unbind(on_flip=flipped)
        printer.release.set()
    # The stalled job ends as a write time-out; the client is told in plain words.
    wait_until(lambda: app.current_screen.phase == "failed", app)
    assert (
        "The printer is not working.\nYour number is A001. Please remember it.\n"
        "Staff have been told." in texts()
    )
