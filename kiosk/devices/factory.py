"""From the configuration to a printer: which transport, where its files go, how to ask it."""

from __future__ import annotations

from pathlib import Path

from kiosk.devices.states import PrinterState, PrinterStatus
from kiosk.devices.transports import (
    FilePrinter,
    NetworkPrinter,
    Printer,
    SerialPrinter,
)
from kiosk.settings.schema import Settings

NOT_CONFIGURED = "No printer is configured (printer.transport = none)."


def make_printer(settings: Settings, data_dir: Path) -> Printer | None:
    """The configured printer; None when printer.transport is "none"."""
    printer = settings.printer
    if printer.transport == "serial":
        return SerialPrinter(printer.serial)
    if printer.transport == "network":
        return NetworkPrinter(printer.network)
    if printer.transport == "file":
        return FilePrinter(_in_data_dir(data_dir, printer.file_path))
    if printer.transport == "virtual":
        # It draws with Pillow: loaded only where it is configured.
        from kiosk.devices.transports.virtual import VirtualPrinter

        return VirtualPrinter(printer, _in_data_dir(data_dir, printer.virtual_dir))
    return None


def printer_status(
    settings: Settings,
    data_dir: Path,
    *,
    port: str | None = None,
    baudrate: int | None = None,
) -> PrinterStatus:
    """Ask the configured printer how it is. A `port` or `baudrate` asks that serial port
    instead, whatever transport is configured (`kiosk printer status --port /dev/ttyUSB1`)."""
    if port is not None or baudrate is not None:
        serial_settings = settings.printer.serial.model_copy(
            update={
                key: value
                for key, value in (("port", port), ("baudrate", baudrate))
                if value is not None
            }
        )
        printer: Printer | None = SerialPrinter(serial_settings)
    else:
        printer = make_printer(settings, data_dir)
    if printer is None:
        return PrinterStatus(PrinterState.DISCONNECTED, NOT_CONFIGURED)
    try:
        return printer.status()
    finally:
        printer.close()


def _in_data_dir(data_dir: Path, path: str) -> Path:
    return Path(path) if Path(path).is_absolute() else data_dir / path
