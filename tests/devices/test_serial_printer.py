"""The serial transport against a fake printer on a real pty: status, faults and recovery.

Every fault must give its documented outcome within two seconds, and the first job after the
fault is cleared must print, with nothing restarted in between.
"""

from __future__ import annotations

import termios
import time
from pathlib import Path

import pytest
import serial

from kiosk.devices.states import PrinterState, PrinterStatus, PrinterUnavailable
from kiosk.devices.transports import SerialPrinter
from kiosk.devices.transports.status_bits import NO_REPLY, NOT_TAKING_DATA
from kiosk.devices.transports.stream import NOT_CONFIRMED, STALLED
from tests.devices.helpers import FakeSerialPrinter, serial_settings

pytestmark = pytest.mark.timeout(20)

JOB = b"\x1b@\x1bt\x13\x1ba\x01A017\n\x1dVB\x00"
FAULT_DEADLINE_S = 2.0


def failure(printer: SerialPrinter, payload: bytes = JOB) -> PrinterUnavailable:
    started = time.monotonic()
    with pytest.raises(PrinterUnavailable) as caught:
        printer.send(payload)
    assert time.monotonic() - started < FAULT_DEADLINE_S
    return caught.value


def test_a_job_reaches_the_printer_after_a_status_check(
    fake_printer: FakeSerialPrinter,
) -> None:
    printer = SerialPrinter(serial_settings(fake_printer.port))
    assert printer.send(JOB).state == PrinterState.OK
    assert bytes(fake_printer.received) == JOB
    assert fake_printer.queries[:2] == [1, 4]  # printer status, paper sensor; then again after
    printer.close()


@pytest.mark.parametrize(
    ("fault", "state", "words"),
    [
        ("paper_out", PrinterState.PAPER_OUT, "out of paper"),
        ("cover_open", PrinterState.COVER_OPEN, "cover is open"),
        ("offline", PrinterState.OFFLINE, "reports an error"),
        ("silent", PrinterState.OFFLINE, NO_REPLY),
    ],
)
def test_a_fault_fails_the_job_quickly_and_the_next_job_after_it_prints(
    fake_printer: FakeSerialPrinter, fault: str, state: PrinterState, words: str
) -> None:
    printer = SerialPrinter(serial_settings(fake_printer.port))
    fake_printer.mode = fault
    unavailable = failure(printer)
    assert unavailable.status.state == state
    assert words in unavailable.status.detail
    assert fake_printer.received == b""  # nothing sent into a printer that cannot print

    fake_printer.mode = "ok"
    assert printer.send(JOB).state == PrinterState.OK
    assert bytes(fake_printer.received) == JOB
    printer.close()


def test_paper_running_low_still_prints_and_says_so(fake_printer: FakeSerialPrinter) -> None:
    printer = SerialPrinter(serial_settings(fake_printer.port))
    fake_printer.mode = "paper_low"
    status = printer.send(JOB)
    assert status.state == PrinterState.PAPER_LOW
    assert "running low" in status.detail
    assert bytes(fake_printer.received) == JOB
    printer.close()


def test_paper_running_out_during_the_job_is_reported(fake_printer: FakeSerialPrinter) -> None:
    printer = SerialPrinter(serial_settings(fake_printer.port))
    fake_printer.mode_after_data = "paper_out"
    unavailable = failure(printer)
    assert unavailable.status.state == PrinterState.PAPER_OUT
    assert "cut short" in unavailable.status.detail
    printer.close()


def test_unplugged_printer_is_disconnected_and_prints_again_when_plugged_back(
    fake_printer: FakeSerialPrinter,
) -> None:
    printer = SerialPrinter(serial_settings(fake_printer.port))
    assert printer.send(JOB).state == PrinterState.OK  # the port stays open between jobs

    fake_printer.unplug()
    unavailable = failure(printer)
    assert unavailable.status.state == PrinterState.DISCONNECTED
    assert printer.status().state == PrinterState.DISCONNECTED

    fake_printer.plug_in()
    fake_printer.received.clear()
    assert printer.send(JOB).state == PrinterState.OK
    assert bytes(fake_printer.received) == JOB
    printer.close()


def test_a_cable_pulled_and_put_back_between_jobs_costs_no_job(
    fake_printer: FakeSerialPrinter,
) -> None:
    printer = SerialPrinter(serial_settings(fake_printer.port))
    assert printer.send(JOB).state == PrinterState.OK
    fake_printer.unplug()
    fake_printer.plug_in()  # the old handle is dead; the next job must find the new port
    fake_printer.received.clear()
    assert printer.send(JOB).state == PrinterState.OK
    assert bytes(fake_printer.received) == JOB
    printer.close()


def test_a_port_that_is_not_there_is_disconnected(tmp_path: Path) -> None:
    printer = SerialPrinter(serial_settings(tmp_path / "ttyUSB9"))
    status = printer.status()
    assert status.state == PrinterState.DISCONNECTED
    assert "ttyUSB9 is not there" in status.detail


