"""The touchscreen's printer: slips built and sent off the Kivy main loop.

A thin adapter over `kiosk.devices`: it picks the slip for a ticket or help request and hands
the function that builds its bytes to the `PrintWorker`, so the slip is built on the printer's
thread and every `print_*` returns one `Future` at once, whichever thread calls it. A slip that
was not printed is logged here, once, whether or not a screen still waits for it.

A ticket is printed once: asking again for a ticket whose slip printed (a double tap, a retry)
answers with that slip's outcome, and only a slip that failed is printed again.

Each answer of the printer is reported to the database (for the staff console: a change at once,
an unchanged state now and then, so the console knows the kiosk is alive), and each change of
its state is passed to `on_state` (for the notice on the home screen). No Kivy here.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import Future
from datetime import date, datetime

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
# How many tickets' slips are remembered: a repeated ask comes within seconds, so a handful does.
REMEMBERED_TICKETS = 20


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
        self._storing_failed = False
        self._worker = (
            PrintWorker(
                printer,
                on_state=self._state_changed,
                on_report=self._reported,
                poll_interval_s=poll_interval_s,
            )
            if printer is not None
            else None
        )
        # Codes start again every business day, so a ticket is its day and its code.
        self._tickets: OrderedDict[tuple[date, str], Future[PrintOutcome]] = OrderedDict()
        # Screens ask on the main loop; the lock keeps the memory whole for any other caller.
        self._lock = threading.Lock()

    def print_ticket(self, ticket: TicketView, language: str) -> Future[PrintOutcome]:
        """The ticket's slip: printed now, or the outcome of its slip that printed or is still
        printing."""
        key = (ticket.business_day, ticket.code)
        with self._lock:
            earlier = self._tickets.get(key)
            if earlier is not None and not _failed(earlier):
                return earlier
            settings = self.ctx.settings
            future = self._submit(lambda: ticket_slip(ticket, settings, language), ticket.code)
            self._tickets[key] = future
            self._tickets.move_to_end(key)
            while len(self._tickets) > REMEMBERED_TICKETS:
                self._tickets.popitem(last=False)
        return future

    def print_help_request(self, request: HelpRequestView, language: str) -> Future[PrintOutcome]:
        settings = self.ctx.settings
        return self._submit(lambda: help_request_slip(request, settings, language), request.code)

    def print_test_page(self, language: str, now: datetime) -> Future[PrintOutcome]:
        settings = self.ctx.settings
        return self._submit(lambda: printer_test_page(settings, language, now), "test")

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
            future: Future[PrintOutcome] = Future()
            future.set_result(PrintOutcome(False, PrinterState.DISCONNECTED, NOT_CONFIGURED, label))
        else:
            future = self._worker.submit(build, label)
        future.add_done_callback(_log_if_not_printed)
        return future

    def _reported(self, status: PrinterStatus) -> None:
        # Runs on the printer's thread: the database write never touches the Kivy loop.
        try:
            record_state(self.ctx, self.ctx.device, status.state.value, status.detail)
        except Exception:
            # Asked again every half minute: one line while the database stays away, not one
            # each time.
            if not self._storing_failed:
                log.exception("storing printer state %s failed", status.state)
            self._storing_failed = True
        else:
            self._storing_failed = False

    def _state_changed(self, state: PrinterState, detail: str) -> None:
        if self._on_state is not None:
            self._on_state(state, detail)


def _failed(job: Future[PrintOutcome]) -> bool:
    return job.done() and (job.cancelled() or not job.result().printed)


def _log_if_not_printed(job: Future[PrintOutcome]) -> None:
    if job.cancelled():
        return  # withdrawn before its turn: nothing was meant to print
    outcome = job.result()
    if not outcome.printed:
        # The label is a number or code only ("A017", "H003", "test"): safe for any log.
        log.warning("slip %s was not printed: %s", outcome.label, outcome.reason)
