"""A help request's details for staff: its state, its notes and its history.

Opening it is a use case of its own (kiosk.services.help_requests.details), which writes the view
to the audit log in the same transaction: this dialog only shows what that call returned, with
the names of the people in it (kiosk.services.actor_names). "Write a note" (N) opens the note
dialog over it; Escape closes it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from kivy.factory import Factory
from kivy.properties import BooleanProperty, ColorProperty, StringProperty
from kivy.uix.boxlayout import BoxLayout

from kiosk.services.help_requests import HelpRequestDetails
from kiosk.settings.schema import Settings
from kiosk.ui import help_request_words as words
from kiosk.ui import theme
from kiosk.ui.console_dialogs import ConsoleDialog
from kiosk.ui.console_refusals import status_words
from kiosk.ui.i18n import tr
from kiosk.ui.navigation import load_kv


class CheckWords(BoxLayout):
    """One of the client's checkboxes: a ticked or an empty box, and its words."""

    icon = StringProperty("")
    text = StringProperty("")
    bold = BooleanProperty(False)
    ink = ColorProperty(theme.INK)


class FactRow(BoxLayout):
    """ "Status: in progress", with the label in a column of its own."""

    label = StringProperty("")
    value = StringProperty("")


class NoteLines(BoxLayout):
    """A note: when and who on one line, its text under it."""

    heading = StringProperty("")
    text = StringProperty("")


class RequestDetailsDialog(ConsoleDialog):
    staff_only = BooleanProperty(False)
    topic_icon = StringProperty("help")

    def __init__(
        self,
        details: HelpRequestDetails,
        names: dict[str, str],
        settings: Settings,
        now: datetime,
        *,
        write_note: Callable[[], None],
    ) -> None:
        request = details.request
        super().__init__(
            title=f"{request.code} · {words.topic_name(settings, request.topic)}",
            staff_only=words.staff_only(settings, request.topic),
            topic_icon=words.topic_icon(settings, request.topic),
        )
        self._write_note = write_note
        facts = self.ids.facts
        status = status_words(request.status)
        helper = words.who(request.claimed_by, names)
        self._fact(facts, tr._("Status"), f"{status}: {helper}" if helper else status)
        if request.assigned_to:
            self._fact(facts, tr._("Given to"), words.who(request.assigned_to, names))
        if request.place and request.called_at:
            called = tr.ngettext(
                "{place}, {time} ({count} call)",
                "{place}, {time} ({count} calls)",
                request.call_count,
            ).format(
                place=words.place_name(settings, request.place),
                time=words.moment(request.called_at, now, settings),
                count=request.call_count,
            )
            self._fact(facts, tr._("Called to"), called)
        self._fact(facts, tr._("Asked for help"), words.moment(request.created_at, now, settings))
        for check in words.checks(request):
            ink = theme.INK if check.ticked else theme.INK_SOFT
            self.ids.checks.add_widget(
                CheckWords(icon=check.icon, text=check.words, bold=check.ticked, ink=ink)
            )
        notes = self.ids.notes
        for note in details.notes:
            heading = f"{words.moment(note.written_at, now, settings)} · {words.who(note.written_by, names)}"
            notes.add_widget(NoteLines(heading=heading, text=note.text))
        if not details.notes:
            notes.add_widget(Factory.BodyLabel(text=tr._("No notes yet.")))
        history = self.ids.history
        for line in details.history:
            history.add_widget(
                Factory.BodyLabel(
                    text=f"{words.moment(line.at, now, settings)} · "
                    f"{words.who(line.actor, names)} · {words.action(line.action)}"
                )
            )

    def write_note(self) -> None:
        self._write_note()

    def key_pressed(self, key: int, character: str, modifiers: list[str]) -> bool:
        if character == "n" and not modifiers:
            self.write_note()
            return True
        return super().key_pressed(key, character, modifiers)

    @staticmethod
    def _fact(facts: Any, label: str, value: str) -> None:
        facts.add_widget(FactRow(label=label, value=value))


load_kv(Path(__file__).with_name("help_request_details.kv"))
