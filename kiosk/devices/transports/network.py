"""An Ethernet receipt printer: raw TCP, usually port 9100, one connection per job.

Such printers serve one connection at a time, so the connection is closed after every job and
a staff PC can print to the same printer in between.
"""

from __future__ import annotations

import contextlib
import fcntl
import socket
import struct
import termios

from kiosk.devices.states import PrinterState, PrinterStatus
from kiosk.devices.transports.stream import (
    Link,
    LinkBroken,
    LinkStalled,
    StreamPrinter,
    wait_for_progress,
)
from kiosk.settings.schema import NetworkPrinterSettings

_CHUNK = 1024


class SocketLink:
    def __init__(self, sock: socket.socket, address: str) -> None:
        self._sock = sock
        self._address = address

    def write(self, data: bytes, timeout: float) -> None:
        # sendall's time-out covers the whole call; per chunk it means "no progress for this long".
        self._sock.settimeout(timeout)
        try:
            for start in range(0, len(data), _CHUNK):
                self._sock.sendall(data[start : start + _CHUNK])
        except TimeoutError:
            raise LinkStalled from None
        except OSError as error:
            raise LinkBroken(_lost(self._address, error)) from None

    def read_byte(self, timeout: float) -> int | None:
        self._sock.settimeout(timeout)
        try:
            data = self._sock.recv(1)
        except TimeoutError:
            return None
        except OSError as error:
            raise LinkBroken(_lost(self._address, error)) from None
        if not data:
            raise LinkBroken(_lost(self._address, ConnectionResetError("closed by the printer")))
        return data[0]

    def discard_input(self) -> None:
        self._sock.setblocking(False)
        try:
            while self._sock.recv(256):
                pass
        except (BlockingIOError, InterruptedError):
            pass
        except OSError as error:
            raise LinkBroken(_lost(self._address, error)) from None

    def wait_until_sent(self, timeout: float) -> None:
        # Linux counts bytes the printer has not acknowledged yet (SIOCOUTQ, same number as
        # TIOCOUTQ); where that is unavailable, a sent job is taken as delivered.
        def pending() -> int:
            try:
                raw = fcntl.ioctl(self._sock.fileno(), termios.TIOCOUTQ, b"\0\0\0\0")
            except OSError:
                return 0
            return struct.unpack("i", raw)[0]

        wait_for_progress(pending, timeout)

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self._sock.close()


class NetworkPrinter(StreamPrinter):
    keep_open = False

    def __init__(self, settings: NetworkPrinterSettings, status_timeout: float = 0.5) -> None:
        super().__init__(write_timeout=settings.timeout_s, status_timeout=status_timeout)
        self.settings = settings
        self.address = f"{settings.host}:{settings.port}"

    def _open(self) -> Link:
        s = self.settings
        try:
            sock = socket.create_connection((s.host, s.port), timeout=s.timeout_s)
        except TimeoutError:
            raise LinkBroken(
                PrinterStatus(
                    PrinterState.OFFLINE,
                    f"The network printer at {self.address} does not answer. Check that it "
                    "is switched on and its network cable is in.",
                )
            ) from None
        except OSError as error:
            raise LinkBroken(
                PrinterStatus(
                    PrinterState.DISCONNECTED,
                    f"Cannot reach the network printer at {self.address} ({error.strerror or error}).",
                )
            ) from None
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return SocketLink(sock, self.address)


def _lost(address: str, error: Exception) -> PrinterStatus:
    return PrinterStatus(
        PrinterState.DISCONNECTED,
        f"The connection to the network printer at {address} was lost ({error}).",
    )
