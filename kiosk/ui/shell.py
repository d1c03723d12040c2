"""The app shell every front door on a screen shares: the kiosk, the staff console, the board.

It holds what each of them needs and nothing one of them alone needs: the window locked down
(no Escape, no F1 settings panel, no close button until someone deliberately exits), the
language and the clock, the sizes in millimetres kept up to date with the window, the background
runner, live updates from the database (kiosk.ui.live_updates), an error handler that keeps the
app running, and the screens, loaded from the app's own package when first shown. An app is
given its screens package; its device id is its context's, and its log file is set up before
Kivy starts (`kiosk.ui.environment.configure_logging`).
"""

from __future__ import annotations

import gc
import logging
import signal
import time
from collections.abc import Callable
from typing import Any, cast

from kivy.app import App
from kivy.base import ExceptionHandler, ExceptionManager
from kivy.clock import Clock
from kivy.config import Config
from kivy.core.window import Window
from kivy.properties import BooleanProperty, NumericProperty, StringProperty
from kivy.uix.screenmanager import NoTransition, ScreenManager
from kivy.uix.widget import Widget

from kiosk.errors import KioskError
from kiosk.services.context import Context
from kiosk.ui import theme
from kiosk.ui.formatting import clock_time, long_date
from kiosk.ui.i18n import BABEL_LOCALES, tr
from kiosk.ui.keys import KEY_ESCAPE, KEY_F1
from kiosk.ui.live_updates import LiveUpdates
from kiosk.ui.navigation import ScreenPackage, Screens
from kiosk.ui.runner import BackgroundRunner
from kiosk.ui.screen import ShellScreen
from kiosk.ui.sizing import Sizing
from kiosk.ui.widgets import KioskRoot

log = logging.getLogger(__name__)

HOME = "home"


class _KeepRunning(ExceptionHandler):
    """An unattended app logs a bug in a callback and goes home instead of dying; the next
    person finds a working start screen rather than a desktop."""

    def handle_exception(self, inst: BaseException) -> int:
        if not isinstance(inst, Exception):
            return ExceptionManager.RAISE  # Ctrl+C and SystemExit still stop the program
        log.error("unexpected error on the main loop; going home", exc_info=inst)
        app = App.get_running_app()
        if isinstance(app, ShellApp):
            try:
                app.go_home()
            except Exception:
                log.exception("going home after an error failed too")
        return ExceptionManager.PASS


def keep_running_after_errors() -> None:
    ExceptionManager.add_handler(_KeepRunning())


