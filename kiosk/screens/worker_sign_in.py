"""A peer worker proves who they are: worker number, then PIN; or their badge's QR code.

The pad never tells whether a number exists: an unknown number gets the same answer as a wrong
PIN, and locks the same way (kiosk.services.worker_auth). While a check is on its way every key
is locked, so a double tap cannot send a second attempt. The PIN leaves the screen's memory as
soon as it is sent.

A badge is read by a keyboard-wedge scanner, which types the code and presses Enter: while this
screen is shown, typed characters collect here and Enter sends them as a badge.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kivy.core.window import Window
from kivy.properties import BooleanProperty, OptionProperty, StringProperty

from kiosk.core.badges import TOKEN_LENGTH
from kiosk.core.pins import PIN_MAX_DIGITS, PIN_MIN_DIGITS
from kiosk.services import sign_in_out, worker_auth
from kiosk.services.context import Context
from kiosk.services.worker_auth import PinEntryPaused
from kiosk.services.worker_views import WorkerPass, WorkerStatus
from kiosk.ui.i18n import tr
from kiosk.ui.icons import ICON_FONT, glyph
from kiosk.ui.keys import KEY_ENTER
from kiosk.ui.pause import PauseClock
from kiosk.ui.refusals import refusal
from kiosk.ui.screen import KioskScreen

NUMBER_DIGITS = 4
# A scanner types a whole code in a fraction of a second; longer gaps are a person typing.
SCAN_GAP_SECONDS = 1.0


def _check_pin(ctx: Context, number: str, pin: str) -> tuple[WorkerPass, WorkerStatus]:
    worker_pass = worker_auth.authenticate_pin(ctx, number, pin)
    return worker_pass, sign_in_out.worker_status(ctx, worker_pass)


def _check_badge(ctx: Context, scanned: str) -> tuple[WorkerPass, WorkerStatus]:
    worker_pass = worker_auth.authenticate_badge(ctx, scanned)
    return worker_pass, sign_in_out.worker_status(ctx, worker_pass)


class WorkerSignInScreen(KioskScreen):
    stage = OptionProperty("number", options=("number", "pin"))
    number = StringProperty("")
    pin_length = BooleanProperty(False)
    dots = StringProperty("")
    paused = BooleanProperty(False)
    message = StringProperty("")
    problem = BooleanProperty(False)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._pin = ""
        self._scan = ""
        self._scan_at = 0.0
        self._pause = PauseClock(lambda: self.app.ctx.clock.now(), self._pause_changed)
        self._refusal: Exception | None = None
        tr.bind(language=self._words)
        self.bind(stage=self._words, busy=self._words)

    def prepare(self, **kwargs: Any) -> None:
        super().prepare(**kwargs)
        self.stage = "number"
        self.number = ""
        self._set_pin("")
        self._scan = ""
        self._refusal = None
        self._words()
        # The pause is the kiosk's, kept in the database: show it before anyone types. Only a
        # read, so the keypad stays open meanwhile.
        ctx = self.app.ctx
        self.ask(
            lambda: worker_auth.pin_entry_paused_until(ctx),
            self._pause.start,
            lambda error: self.app.log_problem("reading the PIN pause", error),
            lock=False,
        )

    def on_enter(self, *_args: Any) -> None:
        Window.bind(on_textinput=self._typed, on_key_down=self._key_down)

    def on_leave(self, *_args: Any) -> None:
        Window.unbind(on_textinput=self._typed, on_key_down=self._key_down)
        self._set_pin("")
        self._scan = ""
        self._pause.stop()
        self.paused = False

    # --- the keypad ------------------------------------------------------------------------

    def press(self, digit: str) -> None:
        if self.busy or self.paused:
            return
        if self.stage == "number" and len(self.number) < NUMBER_DIGITS:
            self.number += digit
        elif self.stage == "pin" and len(self._pin) < PIN_MAX_DIGITS:
            self._set_pin(self._pin + digit)

    def erase(self) -> None:
        if self.busy:
            return
        if self.stage == "number":
            self.number = self.number[:-1]
        else:
            self._set_pin(self._pin[:-1])

    def clear(self) -> None:
        if self.busy:
            return
        if self.stage == "number":
            self.number = ""
        else:
            self._set_pin("")

    def back(self) -> None:
        """From the PIN back to the number (a mistyped number), or home from the number."""
        if self.busy:
            return
        if self.stage == "pin":
            self._set_pin("")
            self._refusal = None
            self.stage = "number"
        else:
            self.app.go_home()

    def next(self) -> None:
        if self.busy or self.paused:
            return
        if self.stage == "number":
            if self.number:
                self._refusal = None
                self.stage = "pin"
            return
        if len(self._pin) < PIN_MIN_DIGITS:
            return
        pin, number = self._pin, self.number
        self._set_pin("")
        self._send(lambda ctx: _check_pin(ctx, number, pin))

    # --- the badge scanner -----------------------------------------------------------------

    def _typed(self, _window: Any, text: str) -> bool:
        now = self.app.monotonic()
        if now - self._scan_at > SCAN_GAP_SECONDS:
            self._scan = ""
        self._scan_at = now
        self._scan = (self._scan + text)[-(TOKEN_LENGTH * 2) :]
        return True

    def _key_down(self, _window: Any, key: int, *_args: Any) -> bool:
        if key not in KEY_ENTER:
            return False
        scanned, self._scan = self._scan.strip(), ""
        if len(scanned) >= TOKEN_LENGTH and not (self.busy or self.paused):
            self._send(lambda ctx: _check_badge(ctx, scanned))
        return True

    # --- checking --------------------------------------------------------------------------

    def _send(self, check: Callable[[Context], tuple[WorkerPass, WorkerStatus]]) -> None:
        ctx = self.app.ctx
        self.ask(lambda: check(ctx), self._accepted, self._refused)

    def _accepted(self, result: tuple[WorkerPass, WorkerStatus]) -> None:
        worker_pass, status = result
        self.app.show("worker_menu", worker_pass=worker_pass, status=status)

    def _refused(self, error: Exception) -> None:
        self._refusal = error
        if isinstance(error, PinEntryPaused):
            self._pause.start(error.until)
        elif not isinstance(error, worker_auth.WrongPin | worker_auth.NumberLocked):
            self.app.log_problem("peer worker sign-in", error)
        # The screen stays where it was: after a wrong PIN the pad types the PIN again (most
        # mistakes are in the PIN), the number stays in view, and Back changes the number.
        # Sending the worker back to the number field made a retyped PIN land there.
        self._words()

    # --- the kiosk's pause -----------------------------------------------------------------

    def _pause_changed(self) -> None:
        if self.paused and not self._pause.paused:
            self._refusal = None  # the pause is over: the pad asks again
        self.paused = self._pause.paused
        self._words()

    # --- words -----------------------------------------------------------------------------

    def _set_pin(self, pin: str) -> None:
        self._pin = pin
        # One dot per digit, from the icon font: the text font has no round dot.
        self.dots = f"[font={ICON_FONT}]{glyph('circle')}[/font]  " * len(pin)
        self.pin_length = len(pin) >= PIN_MIN_DIGITS

    def _words(self, *_args: Any) -> None:
        if self.busy:
            self.message, self.problem = tr._("One moment…"), False
        elif self.paused or self._refusal is not None:
            shown = (
                self._refusal
                if self._refusal is not None
                else PinEntryPaused(self._pause.until or self.app.ctx.clock.now())
            )
            self.message, self.problem = refusal(shown, self.app.settings.clinic.zone), True
        elif self.stage == "number":
            self.message = tr._("Enter your worker number, or scan your badge.")
            self.problem = False
        else:
            self.message, self.problem = tr._("Enter your PIN."), False
