"""Live across processes, on SQLite and on PostgreSQL: a help request opened by the command line
shows in a running console, and a claim made in a running console (its own process, typed on
its own X display) shows on a running kiosk's now-serving strip, each within a second. Run with
`-s` to see the measured delays."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from kiosk.db.models import AuditEvent, HelpRequest
from kiosk.services import help_requests, staff_auth
from tests.support import STAFF_PIN, add_staff, around_the_clock_toml
from tests.ui.conftest import ARTIFACTS, StartConsole, start_xvfb
from tests.ui.conftest import Start as StartKiosk
from tests.ui.driver import frames, screenshot

pytestmark = pytest.mark.ui

CONSOLE_DISPLAY = "1280x800x24"


def config_file(folder: Path, *, console_place: str = "") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "kiosk.toml"
    text = around_the_clock_toml().replace('place = ""', f'place = "{console_place}"')
    path.write_text(text, encoding="utf-8")
    return path


def kiosk_command(*args: str, config: Path, data: Path) -> list[str]:
    """`kiosk` in a process of its own; the database comes from KIOSK_DATABASE_URL."""
    return [sys.executable, "-m", "kiosk", "--config", str(config), "--data-dir", str(data), *args]


def test_a_request_opened_at_the_command_line_is_in_a_running_console_within_a_second(
    database_url: str, start_console: StartConsole, tmp_path: Path
) -> None:
    # The console's clock stands at today, so it shows the day the command line opens in.
    console = start_console(at=datetime.now(UTC), url=database_url)
    add_staff(console.ctx, "anna")
    console.app.log_in(staff_auth.authenticate(console.ctx, "anna", STAFF_PIN))
    queue = console.app.screen("console_queue")
    deadline = time.monotonic() + 10
    while (queue.busy or console.app.runner.busy) and time.monotonic() < deadline:
        frames()
    assert queue._requests == []
    config = config_file(tmp_path / "cli")
    cli = subprocess.Popen(
        kiosk_command("help", "open", "housing_allowance", config=config, data=tmp_path / "cli"),
        env={**os.environ, "KIOSK_DATABASE_URL": database_url},
        stdout=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 30
    while not queue._requests and time.monotonic() < deadline:
        frames()
    frames()  # drawn
    shown_at = datetime.now(UTC)
    output, _ = cli.communicate(timeout=30)
    assert cli.returncode == 0 and "H001" in output
    (request,) = queue._requests
    # Opened just before its commit: the delay is at most this.
    delay = (shown_at - request.created_at).total_seconds()
    print(
        f"\n{console.ctx.engine.dialect.name}: opened at the CLI, in the console {delay:.3f} s later"
    )
    screenshot(ARTIFACTS / "live" / f"console-opened-at-cli-{console.ctx.engine.dialect.name}.png")
    assert delay < 1.0
    # And it alerts, as a new request.
    assert [alert.code for alert in console.app.alerts.pending] == ["H001"]


def wait_for(condition: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"waited {timeout} s for {what}")
        time.sleep(0.1)


def test_a_claim_typed_in_a_running_console_is_on_a_running_kiosk_within_a_second(
    database_url: str, start_kiosk: StartKiosk, tmp_path: Path
) -> None:
    if shutil.which("xdotool") is None:
        raise RuntimeError(
            "this test types into the console: install xdotool (apt install xdotool)"
        )
    kiosk = start_kiosk(at=datetime.now(UTC), url=database_url)
    add_staff(kiosk.ctx, "anna")
    help_requests.open_request(kiosk.ctx, "housing_allowance")
    strip = kiosk.app.screen("home").ids.strip
    # The console stands at the Lift computer: what it takes is called there.
    data = tmp_path / "console"
    config = config_file(data, console_place="lift")
    server, display = start_xvfb(CONSOLE_DISPLAY)
    env = {
        **os.environ,
        "DISPLAY": display,
        "KIOSK_DATABASE_URL": database_url,
        "SDL_AUDIODRIVER": "dummy",
        "HOME": str(tmp_path),
    }
    env.pop("KIVY_HOME", None)
    console = subprocess.Popen(
        kiosk_command("console", "--size", "1280x800", config=config, data=data),
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        log = data / "logs" / "console.log"
        wait_for(
            lambda: log.exists() and "Start application main loop" in log.read_text("utf-8"),
            60,
            "the console to start",
        )

        def keys(*args: str) -> None:
            subprocess.run(["xdotool", *args], env=env, check=True, timeout=30)

        keys("type", "--delay", "30", "anna")
        keys("key", "Tab")
        keys("type", "--delay", "30", STAFF_PIN)
        keys("key", "Return")

        def event(action: str) -> bool:
            with kiosk.ctx.reading() as session:
                found = session.scalars(select(AuditEvent.id).where(AuditEvent.action == action))
                return found.first() is not None

        wait_for(lambda: event("staff.login"), 20, "the login typed in the console")
        # C takes the request chosen in the list once the list is read: press it until it has.
        deadline = time.monotonic() + 20
        while not event("help.claim"):
            assert time.monotonic() < deadline, "the console did not take H001"
            keys("key", "c")
            time.sleep(0.5)
        deadline = time.monotonic() + 30
        while "H001" not in strip.items and time.monotonic() < deadline:
            frames()
        frames()  # drawn
        shown_at = datetime.now(UTC)
    finally:
        console.terminate()
        console.wait(timeout=30)
        server.terminate()
    assert "H001" in strip.items and "Lift-tietokone" in strip.items
    with kiosk.ctx.reading() as session:
        claimed = session.scalars(select(HelpRequest)).one()
    assert (claimed.claimed_by, claimed.place) == ("staff:anna", "lift")
    assert claimed.called_at is not None
    # Called just before its commit, in the console's process: the delay is at most this.
    delay = (shown_at - claimed.called_at).total_seconds()
    print(
        f"\n{kiosk.ctx.engine.dialect.name}: taken in the console, on the kiosk {delay:.3f} s later"
    )
    screenshot(ARTIFACTS / "live" / f"kiosk-claimed-in-console-{kiosk.ctx.engine.dialect.name}.png")
    assert delay < 1.0
