"""Dialogs over a console view: pick one of a few (a peer worker, a help desk, yes or no), and
write a note. Each works with the keyboard alone on a staff PC and by touch at the kiosk.

A dialog takes the keys while it is open (opened last, it hears them first): the digits or
Up, Down and Enter pick, Escape closes. The view opens it with `ConsoleScreen.open_dialog`, which
closes it when the view is left (a logout, the idle time-out), so no dialog outlives its view.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kivy.app import App
from kivy.clock import Clock
from kivy.core.window import Window
from kivy.properties import BooleanProperty, NumericProperty, StringProperty
from kivy.uix.modalview import ModalView
from kivy.uix.textinput import TextInput

from kiosk.ui.console_frame import ConsoleButton
from kiosk.ui.keys import KEY_DOWN, KEY_ENTER, KEY_ESCAPE, KEY_UP
from kiosk.ui.navigation import load_kv

# The note's on-screen keys at the kiosk: Finnish and Swedish letters, digits and punctuation.
NOTE_ROWS = ("1234567890+", "qwertyuiopå", "asdfghjklöä", "zxcvbnm,.-?")


class NoteField(TextInput):
    """The note's text, at most `limit` characters: Escape closes the dialog rather than only
    leaving the field."""

    limit = NumericProperty(2000)

    def insert_text(self, substring: str, from_undo: bool = False) -> Any:
        room = max(0, int(self.limit) - len(self.text))
        return super().insert_text(substring[:room], from_undo=from_undo)

    def keyboard_on_key_down(self, window: Any, keycode: Any, text: Any, modifiers: Any) -> Any:
        if keycode[0] == KEY_ESCAPE:
            return False
        return super().keyboard_on_key_down(window, keycode, text, modifiers)


class ConsoleDialog(ModalView):
    """A card in the middle of the window that hears the keys while it is open."""

    title = StringProperty("")

    def on_open(self) -> None:
        Window.bind(on_key_down=self._key_down)

    def on_dismiss(self) -> None:
        Window.unbind(on_key_down=self._key_down)

    def close(self) -> None:
        self.dismiss(animation=False)

    def key_pressed(self, key: int, character: str, modifiers: list[str]) -> bool:
        if key == KEY_ESCAPE:
            self.close()
            return True
        return False

    def _key_down(
        self, _window: Any, key: int, _scancode: int, character: str | None, modifiers: list[str]
    ) -> bool:
        # Only the dialog on top hears keys: a note written over the details must not reach
        # the details' own keys, nor anything reach a dialog under the idle warning.
        if not Window.children or Window.children[0] is not self:
            return False
        if self.key_pressed(key, (character or "").lower(), modifiers):
            return True
        # A dialog is modal: a key it does not use does nothing under it either, but for the
        # console's own Ctrl keys (log out, acknowledge the alerts), which work everywhere.
        return "ctrl" not in modifiers


@dataclass(frozen=True)
class Choice:
    words: str
    icon: str
    value: object


class ChoiceDialog(ConsoleDialog):
    """Pick one: by its digit, by Up/Down and Enter, or by touch."""

    explanation = StringProperty("")
    close_words = StringProperty("")
    highlighted = NumericProperty(0)

    def __init__(
        self,
        title: str,
        choices: Sequence[Choice],
        chosen: Callable[[object], None],
        *,
        explanation: str = "",
        close_words: str = "",
    ) -> None:
        """`close_words`: the words of the button that closes it without a choice (Escape);
        "Cancel" unless given."""
        super().__init__(title=title, explanation=explanation, close_words=close_words)
        self._choices = list(choices)
        self._chosen = chosen
        self._buttons: list[ConsoleButton] = []
        for number, choice in enumerate(self._choices, start=1):
            button = ConsoleButton(
                icon=choice.icon,
                text=choice.words,
                key=str(number) if number < 10 else "",
                size_hint_x=1,
            )
            button.bind(on_release=lambda _button, value=choice.value: self._pick(value))
            self._buttons.append(button)
            self.ids.choices.add_widget(button)
        self._mark()

    def on_highlighted(self, *_args: Any) -> None:
        self._mark()

    def key_pressed(self, key: int, character: str, modifiers: list[str]) -> bool:
        count = len(self._choices)
        if character.isdigit() and 1 <= int(character) <= min(count, 9):
            self._pick(self._choices[int(character) - 1].value)
        elif key == KEY_DOWN and count:
            self.highlighted = (self.highlighted + 1) % count
        elif key == KEY_UP and count:
            self.highlighted = (self.highlighted - 1) % count
        elif key in KEY_ENTER and count:
            self._pick(self._choices[self.highlighted].value)
        else:
            return super().key_pressed(key, character, modifiers)
        return True

    def _pick(self, value: object) -> None:
        self.close()
        self._chosen(value)

    def _mark(self) -> None:
        for index, button in enumerate(self._buttons):
            chosen = index == self.highlighted
            button.kind = "selected" if chosen else "secondary"


class NoteDialog(ConsoleDialog):
    """Write a note: typed on a keyboard (Ctrl+Enter saves), or on large keys at the kiosk.
    It stays open with its text until the note is saved, so a refusal loses nothing."""

    problem = StringProperty("")
    saving = BooleanProperty(False)

    def __init__(self, title: str, save: Callable[[str], None], *, limit: int) -> None:
        super().__init__(title=title)
        self._save = save
        self.ids.text.limit = limit
        if App.get_running_app().shared_screen:
            self.ids.touch_keys.rows_of_keys = NOTE_ROWS

    def on_open(self) -> None:
        super().on_open()
        # Focus once the dialog is on the window, or the text field would not take the keys.
        Clock.schedule_once(lambda _dt: setattr(self.ids.text, "focus", True))

    def typed(self, character: str) -> None:
        """A key on the screen's own keys."""
        self.ids.text.insert_text(character)

    def erase(self) -> None:
        self.ids.text.do_backspace()

    def save(self) -> None:
        if not self.saving:
            self.saving = True
            self._save(self.ids.text.text)

    def refused(self, words: str) -> None:
        """The note was not saved: say why and keep what was written."""
        self.saving = False
        self.problem = words

    def key_pressed(self, key: int, character: str, modifiers: list[str]) -> bool:
        if key in KEY_ENTER and "ctrl" in modifiers:
            self.save()
            return True
        return super().key_pressed(key, character, modifiers)

    def _key_down(
        self, window: Any, key: int, scancode: int, character: str | None, modifiers: list[str]
    ) -> bool:
        # The text field hears ordinary keys itself; only saving and closing are this dialog's.
        if key == KEY_ESCAPE or (key in KEY_ENTER and "ctrl" in modifiers):
            return super()._key_down(window, key, scancode, character, modifiers)
        return False


load_kv(Path(__file__).with_name("console_dialogs.kv"))
