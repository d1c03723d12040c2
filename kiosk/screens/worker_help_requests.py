"""A signed-in peer worker's help requests: take one from the queue, and finish the ones taken.

Two lists: the requests this worker is helping with now (waiting for papers, done, not here),
and the open ones of today's queue whose topics peer workers may handle, oldest first, each
with its age and the client's three ticks. Taking one calls its number to the peer workers'
help desk, so the lounge's strip shows "H003 → Lift computer".

This is the lounge's public screen: codes, topics, ages and ticks only. No return code, no note
and nobody's name reaches it; the queue a worker gets already leaves them out, and says only
that someone else helps or was given a request, never who (help_requests.queue). Every step is
checked again in the core as this worker, who must still be signed in.

The lists are read again whenever the database changes (app.live), so a request another kiosk
or the console took goes from here within a second; an answer older than the one shown is
dropped.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from kivy.properties import BooleanProperty, OptionProperty, StringProperty
from kivy.uix.boxlayout import BoxLayout

from kiosk.core.help_status import HelpStatus
from kiosk.errors import Refused
from kiosk.services import help_requests, sign_in_out
from kiosk.services.context import Context
from kiosk.services.views import HelpRequestView
from kiosk.services.worker_views import WorkerPass
from kiosk.ui.i18n import tr
from kiosk.ui.refusals import refusal
from kiosk.ui.widgets import BodyLabel, discard
from kiosk.ui.worker_screen import WorkerScreen
from kiosk.ui.worker_words import duration

# The core's word that this worker is not (or no longer) on duty: nothing here is theirs to take.
NOT_ON_DUTY = frozenset({"help.helper_not_signed_in", "help.helper_unknown"})


@dataclass(frozen=True)
class HelpLists:
    worker: str  # "worker:12": whose lists these are
    mine: list[HelpRequestView]  # in progress, taken by this worker
    # Today's open queue, oldest first; those staff gave this worker before the rest.
    waiting: list[HelpRequestView]


def help_lists(ctx: Context, worker_pass: WorkerPass, *, record_view: bool) -> HelpLists:
    """The worker's two lists, read as them (on the background runner); `record_view` for the
    first read of a visit (help_requests.queue)."""
    worker = sign_in_out.acting_worker(ctx, worker_pass)
    active = help_requests.queue(ctx, by=worker, record_view=record_view)
    return HelpLists(
        worker=str(worker),
        mine=[
            r for r in active if r.status == HelpStatus.IN_PROGRESS and r.claimed_by == str(worker)
        ],
        # A request without a place in today's queue was left on an earlier day: its client
        # went home and queues again when back.
        waiting=sorted(
            (r for r in active if r.status == HelpStatus.OPEN and r.position is not None),
            key=lambda r: (r.assigned_to != str(worker), r.position),
        ),
    )


def take_step(ctx: Context, worker_pass: WorkerPass, step: str, code: str) -> HelpRequestView:
    """One of the worker's steps on request `code`, taken as them (on the background runner):
    "claim", "wait_docs", "done" or "not_present"."""
    worker = sign_in_out.acting_worker(ctx, worker_pass)
    if step == "claim":
        return help_requests.claim(ctx, code, by=worker)
    if step == "wait_docs":
        return help_requests.wait_for_documents(ctx, code, by=worker)
    if step == "done":
        return help_requests.done(ctx, code, by=worker)
    if step == "not_present":
        return help_requests.not_present(ctx, code, by=worker)
    raise ValueError(f"no help request step {step!r}")


class HelpRequestRow(BoxLayout):
    """One request as a card: code, topic, age or state, the ticks; then its buttons."""

    __events__ = ("on_step",)

    code = StringProperty("")
    topic = StringProperty("")
    state = StringProperty("")
    has_documents = BooleanProperty(False)
    has_credentials = BooleanProperty(False)
    needs_interpreter = BooleanProperty(False)
    # The screen's lock, so the buttons look as they are: not pressable while a step is on its way.
    busy = BooleanProperty(False)

    def __init__(self, request: HelpRequestView, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.request = request
        self.code = request.code
        self.has_documents = request.has_documents
        self.has_credentials = request.has_credentials
        self.needs_interpreter = request.needs_interpreter

    def on_step(self, step: str) -> None:
        """A button was pressed: "claim", "wait_docs", "done" or "not_present"."""


class WaitingRequestRow(HelpRequestRow):
    """An open request: "I'll help" takes it."""


class MyRequestRow(HelpRequestRow):
    """A request this worker is helping with: waiting for papers, done, or not here."""


class WorkerHelpRequestsScreen(WorkerScreen):
    message = StringProperty("")
    # "info"; "notice" when the core said no (someone was quicker: calm, nothing is wrong);
    # "problem" when something failed (the database did not answer).
    tone = OptionProperty("info", options=("info", "notice", "problem"))
    succeeded = BooleanProperty(False)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._lists: HelpLists | None = None
        self._rows: list[HelpRequestRow] = []
        self._refusal: Exception | None = None
        # A refusal met reading the lists goes with the next good read; a step's stays.
        self._read_failed = False
        self._outcome: tuple[str, HelpRequestView] | None = None
        # Reads are numbered, so an older answer arriving late cannot bring a taken request back.
        self._asked = 0
        self._shown = 0
        self._view_recorded = False
        tr.bind(language=self._words)
        self.bind(busy=self._lock_rows)
        # The ages grow with the clock, which the top bar turns every minute.
        self.app.bind(clock_text=self._words)

    def prepare(self, *, worker_pass: WorkerPass) -> None:  # type: ignore[override]
        self.worker_pass = worker_pass
        self._refusal = None
        self._read_failed = False
        self._outcome = None
        self._show_lists(None)
        self.ids.scroll.scroll_y = 1  # each visit starts at the top of the list
        self._view_recorded = False
        self.refresh()

    def on_enter(self, *_args: Any) -> None:
        self.app.live.subscribe(self.refresh)

    def on_leave(self, *_args: Any) -> None:
        self.app.live.unsubscribe(self.refresh)

    def end_visit(self) -> None:
        super().end_visit()
        self._show_lists(None)

    def refresh(self) -> None:
        """Read both lists again, quietly: a step under way stays locked, nothing else is."""
        if self.worker_pass is None:
            return
        ctx, worker_pass = self.app.ctx, self.worker_pass
        self._asked += 1
        asked, record_view = self._asked, not self._view_recorded
        self._view_recorded = True
        self.ask(
            lambda: help_lists(ctx, worker_pass, record_view=record_view),
            lambda lists: self._arrived(asked, lists),
            self._not_read,
            lock=False,
        )

    def back_to_menu(self) -> None:
        ctx, worker_pass = self.app.ctx, self.worker_pass
        self.ask(
            lambda: sign_in_out.worker_status(ctx, worker_pass),
            lambda status: self.app.show("worker_menu", worker_pass=worker_pass, status=status),
            self._refused,
        )

    def _arrived(self, asked: int, lists: HelpLists) -> None:
        if asked < self._shown:
            return
        self._shown = asked
        if self._read_failed:
            self._refusal, self._read_failed = None, False
        self._show_lists(lists)

    def _not_read(self, error: Exception) -> None:
        self._refused(error)
        self._read_failed = True
        if isinstance(error, Refused) and error.code in NOT_ON_DUTY:
            self._show_lists(None)

    def _step_pressed(self, row: HelpRequestRow, step: str) -> None:
        ctx, worker_pass, code = self.app.ctx, self.worker_pass, row.code
        self.ask(
            lambda: take_step(ctx, worker_pass, step, code),
            lambda request: self._stepped(step, request),
            self._step_refused,
        )

    def _stepped(self, step: str, request: HelpRequestView) -> None:
        self._refusal, self._read_failed = None, False
        self._outcome = (step, request)
        self._words()
        self.refresh()

    def _step_refused(self, error: Exception) -> None:
        self._refused(error)
        # Someone else was quicker, or staff closed it: show the lists as they are now.
        self.refresh()

    def _refused(self, error: Exception) -> None:
        if not isinstance(error, Refused):
            self.app.log_problem("peer worker's help requests", error)
        self._outcome = None
        self._refusal = error
        self._read_failed = False
        self._words()

    def _show_lists(self, lists: HelpLists | None) -> None:
        self._lists = lists
        box = self.ids.rows
        for child in list(box.children):
            discard(child)
        self._rows = []
        if lists is not None:
            if lists.mine:
                box.add_widget(SectionHeading(kind="mine"))
                for request in lists.mine:
                    self._add_row(MyRequestRow(request))
            box.add_widget(SectionHeading(kind="waiting"))
            for request in lists.waiting:
                self._add_row(WaitingRequestRow(request))
            if not lists.waiting:
                box.add_widget(SectionHeading(kind="nobody"))
        self._words()

    def _add_row(self, row: HelpRequestRow) -> None:
        row.busy = self.busy
        row.bind(on_step=self._step_pressed)
        self._rows.append(row)
        self.ids.rows.add_widget(row)

    def _lock_rows(self, *_args: Any) -> None:
        for row in self._rows:
            row.busy = self.busy

    def _words(self, *_args: Any) -> None:
        now = self.app.ctx.clock.now()
        for row in self._rows:
            row.topic = self._topic_name(row.request.topic)
            row.state = self._state_words(row.request, now)
        for heading in self.ids.rows.children:
            if isinstance(heading, SectionHeading):
                heading.text = heading.words()
        refused = self._refusal
        self.tone = (
            "info" if refused is None else "notice" if isinstance(refused, Refused) else "problem"
        )
        self.succeeded = self._outcome is not None and refused is None
        if self._refusal is not None:
            self.message = refusal(self._refusal, self.app.settings.clinic.zone)
        elif self._outcome is not None:
            self.message = self._outcome_words(*self._outcome)
        else:
            place = self.app.settings.help.peer_workers_place()
            self.message = (
                tr._("Choose one to help with. Its number is called to: {place}.").format(
                    place=place.names.get(tr.language)
                )
                if place
                else tr._("Choose one to help with.")
            )

    def _outcome_words(self, step: str, request: HelpRequestView) -> str:
        code = request.code
        if step == "claim":
            place = self.app.settings.help.place(request.place) if request.place else None
            if place is None:
                return tr._("You are helping with {code} now.").format(code=code)
            return tr._("You are helping with {code} now. It is called to: {place}.").format(
                code=code, place=place.names.get(tr.language)
            )
        if step == "wait_docs":
            return tr._("{code} waits for papers. The client comes back with them.").format(
                code=code
            )
        if step == "done":
            return tr._("{code} is done. Thank you!").format(code=code)
        return tr._("{code} is marked: not here.").format(code=code)

    def _state_words(self, request: HelpRequestView, now: datetime) -> str:
        """ "Waiting 12 min" for a request in the queue; for one of the worker's own, where it
        was called. Staff's assignment is said too, never to whom but "you"."""
        if request.status == HelpStatus.IN_PROGRESS:
            place = self.app.settings.help.place(request.place) if request.place else None
            words = (
                tr._("Called to: {place}").format(place=place.names.get(tr.language))
                if place
                else tr._("You are helping")
            )
        else:
            minutes = max(0, int((now - request.queued_at).total_seconds() // 60))
            if minutes < 1:
                words = tr._("Came just now")
            elif minutes < 60:
                words = tr._("Waiting {minutes} min").format(minutes=minutes)
            else:
                words = tr._("Waiting {time}").format(time=duration(minutes))
        lists = self._lists
        if lists is not None and request.status == HelpStatus.OPEN:
            if request.assigned_to == lists.worker:
                words += " · " + tr._("Staff gave this to you")
            elif request.assigned_to is not None:
                words += " · " + tr._("Staff gave this to another helper")
        return words

    def _topic_name(self, topic_id: str) -> str:
        topic = self.app.settings.help.topic(topic_id)
        return topic.names.get(tr.language) if topic else topic_id


class SectionHeading(BodyLabel):
    """A list's heading, or the line saying nobody waits."""

    kind = StringProperty("waiting")

    def words(self) -> str:
        if self.kind == "mine":
            return tr._("Your requests now")
        if self.kind == "nobody":
            return tr._("Nobody is waiting for help now.")
        return tr._("Waiting for help")
