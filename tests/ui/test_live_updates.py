"""Live updates on the running kiosk: a change made by another process shows within a second,
a busy database does not make screens re-read many times a second, and stopping stops it."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import text

from kiosk.services import tickets
from kiosk.ui.live_updates import REST_S, LiveUpdates
from tests.support import around_the_clock_toml
from tests.ui.conftest import ARTIFACTS, Kiosk, Start
from tests.ui.driver import frames, screenshot

pytestmark = pytest.mark.ui


def turn_frames_for(seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        frames()


def test_a_number_called_from_the_command_line_is_on_the_strip_within_a_second(
    database_url: str, start_kiosk: Start, tmp_path: Path
) -> None:
    # The kiosk's clock stands at today, so it shows the day the command line calls in.
    kiosk = start_kiosk(at=datetime.now(UTC), url=database_url)
    tickets.take_number(kiosk.ctx, "A")
    config = tmp_path / "kiosk.toml"
    config.write_text(around_the_clock_toml(), encoding="utf-8")
    strip = kiosk.app.screen("home").ids.strip
    assert "A001" not in strip.items
    command = [sys.executable, "-m", "kiosk", "--config", str(config), "--data-dir", str(tmp_path)]
    cli = subprocess.Popen(
        [*command, "ticket", "call", "--window", "2"],
        env={**os.environ, "KIOSK_DATABASE_URL": database_url},
        stdout=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 30
    while "A001" not in strip.items and time.monotonic() < deadline:
        frames()
    frames()  # drawn
    shown_at = datetime.now(UTC)
    answer, _ = cli.communicate(timeout=30)
    assert cli.returncode == 0 and "A001" in answer
    assert "A001" in strip.items
    # The call's own time is taken just before its commit: the delay is at most this.
    (called,) = tickets.now_serving(kiosk.ctx)
    delay = (shown_at - called.called_at).total_seconds()
    print(
        f"\n{kiosk.ctx.engine.dialect.name}: called from the CLI, on the strip {delay:.3f} s later"
    )
    screenshot(ARTIFACTS / "live" / f"home-called-from-cli-{kiosk.ctx.engine.dialect.name}.png")
    assert delay < 1.0


def listening(kiosk: Kiosk) -> int:
    with kiosk.ctx.engine.connect() as connection:
        return int(
            connection.scalar(
                text(
                    "SELECT count(*) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND query LIKE 'LISTEN%'"
                )
            )
        )


def test_a_stream_of_commits_is_told_a_few_times_on_the_main_loop_and_not_after_stop(
    database_url: str, start_kiosk: Start
) -> None:
    kiosk = start_kiosk(url=database_url)
    postgres = kiosk.ctx.engine.dialect.name == "postgresql"
    live = LiveUpdates(kiosk.ctx.engine)
    told: list[bool] = []
    live.subscribe(lambda: told.append(threading.current_thread() is threading.main_thread()))
    live.start()
    try:
        deadline = time.monotonic() + 5
        while not told and time.monotonic() < deadline:
            frames()
        turn_frames_for(0.3)
        assert told == [True]  # connecting counts as a change
        told.clear()
        started = time.monotonic()
        for _ in range(15):
            tickets.take_number(kiosk.ctx, "A")
            time.sleep(0.1)
        stream = time.monotonic() - started
        turn_frames_for(1.0)
        # Fifteen commits over a second and a half: told at most once per rest, never on a
        # thread of its own.
        assert 1 <= len(told) <= stream / REST_S + 2
        assert all(told)
        listeners = listening(kiosk) if postgres else 0
    finally:
        live.stop()
    told.clear()
    tickets.take_number(kiosk.ctx, "A")
    turn_frames_for(0.5)
    assert told == []
    if postgres:
        assert listening(kiosk) == listeners - 1  # its connection is closed
