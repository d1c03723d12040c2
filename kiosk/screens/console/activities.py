"""Activities: what is on in the lounge, for the board and the kiosk's home screen.

Staff write a few words ("Vertaisryhmä", "Kahvi on valmis"), perhaps a start time, and either
leave the weekdays off (today only) or tick the days it is on every week. Below, what staff
added that is still to come, each with its Remove button; the configuration's standing week is
shown too, read only (it is changed in the configuration file). The words are shown in public as
written, so the view says: no names.
"""

from __future__ import annotations

import re
from datetime import time
from typing import Any

from babel.dates import get_day_names
from kivy.properties import BooleanProperty, StringProperty
from kivy.uix.boxlayout import BoxLayout

from kiosk.core.opening_hours import WEEKDAYS
from kiosk.services import activities
from kiosk.services.activities import ActivityView
from kiosk.ui.console_frame import ConsoleButton
from kiosk.ui.console_screen import ConsoleScreen
from kiosk.ui.formatting import activity_time, capitalised
from kiosk.ui.i18n import tr
from kiosk.ui.widgets import discard

_CLOCK = re.compile(r"^\s*(\d{1,2})[:.](\d{2})\s*$")


def day_name(day: str) -> str:
    """ "tue" → "ti" / "tis" / "Tue", short, for the day buttons and the list."""
    names = get_day_names("abbreviated", locale=tr.babel_locale)
    return capitalised(str(names[WEEKDAYS.index(day)]))


class ActivityRow(BoxLayout):
    text = StringProperty("")
    when = StringProperty("")
    activity_id = StringProperty("")


class ConsoleActivitiesScreen(ConsoleScreen):
    message = StringProperty("")
    problem = BooleanProperty(False)
    configured_text = StringProperty("")

    def __init__(self, **kwargs: Any) -> None:
        # Before the .kv rule runs: on_kv_post fills these.
        self._rows: list[ActivityRow] = []
        self._day_buttons: dict[str, ConsoleButton] = {}
        self._chosen_days: set[str] = set()
        super().__init__(**kwargs)
        tr.bind(language=self._words)

    def on_kv_post(self, _base_widget: Any) -> None:
        for day in WEEKDAYS:
            button = ConsoleButton(size_hint_x=None)
            button.bind(on_release=lambda _b, d=day: self.toggle_day(d))
            self._day_buttons[day] = button
            self.ids.days.add_widget(button)
        self._words()

    def on_enter(self, *_args: Any) -> None:
        super().on_enter()
        self.refresh()
        self.app.live.subscribe(self.refresh)

    def on_leave(self, *_args: Any) -> None:
        super().on_leave()
        self.app.live.unsubscribe(self.refresh)

    def refresh(self) -> None:
        ctx, by = self.app.ctx, self.by
        self.ask(lambda: activities.list_activities(ctx, by=by), self._show, lock=False)

    # --- the form -----------------------------------------------------------------------

    def toggle_day(self, day: str) -> None:
        self._chosen_days ^= {day}
        self._words()

    def add(self) -> None:
        words = self.ids.words.text
        at_text = self.ids.at.text.strip()
        at: time | None = None
        if at_text:
            match = _CLOCK.match(at_text)
            if not match or int(match[1]) > 23 or int(match[2]) > 59:
                self._say(tr._("Write the time like 13.00, or leave it empty."), problem=True)
                return
            at = time(int(match[1]), int(match[2]))
        ctx, by = self.app.ctx, self.by
        days = [d for d in WEEKDAYS if d in self._chosen_days]
        self.ask(
            lambda: activities.add_activity(ctx, words, at=at, weekdays=days, by=by),
            self._added,
            lambda error: self._say(self.refusal_words(error), problem=True),
        )

    def remove(self, activity_id: int) -> None:
        ctx, by = self.app.ctx, self.by
        self.ask(
            lambda: activities.remove_activity(ctx, activity_id, by=by),
            lambda removed: self._say(tr._("Removed: {text}").format(text=removed.text)),
            lambda error: self._say(self.refusal_words(error), problem=True),
        )

    def _added(self, added: ActivityView) -> None:
        self.ids.words.text = ""
        self.ids.at.text = ""
        self._chosen_days.clear()
        self._words()
        self._say(tr._("Added: {text}").format(text=added.text))

    def _say(self, words: str, *, problem: bool = False) -> None:
        self.message, self.problem = words, problem

    # --- drawing --------------------------------------------------------------------------

    def _show(self, found: list[ActivityView]) -> None:
        box = self.ids.rows
        for row in self._rows:
            discard(row)
        self._rows = []
        for activity in found:
            row = ActivityRow(
                text=activity.text, when=self._when(activity), activity_id=str(activity.id)
            )
            self._rows.append(row)
            box.add_widget(row)
        self.ids.empty.text = "" if found else tr._("Nothing added yet.")

    def _when(self, activity: ActivityView) -> str:
        at = f" {activity_time(activity.at, tr.babel_locale)}" if activity.at else ""
        if activity.weekdays:
            days = ", ".join(day_name(d) for d in activity.weekdays)
            return tr._("Every week: {days}").format(days=days) + at
        assert activity.day is not None
        return f"{activity.day:%d.%m.%Y}{at}"

    def _words(self, *_args: Any) -> None:
        for day, button in self._day_buttons.items():
            chosen = day in self._chosen_days
            button.text = day_name(day)
            button.kind = "selected" if chosen else "secondary"
            # Chosen is marked by a tick as well as by its colour.
            button.icon = "check" if chosen else ""
        every_day = tr._("every day")
        standing = []
        for item in self.app.settings.board.activities:
            at = f"{activity_time(item.at, tr.babel_locale)} " if item.at else ""
            days = ", ".join(day_name(d) for d in item.weekdays) or every_day
            standing.append(f"{at}{item.names.get(tr.language)} ({days})")
        self.configured_text = "\n".join(standing)
