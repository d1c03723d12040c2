"""Correct a peer worker's session: its start and end as times on the clock, and the reason,
which the audit log keeps with the old and new times (kiosk.services.session_corrections).

The times are written as staff read them on a paper list, "9.15" or "09:15", on the session's
own day; an end not after the start is on the next day (a night). Tab moves between the fields
on a staff PC, Ctrl+Enter saves; at the kiosk a tap chooses a field and the large keys type into
it. The dialog stays open with what was written until the correction is saved, so a refusal
loses nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from kivy.app import App
from kivy.clock import Clock
from kivy.properties import BooleanProperty, StringProperty

from kiosk.core.work_day import local_instant, parse_clock, session_end
from kiosk.services.session_corrections import MAX_REASON_LENGTH
from kiosk.ui.console_dialogs import NOTE_ROWS, ConsoleDialog, NoteField
from kiosk.ui.i18n import tr
from kiosk.ui.keys import KEY_ENTER, KEY_ESCAPE
from kiosk.ui.navigation import load_kv

Save = Callable[[datetime, datetime, str], None]


class SessionCorrectionDialog(ConsoleDialog):
    problem = StringProperty("")
    saving = BooleanProperty(False)
    day_words = StringProperty("")

    def __init__(
        self,
        title: str,
        day_words: str,
        *,
        day: date,
        zone: ZoneInfo,
        starts: str,
        ends: str,
        save: Save,
    ) -> None:
        super().__init__(title=title, day_words=day_words)
        self._day, self._zone, self._save = day, zone, save
        self.ids.starts.text, self.ids.ends.text = starts, ends
        self.ids.reason.limit = MAX_REASON_LENGTH
        self._field: NoteField = self.ids.reason
        for field in (self.ids.starts, self.ids.ends, self.ids.reason):
            field.bind(focus=self._focused)
        if App.get_running_app().shared_screen:
            self.ids.touch_keys.rows_of_keys = NOTE_ROWS

    def on_open(self) -> None:
        super().on_open()
        # Focus once the dialog is on the window, or the field would not take the keys.
        Clock.schedule_once(lambda _dt: setattr(self.ids.reason, "focus", True))

    def typed(self, character: str) -> None:
        """A key on the screen's own keys, into the field last chosen."""
        self._field.insert_text(character)

    def erase(self) -> None:
        self._field.do_backspace()

    def save(self) -> None:
        if self.saving:
            return
        starts = parse_clock(self.ids.starts.text)
        ends = parse_clock(self.ids.ends.text)
        if starts is None or ends is None:
            self.problem = tr._("Write the times like 9.15 or 13.30.")
            return
        started = local_instant(self._day, starts, self._zone)
        ended = session_end(started, self._day, ends, self._zone)
        self.saving, self.problem = True, ""
        self._save(started, ended, self.ids.reason.text)

    def refused(self, words: str) -> None:
        """Not saved: say why and keep what was written."""
        self.saving = False
        self.problem = words

    def key_pressed(self, key: int, character: str, modifiers: list[str]) -> bool:
        if key in KEY_ENTER and "ctrl" in modifiers:
            self.save()
            return True
        return super().key_pressed(key, character, modifiers)

    def _focused(self, field: NoteField, focused: bool) -> None:
        if focused:
            self._field = field

    def _key_down(
        self, window: Any, key: int, scancode: int, character: str | None, modifiers: list[str]
    ) -> bool:
        # The fields hear ordinary keys themselves; only saving and closing are this dialog's.
        if key == KEY_ESCAPE or (key in KEY_ENTER and "ctrl" in modifiers):
            return super()._key_down(window, key, scancode, character, modifiers)
        return False


load_kv(Path(__file__).with_name("session_correction_dialog.kv"))
