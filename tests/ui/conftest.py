"""The UI tests run the real kiosk on a real window: under Xvfb when there is no display.

This file prepares Kivy when pytest first imports it, before any test module imports Kivy:
a display (Xvfb started here when DISPLAY is unset, so plain `pytest` works), KIVY_HOME in a
temporary folder (never ~/.kivy), and a 1920×1080 window. One window serves the whole session;
each test starts a fresh app on it with its own database, clock and printer.
"""

from __future__ import annotations

import atexit
import os
import select
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from kiosk.core.clock import FixedClock
from kiosk.settings.schema import Settings
from kiosk.ui.environment import WindowMode, prepare_kivy
from tests.support import TUESDAY_MORNING, around_the_clock_toml, migrated_context, settings_from

LANDSCAPE = (1920, 1080)
PORTRAIT = (1080, 1920)
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screens"


def start_xvfb(screen: str) -> tuple[subprocess.Popen[bytes], str]:
    """A new Xvfb server with one screen ("1920x1920x24"); returns it and its DISPLAY."""
    if shutil.which("Xvfb") is None:
        raise RuntimeError("the UI tests need a display: install Xvfb (apt install xvfb)")
    read_end, write_end = os.pipe()
    # -displayfd: Xvfb picks a free display number and writes it here once it is ready.
    server = subprocess.Popen(
        [
            "Xvfb",
            "-displayfd",
            str(write_end),
            "-screen",
            "0",
            screen,
            "-nolisten",
            "tcp",
            "-noreset",
        ],
        pass_fds=(write_end,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    # Xvfb writes the number and then a newline in a second write, and dies if the pipe is
    # closed in between: read up to the newline before closing.
    written = b""
    deadline = time.monotonic() + 20
    while not written.endswith(b"\n") and time.monotonic() < deadline:
        ready, _, _ = select.select([read_end], [], [], max(0.0, deadline - time.monotonic()))
        chunk = os.read(read_end, 16) if ready else b""
        if not chunk:
            break
        written += chunk
    os.close(read_end)
    number = written.decode().strip()
    if not number:
        server.kill()
        raise RuntimeError("Xvfb did not start within 20 s")
    return server, f":{number}"


def _start_xvfb() -> None:
    if os.environ.get("DISPLAY"):
        return
    server, display = start_xvfb("1920x1920x24")
    os.environ["DISPLAY"] = display
    atexit.register(server.terminate)


_start_xvfb()
# A real audio path without a sound card: SDL's dummy driver consumes the samples in real time,
# so a sound starts, plays for its length and stops as on a speaker.
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
_KIVY_DATA = Path(tempfile.mkdtemp(prefix="kiosk-ui-tests-"))
atexit.register(shutil.rmtree, _KIVY_DATA, True)
prepare_kivy(_KIVY_DATA, WindowMode(fullscreen=False, size=LANDSCAPE))

from kivy.core.window import Window  # noqa: E402 - only after prepare_kivy
from kivy.lang import global_idmap  # noqa: E402

from kiosk.devices.transports.base import Printer  # noqa: E402
from kiosk.devices.transports.virtual import VirtualPrinter  # noqa: E402
from kiosk.services.context import Context  # noqa: E402
from kiosk.ui.app import KioskApp  # noqa: E402
from kiosk.ui.board_app import BoardApp  # noqa: E402
from kiosk.ui.console_app import ConsoleApp  # noqa: E402
from tests.ui.driver import frames, settle, stop  # noqa: E402


class FakeTime:
    """A monotonic clock for the idle time-out and the staff gesture, moved on by the test."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@dataclass
class Kiosk:
    app: KioskApp
    ctx: Context
    clock: FixedClock
    time: FakeTime
    printer: Printer | None
    data_dir: Path


Start = Callable[..., Kiosk]


def set_window(size: tuple[int, int]) -> None:
    if tuple(Window.size) != size:
        Window.size = size
        frames(2)


def forget_stopped_app() -> None:
    """`app` in .kv rules is a proxy that remembers the first running app it finds; one test's
    stopped app must not answer for the next test's. (A real kiosk has one app per process.)"""
    object.__setattr__(global_idmap["app"], "_obj", None)


@pytest.fixture
def start_kiosk(tmp_path: Path) -> Iterator[Start]:
    started: list[Kiosk] = []

    def start(
        settings: Settings | None = None,
        *,
        printer: Printer | str | None = "virtual",
        at: datetime = TUESDAY_MORNING,
        size: tuple[int, int] = LANDSCAPE,
        url: str | None = None,
    ) -> Kiosk:
        """`url`: a database shared with another process (default: an SQLite file of its own)."""
        settings = settings or settings_from(around_the_clock_toml())
        clock = FixedClock(at)
        data_dir = tmp_path / f"kiosk-{len(started)}"
        url = url or f"sqlite:///{data_dir / 'kiosk.sqlite3'}"
        ctx = migrated_context(settings, data_dir, clock, url)
        ctx.device = settings.kiosk.id
        transport = (
            VirtualPrinter(settings.printer, data_dir / "printed")
            if printer == "virtual"
            else printer
        )
        assert not isinstance(transport, str)
        fake_time = FakeTime()
        app = KioskApp(ctx, transport, monotonic=fake_time, printer_poll_s=None)
        forget_stopped_app()
        set_window(size)
        app._run_prepare()
        kiosk = Kiosk(app, ctx, clock, fake_time, transport, data_dir)
        started.append(kiosk)
        settle(app)
        return kiosk

    yield start
    set_window(LANDSCAPE)
    for kiosk in started:
        stop(kiosk.app)


@pytest.fixture
def kiosk(start_kiosk: Start) -> Kiosk:
    return start_kiosk()


@dataclass
class Console:
    app: ConsoleApp
    ctx: Context
    clock: FixedClock
    time: FakeTime
    data_dir: Path


StartConsole = Callable[..., Console]


@pytest.fixture
def start_console(tmp_path: Path) -> Iterator[StartConsole]:
    """The staff console on this window, as `kiosk console` starts it, with its own database
    (or `url`, shared with another process), clock and monotonic time."""
    started: list[Console] = []

    def start(
        settings: Settings | None = None,
        *,
        at: datetime = TUESDAY_MORNING,
        size: tuple[int, int] = LANDSCAPE,
        url: str | None = None,
        device: str = "console-test",
    ) -> Console:
        settings = settings or settings_from(around_the_clock_toml())
        clock = FixedClock(at)
        data_dir = tmp_path / f"console-{len(started)}"
        url = url or f"sqlite:///{data_dir / 'kiosk.sqlite3'}"
        ctx = migrated_context(settings, data_dir, clock, url)
        ctx.device = device
        fake_time = FakeTime()
        app = ConsoleApp(ctx, monotonic=fake_time)
        forget_stopped_app()
        set_window(size)
        app._run_prepare()
        console = Console(app, ctx, clock, fake_time, data_dir)
        started.append(console)
        settle(app)
        return console

    yield start
    set_window(LANDSCAPE)
    for console in started:
        stop(console.app)


@pytest.fixture
def console(start_console: StartConsole) -> Console:
    return start_console()


@dataclass
class Board:
    app: BoardApp
    ctx: Context
    clock: FixedClock
    data_dir: Path


StartBoard = Callable[..., Board]


@pytest.fixture
def start_board(tmp_path: Path) -> Iterator[StartBoard]:
    """The lounge board on this window, as `kiosk board` starts it, with its own database (or
    `url`, shared with another process) and clock. `find` finds espeak-ng (default: the real
    one, when installed)."""
    started: list[Board] = []

    def start(
        settings: Settings | None = None,
        *,
        at: datetime = TUESDAY_MORNING,
        size: tuple[int, int] = LANDSCAPE,
        url: str | None = None,
        **options: Any,
    ) -> Board:
        settings = settings or settings_from(around_the_clock_toml())
        clock = FixedClock(at)
        data_dir = tmp_path / f"board-{len(started)}"
        url = url or f"sqlite:///{data_dir / 'kiosk.sqlite3'}"
        ctx = migrated_context(settings, data_dir, clock, url)
        ctx.device = "board-test"
        app = BoardApp(ctx, **options)
        forget_stopped_app()
        set_window(size)
        app._run_prepare()
        board = Board(app, ctx, clock, data_dir)
        started.append(board)
        settle(app)
        return board

    yield start
    set_window(LANDSCAPE)
    for board in started:
        stop(board.app)
