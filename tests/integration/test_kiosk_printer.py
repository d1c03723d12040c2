"""The touchscreen's printer: one Future per slip, built off the caller's thread, and a ticket
printed again only when its slip failed. No Kivy needed."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from kiosk.core.clock import FixedClock
from kiosk.devices.states import PrinterState, PrinterStatus, PrinterUnavailable
from kiosk.services import tickets
from kiosk.services.context import Context
from kiosk.services.views import TicketView
from kiosk.settings.schema import Settings
from kiosk.ui.printing import KioskPrinter
from tests.support import migrated_context

pytestmark = pytest.mark.timeout(30)

PAPER_OUT = PrinterStatus(PrinterState.PAPER_OUT, "Paper is out: put in a new roll.")


class CountingPrinter:
    """A printer that keeps every slip it was sent; it can be out of paper, or held mid-job."""

    def __init__(self) -> None:
        self.fault: PrinterStatus | None = None
        self.release = threading.Event()
        self.release.set()
        self.slips: list[bytes] = []
        self.sending_on: list[str] = []

    def send(self, payload: bytes) -> PrinterStatus:
        self.sending_on.append(threading.current_thread().name)
        self.release.wait(10)
        if self.fault is not None:
            raise PrinterUnavailable(self.fault)
        self.slips.append(payload)
        return PrinterStatus(PrinterState.OK)

    def status(self) -> PrinterStatus:
        return self.fault or PrinterStatus(PrinterState.OK)

    def close(self) -> None:
        self.release.set()


@pytest.fixture
def kiosk_ctx(settings: Settings, tmp_path: Path, clock: FixedClock) -> Iterator[Context]:
    ctx = migrated_context(settings, tmp_path, clock, f"sqlite:///{tmp_path / 'kiosk.sqlite3'}")
    ctx.device = settings.kiosk.id
    yield ctx
    ctx.engine.dispose()


@pytest.fixture
def printer() -> CountingPrinter:
    return CountingPrinter()


@pytest.fixture
def kiosk_printer(kiosk_ctx: Context, printer: CountingPrinter) -> Iterator[KioskPrinter]:
    adapter = KioskPrinter(kiosk_ctx, printer, poll_interval_s=None)
    yield adapter
    adapter.stop()


@pytest.fixture
def ticket(kiosk_ctx: Context) -> TicketView:
    return tickets.take_number(kiosk_ctx, "A")


def test_a_ticket_whose_slip_printed_is_not_printed_again(
    kiosk_printer: KioskPrinter, printer: CountingPrinter, ticket: TicketView
) -> None:
    first = kiosk_printer.print_ticket(ticket, "fi").result(10)
    again = kiosk_printer.print_ticket(dataclasses.replace(ticket, repeated=True), "fi")
    assert first.printed and again.result(10) == first
    assert len(printer.slips) == 1


def test_a_ticket_whose_slip_failed_is_printed_again(
    kiosk_printer: KioskPrinter, printer: CountingPrinter, ticket: TicketView
) -> None:
    printer.fault = PAPER_OUT
    failed = kiosk_printer.print_ticket(ticket, "fi").result(10)
    assert not failed.printed and failed.reason == PAPER_OUT.detail
    printer.fault = None
    second = kiosk_printer.print_ticket(ticket, "fi").result(10)
    assert second.printed and second.label == ticket.code
    assert len(printer.slips) == 1
    # Now that it printed, a third ask is answered with that slip.
    assert kiosk_printer.print_ticket(ticket, "fi").result(10) == second
    assert len(printer.slips) == 1


def test_a_repeat_while_the_slip_is_still_printing_follows_that_slip(
    kiosk_printer: KioskPrinter, printer: CountingPrinter, ticket: TicketView
) -> None:
    printer.release.clear()
    first = kiosk_printer.print_ticket(ticket, "fi")
    repeat = kiosk_printer.print_ticket(ticket, "fi")
    assert repeat is first and not first.done()
    printer.release.set()
    assert first.result(10).printed
    assert len(printer.slips) == 1


def test_the_same_code_on_another_day_is_another_ticket(
    kiosk_printer: KioskPrinter, printer: CountingPrinter, ticket: TicketView
) -> None:
    assert kiosk_printer.print_ticket(ticket, "fi").result(10).printed
    tomorrow = dataclasses.replace(ticket, business_day=ticket.business_day + timedelta(days=1))
    assert tomorrow.code == ticket.code
    assert kiosk_printer.print_ticket(tomorrow, "fi").result(10).printed
    assert len(printer.slips) == 2


def test_printing_returns_at_once_and_the_slip_is_built_on_the_printer_thread(
    kiosk_printer: KioskPrinter, printer: CountingPrinter, ticket: TicketView
) -> None:
    printer.release.clear()
    started = time.monotonic()
    future = kiosk_printer.print_ticket(ticket, "fi")
    assert time.monotonic() - started < 0.05
    printer.release.set()
    outcome = future.result(10)
    assert outcome.printed
    assert printer.sending_on == ["printer"]
    assert ticket.code.encode() in printer.slips[0]


def test_without_a_printer_every_slip_fails_with_a_reason_at_once(
    kiosk_ctx: Context, ticket: TicketView, caplog: pytest.LogCaptureFixture
) -> None:
    adapter = KioskPrinter(kiosk_ctx, None)
    outcome = adapter.print_ticket(ticket, "fi").result(0)
    assert not outcome.printed and outcome.state is PrinterState.DISCONNECTED
    assert f"slip {ticket.code} was not printed" in caplog.text


def test_the_touchscreen_printer_loads_no_kivy() -> None:
    code = (
        "import sys\n"
        "import kiosk.ui.printing\n"
        "assert not [m for m in sys.modules if m.split('.')[0] == 'kivy'], 'kivy loaded'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)
