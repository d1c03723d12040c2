"""Ways to get a job's bytes to paper: serial, network (raw TCP 9100), a file, the virtual printer.

Each is a `Printer`: `send(payload)` prints or raises `PrinterUnavailable`, `status()` asks.
The virtual printer (kiosk.devices.transports.virtual) is not imported here: it draws slips with
Pillow, which a command printing to a real printer need not load.
"""

from kiosk.devices.transports.base import Printer
from kiosk.devices.transports.file import FilePrinter
from kiosk.devices.transports.network import NetworkPrinter
from kiosk.devices.transports.serial_port import SerialPrinter

__all__ = ["FilePrinter", "NetworkPrinter", "Printer", "SerialPrinter"]
