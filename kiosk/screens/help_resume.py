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

from typing import Any

from kivy.properties import BooleanProperty, ObjectProperty, StringProperty
from kivy.uix.label import Label

from kiosk.core.codes import RESUME_ALPHABET, RESUME_LENGTH
from kiosk.errors import KioskError
from kiosk.services import help_requests
from kiosk.services.help_requests import ResumePaused
from kiosk.services.views import HelpRequestView
from kiosk.ui.i18n import tr
from kiosk.ui.pause import PauseClock
from kiosk.ui.refusals import refusal
from kiosk.ui.screen import KioskScreen
from kiosk.ui.widgets import KioskButton


class CodeKey(KioskButton):
    """One letter or digit of the return code."""


class CodeCell(Label):
    """One place of the code on screen; the next one to fill has a thicker frame."""

    active = BooleanProperty(False)


class HelpResumeScreen(KioskScreen):
    entered = StringProperty("")
    # The last answer's refusal (a code not found, a request already closed…), until the code
    # changes: the code stays on screen, so the client can check it against the slip.
    refused = ObjectProperty(None, allownone=True)
    paused = BooleanProperty(False)
    message = StringProperty("")
    problem = BooleanProperty(False)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._pause = PauseClock(lambda: self.app.ctx.clock.now(), self._pause_changed)
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
        self.bind(entered=self._show_code, busy=self._words, refused=self._words)
        self._show_code()

    def prepare(self, **kwargs: Any) -> None:
        super().prepare(**kwargs)
        self.entered = ""
        self.refused = None
        self._words()
        # A pause that began before this client came: show it before they type. Only a read,
        # so the keys stay open meanwhile.
        ctx, kiosk_id = self.app.ctx, self.app.device
        self.ask(
            lambda: help_requests.resume_paused_until(ctx, kiosk_id=kiosk_id),
            self._pause.start,
            lambda error: self.app.log_problem("reading the return-code pause", error),
            lock=False,
        )

    def on_leave(self, *_args: Any) -> None:
        self.entered = ""
        self._pause.stop()
        self.paused = False

    # --- the keypad ------------------------------------------------------------------------

    def press(self, character: str) -> None:
        if self.busy or self.paused or len(self.entered) >= RESUME_LENGTH:
            return
        self.entered += character
        self.refused = None

    def erase(self) -> None:
        if not self.busy:
            self.entered = self.entered[:-1]
            self.refused = None

    def clear(self) -> None:
        if not self.busy:
            self.entered = ""
            self.refused = None

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
        # The code typed is never logged: a refusal's sentence names the request, not the code.
        if isinstance(error, ResumePaused):
            self._pause.start(error.until)
        elif not isinstance(error, KioskError):
            self.app.log_problem("bringing back a help request", error)
        self.refused = error

    def _pause_changed(self) -> None:
        if self.paused and not self._pause.paused:
            self.refused = None  # the pause is over: the pad asks again
        self.paused = self._pause.paused
        self._words()

    # --- words -----------------------------------------------------------------------------

    def _show_code(self, *_args: Any) -> None:
        for index, cell in enumerate(self._cells):
            cell.text = self.entered[index : index + 1]
            cell.active = index == len(self.entered)

    def _words(self, *_args: Any) -> None:
        self.problem = self.paused or self.refused is not None
        if self.busy:
            self.message = tr._("One moment…")
        elif self.paused:
            seconds = self._pause.seconds_left()
            self.message = tr.ngettext(
                "Too many wrong codes. You can try again in {seconds} second.",
                "Too many wrong codes. You can try again in {seconds} seconds.",
                seconds,
            ).format(seconds=seconds)
        elif self.refused is not None:
            self.message = refusal(self.refused, self.app.settings.clinic.zone)
        else:
            self.message = tr._("Type the return code from your slip.")
