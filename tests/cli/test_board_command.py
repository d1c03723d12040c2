"""`kiosk board`: its options, its device name, and a screen that is not there."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from kiosk.cli.board_commands import board_device
from kiosk.cli.console_commands import DEVICE_MAX_LENGTH
from tests.support import default_toml, settings_from


def kiosk(*args: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kiosk", "--data-dir", str(data_dir), *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={
            "PATH": "/usr/bin:/bin",
            "HOME": "/nonexistent",
            **({"DISPLAY": os.environ["DISPLAY"]} if "DISPLAY" in os.environ else {}),
        },
    )


def test_board_help_names_its_options(tmp_path: Path) -> None:
    result = kiosk("board", "--help", data_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    for option in ("--screen", "--size", "--fullscreen", "--config", "--data-dir"):
        assert option in result.stdout


def test_a_screen_that_is_not_there_is_refused_in_one_line(tmp_path: Path) -> None:
    result = kiosk("board", "--screen", "9", data_dir=tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "kiosk: there is no screen 9 on this computer; leave --screen out for the primary "
        "screen, or check `xrandr`"
    )


def test_the_device_is_the_configured_board_id_else_board_and_the_host_name() -> None:
    settings = settings_from(default_toml())
    assert board_device(settings, "lounge-pi") == "board-lounge-pi"
    long_name = board_device(settings, "tv-computer.lounge.example-hyvinvointialue.fi")
    assert len(long_name) <= DEVICE_MAX_LENGTH
    named = settings_from(
        default_toml().replace(
            "[board]\n# Its name in the logs: up to 24 letters, digits, . _ -; "
            'empty: board-<this computer\'s name>.\nid = ""',
            '[board]\nid = "lounge-tv"',
        )
    )
    assert board_device(named, "lounge-pi") == "lounge-tv"
