"""`kiosk run` and `kiosk demo` start the real kiosk; SIGTERM stops it cleanly."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from kivy.config import Config
from sqlalchemy import create_engine, func, select

from kiosk.cli.run_commands import demo_window
from kiosk.db.models import Ticket
from kiosk.db.worker_models import Shift, Worker
from kiosk.settings.schema import ScreenSettings
from kiosk.ui.environment import WindowMode, _configure_window
from tests.ui.conftest import LANDSCAPE

pytestmark = pytest.mark.ui
REPO = Path(__file__).resolve().parents[2]


def kiosk_command(*args: str, home: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "HOME": str(home), "XDG_DATA_HOME": str(home / "data")}
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


def stop_when_running(process: subprocess.Popen[str], log: Path, timeout: float = 60) -> str:
    """Wait for the main loop to start (its line in the kiosk's log), then send SIGTERM as
    systemd would; return everything the kiosk printed."""
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


def test_the_demo_window_fits_a_laptop_in_the_panel_s_shape() -> None:
    assert demo_window(ScreenSettings(width_px=1920, height_px=1080)) == (1280, 720)
    assert demo_window(ScreenSettings(width_px=1080, height_px=1920)) == (506, 900)
