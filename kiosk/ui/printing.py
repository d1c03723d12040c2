"""The touchscreen's printer: slips built and sent off the Kivy main loop.

A thin adapter over `kiosk.devices`: it picks the slip for a ticket or help request, hands the
bytes to the `PrintWorker` and returns its `Future`. The slip bytes are built on the caller's
thread, which for the screens is the background runner, never the main loop. Each change of the
printer's state is stored in the database (for the staff console) and passed to `on_state` (for
the notice on the home screen). No Kivy here.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future
from datetime import datetime

from kiosk.devices.factory import NOT_CONFIGURED
from kiosk.devices.print_worker import PrintOutcome, PrintWorker
from kiosk.devices.slips import help_request_slip, printer_test_page, ticket_slip
from kiosk.devices.states import PrinterState, PrinterStatus
from kiosk.devices.transports.base import Printer
from kiosk.services.context import Context
from kiosk.services.printer_state import record_state
from kiosk.services.views import HelpRequestView, TicketView

log = logging.getLogger(__name__)

StateListener = Callable[[PrinterState, str], None]
# When idle, ask the printer this often, so "paper out" shows before the next client's slip fails.
POLL_INTERVAL_S = 30.0


class KioskPrinter:
    def __init__(
        self,
        ctx: Context,
        printer: Printer | None,
        *,
        on_state: StateListener | None = None,
        poll_interval_s: float | None = POLL_INTERVAL_S,
    ) -> None:
        self.ctx = ctx
        self._on_state = on_state
        self._worker = (
            PrintWorker(printer, on_state=self._state_changed, poll_interval_s=poll_interval_s)
            if printer is not None
            else None
        )

    def print_ticket(self, ticket: TicketView, language: str) -> Future[PrintOutcome]:
        return self._submit(lambda: ticket_slip(ticket, self.ctx.settings, language), ticket.code)

    def print_help_request(self, request: HelpRequestView, language: str) -> Future[PrintOutcome]:
        return self._submit(
            lambda: help_request_slip(request, self.ctx.settings, language), request.code
        )

    def print_test_page(self, language: str, now: datetime) -> Future[PrintOutcome]:
        return self._submit(lambda: printer_test_page(self.ctx.settings, language, now), "test")

    def check_status(self) -> Future[PrinterStatus]:
        if self._worker is None:
            done: Future[PrinterStatus] = Future()
            done.set_result(PrinterStatus(PrinterState.DISCONNECTED, NOT_CONFIGURED))
            return done
        return self._worker.check_status()

    def stop(self) -> None:
        if self._worker is not None:
            self._worker.stop(timeout=2.0)

    def _submit(self, build: Callable[[], bytes], label: str) -> Future[PrintOutcome]:
        if self._worker is None:
            done: Future[PrintOutcome] = Future()
            done.set_result(PrintOutcome(False, PrinterState.DISCONNECTED, NOT_CONFIGURED, label))
            return done
        return self._worker.submit(build(), label)

    def _state_changed(self, state: PrinterState, detail: str) -> None:
        # Runs on the printer's thread: the database write never touches the Kivy loop.
        try:
            record_state(self.ctx, self.ctx.device, state.value, detail)
        except Exception:
            log.exception("storing printer state %s failed", state)
        if self._on_state is not None:
            self._on_state(state, detail)
