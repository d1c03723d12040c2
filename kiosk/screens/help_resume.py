"""Help with an application, back another day: the return code from the slip, on big keys.

The keys are the return codes' own letters and digits (kiosk.core.codes.RESUME_ALPHABET), so
nothing else can be typed and no O is mistaken for a 0. The code goes to the same use case as
`kiosk help resume`, and the request is shown like a new one on the help result screen: its
number, its place in today's line, what to bring, and a slip. A wrong code gets a calm word;
after a few, code entry pauses on this kiosk. The pause is the service's rule, kept in the
database (kiosk.services.help_requests), and the pad shows it with the seconds left. The code
typed is never logged.
"""

from __future__ import annotations

import math
from datetime import datetime
from typing import Any

from kivy.clock import Clock
from kivy.properties import BooleanProperty, OptionProperty, StringProperty
from kivy.uix.label import Label

from kiosk.core.codes import RESUME_ALPHABET, RESUME_LENGTH
from kiosk.errors import NotFound, Refused
from kiosk.services import help_requests
from kiosk.services.help_requests import ResumePaused
from kiosk.services.views import HelpRequestView
from kiosk.ui.i18n import tr
from kiosk.ui.screen import KioskScreen
from kiosk.ui.widgets import KioskButton

PAUSE_CHECK_SECONDS = 0.5


class CodeKey(KioskButton):
    """One letter or digit of the return code."""


class CodeCell(Label):
    """One place of the code on screen; the next one to fill has a thicker frame."""

    active = BooleanProperty(False)


class HelpResumeScreen(KioskScreen):
    entered = StringProperty("")
    # What the last answer was: nothing yet, a code not found, a request already closed, or
    # a failure of the kiosk itself.
    answer = OptionProperty("", options=("", "wrong", "closed", "failed"))
    paused = BooleanProperty(False)
    message = StringProperty("")
    problem = BooleanProperty(False)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._paused_until: datetime | None = None
        self._pause_event: Any = None
        self._cells: list[CodeCell] = []
        for _ in range(RESUME_LENGTH):
            cell = CodeCell()
            self._cells.append(cell)
            self.ids.cells.add_widget(cell)
        for character in RESUME_ALPHABET:
            key = CodeKey(text=character)
            key.bind(on_release=lambda pressed: self.press(pressed.text))
            self.ids.keypad.add_widget(key)
        tr.bind(language=self._words)
        self.bind(entered=self._show_code, busy=self._words, answer=self._words)
        self._show_code()

    def prepare(self, **kwargs: Any) -> None:
        super().prepare(**kwargs)
        self.entered = ""
        self.answer = ""
        self._words()
        # A pause that began before this client came: show it before they type. Only a read,
        # so the keys stay open meanwhile.
        ctx, kiosk_id = self.app.ctx, self.app.device
        self.ask(
            lambda: help_requests.resume_paused_until(ctx, kiosk_id=kiosk_id),
            self._pause,
            lambda error: self.app.log_problem("reading the return-code pause", error),
            lock=False,
        )

    def on_leave(self, *_args: Any) -> None:
        self.entered = ""
        self._stop_pause()

    # --- the keypad ------------------------------------------------------------------------

    def press(self, character: str) -> None:
        if self.busy or self.paused or len(self.entered) >= RESUME_LENGTH:
            return
        self.entered += character
        self.answer = ""

    def erase(self) -> None:
        if not self.busy:
            self.entered = self.entered[:-1]
            self.answer = ""

    def clear(self) -> None:
        if not self.busy:
            self.entered = ""
            self.answer = ""

    def back(self) -> None:
        if not self.busy:
            self.app.show("help_topic")

    def submit(self) -> None:
        if self.busy or self.paused or len(self.entered) < RESUME_LENGTH:
            return
        ctx, kiosk_id, code = self.app.ctx, self.app.device, self.entered
        self.ask(
            lambda: help_requests.resume(ctx, code, kiosk_id=kiosk_id),
            self._resumed,
            self._refused,
        )

    # --- answers ---------------------------------------------------------------------------

    def _resumed(self, request: HelpRequestView) -> None:
        self.app.show("help_result", request=request)

    def _refused(self, error: Exception) -> None:
        # The code stays on screen, so the client can check it against the slip and fix one
        # letter; a refusal's own message holds the code, so it is never logged.
        if isinstance(error, ResumePaused):
            self.answer = "wrong"
            self._pause(error.until)
        elif isinstance(error, NotFound):
            self.answer = "wrong"
        elif isinstance(error, Refused):
            # The one other refusal of a real code: its request is closed.
            self.answer = "closed"
        else:
            self.app.log_problem("bringing back a help request", error)
            self.answer = "failed"
        self._words()

    # --- the kiosk's pause -----------------------------------------------------------------

    def _pause(self, until: datetime | None) -> None:
        if until is None:
            return
        self._paused_until = until
        self.paused = True
        if self._pause_event is None:
            self._pause_event = Clock.schedule_interval(self._tick_pause, PAUSE_CHECK_SECONDS)
        self._words()

    def _tick_pause(self, _dt: float) -> None:
        if self._paused_until is None or self.app.ctx.clock.now() >= self._paused_until:
            self._stop_pause()
            self.answer = ""
        self._words()

    def _stop_pause(self) -> None:
        self.paused = False
        self._paused_until = None
        if self._pause_event is not None:
            self._pause_event.cancel()
            self._pause_event = None

    # --- words -----------------------------------------------------------------------------

    def _show_code(self, *_args: Any) -> None:
        for index, cell in enumerate(self._cells):
            cell.text = self.entered[index : index + 1]
            cell.active = index == len(self.entered)

    def _words(self, *_args: Any) -> None:
        self.problem = self.paused or self.answer != ""
        if self.busy:
            self.message = tr._("One moment…")
        elif self.paused and self._paused_until is not None:
            left = self._paused_until - self.app.ctx.clock.now()
            seconds = max(1, math.ceil(left.total_seconds()))
            self.message = tr.ngettext(
                "Too many wrong codes. You can try again in {seconds} second.",
                "Too many wrong codes. You can try again in {seconds} seconds.",
                seconds,
            ).format(seconds=seconds)
        elif self.answer == "wrong":
            self.message = tr._("This code is not known. Check the code on your slip.")
        elif self.answer == "closed":
            self.message = tr._("This request is closed. You can ask for help again.")
        elif self.answer == "failed":
            self.message = tr._("Something went wrong. Please try again, or ask staff.")
        else:
            self.message = tr._("Type the return code from your slip.")
