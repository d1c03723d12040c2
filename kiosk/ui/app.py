"""The touchscreen kiosk: the shell (kiosk.ui.shell) and what only the kiosk has.

The kiosk adds to the shell its receipt printer, the idle watcher that takes an abandoned
screen home, the hidden staff gesture, and its housekeeping: the daily retention purge and the
peer-work duties. Its screens are `kiosk/screens/`; after the gesture and a staff login it
shows the staff console's screens too (`kiosk/screens/console/`, named `console_…`) with its own
staff panel as one more view. Going home (logging out, or the idle time-out) forgets who was
logged in and throws their views away.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any

from kivy.clock import Clock
from kivy.core.window import Window
from kivy.input.motionevent import MotionEvent
from kivy.properties import StringProperty
from kivy.uix.widget import Widget

from kiosk.devices.states import PrinterState, PrinterStatus
from kiosk.devices.transports.base import Printer
from kiosk.services import retention
from kiosk.services.context import Context
from kiosk.services.staff_auth import StaffPass
from kiosk.ui.console_app import CONSOLE_SCREENS, LOGIN
from kiosk.ui.console_views import CONSOLE_VIEWS, ConsoleView
from kiosk.ui.help_alerts import HelpAlerts
from kiosk.ui.i18n import N_
from kiosk.ui.idle import IdleWatcher
from kiosk.ui.navigation import ScreenPackage, Screens
from kiosk.ui.peer_work_duties import PeerWorkDuties
from kiosk.ui.printer_alerts import PrinterAlerts
from kiosk.ui.printing import POLL_INTERVAL_S, KioskPrinter
from kiosk.ui.shell import ShellApp
from kiosk.ui.staff_gesture import CORNER_MM, CornerHold
from kiosk.ui.staff_session import StaffSession

log = logging.getLogger(__name__)

SCREENS = Screens(ScreenPackage("kiosk.screens"), CONSOLE_SCREENS)
# The console's views, and the kiosk's own staff panel (kiosk/screens/staff_panel.py) last.
KIOSK_VIEWS = (*CONSOLE_VIEWS, ConsoleView("staff_panel", N_("This kiosk"), "monitor-dashboard"))
# Old staff notes, requests, tickets and logs go without anyone having to remember a command.
PURGE_INTERVAL_S = 24 * 60 * 60


class KioskApp(ShellApp):
    # The lounge's screen: on-screen keys for staff, no alert chime among the clients.
    shared_screen = True
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
        super().__init__(ctx, screens=SCREENS, monotonic=monotonic)
        self._transport = printer
        self._printer_poll_s = printer_poll_s
        self.staff = StaffSession(KIOSK_VIEWS)
        self.printer: KioskPrinter
        self.alerts: HelpAlerts
        self.printer_alerts: PrinterAlerts
        self.idle: IdleWatcher
        self.gesture: CornerHold
        self.peer_work: PeerWorkDuties

    # --- building and stopping -------------------------------------------------------------

    def build(self) -> Widget:
        self.printer = KioskPrinter(
            self.ctx,
            self._transport,
            on_state=self._printer_state_from_thread,
            poll_interval_s=self._printer_poll_s,
        )
        # In the lounge a chime means a number is called: staff see their alerts unheard.
        self.alerts = HelpAlerts(
            self.ctx,
            self.runner,
            self.live,
            log_problem=self.log_problem,
            sounds=None,
            monotonic=self.monotonic,
        )
        self.printer_alerts = PrinterAlerts(
            self.ctx,
            self.runner,
            self.live,
            log_problem=self.log_problem,
            sounds=None,
            monotonic=self.monotonic,
        )
        kiosk = self.settings.kiosk
        self.idle = IdleWatcher(
            kiosk.idle_timeout_seconds,
            kiosk.idle_warning_seconds,
            is_idle_screen=self._counts_idle_time,
            go_home=self._idle_home,
            at_rest=self._at_rest,
            monotonic=self.monotonic,
            logs_out=lambda: self.staff.logged_in,
        )
        self.gesture = CornerHold(
            corner_px=lambda: CORNER_MM * self.px_per_mm,
            window_height=lambda: Window.height,
            on_hold=self._staff_gesture,
            monotonic=self.monotonic,
        )
        Window.bind(
            on_touch_down=self._window_touch_down,
            on_touch_move=self._window_touch_move,
            on_touch_up=self._window_touch_up,
        )
        root = super().build()
        self.check_printer()
        self.peer_work = PeerWorkDuties(self.ctx, self.runner, self.log_problem)
        self.peer_work.start()
        self.purge_retention()
        self._events.append(
            Clock.schedule_interval(lambda _dt: self.purge_retention(), PURGE_INTERVAL_S)
        )
        return root

    def on_stop(self) -> None:
        Window.unbind(
            on_touch_down=self._window_touch_down,
            on_touch_move=self._window_touch_move,
            on_touch_up=self._window_touch_up,
        )
        self.idle.stop()
        self.alerts.stop()
        self.printer_alerts.stop()
        self.gesture.stop()
        self.peer_work.stop()
        self.printer.stop()
        super().on_stop()

    def exit_kiosk(self) -> None:
        """Staff chose to close the kiosk program, and the staff panel has had it allowed and
        logged as them (kiosk.services.kiosk_staff)."""
        log.info("staff closed the kiosk")
        self.exit_deliberately(lambda: None)

    # --- screens -------------------------------------------------------------------------

    def show(self, name: str, **kwargs: Any) -> None:
        super().show(name, **kwargs)
        self.idle.touched()

    def go_home(self) -> None:
        """The clients' home; staff who were logged in are logged out."""
        super().go_home()
        self._end_staff_session()

    def log_in(self, staff_pass: StaffPass) -> None:
        self.staff.begin(staff_pass)
        self.alerts.start(staff_pass.actor)
        self.printer_alerts.start(staff_pass.actor)
        self.show(self.staff.first_view())

    def log_out(self, reason: Exception | None = None) -> None:
        """Back to the clients; when the use cases ended the session (the account was
        deactivated), to the staff login first, which says why."""
        if reason is None:
            self.go_home()
            return
        self.show(LOGIN, reason=reason)
        self._end_staff_session()

    def _end_staff_session(self) -> None:
        if self.staff.logged_in:
            log.info("staff logged out on kiosk %s", self.device)
            self.alerts.stop()
            self.printer_alerts.stop()
            self.staff.end(self.manager)
            # The next client finds the kiosk in the clinic's language, whatever staff chose.
            self.set_language(self.settings.clinic.default_language)

    def _idle_home(self) -> None:
        # The next person at the kiosk starts in the clinic's own language.
        self.set_language(self.settings.clinic.default_language)
        self.go_home()

    def _at_rest(self) -> None:
        # Home left in Swedish by the last client turns back to the clinic's language too.
        self.set_language(self.settings.clinic.default_language)

    def _counts_idle_time(self) -> bool:
        return self.current_screen.returns_home_when_idle

    # --- housekeeping ----------------------------------------------------------------------

    def purge_retention(self) -> None:
        """Roll up the closed days' statistics, then delete what is past its retention period
        (kiosk.services.retention), on the background runner like every database call: one
        batch per task, so a client's number waits for one batch, never for a whole backlog.
        Audited by the purge itself; a failure is logged and tried next day."""
        ctx = self.ctx

        def started(run: retention.PurgeRun | None) -> None:
            if run is None:
                log.info(
                    "retention purge: another kiosk is purging or rolling up statistics on the "
                    "shared database"
                )
            else:
                self.runner.run(run.step, lambda more: stepped(run, more), failed)

        def stepped(run: retention.PurgeRun, more: bool) -> None:
            if more:
                self.runner.run(run.step, lambda more: stepped(run, more), failed)
            else:
                self.runner.run(run.finish, finished, failed)

        def finished(result: retention.Purged) -> None:
            log.info("retention purge: %s deleted", result.__dict__)

        def failed(error: Exception) -> None:
            self.log_problem("retention purge", error)

        self.runner.run(lambda: retention.start_purge(ctx, by=None, wait=False), started, failed)

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
        if not self.staff.logged_in and self.current != LOGIN:
            self.show(LOGIN)

    # --- printer ----------------------------------------------------------------------------

    def check_printer(self) -> Future[PrinterStatus]:
        """Ask the printer how it is (on the printer's thread) and show the answer; the
        returned Future lets a screen follow the question too."""

        def failed(error: Exception) -> None:
            log.error("asking the printer failed: %s", error)
            self._set_printer_state(PrinterState.OFFLINE, str(error))

        status = self.printer.check_status()
        self.runner.when_done(
            status, lambda answer: self._set_printer_state(answer.state, answer.detail), failed
        )
        return status

    def _printer_state_from_thread(self, state: PrinterState, detail: str) -> None:
        # Called on the printer's thread; widgets may only be touched on the main loop.
        Clock.schedule_once(lambda _dt: self._set_printer_state(state, detail))

    def _set_printer_state(self, state: PrinterState, detail: str) -> None:
        if self._stopped:
            return
        self.printer_state = state.value
        self.printer_detail = detail
