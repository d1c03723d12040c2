"""From printer.transport to a printer, and asking a serial port directly (`--port`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.devices.factory import make_printer, printer_status
from kiosk.devices.states import PrinterState
from kiosk.devices.transports import FilePrinter, NetworkPrinter, SerialPrinter
from kiosk.devices.transports.virtual import VirtualPrinter
from kiosk.settings.schema import Settings
from tests.devices.helpers import FakeSerialPrinter, serial_settings, with_printer


@pytest.mark.parametrize(
    ("transport", "kind"),
    [
        ("serial", SerialPrinter),
        ("network", NetworkPrinter),
        ("file", FilePrinter),
        ("virtual", VirtualPrinter),
    ],
)
def test_each_transport_setting_gives_its_printer(
    settings: Settings, tmp_path: Path, transport: str, kind: type
) -> None:
    assert isinstance(make_printer(with_printer(settings, transport=transport), tmp_path), kind)


def test_no_printer_for_transport_none(settings: Settings, tmp_path: Path) -> None:
    assert make_printer(with_printer(settings, transport="none"), tmp_path) is None
    status = printer_status(with_printer(settings, transport="none"), tmp_path)
    assert status.state == PrinterState.DISCONNECTED


def test_relative_paths_are_taken_from_the_data_directory(
    settings: Settings, tmp_path: Path
) -> None:
    printer = make_printer(with_printer(settings, transport="file"), tmp_path)
    assert isinstance(printer, FilePrinter)
    assert printer.path == tmp_path / "printer.bin"
    absolute = with_printer(settings, transport="file", file_path="/dev/usb/lp0")
    printer = make_printer(absolute, tmp_path)
    assert isinstance(printer, FilePrinter)
    assert printer.path == Path("/dev/usb/lp0")


def test_status_of_a_port_given_on_the_command_line(
    settings: Settings, tmp_path: Path, fake_printer: FakeSerialPrinter
) -> None:
    fake_printer.mode = "cover_open"
    setup = with_printer(settings, serial=serial_settings("/dev/ttyUSB0"))  # virtual configured
    status = printer_status(setup, tmp_path, port=str(fake_printer.port), baudrate=38400)
    assert status.state == PrinterState.COVER_OPEN
    assert status.to_json() == {"state": "cover_open", "detail": status.detail}
