"""A receipt printer on a serial line, through pyserial with the clinic's exact line settings.

python-escpos has a Serial class, but it offers no write time-out, no RTS/CTS or XON/XOFF choice
and no way back after the cable is pulled; this one does all three. (pyserial's `dsrdtr` gives no
flow control at all on Linux, so it is never used.)
"""

from __future__ import annotations

import contextlib
import errno
import select
import termios

import serial

from kiosk.devices.states import PrinterState, PrinterStatus
from kiosk.devices.transports.stream import (
    Link,
    LinkBroken,
    LinkStalled,
    StreamPrinter,
    wait_for_progress,
)
from kiosk.settings.schema import SerialSettings

_GONE = {errno.ENOENT, errno.ENODEV, errno.ENXIO}
_IN_USE = {errno.EAGAIN, errno.EWOULDBLOCK, errno.EBUSY}
# termios.error is not an OSError: flushing an unplugged tty raises it.
_IO_ERRORS = (serial.SerialException, OSError, termios.error)


class SerialLink:
    def __init__(self, port: serial.Serial, baudrate: int) -> None:
        self._port = port
        self._baudrate = baudrate

    def write(self, data: bytes, timeout: float) -> None:
        # pyserial's write time-out covers a whole call, so a large job at 9600 baud would
        # "time out" while printing fine. Chunks of half the time-out's worth of bytes make the
        # time-out mean what the setting says: this long without the printer taking anything.
        chunk = max(16, int(self._baudrate / 10 * timeout / 2))
        try:
            # pyserial rewrites the tty settings on each change: only when it differs.
            if self._port.write_timeout != timeout:
                self._port.write_timeout = timeout
            for start in range(0, len(data), chunk):
                self._port.write(data[start : start + chunk])
        except serial.SerialTimeoutException:
            raise LinkStalled from None
        except _IO_ERRORS as error:
            raise LinkBroken(_lost(self._port.port, error)) from None

    def read_byte(self, timeout: float) -> int | None:
        # select() here rather than pyserial's read time-out, which rewrites the tty settings
        # each time it changes.
        try:
            ready, _, _ = select.select([self._port.fileno()], [], [], timeout)
            data = self._port.read(1) if ready else b""
        except _IO_ERRORS as error:
            raise LinkBroken(_lost(self._port.port, error)) from None
        return data[0] if data else None

    def discard_input(self) -> None:
        try:
            self._port.reset_input_buffer()
        except _IO_ERRORS as error:
            raise LinkBroken(_lost(self._port.port, error)) from None

    def wait_until_sent(self, timeout: float) -> None:
        def pending() -> int:
            try:
                return self._port.out_waiting
            except _IO_ERRORS as error:
                raise LinkBroken(_lost(self._port.port, error)) from None

        wait_for_progress(pending, timeout)

    def close(self) -> None:
        # Closing a tty waits for unsent output to drain, up to 30 s on most drivers, which a
        # stalled printer never lets happen: throw the unsent bytes away first.
        with contextlib.suppress(*_IO_ERRORS):
            self._port.reset_output_buffer()
        with contextlib.suppress(*_IO_ERRORS):
            self._port.close()


class SerialPrinter(StreamPrinter):
    def __init__(self, settings: SerialSettings) -> None:
        super().__init__(
            write_timeout=settings.write_timeout_s, status_timeout=settings.status_timeout_s
        )
        self.settings = settings

    def _open(self) -> Link:
        s = self.settings
        try:
            port = serial.Serial(
                port=s.port,
                baudrate=s.baudrate,
                bytesize=s.bytesize,
                parity=s.parity,
                stopbits=s.stopbits,
                rtscts=s.flow_control == "rtscts",
                xonxoff=s.flow_control == "xonxoff",
                dsrdtr=False,
                timeout=s.status_timeout_s,
                write_timeout=s.status_timeout_s,
                # Another program (or a second kiosk process) writing at the same time would
                # interleave two slips on one paper.
                exclusive=True,
            )
        except (*_IO_ERRORS, ValueError) as error:
            raise LinkBroken(_cannot_open(s.port, error)) from None
        return SerialLink(port, s.baudrate)


def _cannot_open(port: str, error: Exception) -> PrinterStatus:
    code = getattr(error, "errno", None)
    if code in _GONE:
        return PrinterStatus(
            PrinterState.DISCONNECTED,
            f"The printer port {port} is not there. Check the printer's cable.",
        )
    if code == errno.EACCES:
        return PrinterStatus(
            PrinterState.DISCONNECTED,
            f"No permission to open {port}. Add the kiosk's user to the dialout group.",
        )
    if code in _IN_USE:
        return PrinterStatus(
            PrinterState.OFFLINE, f"Another program is using {port}. Close it and try again."
        )
    return PrinterStatus(PrinterState.DISCONNECTED, f"Cannot open {port}: {error}")


def _lost(port: str | None, error: Exception) -> PrinterStatus:
    return PrinterStatus(
        PrinterState.DISCONNECTED,
        f"The connection to the printer on {port} was lost ({error}). Check the cable.",
    )
