"""People, for staff: the peer workers on duty now (number, name, task, since when), today's
planned shifts with the absences reported for them, the sessions waiting for review, and the
contracts ending within `peer_work.contract_warning_days`.

Peer workers are clients too: their names are on this staff screen only, and opening it is
logged as a view of them (kiosk.services.people_overview); reading it again while it is open is
the same view. A session waiting for review is chosen with a tap, a click, or Up and Down; A
accepts its times as they are, C corrects them with a reason (kiosk.services.session_corrections
checks the role, the pay period and the contract, and logs both).

The lists are read again whenever the database changes (`app.live`), so a worker signing in at
the kiosk is here within a second.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from babel.dates import format_date
from kivy.properties import BooleanProperty, StringProperty
from kivy.uix.behaviors import ButtonBehavior
from kivy.uix.boxlayout import BoxLayout

from kiosk.errors import KioskError
from kiosk.services import people_overview, session_corrections
from kiosk.services.people_overview import PeopleOverview
from kiosk.services.worker_views import ContractWarning, SessionView, ShiftView
from kiosk.ui import worker_words
from kiosk.ui.console_frame import ConsoleAction
from kiosk.ui.console_screen import ConsoleScreen
from kiosk.ui.formatting import clock_time
from kiosk.ui.i18n import N_, tr
from kiosk.ui.keys import KEY_DOWN, KEY_UP
from kiosk.ui.session_correction_dialog import SessionCorrectionDialog

ACTIONS = {  # name: its key, icon and words
    "accept": ("A", "check-bold", N_("Accept the times")),
    "correct": ("C", "pencil", N_("Correct the times")),
}
REVIEW_REASONS = {
    "closing_time": N_("Not signed out by closing time"),
    "max_length": N_("Signed in longer than a work day may last"),
}


class ConsolePeopleLine(BoxLayout):
    """One person in a list: an icon and a line of words."""

    icon = StringProperty("account")
    text = StringProperty("")


class ConsoleReviewRow(ButtonBehavior, BoxLayout):
    """A session waiting for review; a tap or a click chooses it."""

    chosen = BooleanProperty(False)
    text = StringProperty("")


class ConsolePeopleScreen(ConsoleScreen):
    message = StringProperty("")
    problem = BooleanProperty(False)
    chosen_title = StringProperty("")
    chosen_state = StringProperty("")
    duty_heading = StringProperty("")
    shifts_heading = StringProperty("")
    review_heading = StringProperty("")
    contracts_heading = StringProperty("")

    def __init__(self, **kwargs: Any) -> None:
        # Before the .kv rule runs: on_kv_post fills these.
        self._overview = PeopleOverview([], [], [], [])
        self._chosen: int | None = None
        self._buttons: dict[str, ConsoleAction] = {}
        super().__init__(**kwargs)
        tr.bind(language=self._show)
        self.bind(busy=self._enable_actions)

    def on_kv_post(self, _base_widget: Any) -> None:
        for name, (key, icon, _words) in ACTIONS.items():
            button = ConsoleAction(icon=icon, key=key)
            button.bind(on_release=lambda _button, name=name: self.act(name))
            self._buttons[name] = button
            self.ids.actions.add_widget(button)

    def prepare(self, **kwargs: Any) -> None:
        super().prepare(**kwargs)
        self.message, self.problem = "", False
        self._show()

    def on_enter(self, *args: Any) -> None:
        super().on_enter(*args)
        self.app.live.subscribe(self.refresh)
        self.refresh(opened=True)

    def on_leave(self, *args: Any) -> None:
        super().on_leave(*args)
        self.app.live.unsubscribe(self.refresh)

    # --- reading ---------------------------------------------------------------------------

    def refresh(self, *, opened: bool = False) -> None:
        if not self.app.staff.logged_in:
            return
        ctx, by = self.app.ctx, self.by
        self.ask(
            lambda: people_overview.people_overview(ctx, by=by, opened=opened),
            self._read,
            self._say_refusal,
            lock=False,
        )

    def _read(self, overview: PeopleOverview) -> None:
        self._overview = overview
        ids = [s.id for s in overview.to_review]
        if self._chosen not in ids:
            self._chosen = ids[0] if ids else None
        self._show()

    def chosen(self) -> SessionView | None:
        return next((s for s in self._overview.to_review if s.id == self._chosen), None)

    # --- choosing and acting ---------------------------------------------------------------

    def choose(self, session_id: int) -> None:
        self._chosen = session_id
        self._show()

    def move(self, steps: int) -> None:
        ids = [s.id for s in self._overview.to_review]
        if ids:
            here = ids.index(self._chosen) if self._chosen in ids else 0
            self.choose(ids[max(0, min(len(ids) - 1, here + steps))])

    def key_pressed(self, key: int, character: str, modifiers: list[str]) -> bool:
        if key == KEY_DOWN:
            self.move(1)
        elif key == KEY_UP:
            self.move(-1)
        elif character in ("a", "c") and not modifiers:
            self.act("accept" if character == "a" else "correct")
        else:
            return False
        return True

    def act(self, name: str) -> None:
        work = self.chosen()
        if self.busy or work is None:
            return
        if name == "accept":
            self._accept(work)
        else:
            self._correct(work)

    def _accept(self, work: SessionView) -> None:
        ctx, by = self.app.ctx, self.by
        said = tr._("The times of peer worker {number} are accepted.").format(number=work.number)
        self._do(lambda: session_corrections.accept_session(ctx, work.id, by=by), said)

    def _correct(self, work: SessionView) -> None:
        ctx, by, zone = self.app.ctx, self.by, self.app.settings.clinic.zone

        def save(started: datetime, ended: datetime, reason: str) -> None:
            def saved(_view: SessionView) -> None:
                dialog.close()
                self._say(
                    tr._("The times of peer worker {number} are corrected.").format(
                        number=work.number
                    )
                )
                self.refresh()

            def refused(error: Exception) -> None:
                if not isinstance(error, KioskError):
                    self.app.log_problem("correcting a session", error)
                dialog.refused(self.refusal_words(error))

            self.ask(
                lambda: session_corrections.correct_session(
                    ctx, work.id, started_at=started, ended_at=ended, reason=reason, by=by
                ),
                saved,
                refused,
            )

        dialog = SessionCorrectionDialog(
            tr._("Correct the times of peer worker {number}").format(number=work.number),
            _person(work.number, work.display_name)
            + " · "
            + worker_words.day_name(work.business_day),
            day=work.business_day,
            zone=zone,
            starts=self._at(work.started_at),
            ends=self._at(work.ended_at) if work.ended_at else "",
            save=save,
        )
        self.open_dialog(dialog)

    def _do(self, work: Callable[[], object], said: str) -> None:
        def done(_view: object) -> None:
            self._say(said)
            self.refresh()

        def refused(error: Exception) -> None:
            self._say_refusal(error)
            self.refresh()

        self.ask(work, done, refused)

    def _say(self, said: str) -> None:
        self.message, self.problem = said, False

    def _say_refusal(self, error: Exception) -> None:
        if not isinstance(error, KioskError):
            self.app.log_problem("people view", error)
        self.message, self.problem = self.refusal_words(error), True

    # --- what shows ------------------------------------------------------------------------

    def _show(self, *_args: Any) -> None:
        if "duty_rows" not in self.ids:
            return
        overview = self._overview
        self.duty_heading = tr._("On duty now: {count}").format(count=len(overview.on_duty))
        self.shifts_heading = tr._("Today's shifts: {count}").format(
            count=len(overview.today_shifts)
        )
        self.review_heading = tr._("Waiting for review: {count}").format(
            count=len(overview.to_review)
        )
        self.contracts_heading = tr._("Contracts ending soon: {count}").format(
            count=len(overview.contracts_ending)
        )
        self._fill(self.ids.duty_rows, "account-clock", [self._duty(s) for s in overview.on_duty])
        self._fill(
            self.ids.shift_rows,
            "calendar-clock",
            [self._shift(s) for s in overview.today_shifts],
        )
        self._fill(
            self.ids.contract_rows,
            "file-clock-outline",
            [self._contract(c) for c in overview.contracts_ending],
        )
        reviews = self.ids.review_rows
        reviews.clear_widgets()
        for work in overview.to_review:
            row = ConsoleReviewRow(chosen=work.id == self._chosen, text=self._review(work))
            row.bind(on_release=lambda _row, chosen=work.id: self.choose(chosen))
            reviews.add_widget(row)
        if not overview.to_review:
            reviews.add_widget(ConsolePeopleLine(icon="check", text=tr._("Nothing to review.")))
        self._show_chosen()

    def _fill(self, box: BoxLayout, icon: str, lines: list[str]) -> None:
        box.clear_widgets()
        for line in lines:
            box.add_widget(ConsolePeopleLine(icon=icon, text=line))
        if not lines:
            box.add_widget(ConsolePeopleLine(icon="minus", text=tr._("Nobody.")))

    def _show_chosen(self) -> None:
        work = self.chosen()
        if work is None:
            self.chosen_title = tr._("No session waits for review.")
            self.chosen_state = ""
        else:
            self.chosen_title = tr._("Session of peer worker {number}").format(number=work.number)
            self.chosen_state = self._review(work)
        for name, button in self._buttons.items():
            button.text = tr._(ACTIONS[name][2])
        self._enable_actions()

    def _enable_actions(self, *_args: Any) -> None:
        for button in self._buttons.values():
            button.disabled = self.busy or self.chosen() is None

    def _at(self, moment: datetime) -> str:
        return clock_time(moment, self.app.settings.clinic.zone, tr.babel_locale)

    def _task(self, task_id: str) -> str:
        return worker_words.task_name(self.app.settings, task_id) if task_id else tr._("no task")

    def _duty(self, work: SessionView) -> str:
        return tr._("{person} · {task} · since {time}").format(
            person=_person(work.number, work.display_name),
            task=self._task(work.task),
            time=self._at(work.started_at),
        )

    def _shift(self, shift: ShiftView) -> str:
        line = f"{_person(shift.number, shift.display_name)} · "
        line += worker_words.shift_times(shift, self.app.settings.clinic.zone)
        if shift.absence_reported_at is not None:
            line += " · " + tr._("absence reported at {time}").format(
                time=self._at(shift.absence_reported_at)
            )
            reason = self.app.settings.peer_work.absence_reason(shift.absence_reason)
            if reason is not None:
                line += f" ({reason.names.get(tr.language)})"
        return line

    def _review(self, work: SessionView) -> str:
        ended = self._at(work.ended_at) if work.ended_at else "?"
        why = REVIEW_REASONS.get(work.review_reason)
        line = tr._("{person} · {day} {start}–{end}").format(
            person=_person(work.number, work.display_name),
            day=worker_words.day_name(work.business_day),
            start=self._at(work.started_at),
            end=ended,
        )
        return f"{line}\n{tr._(why)}" if why else line

    def _contract(self, warning: ContractWarning) -> str:
        person = _person(warning.number, warning.display_name)
        ends = format_date(warning.contract_end, "EEEE d.M.yyyy", locale=tr.babel_locale)
        if warning.days_left < 0:
            return tr._("{person} · the contract ended {date}").format(person=person, date=ends)
        return tr.ngettext(
            "{person} · the contract ends {date}, in {days} day",
            "{person} · the contract ends {date}, in {days} days",
            warning.days_left,
        ).format(person=person, date=ends, days=warning.days_left)


def _person(number: int, name: str) -> str:
    """A peer worker as staff know them: number and name (this is a staff screen)."""
    return f"{number} {name}"
