"""Reporting an absence: choose the shift, then a reason if you like, and it is sent.

Only the worker's own coming shifts are offered. The reason is one of the configured
categories or none: never free text. The time of the report is stored for staff.
"""

from __future__ import annotations

from typing import Any

from kivy.properties import BooleanProperty, ObjectProperty, OptionProperty, StringProperty

from kiosk.services import absences
from kiosk.services.worker_views import AbsenceView, ShiftView, WorkerPass
from kiosk.ui.countdown_screen import CountdownScreen
from kiosk.ui.i18n import tr
from kiosk.ui.refusals import refusal
from kiosk.ui.widgets import KioskButton, discard
from kiosk.ui.worker_screen import WorkerScreen
from kiosk.ui.worker_words import shift_line

NO_REASON = ""


class ChoiceButton(KioskButton):
    """A shift or a reason, as one large button."""

    value = ObjectProperty(None, allownone=True)


class WorkerAbsenceScreen(WorkerScreen, CountdownScreen):
    stage = OptionProperty("shift", options=("shift", "reason", "done"))
    title = StringProperty("")
    message = StringProperty("")
    problem = BooleanProperty(False)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._shifts: list[ShiftView] = []
        self._chosen: ShiftView | None = None
        self._reported: AbsenceView | None = None
        self._refusal: Exception | None = None
        tr.bind(language=self._words)
        self.bind(stage=self._words, busy=self._words)

    def prepare(self, *, worker_pass: WorkerPass, shifts: list[ShiftView]) -> None:  # type: ignore[override]
        self.worker_pass = worker_pass
        self._shifts = list(shifts)
        self._chosen = None
        self._reported = None
        self._refusal = None
        self.stage = "shift"
        self._words()

    def back(self) -> None:
        if self.busy:
            return
        if self.stage == "reason":
            self._refusal = None
            self.stage = "shift"
        else:
            self.app.go_home()

    def _shift_chosen(self, button: ChoiceButton) -> None:
        if not self.busy:
            self._chosen = button.value
            self._refusal = None
            self.stage = "reason"

    def _reason_chosen(self, button: ChoiceButton) -> None:
        if self.busy or self._chosen is None:
            return
        self._refusal = None
        ctx = self.app.ctx
        worker_pass, shift_id, reason = self.worker_pass, self._chosen.id, button.value
        self.ask(
            lambda: absences.report_at_kiosk(ctx, worker_pass, shift_id, reason),
            self._done,
            self._refused,
        )

    def _done(self, reported: AbsenceView) -> None:
        self._reported = reported
        self.stage = "done"
        self.start_countdown()

    def _refused(self, error: Exception) -> None:
        self.app.log_problem("reporting an absence", error)
        self._refusal = error
        self._words()

    def _words(self, *_args: Any) -> None:
        zone = self.app.settings.clinic.zone
        choices = self.ids.choices
        for child in list(choices.children):
            discard(child)
        self.problem = self._refusal is not None
        if self.stage == "shift":
            self.title = tr._("Which shift can you not come to?")
            self.message = tr._("Tell us as early as you can. Thank you.")
            for shift in self._shifts:
                self._add_choice(shift_line(shift, zone), shift, "calendar", self._shift_chosen)
        elif self.stage == "reason":
            assert self._chosen is not None
            self.title = shift_line(self._chosen, zone)
            self.message = tr._("Why? You can also leave this out.")
            for reason in self.app.settings.peer_work.absence_reasons:
                self._add_choice(reason.names.get(tr.language), reason.id, "", self._reason_chosen)
            self._add_choice(tr._("I do not want to say"), NO_REASON, "", self._reason_chosen)
        else:
            reported = self._reported
            assert reported is not None
            self.title = tr._("Thank you. Your absence is reported.")
            self.message = shift_line(reported.shift, zone)
        if self._refusal is not None:
            self.message = refusal(self._refusal, self.app.settings.clinic.zone)
        elif self.busy:
            self.message = tr._("One moment…")

    def _add_choice(self, text: str, value: Any, icon: str, chosen: Any) -> None:
        button = ChoiceButton(text=text, value=value, icon=icon, kind="secondary")
        button.bind(on_release=chosen)
        self.ids.choices.add_widget(button)
