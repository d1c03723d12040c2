"""`kiosk console`: its options, and the device name it logs in the audit log."""

from __future__ import annotations

import subprocess
import sys

import pytest

from kiosk.cli.console_commands import DEVICE_MAX_LENGTH, console_device
from kiosk.core.actor import Actor
from tests.support import default_toml, settings_from


def test_console_help_names_its_options_and_needs_no_display() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "kiosk", "console", "--help"],
        capture_output=True,
        text=True,
        timeout=60,
        env={"PATH": "/usr/bin:/bin", "HOME": "/nonexistent"},
    )
    assert result.returncode == 0, result.stderr
    for option in ("--size", "--fullscreen", "--config", "--data-dir"):
        assert option in result.stdout


def test_the_device_is_the_configured_console_id() -> None:
    settings = settings_from(default_toml().replace('id = ""', 'id = "nurses-room"', 1))
    assert console_device(settings, "ANY-HOST") == "nurses-room"


@pytest.mark.parametrize(
    ("host", "device"),
    [
        ("pc-anna", "console-pc-anna"),
        # A Windows name with spaces, a domain name running on: the characters and the length
        # an audit log's device (and "kiosk:<device>" as its actor) can hold.
        ("Sari's PC", "console-Sari-s-PC"),
        ("WS-0042.sote.example-hyvinvointialue.fi", "console-WS-0042.sote.exa"),
        ("", "console-pc"),
        ("äö", "console-pc"),
    ],
)
def test_without_an_id_the_device_is_console_and_the_host_name(host: str, device: str) -> None:
    settings = settings_from(default_toml())
    assert settings.console.id == ""
    made = console_device(settings, host)
    assert made == device
    assert len(made) <= DEVICE_MAX_LENGTH
    assert Actor.parse(f"kiosk:{made}").id == made
