"""The help-request queue, for staff: open requests in line, those in progress and by whom, and
those waiting for documents and since when; and what staff do with each.

Each row shows the code, the age, the topic (a topic only staff handle is marked with a shield
and words), the client's three checkboxes as ticked or empty boxes with words, and its state:
its place in line, who has it (staff by name, peer workers by number and name: this is a staff
screen), or since when it waits for documents, and the help desk it was called to.

The chosen request's actions are beside the list, each with its key: Enter opens the details
(the service logs every view), C takes it (calling it to this console's help desk, or to one
picked), A gives it to a peer worker signed in now, K calls it to a help desk, R calls it again,
N writes a note, W waits for documents, D done, P not present, X cancels. Up and Down move
through the list. Buttons a request's state does not allow are greyed; the use cases refuse
them anyway, and check the role of the person logged in on every step.

The list is read again whenever the database changes (`app.live`), so a request opened at the
kiosk is here within a second; the ages are redrawn every half minute from the rows held.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from kivy.clock import Clock
from kivy.factory import Factory
from kivy.properties import BooleanProperty, ListProperty, StringProperty
from kivy.uix.behaviors import ButtonBehavior
from kivy.uix.boxlayout import BoxLayout

from kiosk.core.help_status import ACTIVE, ALLOWED, HelpStatus
from kiosk.errors import KioskError
from kiosk.services import actor_names, help_requests, workers
from kiosk.services.help_requests import MAX_NOTE_LENGTH
from kiosk.services.views import HelpRequestView
from kiosk.services.worker_views import WorkerView
from kiosk.ui import help_request_words as words
from kiosk.ui import theme
from kiosk.ui.console_dialogs import Choice, ChoiceDialog, NoteDialog
from kiosk.ui.console_frame import ConsoleAction
from kiosk.ui.console_refusals import status_words
from kiosk.ui.console_screen import Action, ConsoleScreen, letter_keys
from kiosk.ui.help_request_details import CheckWords, RequestDetailsDialog
from kiosk.ui.i18n import N_, tr
from kiosk.ui.keys import KEY_DOWN, KEY_END, KEY_ENTER, KEY_HOME, KEY_UP
from kiosk.ui.widgets import discard

AGES_REDRAWN_S = 30.0


ACTIONS = (
    Action("details", "Enter", "text-box-search-outline", N_("Details")),
    Action("claim", "C", "hand-back-right", N_("Take it")),
    Action("assign", "A", "account-arrow-right", N_("Give to a peer worker")),
    Action("call", "K", "bullhorn", N_("Call to a desk")),
    Action("recall", "R", "bullhorn-outline", N_("Call again")),
    Action("note", "N", "note-plus-outline", N_("Write a note")),
    Action("wait_docs", "W", "file-clock-outline", N_("Wait for documents")),
    Action("done", "D", "check-bold", N_("Done")),
    Action("not_present", "P", "account-off-outline", N_("Not present")),
    Action("cancel", "X", "close-circle-outline", N_("Cancel request")),
)
ACTION_KEYS = letter_keys(ACTIONS)
SECTIONS = (
    (HelpStatus.OPEN, "open_rows", N_("Open: {count}")),
    (HelpStatus.IN_PROGRESS, "progress_rows", N_("In progress: {count}")),
    (HelpStatus.WAITING_DOCS, "waiting_rows", N_("Waiting for documents: {count}")),
)

Key = tuple[object, str]  # a request: its business day and its code


def key_of(request: HelpRequestView) -> Key:
    return (request.business_day, request.code)


class ConsoleRequestRow(ButtonBehavior, BoxLayout):
    """One request in the list; a tap or a click chooses it."""

    chosen = BooleanProperty(False)
    code = StringProperty("")
    age = StringProperty("")
    topic = StringProperty("")
    topic_icon = StringProperty("help")
    staff_only = BooleanProperty(False)
    # Where it stands: its place in line, who has it, since when it waits.
    standing = StringProperty("")
    checks = ListProperty([])

    def on_kv_post(self, _base_widget: Any) -> None:
        self._fill_checks()

    def on_checks(self, *_args: Any) -> None:
        if "checks" in self.ids:
            self._fill_checks()

    def on_chosen(self, *_args: Any) -> None:
        for box in self.ids.checks.children:
            box.ink = self._ink(box.bold)

    def _fill_checks(self) -> None:
        boxes = self.ids.checks
        boxes.clear_widgets()
        for check in self.checks:
            boxes.add_widget(
                CheckWords(
                    icon=check.icon,
                    text=check.words,
                    bold=check.ticked,
                    ink=self._ink(check.ticked),
                )
            )

    def _ink(self, ticked: bool) -> tuple[float, ...]:
        if self.chosen:
            return theme.ON_SELECTED
        return theme.INK if ticked else theme.INK_SOFT


class ConsoleQueueScreen(ConsoleScreen):
    message = StringProperty("")
    problem = BooleanProperty(False)
    chosen_title = StringProperty("")
    chosen_state = StringProperty("")
    has_choice = BooleanProperty(False)
    open_heading = StringProperty("")
    progress_heading = StringProperty("")
    waiting_heading = StringProperty("")

    def __init__(self, **kwargs: Any) -> None:
        # Before the .kv rule runs: on_kv_post fills these.
        self._requests: list[HelpRequestView] = []
        self._names: dict[str, str] = {}
        self._chosen: Key | None = None
        self._rows: dict[Key, ConsoleRequestRow] = {}
        self._buttons: dict[str, ConsoleAction] = {}
        self._view_recorded = False
        self._ages: Any = None
        super().__init__(**kwargs)
        tr.bind(language=self._show)
        self.bind(busy=self._enable_actions)

    def on_kv_post(self, _base_widget: Any) -> None:
        for action in ACTIONS:
            button = ConsoleAction(icon=action.icon, key=action.key)
            button.bind(on_release=lambda _button, name=action.name: self.act(name))
            self._buttons[action.name] = button
            self.ids.actions.add_widget(button)

    def prepare(self, **kwargs: Any) -> None:
        super().prepare(**kwargs)
        self.message, self.problem = "", False
        self._show()

    def on_enter(self, *args: Any) -> None:
        super().on_enter(*args)
        self.app.live.subscribe(self.refresh)
        self._ages = Clock.schedule_interval(lambda _dt: self._show(), AGES_REDRAWN_S)
        self._view_recorded = False
        self.refresh()

    def on_leave(self, *args: Any) -> None:
        super().on_leave(*args)
        self.app.live.unsubscribe(self.refresh)
        if self._ages is not None:
            self._ages.cancel()
            self._ages = None

    # --- reading ---------------------------------------------------------------------------

    def refresh(self) -> None:
        if not self.app.staff.logged_in:
            return
        ctx, by = self.app.ctx, self.by
        # The audit log records the first read of each visit to the view (help_requests.queue).
        record_view, self._view_recorded = not self._view_recorded, True

        def read() -> tuple[list[HelpRequestView], dict[str, str]]:
            requests = help_requests.queue(ctx, by=by, record_view=record_view)
            people = {a for r in requests for a in (r.claimed_by, r.assigned_to) if a}
            return requests, actor_names.display_names(ctx, people, by=by)

        self.ask(read, self._read, self._say_refusal, lock=False)

    def _read(self, answer: tuple[list[HelpRequestView], dict[str, str]]) -> None:
        self._requests, self._names = answer
        keys = [key_of(r) for r in self._in_order()]
        if self._chosen not in keys:
            self._chosen = keys[0] if keys else None
        self._show()

    def _in_order(self) -> list[HelpRequestView]:
        """Open (in line), in progress, waiting for documents: the list top to bottom."""
        return [r for status, _, _ in SECTIONS for r in self._requests if r.status == status]

    def chosen(self) -> HelpRequestView | None:
        return next((r for r in self._requests if key_of(r) == self._chosen), None)

    # --- choosing --------------------------------------------------------------------------

    def choose(self, key: Key) -> None:
        self._chosen = key
        self._mark_chosen()

    def move(self, steps: int) -> None:
        keys = [key_of(r) for r in self._in_order()]
        if not keys:
            return
        here = keys.index(self._chosen) if self._chosen in keys else 0
        key = keys[max(0, min(len(keys) - 1, here + steps))]
        self.choose(key)
        row = self._rows.get(key)
        if row is not None:
            self.ids.list.scroll_to(row, padding=self.app.gap, animate=False)

    def key_pressed(self, key: int, character: str, modifiers: list[str]) -> bool:
        if key == KEY_DOWN:
            self.move(1)
        elif key == KEY_UP:
            self.move(-1)
        elif key == KEY_HOME:
            self.move(-len(self._requests))
        elif key == KEY_END:
            self.move(len(self._requests))
        elif key in KEY_ENTER:
            self.act("details")
        elif character in ACTION_KEYS and not modifiers:
            self.act(ACTION_KEYS[character])
        else:
            return False
        return True

    # --- acting ----------------------------------------------------------------------------

    def act(self, name: str) -> None:
        request = self.chosen()
        if self.busy or request is None or name not in self._allowed(request):
            return
        getattr(self, f"_{name}")(request)

    def _details(self, request: HelpRequestView) -> None:
        ctx, by, handle = self.app.ctx, self.by, _handle(request)

        def read() -> tuple[help_requests.HelpRequestDetails, dict[str, str]]:
            details = help_requests.details(ctx, handle, by=by)
            people = {request.claimed_by, request.assigned_to}
            people |= {n.written_by for n in details.notes} | {h.actor for h in details.history}
            return details, actor_names.display_names(ctx, {p for p in people if p}, by=by)

        def show(answer: tuple[help_requests.HelpRequestDetails, dict[str, str]]) -> None:
            details, names = answer

            def write_note() -> None:
                # The details close under the note and open again, read afresh, once it is saved.
                dialog.close()
                self._note(request, after=lambda: self._details(request))

            dialog = RequestDetailsDialog(
                details, names, self.app.settings, ctx.clock.now(), write_note=write_note
            )
            self.open_dialog(dialog)

        self.ask(read, show, self._say_refusal)

    def _claim(self, request: HelpRequestView) -> None:
        here = self.app.settings.console.place
        places = self.app.settings.help.places
        if here or not places:
            self._claim_to(request, here or None)
            return
        choices = [
            Choice(words.place_name(self.app.settings, p.id), "map-marker", p.id) for p in places
        ]
        choices.append(Choice(tr._("Do not call it now"), "bell-off-outline", None))
        self.open_dialog(
            ChoiceDialog(
                tr._("Take {code} and call it to:").format(code=request.code),
                choices,
                lambda place: self._claim_to(request, place if isinstance(place, str) else None),
            )
        )

    def _claim_to(self, request: HelpRequestView, place: str | None) -> None:
        ctx, by, handle = self.app.ctx, self.by, _handle(request)
        if place is None:
            said = tr._("{code} is yours now.").format(code=request.code)
        else:
            said = tr._("{code} is yours now, called to {place}.").format(
                code=request.code, place=words.place_name(self.app.settings, place)
            )
        self._do(lambda: help_requests.claim(ctx, handle, by=by, place=place), said)

    def _assign(self, request: HelpRequestView) -> None:
        ctx, by = self.app.ctx, self.by

        def offer(on_duty: list[WorkerView]) -> None:
            choices = [
                Choice(
                    words.who(f"worker:{w.number}", {f"worker:{w.number}": w.display_name}),
                    "account",
                    w.number,
                )
                for w in on_duty
            ]
            self.open_dialog(
                ChoiceDialog(
                    tr._("Give {code} to a peer worker signed in now:").format(code=request.code),
                    choices,
                    lambda number: self._assign_to(request, int(str(number))),
                    explanation="" if choices else tr._("No peer worker is signed in now."),
                )
            )

        def signed_in() -> list[WorkerView]:
            return [w for w in workers.list_workers(ctx, by=by) if w.signed_in_since is not None]

        self.ask(signed_in, offer, self._say_refusal)

    def _assign_to(self, request: HelpRequestView, number: int) -> None:
        ctx, by, handle = self.app.ctx, self.by, _handle(request)
        said = tr._("{code} is given to peer worker {number}.").format(
            code=request.code, number=number
        )
        self._do(lambda: help_requests.assign(ctx, handle, number, by=by), said)

    def _call(self, request: HelpRequestView) -> None:
        settings = self.app.settings
        choices = [
            Choice(words.place_name(settings, p.id), "map-marker", p.id)
            for p in settings.help.places
        ]
        self.open_dialog(
            ChoiceDialog(
                tr._("Call {code} to:").format(code=request.code),
                choices,
                lambda place: self._call_to(request, str(place)),
            )
        )

    def _recall(self, request: HelpRequestView) -> None:
        if request.place is not None:
            self._call_to(request, request.place)

    def _call_to(self, request: HelpRequestView, place: str) -> None:
        ctx, by, handle = self.app.ctx, self.by, _handle(request)
        said = tr._("{code} is called to {place}.").format(
            code=request.code, place=words.place_name(self.app.settings, place)
        )
        self._do(lambda: help_requests.call(ctx, handle, place, by=by), said)

    def _note(self, request: HelpRequestView, after: Callable[[], None] | None = None) -> None:
        ctx, by, handle = self.app.ctx, self.by, _handle(request)

        def save(text: str) -> None:
            def saved(_nothing: None) -> None:
                dialog.close()
                self._say(tr._("The note on {code} is saved.").format(code=request.code))
                if after is not None:
                    # Once this answer has unlocked the view, so `after` may ask for more.
                    Clock.schedule_once(lambda _dt: after())

            def refused(error: Exception) -> None:
                if not _staff_refusal(error):
                    self.app.log_problem("saving a note", error)
                dialog.refused(self.refusal_words(error))

            self.ask(lambda: help_requests.add_note(ctx, handle, text, by=by), saved, refused)

        dialog = NoteDialog(
            tr._("A note on {code}").format(code=request.code), save, limit=MAX_NOTE_LENGTH
        )
        self.open_dialog(dialog)

    def _wait_docs(self, request: HelpRequestView) -> None:
        ctx, by, handle = self.app.ctx, self.by, _handle(request)
        said = tr._("{code} is waiting for documents.").format(code=request.code)
        self._do(lambda: help_requests.wait_for_documents(ctx, handle, by=by), said)

    def _done(self, request: HelpRequestView) -> None:
        ctx, by, handle = self.app.ctx, self.by, _handle(request)
        said = tr._("{code} is done.").format(code=request.code)
        self._do(lambda: help_requests.done(ctx, handle, by=by), said)

    def _not_present(self, request: HelpRequestView) -> None:
        ctx, by, handle = self.app.ctx, self.by, _handle(request)
        self._confirm(
            tr._("Mark {code} not present?").format(code=request.code),
            tr._("Yes, not present"),
            lambda: self._do(
                lambda: help_requests.not_present(ctx, handle, by=by),
                tr._("{code} is marked not present.").format(code=request.code),
            ),
        )

    def _cancel(self, request: HelpRequestView) -> None:
        ctx, by, handle = self.app.ctx, self.by, _handle(request)
        self._confirm(
            tr._("Cancel {code}?").format(code=request.code),
            tr._("Yes, cancel it"),
            lambda: self._do(
                lambda: help_requests.cancel(ctx, handle, by=by),
                tr._("{code} is cancelled.").format(code=request.code),
            ),
        )

    def _confirm(self, question: str, yes: str, then: Callable[[], None]) -> None:
        self.open_dialog(
            ChoiceDialog(
                question,
                [Choice(yes, "check-bold", True)],
                lambda _yes: then(),
                close_words=tr._("No, keep it"),
            )
        )

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
        if not _staff_refusal(error):
            self.app.log_problem("help queue", error)
        self.message, self.problem = self.refusal_words(error), True

    def _allowed(self, request: HelpRequestView) -> set[str]:
        """What the request's state allows now; the use cases check it again."""
        status = HelpStatus(request.status)
        next_states = ALLOWED[status]
        settings = self.app.settings
        callable_now = status in (HelpStatus.OPEN, HelpStatus.IN_PROGRESS)
        allowed = {"details", "note"}
        if HelpStatus.IN_PROGRESS in next_states:
            allowed.add("claim")
        if status in ACTIVE and not words.staff_only(settings, request.topic):
            allowed.add("assign")
        if callable_now and settings.help.places:
            allowed.add("call")
        if callable_now and request.place is not None:
            allowed.add("recall")
        for name, target in (
            ("wait_docs", HelpStatus.WAITING_DOCS),
            ("done", HelpStatus.DONE),
            ("not_present", HelpStatus.NOT_PRESENT),
            ("cancel", HelpStatus.CANCELLED),
        ):
            if target in next_states:
                allowed.add(name)
        return allowed

    # --- what shows ------------------------------------------------------------------------

    def _show(self, *_args: Any) -> None:
        settings, now = self.app.settings, self.app.ctx.clock.now()
        for row in self._rows.values():
            discard(row)
        self._rows = {}
        for status, box_id, heading in SECTIONS:
            box = self.ids[box_id]
            box.clear_widgets()
            here = [r for r in self._requests if r.status == status]
            setattr(
                self, box_id.replace("_rows", "_heading"), tr._(heading).format(count=len(here))
            )
            for request in here:
                key = key_of(request)
                row = ConsoleRequestRow(
                    code=request.code,
                    age=words.age(self._since(request), now),
                    topic=words.topic_name(settings, request.topic),
                    topic_icon=words.topic_icon(settings, request.topic),
                    staff_only=words.staff_only(settings, request.topic),
                    standing=self._state_words(request),
                    checks=words.checks(request),
                )
                row.bind(on_release=lambda _row, chosen=key: self.choose(chosen))
                self._rows[key] = row
                box.add_widget(row)
            if not here:
                box.add_widget(Factory.QueueEmpty(text=tr._("None.")))
        for action in ACTIONS:
            self._buttons[action.name].text = tr._(action.words)
        self._mark_chosen()

    def _mark_chosen(self) -> None:
        for key, row in self._rows.items():
            row.chosen = key == self._chosen
        request = self.chosen()
        self.has_choice = request is not None
        if request is None:
            self.chosen_title = tr._("No help requests now.")
            self.chosen_state = ""
        else:
            topic = words.topic_name(self.app.settings, request.topic)
            self.chosen_title = f"{request.code} · {topic}"
            self.chosen_state = self._state_words(request)
        self._enable_actions()

    def _enable_actions(self, *_args: Any) -> None:
        request = self.chosen()
        allowed = self._allowed(request) if request is not None else set()
        for name, button in self._buttons.items():
            button.disabled = self.busy or name not in allowed

    def _since(self, request: HelpRequestView) -> datetime:
        if request.status == HelpStatus.WAITING_DOCS and request.updated_at is not None:
            return request.updated_at
        return request.queued_at

    def _state_words(self, request: HelpRequestView) -> str:
        settings, now = self.app.settings, self.app.ctx.clock.now()
        parts: list[str] = []
        if request.status == HelpStatus.OPEN:
            if request.position is not None:
                parts.append(tr._("No. {position} in line").format(position=request.position))
            else:
                parts.append(tr._("Left from an earlier day"))
        elif request.status == HelpStatus.IN_PROGRESS:
            helper = words.who(request.claimed_by, self._names)
            parts.append(helper or status_words(request.status))
        else:
            since = words.moment(self._since(request), now, settings)
            parts.append(tr._("Waiting since {time}").format(time=since))
        if request.assigned_to and request.assigned_to != request.claimed_by:
            given = words.who(request.assigned_to, self._names)
            parts.append(tr._("given to {who}").format(who=given))
        if request.place is not None and request.status in (
            HelpStatus.OPEN,
            HelpStatus.IN_PROGRESS,
        ):
            place = words.place_name(settings, request.place)
            parts.append(tr._("called to {place}").format(place=place))
        return " · ".join(parts)


def _handle(request: HelpRequestView) -> str:
    """How the use cases find the request: its return code, unique for ever (daily numbers
    repeat, so a request left from an earlier day may share today's number)."""
    return request.resume_code or request.code


def _staff_refusal(error: Exception) -> bool:
    """An expected refusal, worded for staff; anything else is also a bug to log."""
    return isinstance(error, KioskError)