def test_a_stalled_printer_trips_the_write_timeout_instead_of_hanging(
    fake_printer: FakeSerialPrinter,
) -> None:
    # Larger than everything the pty can buffer (about 18 kB here), so the write has to wait
    # for a printer that has stopped reading.
    big_job = b"\x1b@" + b"x" * 256_000
    printer = SerialPrinter(serial_settings(fake_printer.port, baudrate=9600))
    fake_printer.stall_when_data_arrives()
    unavailable = failure(printer, big_job)
    assert unavailable.status == PrinterStatus(PrinterState.OFFLINE, STALLED)
    assert "stopped taking data" in unavailable.status.detail

    fake_printer.resume()
    time.sleep(0.2)  # the fake reads what was left over of the cut-short job
    fake_printer.received.clear()
    assert printer.send(JOB).state == PrinterState.OK
    assert bytes(fake_printer.received).endswith(JOB)
    printer.close()


def test_xoff_from_a_busy_printer_holds_even_the_status_query(
    fake_printer: FakeSerialPrinter,
) -> None:
    printer = SerialPrinter(serial_settings(fake_printer.port, flow_control="xonxoff"))
    assert printer.status().state == PrinterState.OK  # opens the port with XON/XOFF on
    fake_printer.send_raw(b"\x13")  # XOFF: the printer's buffer is full
    time.sleep(0.05)
    unavailable = failure(printer)
    assert unavailable.status.state == PrinterState.OFFLINE
    assert unavailable.status.detail == NOT_TAKING_DATA

    fake_printer.send_raw(b"\x11")  # XON
    time.sleep(0.05)
    fake_printer.received.clear()
    assert printer.send(JOB).state == PrinterState.OK
    assert bytes(fake_printer.received) == JOB
    printer.close()


def test_the_port_is_opened_with_the_configured_line_settings(
    fake_printer: FakeSerialPrinter,
) -> None:
    printer = SerialPrinter(
        serial_settings(fake_printer.port, baudrate=19200, stopbits=2, flow_control="rtscts")
    )
    assert printer.status().state == PrinterState.OK
    iflag, _, cflag, _, ispeed, _, _ = termios.tcgetattr(fake_printer.slave_fd())
    assert ispeed == termios.B19200
    assert cflag & termios.CSTOPB
    assert cflag & termios.CRTSCTS
    assert not iflag & termios.IXON
    printer.close()


def test_byte_size_parity_and_flow_control_reach_pyserial(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A pty ignores parity and byte size, so these are checked where they are handed over."""
    opened: dict[str, object] = {}

    def spy(**kwargs: object) -> serial.Serial:
        opened.update(kwargs)
        raise serial.SerialException(2, "no such port")

    monkeypatch.setattr(serial, "Serial", spy)
    settings = serial_settings(
        tmp_path / "tty", baudrate=4800, bytesize=7, parity="E", flow_control="xonxoff"
    )
    assert SerialPrinter(settings).status().state == PrinterState.DISCONNECTED
    assert opened | {"port": None} == {
        "port": None,
        "baudrate": 4800,
        "bytesize": 7,
        "parity": "E",
        "stopbits": 1,
        "rtscts": False,
        "xonxoff": True,
        "dsrdtr": False,
        "timeout": 0.2,
        "write_timeout": 0.2,
        "exclusive": True,
    }


def test_a_second_program_on_the_same_port_is_told_it_is_in_use(
    fake_printer: FakeSerialPrinter,
) -> None:
    first = SerialPrinter(serial_settings(fake_printer.port))
    assert first.status().state == PrinterState.OK  # keeps the port
    second = SerialPrinter(serial_settings(fake_printer.port))
    status = second.status()
    assert status.state == PrinterState.OFFLINE
    assert "Another program" in status.detail
    first.close()
    assert second.status().state == PrinterState.OK
    second.close()


def test_line_noise_is_not_taken_for_a_status(fake_printer: FakeSerialPrinter) -> None:
    printer = SerialPrinter(serial_settings(fake_printer.port))
    fake_printer.mode = "noise"  # answers, but without the bits every status byte has
    assert printer.status() == PrinterStatus(PrinterState.OFFLINE, NO_REPLY)
    fake_printer.mode = "ok"
    fake_printer.send_raw(b"\x12\x1a")  # stale bytes waiting before the query are dropped
    time.sleep(0.05)
    assert printer.status().state == PrinterState.OK
    printer.close()


def test_a_printer_that_takes_the_slip_and_then_goes_silent_has_not_printed_it(
    fake_printer: FakeSerialPrinter,
) -> None:
    # It answers the status query, takes the job into its buffer, and stops reading: the
    # slip may never come out, so the kiosk must not say it did.
    printer = SerialPrinter(serial_settings(fake_printer.port))
    fake_printer.stall_when_data_arrives()
    unavailable = failure(printer)
    assert unavailable.status == PrinterStatus(PrinterState.OFFLINE, NOT_CONFIRMED)
    fake_printer.resume()
    time.sleep(0.1)
    fake_printer.received.clear()
    assert printer.send(JOB).state == PrinterState.OK
    printer.close()
