"""Staff functions at the kiosk: the printer's state, a test page, and closing the kiosk.

Reached only through the corner gesture and the staff PIN; the idle time-out brings it back
home like any other screen, so a panel left open does not stay open for the next client.
"""

from __future__ import annotations

from typing import Any

from kivy.properties import BooleanProperty, StringProperty

from kiosk import __version__
from kiosk.devices.print_worker import PrintOutcome
from kiosk.devices.states import PrinterState
from kiosk.ui.i18n import N_, tr
from kiosk.ui.screen import KioskScreen

STATE_WORDS = {
    PrinterState.OK: N_("Working"),
    PrinterState.PAPER_LOW: N_("Paper is running low"),
    PrinterState.PAPER_OUT: N_("Out of paper"),
    PrinterState.COVER_OPEN: N_("The cover is open"),
    PrinterState.OFFLINE: N_("Not answering"),
    PrinterState.DISCONNECTED: N_("Not connected"),
}


class StaffPanelScreen(KioskScreen):
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
        tr.bind(language=self._words)
        self.app.bind(printer_state=self._words, printer_detail=self._words)

    def prepare(self, **kwargs: Any) -> None:
        super().prepare(**kwargs)
        self.kiosk_id = self.app.device
        self.confirm_exit = False
        self._test = ""
        self._test_reason = ""
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
        self._words()
        app = self.app
        self.ask(app.printer.print_test_page(tr.language, app.ctx.clock.now()), self._test_done)

    def _test_done(self, outcome: PrintOutcome) -> None:
        self._test = "printed" if outcome.printed else "failed"
        self._test_reason = outcome.reason
        self._words()

    def ask_exit(self) -> None:
        self.confirm_exit = True

    def keep_running(self) -> None:
        self.confirm_exit = False

    def exit_kiosk(self) -> None:
        self.app.exit_kiosk()

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
