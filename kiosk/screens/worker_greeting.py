"""Starting work, step 3: welcome by number, today's shift and the next ones; then home by
itself."""

from __future__ import annotations

from typing import Any

from kivy.properties import ObjectProperty, StringProperty

from kiosk.services.worker_views import Greeting
from kiosk.ui.countdown_screen import CountdownScreen
from kiosk.ui.i18n import tr
from kiosk.ui.worker_words import at_time, greeting_words, shift_line, task_name, today_line


class WorkerGreetingScreen(CountdownScreen):
    greeting = ObjectProperty(None, allownone=True)
    title = StringProperty("")
    started = StringProperty("")
    today = StringProperty("")
    next_title = StringProperty("")
    next_shifts = StringProperty("")

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        tr.bind(language=self._words)

    def prepare(self, *, greeting: Greeting) -> None:  # type: ignore[override]
        self.greeting = greeting
        self._words()
        self.start_countdown()

    def on_leave(self, *args: Any) -> None:
        super().on_leave(*args)
        self.greeting = None

    def _words(self, *_args: Any) -> None:
        greeting: Greeting | None = self.greeting
        if greeting is None:
            return
        zone = self.app.settings.clinic.zone
        self.title = greeting_words(
            self.app.settings,
            greeting.number,
            greeting.display_name,
            by_name=tr._("Welcome, {name}!"),
            by_number=tr._("Welcome, worker {number}!"),
        )
        started = tr._("You started work at {time}.").format(
            time=at_time(greeting.started_at, zone)
        )
        if greeting.task:
            started += " " + tr._("Task: {task}").format(
                task=task_name(self.app.settings, greeting.task)
            )
        self.started = started
        if greeting.today_shifts:
            self.today = tr._("Your shift today: {shift}").format(
                shift=", ".join(today_line(s, zone) for s in greeting.today_shifts)
            )
        else:
            self.today = tr._("No shift is planned for you today.")
        self.next_title = tr._("Your next shifts:") if greeting.next_shifts else ""
        self.next_shifts = "\n".join(shift_line(s, zone) for s in greeting.next_shifts)
