"""The print worker: callers never wait on the printer, and every job gets an outcome."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from kiosk.devices import print_worker
from kiosk.devices.print_worker import NOT_PRINTED, PrintOutcome, PrintWorker, print_now
from kiosk.devices.slips import sample_slip
from kiosk.devices.states import PrinterState, PrinterStatus, PrinterUnavailable
from kiosk.devices.transports import SerialPrinter
from kiosk.settings.schema import Settings
from tests.devices.helpers import FakeSerialPrinter, serial_settings, with_printer

pytestmark = pytest.mark.timeout(20)


class ScriptedPrinter:
    """A printer whose every answer the test decides, and which can be made to hang."""

    def __init__(self) -> None:
        self.status_now = PrinterStatus(PrinterState.OK)
        self.fail_with: Exception | None = None
        self.release = threading.Event()
        self.release.set()
        self.printed: list[bytes] = []
        self.closed = False

    def send(self, payload: bytes) -> PrinterStatus:
        self.release.wait(10)
        if self.fail_with is not None:
            raise self.fail_with
        if not self.status_now.state.can_print:
            raise PrinterUnavailable(self.status_now)
        self.printed.append(payload)
        return self.status_now

    def status(self) -> PrinterStatus:
        return self.status_now

    def close(self) -> None:
        self.closed = True


def test_submitting_returns_at_once_even_while_the_printer_hangs() -> None:
    printer = ScriptedPrinter()
    printer.release.clear()
    worker = PrintWorker(printer)
    started = time.monotonic()
    futures = [worker.submit(b"job %d" % i, label=f"A00{i}") for i in range(3)]
    assert time.monotonic() - started < 0.05
    assert not any(f.done() for f in futures)
    printer.release.set()
    outcomes = [f.result(5) for f in futures]
    assert outcomes == [PrintOutcome(True, PrinterState.OK, "", f"A00{i}") for i in range(3)]
    assert printer.printed == [b"job 0", b"job 1", b"job 2"]  # in the order submitted
    worker.stop()


def test_a_failed_job_says_why_in_plain_words() -> None:
    printer = ScriptedPrinter()
    printer.status_now = PrinterStatus(PrinterState.PAPER_OUT, "The printer is out of paper.")
    worker = PrintWorker(printer)
    outcome = worker.submit(b"job", "A017").result(5)
    assert outcome == PrintOutcome(
        False, PrinterState.PAPER_OUT, "The printer is out of paper.", "A017"
    )
    assert outcome.to_json() == {
        "printed": False,
        "state": "paper_out",
        "reason": "The printer is out of paper.",
    }
    worker.stop()


def test_a_bug_in_a_transport_fails_the_job_and_the_worker_carries_on() -> None:
    printer = ScriptedPrinter()
    printer.fail_with = RuntimeError("boom")
    worker = PrintWorker(printer)
    outcome = worker.submit(b"job").result(5)
    assert (outcome.printed, outcome.state) == (False, PrinterState.OFFLINE)
    assert "boom" in outcome.reason
    printer.fail_with = None
    assert worker.submit(b"next").result(5).printed
    worker.stop()


def test_a_job_given_as_a_function_is_built_on_the_printer_thread_in_its_turn() -> None:
    printer = ScriptedPrinter()
    printer.release.clear()
    worker = PrintWorker(printer)
    built_on: list[str] = []

    def build() -> bytes:
        built_on.append(threading.current_thread().name)
        return b"built"

    first = worker.submit(b"first", "A001")
    second = worker.submit(build, "A002")
    assert built_on == []  # not on the caller's thread, and not before the job ahead of it
    printer.release.set()
    assert first.result(5).printed and second.result(5).printed
    assert built_on == ["printer"]
    assert printer.printed == [b"first", b"built"]
    worker.stop()


def test_a_slip_that_cannot_be_built_fails_with_a_reason_and_the_next_prints() -> None:
    printer = ScriptedPrinter()
    worker = PrintWorker(printer)

    def broken() -> bytes:
        raise ValueError("no such code page")

    outcome = worker.submit(broken, "A003").result(5)
    assert (outcome.printed, outcome.label) == (False, "A003")
    assert "no such code page" in outcome.reason
    assert worker.submit(b"next").result(5).printed
    assert printer.printed == [b"next"]
    worker.stop()


def test_every_state_change_is_reported_once() -> None:
    printer = ScriptedPrinter()
    seen: list[tuple[PrinterState, str]] = []
    worker = PrintWorker(printer, on_state=lambda state, detail: seen.append((state, detail)))
    worker.submit(b"1").result(5)
    worker.submit(b"2").result(5)
    printer.status_now = PrinterStatus(PrinterState.COVER_OPEN, "Close the cover.")
    worker.submit(b"3").result(5)
    worker.submit(b"4").result(5)
    printer.status_now = PrinterStatus(PrinterState.OK)
    worker.submit(b"5").result(5)
    assert seen == [
        (PrinterState.OK, ""),
        (PrinterState.COVER_OPEN, "Close the cover."),
        (PrinterState.OK, ""),
    ]
    assert worker.state == PrinterState.OK
    worker.stop()


def test_every_answer_is_reported_changed_or_not_so_the_kiosk_shows_it_is_alive() -> None:
    printer = ScriptedPrinter()
    reports: list[PrinterStatus] = []
    worker = PrintWorker(printer, on_report=reports.append)
    worker.submit(b"1").result(5)
    worker.submit(b"2").result(5)
    printer.status_now = PrinterStatus(PrinterState.PAPER_LOW, "low")
    worker.check_status().result(5)
    assert reports == [
        PrinterStatus(PrinterState.OK),
        PrinterStatus(PrinterState.OK),
        PrinterStatus(PrinterState.PAPER_LOW, "low"),
    ]
    worker.stop()


def test_a_failing_state_callback_does_not_stop_printing() -> None:
    def broken(state: PrinterState, detail: str) -> None:
        raise RuntimeError("database is locked")

    worker = PrintWorker(ScriptedPrinter(), on_state=broken)
    assert worker.submit(b"job").result(5).printed
    worker.stop()


def test_an_idle_worker_polls_the_status_when_asked_to() -> None:
    printer = ScriptedPrinter()
    changed = threading.Event()
    worker = PrintWorker(printer, on_state=lambda s, d: changed.set(), poll_interval_s=0.02)
    assert changed.wait(2)
    changed.clear()
    printer.status_now = PrinterStatus(PrinterState.PAPER_LOW, "low")
    assert changed.wait(2)
    assert worker.state == PrinterState.PAPER_LOW
    worker.stop()


def test_status_checks_queue_with_the_jobs() -> None:
    printer = ScriptedPrinter()
    worker = PrintWorker(printer)
    printer.status_now = PrinterStatus(PrinterState.PAPER_LOW, "low")
    assert worker.check_status().result(5) == PrinterStatus(PrinterState.PAPER_LOW, "low")
    worker.stop()


def test_stopping_fails_the_queued_jobs_instead_of_dropping_them() -> None:
    printer = ScriptedPrinter()
    printer.release.clear()
    worker = PrintWorker(printer)
    in_hand = worker.submit(b"first")
    time.sleep(0.05)  # the worker has taken it and hangs in send()
    queued = worker.submit(b"second", "A018")
    stopper = threading.Thread(target=worker.stop)
    stopper.start()
    assert queued.result(5) == PrintOutcome(False, PrinterState.OFFLINE, NOT_PRINTED, "A018")
    printer.release.set()
    assert in_hand.result(5).printed
    stopper.join(5)
    assert printer.closed
    late = worker.submit(b"late").result(1)
    assert not late.printed


def test_jobs_through_the_worker_survive_a_paper_change_on_a_real_pty(
    fake_printer: FakeSerialPrinter,
) -> None:
    states: list[PrinterState] = []
    worker = PrintWorker(
        SerialPrinter(serial_settings(fake_printer.port)),
        on_state=lambda state, detail: states.append(state),
    )
    assert worker.submit(b"one\n").result(5).printed
    fake_printer.mode = "paper_out"
    failed = worker.submit(b"two\n").result(5)
    assert (failed.printed, failed.state) == (False, PrinterState.PAPER_OUT)
    fake_printer.mode = "ok"
    assert worker.submit(b"three\n").result(5).printed
    assert bytes(fake_printer.received) == b"one\nthree\n"
    assert states == [PrinterState.OK, PrinterState.PAPER_OUT, PrinterState.OK]
    worker.stop()


def test_print_now_prints_to_the_virtual_printer(settings: Settings, tmp_path: Path) -> None:
    outcome = print_now(settings, tmp_path, sample_slip("ticket", settings, "fi"), timeout=10)
    assert outcome.printed
    assert len(list((tmp_path / "printed").glob("*.png"))) == 1


def test_print_now_without_a_printer_says_none_is_configured(
    settings: Settings, tmp_path: Path
) -> None:
    outcome = print_now(with_printer(settings, transport="none"), tmp_path, b"x")
    assert not outcome.printed
    assert "No printer is configured" in outcome.reason


def test_print_now_gives_up_after_its_timeout(
    settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    hanging = ScriptedPrinter()
    hanging.release.clear()
    monkeypatch.setattr(print_worker, "make_printer", lambda settings, data_dir: hanging)
    started = time.monotonic()
    outcome = print_now(settings, tmp_path, b"x", timeout=0.3)
    assert time.monotonic() - started < 2
    assert (outcome.printed, outcome.state) == (False, PrinterState.OFFLINE)
    assert "did not finish within 0.3 s" in outcome.reason
    hanging.release.set()


def test_print_now_on_a_missing_serial_port_says_so(settings: Settings, tmp_path: Path) -> None:
    setup = with_printer(
        settings,
        transport="serial",
        serial=serial_settings(tmp_path / "nothing-here"),
    )
    outcome = print_now(setup, tmp_path, b"x", timeout=5)
    assert (outcome.printed, outcome.state) == (False, PrinterState.DISCONNECTED)
