"""What a screen may use of the app that shows it.

The kiosk, the staff console and the board are three apps on one shell (`kiosk.ui.shell`);
a screen knows its app only through these protocols, never through an app class, so a screen
cannot come to depend on the kiosk's printer by accident and the app modules never need to be
imported by the screens. `KioskHost` adds what only the kiosk has, `ConsoleHost` what the
staff console's screens need (the console on a staff PC, and the kiosk after a staff login),
`BoardHost` the lounge board's voice.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future
from typing import TYPE_CHECKING, Any, Protocol

from kiosk.devices.states import PrinterStatus
from kiosk.services.context import Context
from kiosk.services.staff_auth import StaffPass
from kiosk.settings.schema import Settings
from kiosk.ui.live_updates import LiveUpdates
from kiosk.ui.printing import KioskPrinter
from kiosk.ui.runner import BackgroundRunner

if TYPE_CHECKING:
    # Only named here: they are widgets' and event dispatchers' modules, which import the
    # screen module that imports this one.
    from kiosk.ui.announcer import Announcer
    from kiosk.ui.help_alerts import HelpAlerts
    from kiosk.ui.printer_alerts import PrinterAlerts
    from kiosk.ui.staff_session import StaffSession


class ScreenHost(Protocol):
    ctx: Context  # the use cases' Context: call them on `runner`, never on the main loop
    settings: Settings
    runner: BackgroundRunner
    live: LiveUpdates  # subscribe to re-read what a screen shows when the database changed
    monotonic: Callable[[], float]  # for time-outs; tests move it on
    language: str
    portrait: bool
    # Sizes in pixels for this window, from millimetres on the panel (kiosk.ui.sizing); the
    # .kv rules read them as `app.font_body`, `app.button`, ...
    px_per_mm: float
    font_body: float
    font_large: float
    font_title: float
    font_icon: float
    font_number: float
    button: float
    gap: float
    pad: float

    @property
    def device(self) -> str:
        """Where calls come from, e.g. the kiosk's id (the context's device)."""

    def show(self, name: str, **kwargs: Any) -> None:
        """Show a screen of this app; kwargs go to its `prepare`."""

    def go_home(self) -> None: ...

    def has_screen(self, name: str) -> bool: ...

    def set_language(self, language: str) -> None: ...

    def log_problem(self, what: str, error: Exception) -> None:
        """Background work failed: a KioskError in one line, a bug with its traceback."""

    def bind(self, **kwargs: Any) -> None:
        """Watch the app's Kivy properties (language, printer_state, ...)."""


class KioskHost(ScreenHost, Protocol):
    printer: KioskPrinter
    printer_state: str  # a PrinterState value, "" until the printer first answered
    printer_detail: str  # why, in the printer's words: for staff

    def check_printer(self) -> Future[PrinterStatus]:
        """Ask the printer how it is; the answer is shown app-wide and settles the Future."""

    def exit_kiosk(self) -> None:
        """Staff chose to close the kiosk program (allowed and logged by the screen that asked,
        kiosk.services.kiosk_staff)."""


class ConsoleHost(ScreenHost, Protocol):
    staff: StaffSession  # who is logged in (`staff.staff_pass`) and the views they may open
    alerts: HelpAlerts  # new and long-waiting help requests, until acknowledged
    printer_alerts: PrinterAlerts  # kiosk printers that cannot print, until acknowledged
    # True on a screen clients use too (the kiosk): on-screen keys, no alert chime in the
    # lounge, and the login's Cancel goes back to the clients' home.
    shared_screen: bool

    def log_in(self, staff_pass: StaffPass) -> None:
        """Someone logged in: show them the first of their views."""

    def log_out(self, reason: Exception | None = None) -> None:
        """Forget who was logged in and everything the views showed; `reason`, a refusal that
        ended the session (the account was deactivated), is shown on the login screen."""


class KioskConsoleHost(KioskHost, ConsoleHost, Protocol):
    """The kiosk showing staff its own view among the console's."""


class BoardHost(ScreenHost, Protocol):
    announcer: Announcer  # the chime and the spoken number of each call
