"""`kiosk run` and `kiosk demo` start the real kiosk; SIGTERM stops it cleanly."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from kivy.config import Config
from PIL import ImageGrab
from sqlalchemy import create_engine, func, select

from kiosk.cli.run_commands import demo_window
from kiosk.db.models import Ticket
from kiosk.db.worker_models import Shift, Worker
from kiosk.settings.schema import ScreenSettings
from kiosk.ui import theme
from kiosk.ui.display import Display
from kiosk.ui.environment import WindowMode, _configure_window
from tests.ui.conftest import ARTIFACTS, LANDSCAPE, start_xvfb

pytestmark = pytest.mark.ui
REPO = Path(__file__).resolve().parents[2]


def kiosk_command(*args: str, home: Path, display: str | None = None) -> subprocess.Popen[str]:
    env = {**os.environ, "HOME": str(home), "XDG_DATA_HOME": str(home / "data")}
    if display is not None:
        env["DISPLAY"] = display
    env.pop("KIOSK_DATABASE_URL", None)
    env.pop("KIVY_HOME", None)
    return subprocess.Popen(
        [sys.executable, "-m", "kiosk", *args],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def wait_until_running(process: subprocess.Popen[str], log: Path, timeout: float = 60) -> None:
    """Wait for the main loop to start (its line in the kiosk's log) and draw its first frames."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if log.exists() and "Start application main loop" in log.read_text(encoding="utf-8"):
            break
        if process.poll() is not None:
            break
        time.sleep(0.2)
    else:
        process.kill()
        pytest.fail(f"the kiosk did not start within {timeout} s")
    time.sleep(0.5)


def stop_when_running(process: subprocess.Popen[str], log: Path, timeout: float = 60) -> str:
    """Wait for the main loop to start, then send SIGTERM as systemd would; return everything
    the kiosk printed."""
    wait_until_running(process, log, timeout)
    process.send_signal(signal.SIGTERM)
    output, _ = process.communicate(timeout=20)
    return output


def test_kiosk_demo_runs_with_a_fresh_demo_database_and_stops_on_sigterm(tmp_path: Path) -> None:
    data = tmp_path / "demo"
    process = kiosk_command("demo", "--data-dir", str(data), "--size", "960x540", home=tmp_path)
    output = stop_when_running(process, data / "logs" / "kiosk.log")
    assert process.returncode == 0, output
    assert "stopping on signal SIGTERM" in (data / "logs" / "kiosk.log").read_text()
    # The demo keeps its database and Kivy's files in DIR, and writes nothing to ~/.kivy.
    assert (data / "kiosk.sqlite3").exists() and (data / "kivy" / "config.ini").exists()
    assert not (tmp_path / ".kivy").exists()
    assert f"printed slips go to {data / 'printed'}" in output
    engine = create_engine(f"sqlite:///{data / 'kiosk.sqlite3'}")
    with engine.connect() as connection:
        assert connection.scalar(select(func.count()).select_from(Ticket)) == 6  # the seed
        assert connection.scalar(select(func.count()).select_from(Worker)) == 1
        assert connection.scalar(select(func.count()).select_from(Shift)) == 3
    engine.dispose()
    assert "peer worker sign-in with number 7, PIN 2468" in output


def test_kiosk_run_starts_full_screen_on_a_migrated_database(tmp_path: Path) -> None:
    data = tmp_path / "kiosk"
    upgrade = kiosk_command("db", "upgrade", "--data-dir", str(data), home=tmp_path)
    assert upgrade.wait(60) == 0
    process = kiosk_command("run", "--data-dir", str(data), home=tmp_path)
    output = stop_when_running(process, data / "logs" / "kiosk.log")
    assert process.returncode == 0, output


def test_kiosk_console_opens_its_window_without_a_printer_and_stops_on_sigterm(
    tmp_path: Path,
) -> None:
    data = tmp_path / "console"
    upgrade = kiosk_command("db", "upgrade", "--data-dir", str(data), home=tmp_path)
    assert upgrade.wait(60) == 0
    process = kiosk_command("console", "--data-dir", str(data), "--size", "1280x800", home=tmp_path)
    log = data / "logs" / "console.log"
    output = stop_when_running(process, log)
    assert process.returncode == 0, output
    written = log.read_text(encoding="utf-8")
    assert "stopping on signal SIGTERM" in written
    # No printer is asked for, and the kiosk's own log is not the console's.
    assert "printer" not in written.lower()
    assert not (data / "logs" / "kiosk.log").exists()


def test_kiosk_console_refuses_a_database_that_is_not_set_up(tmp_path: Path) -> None:
    process = kiosk_command("console", "--data-dir", str(tmp_path / "x"), home=tmp_path)
    output, _ = process.communicate(timeout=60)
    assert process.returncode == 2
    assert "run `kiosk db upgrade` first" in output


def test_kiosk_run_refuses_a_database_that_is_not_set_up(tmp_path: Path) -> None:
    process = kiosk_command("run", "--windowed", "--data-dir", str(tmp_path / "x"), home=tmp_path)
    output, _ = process.communicate(timeout=60)
    assert process.returncode == 2
    assert "run `kiosk db upgrade` first" in output


def test_full_screen_means_borderless_without_a_cursor_and_no_exit_on_escape() -> None:
    try:
        _configure_window(WindowMode(fullscreen=True, size=LANDSCAPE))
        assert Config.get("graphics", "fullscreen") == "auto"
        assert Config.get("graphics", "borderless") == "1"
        assert Config.get("graphics", "show_cursor") == "0"
        assert Config.get("kivy", "exit_on_escape") == "0"
    finally:
        _configure_window(WindowMode(fullscreen=False, size=LANDSCAPE))


def test_the_demo_window_fits_the_screen_it_opens_on_turned_its_way() -> None:
    landscape_panel = ScreenSettings(width_px=1920, height_px=1080)
    portrait_panel = ScreenSettings(width_px=1080, height_px=1920)
    full_hd, laptop = Display(0, 0, 1920, 1080), Display(0, 0, 1366, 768)
    assert demo_window(landscape_panel, full_hd) == (1632, 918)
    assert demo_window(landscape_panel, laptop) == (1161, 653)
    # A portrait screen gets the portrait layout, whichever way the panel is configured.
    assert demo_window(landscape_panel, Display(0, 0, 1080, 1920)) == (918, 1632)
    assert demo_window(portrait_panel, full_hd) == (1632, 918)
    # Never larger than the panel itself; a laptop's size when the screen cannot be asked.
    assert demo_window(landscape_panel, Display(0, 0, 3840, 2160)) == (1920, 1080)
    assert demo_window(landscape_panel, None) == (1280, 720)
    assert demo_window(portrait_panel, None) == (506, 900)


@pytest.fixture(scope="module")
def portrait_screen() -> Iterator[str]:
    """A 1080×1920 screen of its own, as on a portrait kiosk panel."""
    server, display = start_xvfb("1080x1920x24")
    yield display
    server.terminate()
    server.wait(10)


def test_kiosk_run_fills_a_portrait_screen_without_being_told(
    tmp_path: Path, portrait_screen: str
) -> None:
    data = tmp_path / "kiosk"
    assert kiosk_command("db", "upgrade", "--data-dir", str(data), home=tmp_path).wait(60) == 0
    process = kiosk_command("run", "--data-dir", str(data), home=tmp_path, display=portrait_screen)
    log = data / "logs" / "kiosk.log"
    wait_until_running(process, log)
    shot = ImageGrab.grab(xdisplay=portrait_screen).convert("RGB")
    process.send_signal(signal.SIGTERM)
    output, _ = process.communicate(timeout=20)
    assert process.returncode == 0, output
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shot.save(ARTIFACTS / "run-portrait-screen.png")
    # Corner to corner the kiosk's page, not the black screen around a smaller window.
    page = tuple(round(channel * 255) for channel in theme.PAGE[:3])
    corners = [(0, 0), (1079, 0), (0, 1919), (1079, 1919)]
    assert [shot.getpixel(corner) for corner in corners] == [page] * 4
    # The panel is the configured one turned upright: its millimetres still hold.
    assert "kiosk.screen says" not in log.read_text(encoding="utf-8")


def test_kiosk_demo_opens_a_window_that_fits_a_portrait_screen(
    tmp_path: Path, portrait_screen: str
) -> None:
    data = tmp_path / "demo"
    process = kiosk_command("demo", "--data-dir", str(data), home=tmp_path, display=portrait_screen)
    wait_until_running(process, data / "logs" / "kiosk.log")
    shot = ImageGrab.grab(xdisplay=portrait_screen).convert("L")
    process.send_signal(signal.SIGTERM)
    output, _ = process.communicate(timeout=20)
    assert process.returncode == 0, output
    # Whatever is not the black screen around it is the window.
    window = shot.point(lambda value: 255 if value > 10 else 0).getbbox()
    assert window is not None, "no window on the screen"
    left, top, right, bottom = window
    assert (right - left, bottom - top) == (918, 1632)
