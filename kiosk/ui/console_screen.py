"""What the staff console's views share: who is logged in, the keyboard, and a session that ends
when the account does.

A view derives from `ConsoleScreen` and puts its content in a `ConsoleFrame` (its `.kv` rule).
It calls the use cases with `self.by` (the logged-in person, `StaffPass.actor`) through
`self.ask`, words refusals with `self.refusal_words` (kiosk.ui.console_refusals) and re-reads
what it shows on `self.app.live` while it is shown. Keys reach `key_pressed` while no dialog is
open over the view; the frame's own keys work under a dialog too: Ctrl+1… for the views, Ctrl+L to
log out, Ctrl+K to acknowledge the alerts.

A use case that finds the account deactivated or gone (checked in every step, so it holds at
once) ends the session: the login screen says why.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import Future
from dataclasses import dataclass
from typing import Any, TypeVar, cast

from kivy.core.window import Window
from kivy.uix.modalview import ModalView

from kiosk.core.actor import Actor
from kiosk.errors import KioskError
from kiosk.services.staff_auth import StaffPass
from kiosk.ui.console_refusals import refusal_for_staff
from kiosk.ui.host import ConsoleHost
from kiosk.ui.screen import ShellScreen

T = TypeVar("T")

# The account behind the session is gone: nothing more can be done as this person.
SESSION_ENDING = frozenset({"staff.inactive", "staff.unknown"})
KEY_DIGITS = {ord(str(n)): n for n in range(1, 10)}
KEY_L = ord("l")
KEY_K = ord("k")


@dataclass(frozen=True)
class Action:
    """One of a view's steps, with its button: what it runs, the key written on it, its icon
    and words."""

    name: str  # the method doing it: `act(name)`
    key: str  # the key written on its button
    icon: str
    words: str  # msgid


def letter_keys(actions: Sequence[Action]) -> dict[str, str]:
    """The steps a single letter starts, by that letter in lower case."""
    return {action.key.lower(): action.name for action in actions if len(action.key) == 1}


def dialog_open() -> bool:
    """A dialog (or the idle warning) is over the screen: keys are its own."""
    return any(isinstance(child, ModalView) for child in Window.children)


class ConsoleScreen(ShellScreen):
    @property
    def app(self) -> ConsoleHost:
        return cast(ConsoleHost, self._app)

    @property
    def staff_pass(self) -> StaffPass | None:
        return cast(StaffPass | None, self.app.staff.staff_pass)

    @property
    def by(self) -> Actor:
        """Who acts: the person logged in. A view is only shown while someone is."""
        staff_pass = self.staff_pass
        if staff_pass is None:
            raise RuntimeError(f"{self.name} is shown while nobody is logged in")
        return staff_pass.actor

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._dialogs: list[ModalView] = []

    def open_dialog(self, dialog: ModalView) -> None:
        """Open a dialog over this view, closed when the view is left (a logout, the idle
        time-out) so it never outlives the view or shows anything to the next person."""
        self._dialogs.append(dialog)
        dialog.bind(on_dismiss=lambda closed: self._dialogs.remove(closed))
        dialog.open(animation=False)

    def end_visit(self) -> None:
        super().end_visit()
        for dialog in list(self._dialogs):
            dialog.dismiss(animation=False)

    def refusal_words(self, error: Exception) -> str:
        return refusal_for_staff(error, self.app.settings.clinic.zone)

    def ask(
        self,
        work: Callable[[], T] | Future[T],
        done: Callable[[T], None],
        refused: Callable[[Exception], None] | None = None,
        *,
        lock: bool = True,
    ) -> None:
        def checked(error: Exception) -> None:
            if isinstance(error, KioskError) and error.code in SESSION_ENDING:
                self.app.log_out(reason=error)
            elif refused is None:
                self.app.log_problem(self.name, error)
            else:
                refused(error)

        super().ask(work, done, checked, lock=lock)

    # --- the keyboard ----------------------------------------------------------------------

    def on_enter(self, *_args: Any) -> None:
        Window.bind(on_key_down=self._key_down)

    def on_leave(self, *_args: Any) -> None:
        Window.unbind(on_key_down=self._key_down)

    def key_pressed(self, key: int, character: str, modifiers: list[str]) -> bool:
        """A key for this view (no dialog open): True when it did something."""
        return False

    def _key_down(
        self, _window: Any, key: int, _scancode: int, character: str | None, modifiers: list[str]
    ) -> bool:
        if not self.app.staff.logged_in:
            return False
        if "ctrl" in modifiers:
            return self._frame_key(key)
        if dialog_open():
            return False
        return self.key_pressed(key, (character or "").lower(), modifiers)

    def _frame_key(self, key: int) -> bool:
        if key == KEY_L:
            self.app.log_out()
        elif key == KEY_K:
            self.app.alerts.acknowledge()
            self.app.printer_alerts.acknowledge()
        elif key in KEY_DIGITS and KEY_DIGITS[key] <= len(self.app.staff.views()):
            self.app.show(self.app.staff.views()[KEY_DIGITS[key] - 1].screen)
        else:
            return False
        return True
