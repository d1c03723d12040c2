"""After the PIN or badge: the worker's own greeting, and what they can do now.

Start work (rules, task, greeting) or finish work (today's hours and allowance), take help
requests while signed in, and report an absence for a coming shift. The lounge screen is public
even now, so the worker is greeted by their number, or by their first name where the clinic
chose so (`peer_work.greet_by_name`).
"""

from __future__ import annotations

from typing import Any

from kivy.properties import BooleanProperty, ObjectProperty, StringProperty

from kiosk.services import sign_in_out
from kiosk.services.worker_views import SignOutSummary, WorkerPass, WorkerStatus
from kiosk.ui.i18n import tr
from kiosk.ui.refusals import refusal
from kiosk.ui.widgets import KioskButton
from kiosk.ui.worker_screen import WorkerScreen
from kiosk.ui.worker_words import at_time, greeting_words, task_name, today_line


class WorkerMenuScreen(WorkerScreen):
    status = ObjectProperty(None, allownone=True)
    signed_in = BooleanProperty(False)
    can_report = BooleanProperty(False)
    can_start = BooleanProperty(True)
    greeting = StringProperty("")
    state_text = StringProperty("")
    shift_text = StringProperty("")
    notice = StringProperty("")

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        tr.bind(language=self._words)
        self.bind(signed_in=self._offer_help_requests)

    def on_kv_post(self, _base_widget: Any) -> None:
        # ids are weak: hold the button while it is out of the row.
        self._help_button: KioskButton = self.ids.help_requests.__self__
        self._offer_help_requests()

    def prepare(self, *, worker_pass: WorkerPass, status: WorkerStatus) -> None:  # type: ignore[override]
        self.worker_pass = worker_pass
        self.status = status
        self.signed_in = status.signed_in_since is not None
        self.can_report = bool(status.reportable_shifts)
        self.can_start = status.closed_since is None
        self.notice = ""
        self._words()

    def end_visit(self) -> None:
        super().end_visit()
        # Their hours are theirs; nobody after them should find them here.
        self.status = None

    def start_work(self) -> None:
        if self.busy or not self.can_start:
            return
        if self.app.settings.peer_work.rules.get(tr.language):
            self.app.show("worker_rules", worker_pass=self.worker_pass)
        else:
            self.app.show("worker_task", worker_pass=self.worker_pass, rules_confirmed=False)

    def finish_work(self) -> None:
        ctx, worker_pass = self.app.ctx, self.worker_pass
        self.ask(lambda: sign_in_out.sign_out(ctx, worker_pass), self._signed_out, self._refused)

    def open_help_requests(self) -> None:
        if not self.busy and self.signed_in:
            self.app.show("worker_help_requests", worker_pass=self.worker_pass)

    def _offer_help_requests(self, *_args: Any) -> None:
        row, button = self.ids.actions, self._help_button
        if self.signed_in and button.parent is None:
            row.add_widget(button, index=len(row.children) - 1)  # after the main button
        elif not self.signed_in and button.parent is not None:
            row.remove_widget(button)

    def report_absence(self) -> None:
        if not self.busy and self.status is not None:
            self.app.show(
                "worker_absence",
                worker_pass=self.worker_pass,
                shifts=self.status.reportable_shifts,
            )

    def _signed_out(self, summary: SignOutSummary) -> None:
        self.app.show("worker_goodbye", summary=summary)

    def _refused(self, error: Exception) -> None:
        if isinstance(error, sign_in_out.NotSignedIn):
            # Signed out meanwhile (automatically, or by staff): nothing left to finish.
            self.signed_in = False
        else:
            # A busy database says nothing about the session: "Finish work" stays to try again.
            self.app.log_problem("peer worker sign-out", error)
        self.notice = refusal(error, self.app.settings.clinic.zone)

    def _words(self, *_args: Any) -> None:
        status: WorkerStatus | None = self.status
        if status is None:
            return
        zone = self.app.settings.clinic.zone
        self.greeting = greeting_words(
            self.app.settings,
            status.number,
            status.display_name,
            by_name=tr._("Hello, {name}!"),
            by_number=tr._("Hello, worker {number}!"),
        )
        if status.signed_in_since is not None:
            self.state_text = tr._("You have been working since {time}.").format(
                time=at_time(status.signed_in_since, zone)
            )
            if status.task:
                self.state_text += " " + tr._("Task: {task}").format(
                    task=task_name(self.app.settings, status.task)
                )
        else:
            self.state_text = tr._("You are not signed in.")
        if status.today_shifts:
            self.shift_text = tr._("Your shift today: {shift}").format(
                shift=", ".join(today_line(s, zone) for s in status.today_shifts)
            )
        else:
            self.shift_text = tr._("No shift is planned for you today.")
        if status.auto_closed_today is not None and status.signed_in_since is None:
            self.notice = tr._(
                "You were signed out automatically at {time}. Staff will check your hours."
            ).format(time=at_time(status.auto_closed_today, zone))
        elif status.closed_since is not None and status.signed_in_since is None:
            self.notice = refusal(sign_in_out.PeerWorkClosed(status.closed_since), zone)
