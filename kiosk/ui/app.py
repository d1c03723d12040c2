"""The kiosk app: the window, the screens, and what they share.

Small on purpose: screens live in `kiosk/screens/` and are loaded when first shown; the work
they start runs on the background runner; the app only ties those together, keeps the sizes in
millimetres up to date with the window, and keeps the kiosk locked (no Escape, no F1 settings,
no close button) until staff choose to exit.
"""

from __future__ import annotations

import gc
import logging
import signal
import time
from collections.abc import Callable
from typing import Any

from kivy.app import App
from kivy.base import ExceptionHandler, ExceptionManager
from kivy.clock import Clock
from kivy.config import Config
from kivy.core.window import Window
from kivy.input.motionevent import MotionEvent
from kivy.properties import BooleanProperty, NumericProperty, StringProperty
from kivy.uix.screenmanager import NoTransition, ScreenManager

from kiosk.devices.print_worker import PrintOutcome
from kiosk.devices.states import PrinterState, PrinterStatus
from kiosk.devices.transports.base import Printer
from kiosk.errors import KioskError
from kiosk.services import retention
from kiosk.services.context import Context
from kiosk.services.staff_access import record_kiosk_closed
from kiosk.ui import theme
from kiosk.ui.formatting import clock_time, long_date
from kiosk.ui.i18n import BABEL_LOCALES, tr
from kiosk.ui.idle import IdleWatcher
from kiosk.ui.navigation import screen_class, screen_names
from kiosk.ui.peer_work_duties import PeerWorkDuties
from kiosk.ui.printing import POLL_INTERVAL_S, KioskPrinter
from kiosk.ui.runner import BackgroundRunner
from kiosk.ui.screen import KioskScreen
from kiosk.ui.sizing import Sizing
from kiosk.ui.staff_gesture import CORNER_MM, CornerHold
from kiosk.ui.widgets import KioskRoot

log = logging.getLogger(__name__)

HOME = "home"
KEY_ESCAPE = 27
KEY_F1 = 282
# Old staff notes, requests, tickets and logs go without anyone having to remember a command.
PURGE_INTERVAL_S = 24 * 60 * 60


class _KeepRunning(ExceptionHandler):
    """An unattended kiosk logs a bug in a callback and goes home instead of dying; the next
    client finds a working start screen rather than a desktop."""

    def handle_exception(self, inst: BaseException) -> int:
        if not isinstance(inst, Exception):
            return ExceptionManager.RAISE  # Ctrl+C and SystemExit still stop the program
        log.error("unexpected error on the main loop; going home", exc_info=inst)
        app = App.get_running_app()
        if isinstance(app, KioskApp):
            try:
                app.go_home()
            except Exception:
                log.exception("going home after an error failed too")
        return ExceptionManager.PASS


def keep_running_after_errors() -> None:
    ExceptionManager.add_handler(_KeepRunning())


