"""Helpers for the printer tests: a small configuration of their own, and fake printers.

The configuration is written here rather than read from kiosk/config/kiosk.toml, so a clinic's
changes to the shipped texts do not move the golden bytes. (The byte budgets are checked
against the shipped file too: that is where they must hold.)
"""

from __future__ import annotations

import contextlib
import os
import select
import socket
import threading
import time
from pathlib import Path

from kiosk.settings.loader import parse_settings
from kiosk.settings.schema import SerialSettings, Settings

SETTINGS_TOML = """
[clinic]
name = "Aula Lounge"
timezone = "Europe/Helsinki"
privacy_mode = true

[[services]]
id = "A"
names = { fi = "Lääkkeenjako", sv = "Läkemedelsutdelning", en = "Medication dispensing" }
windows = [1, 2]
hours = { mon = "07:30-11:30" }

[[services]]
id = "B"
names = { fi = "Hoitaja", sv = "Sjukskötare", en = "Nurse" }
windows = [3]
hours = { mon = "08:00-15:00" }

[help]
[[help.topics]]
id = "social_assistance"
names = { fi = "Toimeentulotuki", sv = "Utkomststöd", en = "Social assistance" }
guide_url = "https://www.kela.fi/toimeentulotuki-nain-haet"
checklist.fi = ["Kaikkien tilien tiliotteet kahdelta viime kuukaudelta", "Vuokrasopimus", "Laskut ja kuitit"]
checklist.sv = ["Kontoutdrag för alla konton för de två senaste månaderna", "Hyresavtal", "Räkningar och kvitton"]
checklist.en = ["Statements of all bank accounts for the last 2 months", "Rental agreement", "Bills and receipts"]

[[help.topics]]
id = "computer_help"
names = { fi = "Muu apu tietokoneella", sv = "Annan hjälp med datorn", en = "Other computer help" }

[printer]
transport = "virtual"
profile = "TM-T20II"
paper_width_mm = 80
code_page = "CP858"
native_qr = true
"""


def settings_for_tests() -> Settings:
    return parse_settings(SETTINGS_TOML, Path("tests/devices/helpers.py"))


def with_printer(settings: Settings, **changes: object) -> Settings:
    """The same settings with some printer keys changed (paper_width_mm=58, native_qr=False)."""
    return settings.model_copy(update={"printer": settings.printer.model_copy(update=changes)})


def with_clinic(settings: Settings, **changes: object) -> Settings:
    return settings.model_copy(update={"clinic": settings.clinic.model_copy(update=changes)})


def serial_settings(port: Path | str, **changes: object) -> SerialSettings:
    """Short time-outs, so every fault shows well inside the two seconds the issue allows."""
    values: dict[str, object] = {
        "port": str(port),
        "baudrate": 115200,
        "flow_control": "none",
        "write_timeout_s": 0.5,
        "status_timeout_s": 0.2,
    }
    values.update(changes)
    return SerialSettings.model_validate(values, strict=False)


# What an Epson answers to DLE EOT 1 (printer), 2 (offline cause) and 4 (paper sensor).
# Bits 1 and 4 are always set; see kiosk/devices/transports/status_bits.py.
ANSWERS: dict[str, dict[int, int] | None] = {
    "ok": {1: 0x12, 2: 0x12, 4: 0x12},
    "paper_low": {1: 0x12, 2: 0x12, 4: 0x1E},
    "paper_out": {1: 0x1A, 2: 0x32, 4: 0x72},
    "cover_open": {1: 0x1A, 2: 0x16, 4: 0x12},
    "offline": {1: 0x1A, 2: 0x52, 4: 0x12},  # offline with the error bit
    "silent": None,  # switched off, or a dead line: no answer at all
    "noise": {1: 0xFF, 2: 0xFF, 4: 0xFF},  # a wrong baud rate: bytes, but not status bytes
}


