"""Staff log in at the kiosk: login name, then PIN. Reached only by the hidden corner gesture.

On the touchscreen the name is typed on large on-screen keys (letters, digits, ".", "-", "_":
all a login can hold) and the PIN on the PIN pad; on a keyboard, type the name, Tab, the PIN,
Enter. The check runs on the background thread (argon2 is slow on purpose) and never says
whether a login exists; wrong PINs lock the login and pause this kiosk, as the service decides
(kiosk.services.staff_auth), kept in the database. The PIN leaves the screen's memory as soon
as it is sent, and no log line holds the login.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from kivy.clock import Clock
from kivy.core.window import Window
from kivy.factory import Factory
from kivy.properties import BooleanProperty, OptionProperty, StringProperty

from kiosk.core.pins import PIN_MAX_DIGITS, PIN_MIN_DIGITS
from kiosk.services import staff_auth
from kiosk.services.staff_accounts import LOGIN_MAX_LENGTH
from kiosk.services.staff_auth import LoginPaused, StaffPass
from kiosk.ui.i18n import tr
from kiosk.ui.icons import ICON_FONT, glyph
from kiosk.ui.refusals import refusal
from kiosk.ui.screen import KioskScreen

log = logging.getLogger(__name__)

# The on-screen keys for a login, row by row.
LOGIN_ROWS = ("1234567890", "qwertyuiop", "asdfghjkl.", "zxcvbnm-_")
LOGIN_CHARACTERS = frozenset("".join(LOGIN_ROWS))
KEY_TAB = 9
KEY_BACKSPACE = 8
KEY_ENTER = (13, 271)  # Return, keypad Enter
PAUSE_CHECK_SECONDS = 0.5


class StaffLoginScreen(KioskScreen):
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
        self._paused_until: datetime | None = None
        self._pause_event: Any = None
        self._refusal: Exception | None = None
        tr.bind(language=self._words)
        self.bind(stage=self._show_keys)
        self.bind(stage=self._words, busy=self._words)

    def on_kv_post(self, _base_widget: Any) -> None:
        # The letter keys are made here rather than written out one by one in the .kv file;
        # the two key sets are kept and swapped, never rebuilt.
        keys = self.ids.letter_keys
        for row in LOGIN_ROWS:
            for character in row:
                key = Factory.LoginKey(text=character)
                key.bind(on_release=lambda _key, typed=character: self.type(typed))
                keys.add_widget(key)
        self._letters = self.ids.letters.__self__
        self._digits = self.ids.digits.__self__
        self._show_keys()

    def prepare(self, **kwargs: Any) -> None:
        super().prepare(**kwargs)
        self.login = ""
        self._set_pin("")
        self._refusal = None
        self.stage = "login"
        self._words()
        # The pause is this kiosk's, kept in the database: show it before anyone types. Only a
        # read, so the keys stay open meanwhile.
        ctx = self.app.ctx
        self.ask(
            lambda: staff_auth.login_paused_until(ctx),
            self._pause_known,
            lambda error: self.app.log_problem("reading the staff login pause", error),
            lock=False,
        )

    def on_enter(self, *_args: Any) -> None:
        Window.bind(on_textinput=self._typed, on_key_down=self._key_down)

    def on_leave(self, *_args: Any) -> None:
        Window.unbind(on_textinput=self._typed, on_key_down=self._key_down)
        self._set_pin("")
        self._stop_pause()

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
        """Tapping a field (or Tab) moves typing there."""
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
        log.info("staff logged in on kiosk %s", self.app.device)
        self.app.show("staff_panel", staff_pass=staff_pass)

    def _refused(self, error: Exception) -> None:
        self._refusal = error
        if isinstance(error, LoginPaused):
            self._pause_known(error.until)
        elif not isinstance(error, staff_auth.WrongLogin | staff_auth.AccountLocked):
            self.app.log_problem("staff login", error)
        # The PIN is typed again (most mistakes are there); tapping the name changes the name.
        self._words()

    # --- the kiosk's pause -----------------------------------------------------------------

    def _pause_known(self, until: datetime | None) -> None:
        if until is None:
            return
        self._paused_until = until
        self.paused = True
        if self._pause_event is None:
            self._pause_event = Clock.schedule_interval(self._tick_pause, PAUSE_CHECK_SECONDS)
        self._words()

    def _tick_pause(self, _dt: float) -> None:
        if self._paused_until is None or self.app.ctx.clock.now() >= self._paused_until:
            self._stop_pause()
            self._refusal = None
            self._words()

    def _stop_pause(self) -> None:
        self.paused = False
        self._paused_until = None
        if self._pause_event is not None:
            self._pause_event.cancel()
            self._pause_event = None

    # --- what shows ------------------------------------------------------------------------

    def _show_keys(self, *_args: Any) -> None:
        area = self.ids.key_area
        shown = self._letters if self.stage == "login" else self._digits
        if shown.parent is not area:
            area.clear_widgets()
            area.add_widget(shown)

    def _set_pin(self, pin: str) -> None:
        self._pin = pin
        # One dot per digit, from the icon font: the text font has no round dot.
        self.dots = f"[font={ICON_FONT}]{glyph('circle')}[/font]  " * len(pin)
        self.pin_length = len(pin) >= PIN_MIN_DIGITS

    def _words(self, *_args: Any) -> None:
        if self.busy:
            self.message, self.problem = tr._("One moment…"), False
        elif self.paused or self._refusal is not None:
            shown = (
                self._refusal
                if self._refusal is not None
                else LoginPaused(self._paused_until or self.app.ctx.clock.now())
            )
            self.message, self.problem = refusal(shown, self.app.settings.clinic.zone), True
        elif self.stage == "login":
            self.message, self.problem = tr._("Type your login name."), False
        else:
            self.message, self.problem = tr._("Enter your PIN."), False

