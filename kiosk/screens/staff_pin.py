"""The staff PIN pad, reached only by the hidden corner gesture.

The PIN is checked against `kiosk.staff_pin_hash` (argon2id) on the background thread: a slow
hash on the main loop would freeze the screen. After a few wrong PINs the pad pauses; the pause
is the service's (kiosk.services.staff_access), kept in the database, and the pad shows it.
"""

from __future__ import annotations

import logging
import math
from datetime import datetime
from typing import Any

from kivy.clock import Clock
from kivy.properties import BooleanProperty, StringProperty

from kiosk.core.pins import PIN_MAX_DIGITS
from kiosk.services.staff_access import StaffPinPaused, check_staff_pin, staff_pin_paused_until
from kiosk.ui.i18n import tr
from kiosk.ui.screen import KioskScreen

log = logging.getLogger(__name__)


class StaffPinScreen(KioskScreen):
    entered = StringProperty("")
    message = StringProperty("")
    paused = BooleanProperty(False)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._wrong = 0
        self._paused_until: datetime | None = None
        self._pause_event: Any = None
        tr.bind(language=self._words)

    def prepare(self, **kwargs: Any) -> None:
        super().prepare(**kwargs)
        self.entered = ""
        self._words()
        ctx = self.app.ctx
        # A quiet read: the pad stays usable while it is asked.
        self.ask(lambda: staff_pin_paused_until(ctx), self._pause, self._failed, lock=False)

    def press(self, digit: str) -> None:
        if not self.busy and not self.paused and len(self.entered) < PIN_MAX_DIGITS:
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
        log.warning(
            "wrong staff PIN on kiosk %s (%d in a row)", self.app.device, self._wrong
        )
        self._words()

    def _failed(self, error: Exception) -> None:
        if isinstance(error, StaffPinPaused):
            log.warning("staff PIN paused on kiosk %s", self.app.device)
            self.entered = ""
            self._wrong = 0
            self._pause(error.until)
            return
        self.app.log_problem("checking the staff PIN", error)
        self._words()

    def _pause(self, until: datetime | None) -> None:
        if until is not None:
            self._paused_until = until
            self.paused = True
            if self._pause_event is None:
                self._pause_event = Clock.schedule_interval(self._tick_pause, 0.5)
        self._words()

    def _tick_pause(self, _dt: float) -> None:
        if self._paused_until is None or self.app.ctx.clock.now() >= self._paused_until:
            self.paused = False
            self._pause_event.cancel()
            self._pause_event = None
        self._words()

    def _words(self, *_args: Any) -> None:
        if self.paused and self._paused_until is not None:
            left = self._paused_until - self.app.ctx.clock.now()
            seconds = max(1, math.ceil(left.total_seconds()))
            self.message = tr.ngettext(
                "Too many wrong PINs. Wait {seconds} second.",
                "Too many wrong PINs. Wait {seconds} seconds.",
                seconds,
            ).format(seconds=seconds)
        elif self._wrong:
            self.message = tr._("Wrong PIN. Try again.")
        else:
            self.message = tr._("Enter the staff PIN.")
