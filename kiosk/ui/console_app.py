"""The staff console: the shell (kiosk.ui.shell) with a staff login, the console's views, alerts
with a chime, and a logout after inactivity. Started by `kiosk console` on a staff PC or on the
kiosk machine, in a window of its own; no printer.

Logged out it shows the login screen and nothing else: logging in shows the first of the views
(kiosk.ui.console_views) this person may open; logging out (the button, Ctrl+L, or
`console.idle_logout_seconds` without a key, click or touch, announced
`console.idle_warning_seconds` before with a way to stay) forgets the person and throws the
views' screens away. Its screens are `kiosk/screens/console/`, shown as `console_<name>`.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

from kivy.core.window import Window
from kivy.uix.widget import Widget

from kiosk.services.context import Context
from kiosk.services.staff_auth import StaffPass
from kiosk.ui.console_views import CONSOLE_VIEWS, SCREEN_PREFIX
from kiosk.ui.help_alerts import HelpAlerts
from kiosk.ui.idle import IdleWatcher
from kiosk.ui.navigation import ScreenPackage
from kiosk.ui.printer_alerts import PrinterAlerts
from kiosk.ui.shell import ShellApp
from kiosk.ui.sound import SoundQueue
from kiosk.ui.staff_session import StaffSession

log = logging.getLogger(__name__)

CONSOLE_SCREENS = ScreenPackage("kiosk.screens.console", "Console", name_prefix=SCREEN_PREFIX)
LOGIN = f"{SCREEN_PREFIX}login"


class ConsoleApp(ShellApp):
    # A staff PC: a keyboard, a chime for alerts, nothing behind the login.
    shared_screen = False

    def __init__(
        self,
        ctx: Context,
        *,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(ctx, screens=CONSOLE_SCREENS, monotonic=monotonic)
        self.staff = StaffSession(CONSOLE_VIEWS)
        self.sounds = SoundQueue()
        self.alerts: HelpAlerts
        self.printer_alerts: PrinterAlerts
        self.idle: IdleWatcher

    def build(self) -> Widget:
        self.alerts = HelpAlerts(
            self.ctx,
            self.runner,
            self.live,
            log_problem=self.log_problem,
            sounds=self.sounds,
            monotonic=self.monotonic,
        )
        self.printer_alerts = PrinterAlerts(
            self.ctx,
            self.runner,
            self.live,
            log_problem=self.log_problem,
            sounds=self.sounds,
            monotonic=self.monotonic,
        )
        console = self.settings.console
        self.idle = IdleWatcher(
            console.idle_logout_seconds,
            console.idle_warning_seconds,
            is_idle_screen=lambda: self.staff.logged_in,
            go_home=self.log_out,
            at_rest=lambda: None,
            monotonic=self.monotonic,
            logs_out=lambda: True,
        )
        Window.bind(
            on_touch_down=self._active,
            on_touch_up=self._active,
            on_key_down=self._active,
            on_mouse_pos=self._active,
        )
        return super().build()

    def on_stop(self) -> None:
        Window.unbind(
            on_touch_down=self._active,
            on_touch_up=self._active,
            on_key_down=self._active,
            on_mouse_pos=self._active,
        )
        self.idle.stop()
        self.alerts.stop()
        self.printer_alerts.stop()
        self.sounds.stop()
        super().on_stop()

    # --- logging in and out ----------------------------------------------------------------

    def go_home(self) -> None:
        self.show(self.staff.first_view() if self.staff.logged_in else LOGIN)

    def log_in(self, staff_pass: StaffPass) -> None:
        self.staff.begin(staff_pass)
        self.alerts.start(staff_pass.actor)
        self.printer_alerts.start(staff_pass.actor)
        self.idle.touched()
        self.go_home()

    def log_out(self, reason: Exception | None = None) -> None:
        if self.staff.logged_in:
            log.info("staff logged out on %s", self.device)
        self.alerts.stop()
        self.printer_alerts.stop()
        self.show(LOGIN, reason=reason)
        self.staff.end(self.manager)

    def _active(self, *_args: Any) -> bool:
        """A key, a click, a touch or the mouse moving: someone is at the console."""
        self.idle.touched()
        return False

    def _check_screen_size(self) -> None:
        """The console's window is a staff PC's, not the kiosk's panel: nothing to compare."""