class KioskApp(App):
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
    # The printer's last known state ("" until first asked) and, for staff, why.
    printer_state = StringProperty("")
    printer_detail = StringProperty("")

    def __init__(
        self,
        ctx: Context,
        printer: Printer | None,
        *,
        monotonic: Callable[[], float] = time.monotonic,
        printer_poll_s: float | None = POLL_INTERVAL_S,
    ) -> None:
        super().__init__()
        self.title = ctx.settings.clinic.name
        self.ctx = ctx
        self.settings = ctx.settings
        self.runner = BackgroundRunner()
        self.monotonic = monotonic
        # How the last slip of each number went, so a visit given its number back shows the truth.
        self.print_outcomes: dict[str, PrintOutcome] = {}
        self._transport = printer
        self._printer_poll_s = printer_poll_s
        self._exiting = False
        self._stopped = False
        self._events: list[Any] = []
        self.printer: KioskPrinter
        self.manager: ScreenManager
        self.idle: IdleWatcher
        self.gesture: CornerHold
        self.peer_work: PeerWorkDuties

    # --- building and stopping -------------------------------------------------------------

    def build(self) -> KioskRoot:
        Window.clearcolor = theme.PAGE
        self._resize(Window, Window.size)
        self.manager = ScreenManager(transition=NoTransition())
        root = KioskRoot()
        root.add_widget(self.manager)
        self.printer = KioskPrinter(
            self.ctx,
            self._transport,
            on_state=self._printer_state_from_thread,
            poll_interval_s=self._printer_poll_s,
        )
        kiosk = self.settings.kiosk
        self.idle = IdleWatcher(
            kiosk.idle_timeout_seconds,
            kiosk.idle_warning_seconds,
            is_idle_screen=self._counts_idle_time,
            go_home=self._idle_home,
            at_rest=self._at_rest,
            monotonic=self.monotonic,
        )
        self.gesture = CornerHold(
            corner_px=lambda: CORNER_MM * self.px_per_mm,
            window_height=lambda: Window.height,
            on_hold=self._staff_gesture,
            monotonic=self.monotonic,
        )
        Window.bind(
            size=self._resize,
            on_touch_down=self._window_touch_down,
            on_touch_move=self._window_touch_move,
            on_touch_up=self._window_touch_up,
            on_keyboard=self._keyboard,
            on_request_close=self._request_close,
        )
        tr.bind(language=self._language_changed)
        tr.switch(self.settings.clinic.default_language)
        self.language = tr.language
        self._tick_clock(0)
        self._events.append(Clock.schedule_interval(self._tick_clock, 1.0))
        self.show(HOME)
        self.check_printer()
        self.peer_work = PeerWorkDuties(self)
        self.peer_work.start()
        self.purge_retention()
        self._events.append(
            Clock.schedule_interval(lambda _dt: self.purge_retention(), PURGE_INTERVAL_S)
        )
        return root

    def on_start(self) -> None:
        self._check_screen_size()
        # Babel reads a language's calendar data the first time it is used; read all three now
        # rather than while a client waits for their first tap on "Svenska" to take effect.
        now = self.ctx.clock.now()
        for locale in BABEL_LOCALES.values():
            clock_time(now, self.settings.clinic.zone, locale)
            long_date(now, self.settings.clinic.zone, locale)
        # Everything built so far lives as long as the kiosk: keep the garbage collector from
        # walking it again and again, so its full passes stay short and never stall a frame.
        gc.collect()
        gc.freeze()

    def on_stop(self) -> None:
        self._stopped = True
        Window.unbind(
            size=self._resize,
            on_touch_down=self._window_touch_down,
            on_touch_move=self._window_touch_move,
            on_touch_up=self._window_touch_up,
            on_keyboard=self._keyboard,
            on_request_close=self._request_close,
        )
        tr.unbind(language=self._language_changed)
        for event in self._events:
            event.cancel()
        self.idle.stop()
        self.gesture.stop()
        self.peer_work.stop()
        self.printer.stop()
        self.runner.shutdown()
        self.ctx.engine.dispose()

    def exit_kiosk(self) -> None:
        """Staff chose to close the kiosk program: logged in the audit log first, off the main
        loop; the kiosk closes even if the log cannot be written."""
        log.info("staff closed the kiosk")

        def close(_result: object) -> None:
            self._exiting = True
            self.stop()

        ctx = self.ctx
        self.runner.run(lambda: record_kiosk_closed(ctx), close, close)

    def stop_on_signals(self) -> None:
        """Stop cleanly on SIGTERM (systemd stopping the kiosk) and SIGINT (Ctrl+C in a demo).

        SDL turns both into a window "quit", which the kiosk refuses like the close button;
        so the kiosk takes these two signals back from SDL once the window exists."""

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
        """No F1 settings panel in a kiosk."""

    def _request_close(self, *_args: Any, **_kwargs: Any) -> bool:
        # True keeps the window open: only staff close the kiosk (exit_kiosk).
        return not self._exiting

    def _keyboard(self, _window: Any, key: int, *_args: Any) -> bool:
        return key in (KEY_ESCAPE, KEY_F1)

    # --- screens -------------------------------------------------------------------------

    @property
    def current(self) -> str:
        return self.manager.current

    @property
    def current_screen(self) -> KioskScreen:
        return self.manager.current_screen  # type: ignore[no-any-return]

    def has_screen(self, name: str) -> bool:
        return name in screen_names()

    def screen(self, name: str) -> KioskScreen:
        if not self.manager.has_screen(name):
            self.manager.add_widget(screen_class(name)(name=name))
        return self.manager.get_screen(name)  # type: ignore[no-any-return]

    def show(self, name: str, **kwargs: Any) -> None:
        screen = self.screen(name)
        screen.prepare(**kwargs)
        self.manager.current = name
        self.idle.touched()

    def go_home(self) -> None:
        self.show(HOME)

    def _idle_home(self) -> None:
        # The next person at the kiosk starts in the clinic's own language.
        self.set_language(self.settings.clinic.default_language)
        self.go_home()

    def _at_rest(self) -> None:
        # Home left in Swedish by the last client turns back to the clinic's language too.
        self.set_language(self.settings.clinic.default_language)

    def purge_retention(self) -> None:
        """Delete what is past its retention period, on the background runner like every
        database call. Audited by the purge itself; a failure is logged and tried next day."""
        ctx = self.ctx

        def purged(result: retention.Purged | None) -> None:
            if result is None:
                log.info("retention purge: another kiosk is purging the shared database")
            else:
                log.info("retention purge: %s deleted", result.__dict__)

        def failed(error: Exception) -> None:
            self.log_problem("retention purge", error)

        self.runner.run(lambda: retention.purge_unless_busy(ctx), purged, failed)

    def log_problem(self, what: str, error: Exception) -> None:
        """Background work failed. An expected failure (KioskError) is logged in one line; any
        other is a bug and gets its traceback."""
        if isinstance(error, KioskError):
            log.warning("%s: %s", what, error)
        else:
            log.error("%s failed", what, exc_info=error)

    def _counts_idle_time(self) -> bool:
        return self.current_screen.returns_home_when_idle

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

    # --- touches ----------------------------------------------------------------------------

    def _window_touch_down(self, _window: Any, touch: MotionEvent) -> bool:
        self.idle.touched()
        self.gesture.touch_down(touch)
        return False  # the touch goes on to the widgets

    def _window_touch_move(self, _window: Any, touch: MotionEvent) -> bool:
        self.gesture.touch_move(touch)
        return False

    def _window_touch_up(self, _window: Any, touch: MotionEvent) -> bool:
        self.idle.touched()
        self.gesture.touch_up(touch)
        return False

    def _staff_gesture(self) -> None:
        if not self.settings.kiosk.staff_pin_hash:
            log.info("staff gesture ignored: kiosk.staff_pin_hash is not set")
            return
        if not self.current.startswith("staff_"):
            self.show("staff_pin")

    # --- printer ----------------------------------------------------------------------------

    def check_printer(self, done: Callable[[PrinterStatus], None] | None = None) -> None:
        """Ask the printer how it is (on the printer's thread) and show the answer."""

        def answered(status: PrinterStatus) -> None:
            self._set_printer_state(status.state, status.detail)
            if done is not None:
                done(status)

        def failed(error: Exception) -> None:
            log.error("asking the printer failed: %s", error)
            answered(PrinterStatus(PrinterState.OFFLINE, str(error)))

        self.runner.when_done(self.printer.check_status(), answered, failed)

    def _printer_state_from_thread(self, state: PrinterState, detail: str) -> None:
        # Called on the printer's thread; widgets may only be touched on the main loop.
        Clock.schedule_once(lambda _dt: self._set_printer_state(state, detail))

    def _set_printer_state(self, state: PrinterState, detail: str) -> None:
        if self._stopped:
            return
        self.printer_state = state.value
        self.printer_detail = detail
