"""The staff PIN pad, reached only by the hidden corner gesture.

The PIN is checked against `kiosk.staff_pin_hash` (argon2id) on the background thread: a slow
hash on the main loop would freeze the screen. After a few wrong PINs the pad pauses, so the
hash's slowness is not the only thing between a guesser and the staff panel.
"""

from __future__ import annotations

import logging
import math
from typing import Any

from kivy.clock import Clock
from kivy.properties import BooleanProperty, StringProperty

from kiosk.services.staff_access import check_staff_pin
from kiosk.ui.i18n import tr
from kiosk.ui.screen import KioskScreen

log = logging.getLogger(__name__)

MAX_DIGITS = 6
TRIES_BEFORE_PAUSE = 5
PAUSE_SECONDS = 60.0


class StaffPinScreen(KioskScreen):
    entered = StringProperty("")
    message = StringProperty("")
    paused = BooleanProperty(False)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._wrong = 0
        self._paused_until = 0.0
        self._pause_event: Any = None
        tr.bind(language=self._words)

    def prepare(self, **kwargs: Any) -> None:
        super().prepare(**kwargs)
        self.entered = ""
        self._words()

    def press(self, digit: str) -> None:
        if not self.busy and not self.paused and len(self.entered) < MAX_DIGITS:
            self.entered += digit

    def erase(self) -> None:
        if not self.busy:
            self.entered = self.entered[:-1]

    def clear(self) -> None:
        if not self.busy:
            self.entered = ""

    def submit(self) -> None:
        if self.paused or not self.entered:
            return
        pin, ctx = self.entered, self.app.ctx
        self.ask(lambda: check_staff_pin(ctx, pin), self._checked, self._failed)

    def _checked(self, correct: bool) -> None:
        self.entered = ""
        if correct:
            self._wrong = 0
            log.info("staff PIN accepted on kiosk %s", self.app.device)
            self.app.show("staff_panel")
            return
        self._wrong += 1
        log.warning("wrong staff PIN on kiosk %s (%d in a row)", self.app.device, self._wrong)
        if self._wrong >= TRIES_BEFORE_PAUSE:
            self._wrong = 0
            self._paused_until = self.app.monotonic() + PAUSE_SECONDS
            self.paused = True
            self._pause_event = Clock.schedule_interval(self._tick_pause, 0.5)
        self._words()

    def _failed(self, error: Exception) -> None:
        self.app.log_problem("checking the staff PIN", error)
        self._words()

    def _tick_pause(self, _dt: float) -> None:
        if self.app.monotonic() >= self._paused_until:
            self.paused = False
            self._pause_event.cancel()
            self._pause_event = None
        self._words()

    def _words(self, *_args: Any) -> None:
        if self.paused:
            seconds = max(1, math.ceil(self._paused_until - self.app.monotonic()))
            self.message = tr.ngettext(
                "Too many wrong PINs. Wait {seconds} second.",
                "Too many wrong PINs. Wait {seconds} seconds.",
                seconds,
            ).format(seconds=seconds)
        elif self._wrong:
            self.message = tr._("Wrong PIN. Try again.")
        else:
            self.message = tr._("Enter the staff PIN.")
