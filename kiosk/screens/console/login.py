"""Staff log in: login name, then PIN. The one login for the staff console on a PC and for the
kiosk, where the hidden corner gesture leads here.

On a PC the keyboard works throughout: type the name, Tab, the PIN, Enter (a field can be clicked
too). On the kiosk's touchscreen (`app.shared_screen`) the name is typed on large on-screen keys
(letters, digits, ".", "-", "_": all a login can hold) and the PIN on the PIN pad, and Cancel goes
back to the clients' home. The check runs on the background thread (argon2 is slow on purpose)
and never says whether a login exists; wrong PINs lock the login and pause this device, as the
service decides (kiosk.services.staff_auth), kept in the database. The PIN leaves the screen's
memory as soon as it is sent, and no log line holds the login.
"""

from __future__ import annotations

import logging
from typing import Any, cast
from zoneinfo import ZoneInfo

from kivy.core.window import Window
from kivy.properties import BooleanProperty, OptionProperty, StringProperty

from kiosk.core.pins import PIN_MAX_DIGITS, PIN_MIN_DIGITS
from kiosk.services import staff_auth
from kiosk.services.staff_accounts import LOGIN_MAX_LENGTH
from kiosk.services.staff_auth import LoginPaused, StaffPass
from kiosk.ui.console_refusals import refusal_for_staff
from kiosk.ui.host import ConsoleHost
from kiosk.ui.i18n import tr
from kiosk.ui.icons import ICON_FONT, glyph
from kiosk.ui.keys import KEY_BACKSPACE, KEY_ENTER, KEY_TAB
from kiosk.ui.pause import PauseClock
from kiosk.ui.screen import ShellScreen

log = logging.getLogger(__name__)

# The on-screen keys for a login, row by row.
LOGIN_ROWS = ("1234567890", "qwertyuiop", "asdfghjkl.", "zxcvbnm-_")
LOGIN_CHARACTERS = frozenset("".join(LOGIN_ROWS))


