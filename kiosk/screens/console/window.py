"""The window view: staff at a dispensing or nurse window call the next number, call it again,
and mark it served or not present. The number called to this window now is shown large; beside
it, each service served here with the people waiting and how long the first of them has waited.

The window is picked once per login from the windows the configuration names (the view asks when
it is first shown), unless `[console] window` says where this PC stands; "Change window" picks
another for the rest of the session. Logging out forgets it with the view.

On a PC one key calls the next number: F2, a function key, so it never types into anything and
no other key of the console means something else by it. Every action has its key, written on its
button: F2 call next, S call the next of one service (only at a window serving more than one),
R call again, D served, P not present (asks first), W change window. The use cases check the
role of the person logged in on every step.

What shows is read again whenever the database changed (`app.live`), so a number called to this
window from another PC, or taken at the kiosk, is here within a second; the waits are redrawn
every half minute from what was read.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kivy.clock import Clock
from kivy.properties import BooleanProperty, StringProperty
from kivy.uix.boxlayout import BoxLayout

from kiosk.errors import KioskError
from kiosk.services import tickets
from kiosk.services.views import ServiceQueue, TicketView, WindowOverview
from kiosk.ui.console_dialogs import Choice, ChoiceDialog
from kiosk.ui.console_frame import ConsoleAction
from kiosk.ui.console_screen import Action, ConsoleScreen, letter_keys
from kiosk.ui.formatting import clock_time
from kiosk.ui.help_request_words import age
from kiosk.ui.i18n import N_, tr
from kiosk.ui.keys import KEY_F2
from kiosk.ui.queue_words import about_minutes
from kiosk.ui.widgets import discard

KEY_CALL_NEXT = KEY_F2
WAITS_REDRAWN_S = 30.0


ACTIONS = (
    Action("call_next", "F2", "bullhorn", N_("Call next")),
    Action("call_service", "S", "format-list-numbered", N_("Call next of one service")),
    Action("recall", "R", "bullhorn-outline", N_("Call again")),
    Action("served", "D", "check-bold", N_("Served")),
    Action("no_show", "P", "account-off-outline", N_("Not present")),
    Action("change_window", "W", "swap-horizontal", N_("Change window")),
)
LETTER_KEYS = letter_keys(ACTIONS)


class ConsoleServiceWaiting(BoxLayout):
    """One service served at the window: its name, how many wait, and for how long."""

    icon = StringProperty("ticket-outline")
    name = StringProperty("")
    waiting = StringProperty("")
    waited = StringProperty("")
    estimate = StringProperty("")


class ConsoleWindowScreen(ConsoleScreen):
    window_title = StringProperty("")
    number = StringProperty("")
    number_words = StringProperty("")
    message = StringProperty("")
    problem = BooleanProperty(False)
    waiting_heading = StringProperty("")

    def __init__(self, **kwargs: Any) -> None:
        # Before the .kv rule runs: on_kv_post fills these.
        self._window: int | None = None
        self._overview: WindowOverview | None = None
        self._buttons: dict[str, ConsoleAction] = {}
        # One card per service of the window, made when the window is picked and then only
        # worded again, so a console open for months does not pile up widgets.
        self._cards: dict[str, ConsoleServiceWaiting] = {}
        self._waits: Any = None
        # What the message says, worded again when the language changes.
        self._said: Callable[[], str] | None = None
        super().__init__(**kwargs)
        tr.bind(language=self._show)
        self.bind(busy=self._enable_actions)

    def on_kv_post(self, _base_widget: Any) -> None:
        for action in ACTIONS:
            button = ConsoleAction(icon=action.icon, key=action.key)
            button.bind(on_release=lambda _button, name=action.name: self.act(name))
            self._buttons[action.name] = button
        self._buttons["call_next"].kind = "primary"

    def prepare(self, **kwargs: Any) -> None:
        super().prepare(**kwargs)
        self._say(None)
        if self._window is None and self.app.settings.console.window:
            self._window = self.app.settings.console.window
        self._show()

    def on_enter(self, *args: Any) -> None:
        super().on_enter(*args)
        self.app.live.subscribe(self.refresh)
        self._waits = Clock.schedule_interval(lambda _dt: self._show(), WAITS_REDRAWN_S)
        if self._window is None:
            self._change_window()
        else:
            self.refresh()

    def on_leave(self, *args: Any) -> None:
        super().on_leave(*args)
        self.app.live.unsubscribe(self.refresh)
        if self._waits is not None:
            self._waits.cancel()
            self._waits = None

    def current(self) -> TicketView | None:
        return self._overview.current if self._overview is not None else None

    # --- reading ---------------------------------------------------------------------------

    def refresh(self) -> None:
        window = self._window
        if window is None or not self.app.staff.logged_in:
            return
        ctx, by = self.app.ctx, self.by
        self.ask(
            lambda: tickets.window_overview(ctx, window, by=by),
            self._read,
            self._say_refusal,
            lock=False,
        )

    def _read(self, overview: WindowOverview) -> None:
        # An answer for the window this person left is not shown at the one they picked.
        if overview.window == self._window:
            self._overview = overview
            self._show()

    # --- acting ----------------------------------------------------------------------------

    def key_pressed(self, key: int, character: str, modifiers: list[str]) -> bool:
        if key == KEY_CALL_NEXT and not modifiers:
            self.act("call_next")
        elif character in LETTER_KEYS and not modifiers:
            self.act(LETTER_KEYS[character])
        else:
            return False
        return True

    def act(self, name: str) -> None:
        if self.busy or name not in self._allowed():
            return
        getattr(self, f"_{name}")()

    def _allowed(self) -> set[str]:
        """What can be done now; the use cases check it again."""
        if self._window is None:
            return {"change_window"}
        allowed = {"call_next", "change_window"}
        if len(self._services_here()) > 1:
            allowed.add("call_service")
        if self.current() is not None:
            allowed |= {"recall", "served", "no_show"}
        return allowed

    def _change_window(self) -> None:
        settings = self.app.settings
        choices = [
            Choice(self._window_words(window), "window-open-variant", window)
            for window in settings.windows()
        ]
        self.open_dialog(
            ChoiceDialog(tr._("Which window are you at?"), choices, self._choose_window)
        )

    def _choose_window(self, window: object) -> None:
        if not isinstance(window, int) or window == self._window:
            return
        self._window = window
        self._overview = None
        self._say(None)
        self._show()
        self.refresh()

    def _call_next(self, service: str | None = None) -> None:
        ctx, by, window = self.app.ctx, self.by, self._window
        if window is None:
            return

        def called(ticket: TicketView | None) -> None:
            if ticket is None:
                self._say(self._nobody_waiting(service))
            else:
                self._show_current(ticket)
                self._say(lambda: tr._("{code} is called.").format(code=ticket.code))
            self.refresh()

        self.ask(
            lambda: tickets.call_next(ctx, window, by=by, service_id=service),
            called,
            self._refused_then_refresh,
        )

    def _call_service(self) -> None:
        choices = [
            Choice(
                f"{self._service_name(queue.service)} · {self._waiting_words(queue)}",
                self._service_icon(queue.service),
                queue.service,
            )
            for queue in self._queues()
        ]
        self.open_dialog(
            ChoiceDialog(
                tr._("Call the next number of:"),
                choices,
                lambda service: self._call_next(str(service)),
            )
        )

    def _recall(self) -> None:
        ticket = self.current()
        if ticket is not None:
            self._step(tickets.recall, ticket, N_("{code} is called again."))

    def _served(self) -> None:
        ticket = self.current()
        if ticket is not None:
            self._step(tickets.serve, ticket, N_("{code} is served."))

    def _no_show(self) -> None:
        ticket = self.current()
        if ticket is None:
            return
        self.open_dialog(
            ChoiceDialog(
                tr._("Mark {code} not present?").format(code=ticket.code),
                [Choice(tr._("Yes, not present"), "check-bold", True)],
                lambda _yes: self._step(
                    tickets.no_show, ticket, N_("{code} is marked not present.")
                ),
                close_words=tr._("No, keep it"),
            )
        )

    def _step(self, use_case: Callable[..., TicketView], ticket: TicketView, said: str) -> None:
        ctx, by, code = self.app.ctx, self.by, ticket.code

        def done(changed: TicketView) -> None:
            self._show_current(changed)
            self._say(lambda: tr._(said).format(code=code))
            self.refresh()

        self.ask(lambda: use_case(ctx, code, by=by), done, self._refused_then_refresh)

    def _show_current(self, ticket: TicketView) -> None:
        """The answer of a step, shown at once: the read that follows brings the waits."""
        if self._overview is not None and ticket.window == self._overview.window:
            current = ticket if ticket.status == "called" else None
            self._overview = WindowOverview(self._overview.window, self._overview.queues, current)
            self._show()

    def _refused_then_refresh(self, error: Exception) -> None:
        self._say_refusal(error)
        self.refresh()

    def _say(self, said: Callable[[], str] | None, *, problem: bool = False) -> None:
        self._said, self.problem = said, problem
        self.message = said() if said is not None else ""

    def _say_refusal(self, error: Exception) -> None:
        if not isinstance(error, KioskError):
            self.app.log_problem("window view", error)
        self._say(lambda: self.refusal_words(error), problem=True)

    def _nobody_waiting(self, service: str | None) -> Callable[[], str]:
        """Why nothing was called, decided now and worded in whatever language is shown."""
        queues = [q for q in self._queues() if service is None or q.service == service]
        if queues and not any(q.open_now for q in queues):
            return lambda: tr._("Nobody is waiting, and no numbers are given out now.")
        if service is not None:
            return lambda: tr._("Nobody is waiting for {service}.").format(
                service=self._service_name(service)
            )
        return lambda: tr._("Nobody is waiting for this window.")

    # --- what shows ------------------------------------------------------------------------

    def _show(self, *_args: Any) -> None:
        window = self._window
        if window is None:
            self.window_title = tr._("Which window are you at?")
        else:
            self.window_title = self._window_words(window)
        ticket = self.current()
        if ticket is None:
            self.number = "–"
            self.number_words = (
                tr._("No number is called to this window now.")
                if window is not None
                else tr._("Choose your window first.")
            )
        else:
            self.number = ticket.code
            self.number_words = self._called_words(ticket)
        self.waiting_heading = tr._("Waiting now")
        self.message = self._said() if self._said is not None else ""
        self._fill_waiting()
        self._fill_actions()

    def _called_words(self, ticket: TicketView) -> str:
        if ticket.called_at is None:
            return ""
        time = clock_time(ticket.called_at, self.app.settings.clinic.zone, tr.babel_locale)
        if ticket.call_count <= 1:
            return tr._("Called at {time}").format(time=time)
        return tr._("Called {count} times, last at {time}").format(
            count=ticket.call_count, time=time
        )

    def _fill_waiting(self) -> None:
        queues = self._queues()
        if list(self._cards) != [queue.service for queue in queues]:
            for card in self._cards.values():
                discard(card)
            self._cards = {queue.service: ConsoleServiceWaiting() for queue in queues}
            for card in self._cards.values():
                self.ids.waiting.add_widget(card)
        now = self.app.ctx.clock.now()
        for queue in queues:
            if queue.first_waiting_since is None:
                waited = ""
            else:
                waited = tr._("First in line has waited {time}").format(
                    time=age(queue.first_waiting_since, now)
                )
            if queue.waiting == 0 and queue.open_now:
                estimate = ""
            elif queue.open_now:
                estimate = tr._("A new number waits {about}").format(
                    about=about_minutes(queue.estimated_wait_min)
                )
            else:
                estimate = tr._("No new numbers are given out now.")
            card = self._cards[queue.service]
            card.icon = self._service_icon(queue.service)
            card.name = self._service_name(queue.service)
            card.waiting = self._waiting_words(queue)
            card.waited, card.estimate = waited, estimate

    def _fill_actions(self) -> None:
        grid = self.ids.actions
        shown = [a for a in ACTIONS if a.name != "call_service" or len(self._services_here()) > 1]
        if list(reversed(grid.children)) != [self._buttons[a.name] for a in shown]:
            grid.clear_widgets()
            for action in shown:
                grid.add_widget(self._buttons[action.name])
        for action in ACTIONS:
            self._buttons[action.name].text = tr._(action.words)
        self._enable_actions()

    def _enable_actions(self, *_args: Any) -> None:
        allowed = self._allowed()
        for name, button in self._buttons.items():
            button.disabled = self.busy or name not in allowed

    # --- words -----------------------------------------------------------------------------

    def _queues(self) -> list[ServiceQueue]:
        return self._overview.queues if self._overview is not None else []

    def _services_here(self) -> list[str]:
        window = self._window
        return [s.id for s in self.app.settings.services if window in s.windows]

    def _window_words(self, window: int) -> str:
        names = [
            s.names.get(tr.language) for s in self.app.settings.services if window in s.windows
        ]
        return " · ".join([tr._("Window {number}").format(number=window), *names])

    def _service_name(self, service_id: str) -> str:
        service = self.app.settings.service(service_id)
        return service.names.get(tr.language) if service is not None else service_id

    def _service_icon(self, service_id: str) -> str:
        service = self.app.settings.service(service_id)
        return service.icon if service is not None else "ticket-outline"

    @staticmethod
    def _waiting_words(queue: ServiceQueue) -> str:
        if queue.waiting == 0:
            return tr._("Nobody waiting")
        return tr.ngettext("{count} waiting", "{count} waiting", queue.waiting).format(
            count=queue.waiting
        )
