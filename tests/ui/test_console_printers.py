"""The console's Printers view and its alarms, run for real: a kiosk's printer running out of
paper in another process alarms in the console's alert area with the chime until acknowledged,
and goes when the printer works again; a silent kiosk reads as not known; screenshots in
Finnish and English."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime, timedelta

import pytest

from kiosk.services.printer_state import SILENT_AFTER, record_state
from tests.ui.conftest import ARTIFACTS, Console, StartConsole
from tests.ui.driver import frames, screenshot, settle, texts, wait_until
from tests.ui.test_console import key, logged_in

pytestmark = pytest.mark.ui

RECORD = """
import sys
from pathlib import Path
from kiosk.services.context import Context
from kiosk.services.printer_state import record_state
from tests.support import around_the_clock_toml, settings_from

ctx = Context.open(settings_from(around_the_clock_toml()), Path(sys.argv[2]), url=sys.argv[1])
ctx.device = sys.argv[3]
record_state(ctx, sys.argv[3], sys.argv[4], "Paper end sensor: out.")
ctx.engine.dispose()
"""


def kiosk_reports(console: Console, kiosk_id: str, state: str) -> None:
    """A kiosk's process records its printer's state, as the kiosk does on its printer's
    thread."""
    url = console.ctx.engine.url.render_as_string(hide_password=False)
    subprocess.run(
        [sys.executable, "-c", RECORD, url, str(console.data_dir / kiosk_id), kiosk_id, state],
        check=True,
        timeout=60,
    )


def open_printers(console: Console) -> None:
    key(console, "4", ctrl=True)
    assert console.app.current == "console_printers"
    settle(console.app)


def test_paper_out_in_another_process_alarms_with_the_chime_until_acknowledged(
    start_console: StartConsole,
) -> None:
    # On the real clock: the other process records on it.
    console = start_console(at=datetime.now(UTC))
    record_state(console.ctx, "lounge-1", "ok")
    logged_in(console)
    open_printers(console)
    alarms = console.app.printer_alerts
    assert list(alarms.pending) == [] and console.app.sounds.started == 0
    assert "lounge-1 · Working" in texts()

    kiosk_reports(console, "lounge-1", "paper_out")

    wait_until(lambda: bool(alarms.pending), console.app, timeout=5)
    settle(console.app)
    assert "Printer of lounge-1: Out of paper" in texts()
    assert "lounge-1 · Out of paper" in texts()
    assert "Put a new paper roll in the printer." in texts()
    assert console.app.sounds.started == 1
    screenshot(ARTIFACTS / "console" / "printer-alarm-en.png")

    key(console, "k", ctrl=True)  # acknowledged
    assert list(alarms.pending) == []
    assert "Printer of lounge-1: Out of paper" not in texts()
    # Still out of paper, and the view still says so; no new alarm for the same stop.
    frames(30)
    settle(console.app)
    assert "lounge-1 · Out of paper" in texts() and list(alarms.pending) == []

    # Paper in, then out again: a new stop, a new alarm.
    kiosk_reports(console, "lounge-1", "ok")
    wait_until(lambda: "lounge-1 · Working" in texts(), console.app, timeout=5)
    kiosk_reports(console, "lounge-1", "cover_open")
    wait_until(lambda: bool(alarms.pending), console.app, timeout=5)
    assert "Printer of lounge-1: The cover is open" in texts()


def test_an_alarm_goes_by_itself_when_the_printer_works_again(console: Console) -> None:
    logged_in(console)
    record_state(console.ctx, "lounge-2", "disconnected", "No printer on the port.")
    wait_until(lambda: bool(console.app.printer_alerts.pending), console.app, timeout=5)
    record_state(console.ctx, "lounge-2", "ok")
    wait_until(lambda: not console.app.printer_alerts.pending, console.app, timeout=5)


def test_a_silent_kiosk_reads_as_not_known_and_does_not_alarm(console: Console) -> None:
    record_state(console.ctx, "lounge-1", "paper_out")
    logged_in(console)
    open_printers(console)
    wait_until(lambda: bool(console.app.printer_alerts.pending), console.app, timeout=5)
    console.clock.advance(seconds=SILENT_AFTER.total_seconds())
    wait_until(lambda: not console.app.printer_alerts.pending, console.app, timeout=5)
    wait_until(
        lambda: "lounge-1 · Not known: the kiosk is not reporting" in texts(),
        console.app,
        timeout=10,
    )
    assert "Last report at 09:00" in texts()


@pytest.mark.parametrize("language", ["fi", "en"])
def test_printers_screenshots(console: Console, language: str) -> None:
    record_state(console.ctx, "lounge-1", "ok")
    record_state(console.ctx, "lounge-2", "paper_out", "Paper end sensor: out.")
    record_state(console.ctx, "nurse-window", "paper_low", "Paper near end.")
    console.clock.advance(seconds=(SILENT_AFTER + timedelta(minutes=5)).total_seconds())
    record_state(console.ctx, "lounge-1", "ok")
    record_state(console.ctx, "lounge-2", "paper_out", "Paper end sensor: out.")
    record_state(console.ctx, "upstairs", "cover_open", "Cover open.")
    logged_in(console)
    console.app.set_language(language)
    open_printers(console)
    frames(5)
    settle(console.app)
    # lounge-2's alarm and upstairs' in the alert area; nurse-window silent since.
    assert len(console.app.printer_alerts.pending) == 2
    screenshot(ARTIFACTS / "console" / f"printers-{language}.png")