class ConsoleLoginScreen(ShellScreen):
    stage = OptionProperty("login", options=("login", "pin"))
    login = StringProperty("")
    dots = StringProperty("")
    pin_length = BooleanProperty(False)
    paused = BooleanProperty(False)
    message = StringProperty("")
    problem = BooleanProperty(False)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._pin = ""
        self._pause = PauseClock(self.app.ctx.clock.now, self._pause_changed)
        self._refusal: Exception | None = None
        tr.bind(language=self._words)
        self.bind(stage=self._show_keys)
        self.bind(stage=self._words, busy=self._words)

    @property
    def app(self) -> ConsoleHost:
        return cast(ConsoleHost, self._app)

    def on_kv_post(self, _base_widget: Any) -> None:
        # The two key sets are kept and swapped, never rebuilt.
        self._letters = self.ids.letters.__self__
        self._digits = self.ids.digits.__self__
        self._show_keys()

    def prepare(self, *, reason: Exception | None = None) -> None:  # type: ignore[override]
        """`reason`: why the last session ended, if the use cases ended it (a deactivated
        account); shown until the next try."""
        super().prepare()
        self.login = ""
        self._set_pin("")
        self._refusal = reason
        self.stage = "login"
        self._words()
        # The pause is this device's, kept in the database: show it before anyone types. Only a
        # read, so the keys stay open meanwhile.
        ctx = self.app.ctx
        self.ask(
            lambda: staff_auth.login_paused_until(ctx),
            self._pause.start,
            lambda error: self.app.log_problem("reading the staff login pause", error),
            lock=False,
        )

    def on_enter(self, *_args: Any) -> None:
        Window.bind(on_textinput=self._typed, on_key_down=self._key_down)

    def on_leave(self, *_args: Any) -> None:
        Window.unbind(on_textinput=self._typed, on_key_down=self._key_down)
        self._set_pin("")
        self._pause.stop()
        self.paused = False

    # --- typing, on the screen or on a keyboard --------------------------------------------

    def type(self, character: str) -> None:
        """One character into the field being typed: the login or the PIN."""
        if self.busy or self.paused:
            return
        if self.stage == "login":
            character = character.lower()
            if character in LOGIN_CHARACTERS and len(self.login) < LOGIN_MAX_LENGTH:
                self.login += character
        elif character.isascii() and character.isdigit() and len(self._pin) < PIN_MAX_DIGITS:
            self._set_pin(self._pin + character)

    def erase(self) -> None:
        if self.busy:
            return
        if self.stage == "login":
            self.login = self.login[:-1]
        else:
            self._set_pin(self._pin[:-1])

    def clear(self) -> None:
        if not self.busy:
            self._set_pin("")

    def choose(self, stage: str) -> None:
        """Tapping or clicking a field (or Tab) moves typing there."""
        if not self.busy:
            self.stage = stage

    def next(self) -> None:
        """OK (or Enter): from the login on to the PIN; from the PIN, log in."""
        if self.busy or self.paused:
            return
        if self.stage == "login":
            if self.login:
                self.stage = "pin"
            return
        if len(self._pin) < PIN_MIN_DIGITS or not self.login:
            return
        login, pin, ctx = self.login, self._pin, self.app.ctx
        self._set_pin("")
        self.ask(lambda: staff_auth.authenticate(ctx, login, pin), self._accepted, self._refused)

    def _typed(self, _window: Any, text: str) -> bool:
        for character in text:
            self.type(character)
        return True

    def _key_down(self, _window: Any, key: int, *_args: Any) -> bool:
        if key == KEY_TAB:
            self.choose("pin" if self.stage == "login" else "login")
        elif key == KEY_BACKSPACE:
            self.erase()
        elif key in KEY_ENTER:
            self.next()
        else:
            return False
        return True

    # --- the answer ------------------------------------------------------------------------

    def _accepted(self, staff_pass: StaffPass) -> None:
        log.info("staff logged in on %s", self.app.device)
        self.app.log_in(staff_pass)

    def _refused(self, error: Exception) -> None:
        self._refusal = error
        if isinstance(error, LoginPaused):
            self._pause.start(error.until)
        elif not isinstance(error, staff_auth.WrongLogin | staff_auth.AccountLocked):
            self.app.log_problem("staff login", error)
        # The PIN is typed again (most mistakes are there); the name's field changes the name.
        self._words()

    def _pause_changed(self) -> None:
        self.paused = self._pause.paused
        if not self.paused and isinstance(self._refusal, LoginPaused):
            self._refusal = None
        self._words()

    # --- what shows ------------------------------------------------------------------------

    def _show_keys(self, *_args: Any) -> None:
        area = self.ids.key_area
        shown = self._letters if self.stage == "login" else self._digits
        if shown.parent is not area:
            area.clear_widgets()
            area.add_widget(shown)

    @property
    def _zone(self) -> ZoneInfo:
        return self.app.settings.clinic.zone

    def _set_pin(self, pin: str) -> None:
        self._pin = pin
        # One dot per digit, from the icon font: the text font has no round dot.
        self.dots = f"[font={ICON_FONT}]{glyph('circle')}[/font]  " * len(pin)
        self.pin_length = len(pin) >= PIN_MIN_DIGITS

    def _words(self, *_args: Any) -> None:
        if self.busy:
            self.message, self.problem = tr._("One moment…"), False
        elif self._pause.until is not None:
            paused = LoginPaused(self._pause.until)
            self.message, self.problem = refusal_for_staff(paused, self._zone), True
        elif self._refusal is not None:
            self.message, self.problem = refusal_for_staff(self._refusal, self._zone), True
        elif self.stage == "login":
            self.message, self.problem = tr._("Type your login name."), False
        else:
            self.message, self.problem = tr._("Enter your PIN."), False
