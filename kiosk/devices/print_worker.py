"""Printing off the caller's thread: jobs queue up, each comes back as a `PrintOutcome`.

The touchscreen hands a job over and gets a `Future` at once; the Kivy loop never waits on a
serial port, nor on building a slip: a job may be a function that builds its bytes here, on the
printer's thread. Every job ends in exactly one outcome, printed or failed with a reason (a worker
stopped with jobs still queued fails them too), so nothing is dropped without a word. Every
answer of the printer goes to `on_report` (the kiosk stores it for the staff console, which also
learns from it that the kiosk is alive), and every change of its state to `on_state`.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kiosk.devices.factory import NOT_CONFIGURED, make_printer
from kiosk.devices.states import PrinterState, PrinterStatus, PrinterUnavailable
from kiosk.devices.transports.base import Printer
from kiosk.settings.schema import Settings

log = logging.getLogger(__name__)

StateCallback = Callable[[PrinterState, str], None]
ReportCallback = Callable[[PrinterStatus], None]

STOPPED = "The printer service has stopped."
NOT_PRINTED = "The kiosk stopped before this slip was printed."


@dataclass(frozen=True)
class PrintOutcome:
    printed: bool
    state: PrinterState
    reason: str = ""  # plain language: why it failed, or a warning such as paper running low
    label: str = ""  # what the job was, e.g. "A017": numbers only

    def to_json(self) -> dict[str, Any]:
        return {
            "printed": self.printed,
            "state": self.state.value,
            "reason": self.reason,
        }


Payload = bytes | Callable[[], bytes]


@dataclass
class _Job:
    payload: Payload
    label: str
    future: Future[PrintOutcome]


@dataclass
class _StatusCheck:
    future: Future[PrinterStatus]


_STOP = object()


class PrintWorker:
    def __init__(
        self,
        printer: Printer,
        *,
        on_state: StateCallback | None = None,
        on_report: ReportCallback | None = None,
        poll_interval_s: float | None = None,
    ) -> None:
        """`poll_interval_s`: ask the printer's status when idle this long, so staff see paper
        run out before a client's slip fails. None: only around jobs."""
        self.printer = printer
        self._on_state = on_state
        self._on_report = on_report
        self._poll_interval = poll_interval_s
        self._queue: queue.Queue[object] = queue.Queue()
        self._state: PrinterState | None = None
        self._stopped = threading.Event()
        # submit() and stop() under one lock: a job is either queued before the stop (and
        # failed by it) or refused after it, never left behind in a queue nobody reads.
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._run, name="printer", daemon=True)
        self._thread.start()

    @property
    def state(self) -> PrinterState | None:
        """The last state seen, None before the printer was first asked."""
        return self._state

    def submit(self, payload: Payload, label: str = "") -> Future[PrintOutcome]:
        """Queue a job: its bytes, or a function that builds them when the job's turn comes
        (a slip that cannot be built fails like a slip that cannot be sent)."""
        future: Future[PrintOutcome] = Future()
        with self._lock:
            if self._stopped.is_set():
                future.set_result(_failed(PrinterState.OFFLINE, STOPPED, label))
            else:
                self._queue.put(_Job(payload, label, future))
        return future

    def check_status(self) -> Future[PrinterStatus]:
        """Ask the printer in turn with the jobs, so a status query never splits a slip."""
        future: Future[PrinterStatus] = Future()
        with self._lock:
            if self._stopped.is_set():
                future.set_result(PrinterStatus(PrinterState.OFFLINE, STOPPED))
            else:
                self._queue.put(_StatusCheck(future))
        return future

    def stop(self, timeout: float = 5.0) -> None:
        """Finish the job in hand, fail those still queued, let go of the printer."""
        with self._lock:
            if self._stopped.is_set():
                return
            self._stopped.set()
            self._fail_queued()
            self._queue.put(_STOP)
        self._thread.join(timeout)

    def _run(self) -> None:
        while True:
            try:
                item = self._queue.get(timeout=self._poll_interval)
            except queue.Empty:
                self._safely(self._poll)
                continue
            if item is _STOP:
                break
            if isinstance(item, _Job):
                self._safely(self._print, item)
            elif isinstance(item, _StatusCheck):
                self._safely(self._check, item)
        self._safely(self.printer.close)

    def _print(self, job: _Job) -> None:
        if not job.future.set_running_or_notify_cancel():
            return  # the caller withdrew it
        try:
            payload = job.payload() if callable(job.payload) else job.payload
            status = self.printer.send(payload)
        except PrinterUnavailable as unavailable:
            self._report(unavailable.status)
            outcome = _failed(unavailable.status.state, unavailable.status.detail, job.label)
        except Exception as error:
            # A bug, not a printer fault: the job still gets its answer.
            log.exception("printing %s failed", job.label or "a job")
            outcome = _failed(PrinterState.OFFLINE, f"Printing failed: {error}", job.label)
        else:
            self._report(status)
            outcome = PrintOutcome(True, status.state, status.detail, job.label)
        job.future.set_result(outcome)

    def _check(self, check: _StatusCheck) -> None:
        if not check.future.set_running_or_notify_cancel():
            return
        try:
            status = self.printer.status()
        except Exception as error:
            log.exception("asking the printer's status failed")
            status = PrinterStatus(PrinterState.OFFLINE, f"Cannot ask the printer: {error}")
        self._report(status)
        check.future.set_result(status)

    def _poll(self) -> None:
        self._report(self.printer.status())

    def _report(self, status: PrinterStatus) -> None:
        if self._on_report is not None:
            try:
                self._on_report(status)
            except Exception:
                log.exception("reporting printer state %s failed", status.state)
        if status.state == self._state:
            return
        self._state = status.state
        if self._on_state is not None:
            try:
                self._on_state(status.state, status.detail)
            except Exception:
                # Storing the state failed (database busy?): printing goes on regardless.
                log.exception("recording printer state %s failed", status.state)

    def _fail_queued(self) -> None:
        while True:
            try:
                item = self._queue.get_nowait()
            except queue.Empty:
                return
            if isinstance(item, _Job) and item.future.set_running_or_notify_cancel():
                item.future.set_result(_failed(PrinterState.OFFLINE, NOT_PRINTED, item.label))
            elif isinstance(item, _StatusCheck) and item.future.set_running_or_notify_cancel():
                item.future.set_result(PrinterStatus(PrinterState.OFFLINE, STOPPED))

    def _safely(self, action: Callable[..., object], *args: object) -> None:
        try:
            action(*args)
        except Exception:
            log.exception("printer worker")


def _failed(state: PrinterState, reason: str, label: str) -> PrintOutcome:
    return PrintOutcome(False, state, reason, label)


def print_now(
    settings: Settings, data_dir: Path, payload: bytes, timeout: float = 30.0
) -> PrintOutcome:
    """Print one job and wait for its outcome: for the command line, never the touchscreen."""
    printer = make_printer(settings, data_dir)
    if printer is None:
        return _failed(PrinterState.DISCONNECTED, NOT_CONFIGURED, "")
    worker = PrintWorker(printer)
    try:
        future = worker.submit(payload)
        try:
            return future.result(timeout)
        except TimeoutError:
            return _failed(
                PrinterState.OFFLINE, f"The printer did not finish within {timeout:g} s.", ""
            )
    finally:
        worker.stop(timeout=0.1)
