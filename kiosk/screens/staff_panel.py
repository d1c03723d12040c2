"""The kiosk's own view among the staff console's: the printer's state, a test page, and
closing the kiosk.

Reached only through the corner gesture and a staff login (kiosk.screens.console.login), it is
one more tab in the console's frame at the kiosk (kiosk.ui.app). The test page and closing are
asked of the use cases as the person logged in (kiosk.services.kiosk_staff), which check the
account is still active. Logging out, and the kiosk's idle time-out like on any screen, bring
the kiosk home, so a panel left open does not stay open for the next client.
"""

from __future__ import annotations

from typing import Any, cast

from kivy.properties import BooleanProperty, StringProperty

from kiosk import __version__
from kiosk.devices.print_worker import PrintOutcome
from kiosk.devices.states import PrinterState
from kiosk.errors import Refused
from kiosk.services import kiosk_staff
from kiosk.ui.console_screen import ConsoleScreen
from kiosk.ui.host import KioskConsoleHost
from kiosk.ui.i18n import N_, tr

STATE_WORDS = {
    PrinterState.OK: N_("Working"),
    PrinterState.PAPER_LOW: N_("Paper is running low"),
    PrinterState.PAPER_OUT: N_("Out of paper"),
    PrinterState.COVER_OPEN: N_("The cover is open"),
    PrinterState.OFFLINE: N_("Not answering"),
    PrinterState.DISCONNECTED: N_("Not connected"),
}


class StaffPanelScreen(ConsoleScreen):
    printer_words = StringProperty("")
    test_words = StringProperty("")
    # Shown as labelled values, never inside a sentence: "lounge-1" is no Finnish word.
    kiosk_id = StringProperty("")
    version = StringProperty(__version__)
    confirm_exit = BooleanProperty(False)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        # The last test page: "" (none yet), "printing", "printed" or "failed", and why not.
        self._test = ""
        self._test_reason = ""
        self._refusal: Exception | None = None
        tr.bind(language=self._words)
        self.app.bind(printer_state=self._words, printer_detail=self._words)

    @property
    def app(self) -> KioskConsoleHost:
        return cast(KioskConsoleHost, self._app)

    def prepare(self, **kwargs: Any) -> None:
        super().prepare(**kwargs)
        self.kiosk_id = self.app.device
        self.confirm_exit = False
        self._test = ""
        self._test_reason = ""
        self._refusal = None
        self._words()
        self.check_printer()

    def check_printer(self) -> None:
        # The answer only unlocks the buttons: the words follow app.printer_state, which the
        # app sets from the same answer first.
        if not self.busy:
            self.ask(self.app.check_printer(), lambda _status: None)

    def print_test_page(self) -> None:
        if self.busy:
            return
        self._test = "printing"
        self._refusal = None
        self._words()
        app, by, language = self.app, self.by, tr.language

        def allowed_then_printed() -> PrintOutcome:
            kiosk_staff.record_test_page(app.ctx, by=by)
            # Waits on the database thread for the printer (its write time-out bounds it): staff
            # have the kiosk now, so no client's number waits behind it.
            return app.printer.print_test_page(language, app.ctx.clock.now()).result()

        self.ask(allowed_then_printed, self._test_done, self._refused)

    def _test_done(self, outcome: PrintOutcome) -> None:
        self._test = "printed" if outcome.printed else "failed"
        self._test_reason = outcome.reason
        self._words()

    def ask_exit(self) -> None:
        self.confirm_exit = True

    def keep_running(self) -> None:
        self.confirm_exit = False

    def exit_kiosk(self) -> None:
        if self.busy:
            return
        ctx, by = self.app.ctx, self.by
        self.ask(
            lambda: kiosk_staff.record_kiosk_closed(ctx, by=by),
            lambda _recorded: self.app.exit_kiosk(),
            self._exit_refused,
        )

    def _exit_refused(self, error: Exception) -> None:
        if isinstance(error, Refused):
            self._refused(error)
            return
        # The closing could not be logged (the database is away): staff chose to close, so the
        # kiosk closes, as it did before accounts; the log file says why no audit entry exists.
        self.app.log_problem("logging the kiosk's closing", error)
        self.app.exit_kiosk()

    def _refused(self, error: Exception) -> None:
        self._test = ""
        self.confirm_exit = False
        self._refusal = error
        if not isinstance(error, Refused):
            self.app.log_problem("staff panel", error)
        self._words()

    def _words(self, *_args: Any) -> None:
        app = self.app
        state = app.printer_state
        words = tr._(STATE_WORDS[PrinterState(state)]) if state else tr._("Asking the printer…")
        detail = app.printer_detail if state and state != PrinterState.OK else ""
        self.printer_words = words + (f"\n{detail}" if detail else "")
        if self._test == "printing":
            self.test_words = tr._("Printing the test page…")
        elif self._test == "printed":
            self.test_words = tr._("The test page was printed.")
        elif self._test == "failed":
            reason = self._test_reason
            self.test_words = tr._("The test page was not printed.") + (
                f"\n{reason}" if reason else ""
            )
        else:
            self.test_words = ""
        if self._refusal is not None:
            self.test_words = self.refusal_words(self._refusal)