class StatusAnswering:
    """The printer side of DLE EOT: separates status queries from job bytes and answers them."""

    def __init__(self) -> None:
        self.mode = "ok"
        # Mode to switch to once job bytes arrive: the paper runs out while printing.
        self.mode_after_data: str | None = None
        self.received = bytearray()  # job bytes only, status queries taken out
        self.queries: list[int] = []
        self._tail = b""

    def take(self, data: bytes) -> bytes:
        """Record `data`; return the answers to send back."""
        buf, self._tail = self._tail + data, b""
        answers = bytearray()
        i = 0
        while i < len(buf):
            if buf[i] == 0x10 and (i + 1 >= len(buf) or buf[i + 1] == 0x04):
                if i + 2 >= len(buf):
                    self._tail = buf[i:]
                    break
                n = buf[i + 2]
                self.queries.append(n)
                table = ANSWERS[self.mode]
                if table is not None:
                    answers.append(table[n])
                i += 3
                continue
            self.received.append(buf[i])
            if self.mode_after_data is not None:
                self.mode, self.mode_after_data = self.mode_after_data, None
            i += 1
        return bytes(answers)


class FakeSerialPrinter(StatusAnswering):
    """A receipt printer at the far end of a real pty.

    The kiosk opens `port`, a symlink like /dev/serial/by-id/...: unplugging removes it and
    closes the pty; plugging back in makes a new pty behind the same name, as udev does.
    """

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.port = folder / "ttyPRINTER"
        self.stalled = False  # stops reading once job bytes arrive
        self._stall_on_data = False
        self._lock = threading.Lock()
        self._master: int | None = None
        self._slave: int | None = None
        self._stop = threading.Event()
        self.plug_in()
        self._thread = threading.Thread(target=self._serve, name="fake-printer", daemon=True)
        self._thread.start()

    def plug_in(self) -> None:
        master, slave = os.openpty()
        with self._lock:
            self._master, self._slave = master, slave
        self.port.unlink(missing_ok=True)
        self.port.symlink_to(os.ttyname(slave))

    def unplug(self) -> None:
        self.port.unlink(missing_ok=True)
        with self._lock:
            for fd in (self._master, self._slave):
                if fd is not None:
                    os.close(fd)
            self._master = self._slave = None

    def stall_when_data_arrives(self) -> None:
        """Answer status queries, then stop reading once the job starts: a jammed mechanism."""
        self._stall_on_data = True

    def resume(self) -> None:
        self._stall_on_data = False
        self.stalled = False

    def send_raw(self, data: bytes) -> None:
        """Bytes from the printer to the kiosk, e.g. XOFF (0x13) and XON (0x11)."""
        with self._lock:
            assert self._master is not None
            os.write(self._master, data)

    def slave_fd(self) -> int:
        assert self._slave is not None
        return self._slave

    def close(self) -> None:
        self._stop.set()
        self._thread.join(2)
        self.unplug()

    def _serve(self) -> None:
        while not self._stop.is_set():
            with self._lock:
                master = self._master
            if master is None or self.stalled:
                time.sleep(0.01)
                continue
            try:
                ready, _, _ = select.select([master], [], [], 0.02)
            except (OSError, ValueError):
                continue  # unplugged while waiting
            if not ready:
                continue
            with self._lock:
                if self._master != master:
                    continue
                try:
                    data = os.read(master, 4096)
                except OSError:
                    continue
                answers = self._take_until_jammed(data) if self._stall_on_data else self.take(data)
                if answers:
                    os.write(master, answers)

    def _take_until_jammed(self, data: bytes) -> bytes:
        """A printer that jams on the first byte of a job: a status query that came in the
        same read after that byte lies unanswered in the jammed printer's buffer."""
        answers = bytearray()
        for index in range(len(data)):
            before = len(self.received)
            answers += self.take(data[index : index + 1])
            if len(self.received) > before:
                self.stalled = True
                break
        return bytes(answers)


class FakeNetworkPrinter(StatusAnswering):
    """An Ethernet printer's raw port on 127.0.0.1, one connection at a time."""

    def __init__(self) -> None:
        super().__init__()
        self._server = socket.create_server(("127.0.0.1", 0))
        self._server.settimeout(0.05)
        self.port = self._server.getsockname()[1]
        self.connections = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, name="fake-net-printer", daemon=True)
        self._thread.start()

    def close(self) -> None:
        self._stop.set()
        self._thread.join(2)
        self._server.close()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._server.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.connections += 1
            with conn:
                conn.settimeout(0.05)
                while not self._stop.is_set():
                    try:
                        data = conn.recv(4096)
                    except TimeoutError:
                        continue
                    except OSError:
                        break
                    if not data:
                        break
                    answers = self.take(data)
                    if answers:
                        with contextlib.suppress(OSError):
                            conn.sendall(answers)