class ShellApp(App):
    use_kivy_settings = False

    language = StringProperty("fi")
    portrait = BooleanProperty(False)
    # Sizes in pixels for this window, from millimetres on the configured panel (kiosk.ui.sizing).
    px_per_mm = NumericProperty(4.0)
    font_body = NumericProperty(30.0)
    font_large = NumericProperty(40.0)
    font_title = NumericProperty(52.0)
    font_icon = NumericProperty(56.0)
    font_number = NumericProperty(260.0)
    button = NumericProperty(96.0)
    gap = NumericProperty(20.0)
    pad = NumericProperty(32.0)
    clock_text = StringProperty("")
    date_text = StringProperty("")

    @property
    def device(self) -> str:
        return self.ctx.device

    def __init__(
        self,
        ctx: Context,
        *,
        screens: ScreenPackage | Screens,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        """`screens`: this app's screens (and any other app's it shows too); `go_home` shows
        "home" unless the app says otherwise. The app's device id is the context's (`ctx.device`),
        so the audit log and the screens name the same one."""
        super().__init__()
        self.title = ctx.settings.clinic.name
        self.ctx = ctx
        self.settings = ctx.settings
        self.runner = BackgroundRunner()
        self.live = LiveUpdates(ctx.engine)
        self.monotonic = monotonic
        self.screens = screens if isinstance(screens, Screens) else Screens(screens)
        self._exiting = False
        self._stopped = False
        self._events: list[Any] = []
        self.manager: ScreenManager

    # --- building and stopping -------------------------------------------------------------

    def build(self) -> Widget:
        """The window and the first screen. An app that adds parts the screens use makes them
        before calling this, and starts its duties after."""
        Window.clearcolor = theme.PAGE
        self._resize(Window, Window.size)
        self.manager = ScreenManager(transition=NoTransition())
        root = KioskRoot()
        root.add_widget(self.manager)
        Window.bind(
            size=self._resize,
            on_keyboard=self._keyboard,
            on_request_close=self._request_close,
        )
        tr.bind(language=self._language_changed)
        tr.switch(self.settings.clinic.default_language)
        self.language = tr.language
        self._tick_clock(0)
        self._events.append(Clock.schedule_interval(self._tick_clock, 1.0))
        self.live.start()
        self.go_home()
        return root

    def on_start(self) -> None:
        self._check_screen_size()
        # Babel reads a language's calendar data the first time it is used; read all three now
        # rather than while a client waits for their first tap on "Svenska" to take effect.
        now = self.ctx.clock.now()
        for locale in BABEL_LOCALES.values():
            clock_time(now, self.settings.clinic.zone, locale)
            long_date(now, self.settings.clinic.zone, locale)
        # Everything built so far lives as long as the app: keep the garbage collector from
        # walking it again and again, so its full passes stay short and never stall a frame.
        gc.collect()
        gc.freeze()

    def on_stop(self) -> None:
        """An app that adds parts stops them first, then calls this."""
        self._stopped = True
        # The screen on show leaves, so its timers and window bindings end with the app.
        screen = self.manager.current_screen
        if screen is not None:
            screen.end_visit()
            screen.dispatch("on_leave")
        Window.unbind(
            size=self._resize,
            on_keyboard=self._keyboard,
            on_request_close=self._request_close,
        )
        tr.unbind(language=self._language_changed)
        for event in self._events:
            event.cancel()
        self.live.stop()
        self.runner.shutdown()
        self.ctx.engine.dispose()

    def exit_deliberately(self, record: Callable[[], object]) -> None:
        """Someone chose to close the program: `record` (the audit log) runs first, off the
        main loop; the program closes even if it fails."""

        def close(_result: object) -> None:
            self._exiting = True
            self.stop()

        self.runner.run(record, close, close)

    def stop_on_signals(self) -> None:
        """Stop cleanly on SIGTERM (systemd stopping the app) and SIGINT (Ctrl+C in a demo).

        SDL turns both into a window "quit", which the app refuses like the close button;
        so the app takes these two signals back from SDL once the window exists."""

        def stop(signum: int, _frame: object) -> None:
            log.info("stopping on signal %s", signal.Signals(signum).name)
            self._exiting = True
            Clock.schedule_once(lambda _dt: self.stop())

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)

    # The settings panel would let anyone change Kivy's configuration from the touchscreen.
    def open_settings(self, *_args: Any) -> bool:
        return False

    def _install_settings_keys(self, window: Any) -> None:
        """No F1 settings panel."""

    def _request_close(self, *_args: Any, **_kwargs: Any) -> bool:
        # True keeps the window open: only a deliberate exit closes it (exit_deliberately).
        return not self._exiting

    def _keyboard(self, _window: Any, key: int, *_args: Any) -> bool:
        return key in (KEY_ESCAPE, KEY_F1)

    # --- screens -------------------------------------------------------------------------

    @property
    def current(self) -> str:
        return self.manager.current

    @property
    def current_screen(self) -> ShellScreen:
        return cast(ShellScreen, self.manager.current_screen)

    def has_screen(self, name: str) -> bool:
        return name in self.screens

    def screen(self, name: str) -> ShellScreen:
        if not self.manager.has_screen(name):
            self.manager.add_widget(self.screens.screen_class(name)(name=name))
        return cast(ShellScreen, self.manager.get_screen(name))

    def show(self, name: str, **kwargs: Any) -> None:
        screen = self.screen(name)
        leaving = self.manager.current_screen
        if leaving is not None and leaving is not screen:
            leaving.end_visit()
        screen.begin_visit()
        screen.prepare(**kwargs)
        self.manager.current = name

    def go_home(self) -> None:
        self.show(HOME)

    def log_problem(self, what: str, error: Exception) -> None:
        """Background work failed. An expected failure (KioskError) is logged in one line; any
        other is a bug and gets its traceback."""
        if isinstance(error, KioskError):
            log.warning("%s: %s", what, error)
        else:
            log.error("%s failed", what, exc_info=error)

    # --- language, clock, sizes ----------------------------------------------------------

    def set_language(self, language: str) -> None:
        tr.switch(language)

    def _language_changed(self, _translator: Any, language: str) -> None:
        self.language = language
        self._tick_clock(0)

    def _tick_clock(self, _dt: float) -> None:
        now = self.ctx.clock.now()
        zone = self.settings.clinic.zone
        self.clock_text = clock_time(now, zone, tr.babel_locale)
        self.date_text = long_date(now, zone, tr.babel_locale)

    def _check_screen_size(self) -> None:
        """Millimetres are only right on the panel the configuration describes."""
        screen = self.settings.kiosk.screen
        full_screen = Config.get("graphics", "fullscreen") not in ("0", "")
        configured = {(screen.width_px, screen.height_px), (screen.height_px, screen.width_px)}
        if full_screen and tuple(Window.size) not in configured:
            log.warning(
                "the screen is %d×%d but kiosk.screen says %d×%d; set kiosk.screen to the "
                "real panel, or buttons and text will not have their intended size",
                *Window.size,
                screen.width_px,
                screen.height_px,
            )

    def _resize(self, _window: Any, size: tuple[int, int]) -> None:
        width, height = size
        sizing = Sizing.for_window(self.settings.kiosk.screen, width, height)
        self.portrait = height > width
        self.px_per_mm = sizing.px_per_mm
        self.font_body = sizing.font_body
        self.font_large = sizing.font_large
        self.font_title = sizing.font_title
        self.font_icon = sizing.font_icon
        self.font_number = sizing.font_number
        self.button = sizing.button
        self.gap = sizing.gap
        self.pad = sizing.pad
