"""The lounge board: calls large and in order, heard as a chime and spoken words, the queues,
the clock, activities, the count of peer workers on duty, privacy mode, and a calm grey state
while the database is away."""

from __future__ import annotations

import dataclasses
import logging
import os
import shutil
import subprocess
import sys
import time
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from kiosk.devices.speech import find_speech
from kiosk.screens.board.now_serving import GLOW_REST, MIN_NUMBER_SHARE, BoardNowServingScreen
from kiosk.services import help_requests, sign_in_out, tickets, worker_auth, workers
from kiosk.ui.sound import CHIME
from tests.support import CLI, POSTGRES_URL, around_the_clock_toml, settings_from
from tests.ui.conftest import ARTIFACTS, LANDSCAPE, PORTRAIT, Board, StartBoard
from tests.ui.driver import frames, screen_text, screenshot, settle, wait_until

pytestmark = pytest.mark.ui

needs_espeak = pytest.mark.skipif(
    shutil.which("espeak-ng") is None,
    reason="espeak-ng is not installed (apt install espeak-ng; scripts/run-tests installs it)",
)


def no_speech(*_args: object) -> None:
    return None


def board_toml(**board: str) -> str:
    """The around-the-clock configuration with these `[board]` keys set (language="en")."""
    before, board_section = around_the_clock_toml().split("\n[board]\n", 1)
    for key, value in board.items():
        board_section = board_section.replace(f'\n{key} = ""', f'\n{key} = "{value}"', 1)
    return f"{before}\n[board]\n{board_section}"


def screen_of(board: Board) -> BoardNowServingScreen:
    screen = board.app.screen("board_now_serving")
    assert isinstance(screen, BoardNowServingScreen)
    return screen


def call(board: Board, window: int) -> str:
    """Call the next number to `window` a few seconds after the last call."""
    board.clock.advance(seconds=5)
    called = tickets.call_next(board.ctx, window, by=CLI)
    assert called is not None
    return called.code


def take(board: Board, count: int, service: str = "A") -> None:
    for _ in range(count):
        tickets.take_number(board.ctx, service)


def newest_code(board: Board) -> str:
    screen = screen_of(board)
    return screen.ids.newest.code if screen.has_calls else ""


@pytest.mark.parametrize("language", ["fi", "en"])
@pytest.mark.parametrize("size", [LANDSCAPE, PORTRAIT], ids=["landscape", "portrait"])
def test_the_board_shows_calls_large_in_both_layouts_and_languages(
    start_board: StartBoard, language: str, size: tuple[int, int]
) -> None:
    board = start_board(settings_from(board_toml(language=language)), size=size, find=no_speech)
    take(board, 2)
    take(board, 2, "B")
    call(board, 1)
    call(board, 3)
    request = help_requests.open_request(board.ctx, "housing_allowance")
    board.clock.advance(seconds=5)
    help_requests.call(board.ctx, request.code, "lift", by=CLI)
    wait_until(lambda: newest_code(board) == "H001", board.app)
    settle(board.app)
    frames(3)
    screen = screen_of(board)
    height = size[1]
    rows = [screen.ids.newest, *screen.ids.others.children]
    assert sorted(row.code for row in screen.ids.others.children) == ["A001", "B001"]
    lift = "Lift-tietokone" if language == "fi" else "Lift computer"
    assert screen.ids.newest.where == lift
    if size == LANDSCAPE:
        # Readable from 5 m: the called numbers' capitals at least a sixth of the screen.
        assert screen.number_cap_height >= height * MIN_NUMBER_SHARE
    # The whole code is on the glass, not cut or shortened.
    for row in rows:
        label = next(c for c in row.walk() if getattr(c, "text", None) == row.code)
        assert label.right <= row.right and label.texture_size[0] <= label.width + 1
    words = screen_text()
    assert ("Nyt vuorossa" if language == "fi" else "Now serving") in words
    assert board.app.clock_text in words
    name = "landscape" if size == LANDSCAPE else "portrait"
    screenshot(ARTIFACTS / "board" / f"board-{name}-{language}.png")


def test_a_number_called_from_another_process_is_on_the_board_within_a_second(
    database_url: str, start_board: StartBoard, tmp_path: Path
) -> None:
    board = start_board(at=datetime.now(UTC), url=database_url, find=no_speech)
    take(board, 1)
    settle(board.app)
    config = tmp_path / "kiosk.toml"
    config.write_text(around_the_clock_toml(), encoding="utf-8")
    command = [sys.executable, "-m", "kiosk", "--config", str(config), "--data-dir", str(tmp_path)]
    cli = subprocess.Popen(
        [*command, "ticket", "call", "--window", "2"],
        env={**os.environ, "KIOSK_DATABASE_URL": database_url},
        stdout=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 30
    while newest_code(board) != "A001" and time.monotonic() < deadline:
        frames()
    frames()  # drawn
    shown_at = datetime.now(UTC)
    answer, _ = cli.communicate(timeout=30)
    assert cli.returncode == 0 and "A001" in answer
    (called,) = tickets.now_serving(board.ctx)
    # The call's time is taken just before its commit: the delay is at most this.
    delay = (shown_at - called.called_at).total_seconds()
    print(
        f"\n{board.ctx.engine.dialect.name}: called in another process, on the board "
        f"{delay:.3f} s later"
    )
    assert delay < 1.0
    # And heard: the call was announced with the chime.
    wait_until(lambda: board.app.announcer.announced == 1, board.app)
    assert CHIME in board.app.sounds.recent


def test_each_call_chimes_and_a_recall_lights_up_and_sounds_again(
    start_board: StartBoard,
) -> None:
    board = start_board(find=no_speech)
    take(board, 3)
    app = board.app
    call(board, 1)
    wait_until(lambda: app.announcer.announced == 1, app)
    call(board, 2)
    wait_until(lambda: app.announcer.announced == 2, app)
    # A real sound each time, through SDL's (dummy) audio device.
    wait_until(lambda: app.sounds.started == 2, app)
    assert list(app.sounds.recent) == [CHIME, CHIME]
    assert newest_code(board) == "A002"
    wait_until(lambda: screen_of(board).ids.newest.glow == GLOW_REST, app)

    board.clock.advance(seconds=5)
    tickets.recall(board.ctx, "A001", by=CLI)
    wait_until(lambda: app.announcer.announced == 3, app)
    # The recalled number is the newest again, and its frame lights up once more.
    assert newest_code(board) == "A001"
    wait_until(lambda: screen_of(board).ids.newest.glow > 0.6, app)
    wait_until(lambda: app.sounds.started == 3, app, timeout=15)


@needs_espeak
def test_calls_are_chimed_then_spoken_in_turn(start_board: StartBoard) -> None:
    board = start_board()
    app = board.app
    take(board, 2)
    call(board, 1)
    call(board, 2)
    # Both calls in one read: chime, words, chime, words, one after another.
    wait_until(lambda: app.sounds.started == 4, app, timeout=30)
    played = list(app.sounds.recent)
    assert played[0] == CHIME and played[2] == CHIME
    assert played[1].suffix == ".wav" and played[3].suffix == ".wav" and played[1] != played[3]
    wait_until(lambda: not app.sounds.busy, app, timeout=30)
    # Heard and gone: a board that runs for months leaves no files behind.
    assert not played[1].exists() and not played[3].exists()


def test_without_espeak_the_board_chimes_and_logs_one_line(
    start_board: StartBoard, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING):
        board = start_board(
            find=lambda language, folder: find_speech(
                language, folder, program="espeak-ng-not-here"
            )
        )
        take(board, 2)
        call(board, 1)
        wait_until(lambda: board.app.announcer.announced == 1, board.app)
        call(board, 2)
        wait_until(lambda: board.app.announcer.announced == 2, board.app)
    assert caplog.text.count("numbers are not spoken: espeak-ng-not-here is not installed") == 1
    wait_until(lambda: board.app.sounds.started == 2, board.app)
    assert list(board.app.sounds.recent) == [CHIME, CHIME]


def test_in_the_quiet_hours_calls_show_without_a_sound(start_board: StartBoard) -> None:
    # 09:00 in Helsinki falls in these quiet hours.
    board = start_board(settings_from(board_toml(quiet_hours="08:00-10:00")), find=no_speech)
    take(board, 1)
    call(board, 1)
    wait_until(lambda: newest_code(board) == "A001", board.app)
    settle(board.app)
    assert board.app.announcer.announced == 0 and board.app.sounds.started == 0


def sign_in_worker(board: Board, number: int) -> None:
    workers.add_worker(
        board.ctx,
        number=number,
        display_name="Matti Meikäläinen",
        pin="2468",
        contract_start=date(2026, 11, 1),
        contract_end=date(2027, 4, 30),
        by=CLI,
    )
    at_kiosk = dataclasses.replace(board.ctx, device="lounge-1")
    worker_pass = worker_auth.authenticate_pin(at_kiosk, str(number), "2468")
    sign_in_out.sign_in(at_kiosk, worker_pass, rules_confirmed=True)


def test_privacy_mode_shows_service_letters_and_workers_only_as_a_count(
    start_board: StartBoard,
) -> None:
    board = start_board(settings_from(board_toml(language="en")), find=no_speech)
    screen = screen_of(board)
    take(board, 2)
    sign_in_worker(board, 12)
    sign_in_worker(board, 14)
    wait_until(lambda: "A: 2 people waiting" in screen.waiting_text, board.app)
    assert "Medication" not in screen.waiting_text
    wait_until(lambda: screen.workers_text == "2 peer workers here today", board.app)
    assert "Matti" not in screen_text()


def test_without_privacy_mode_the_queues_have_their_names(start_board: StartBoard) -> None:
    toml = board_toml(language="en").replace("privacy_mode = true", "privacy_mode = false")
    board = start_board(settings_from(toml), find=no_speech)
    screen = screen_of(board)
    take(board, 1)
    wait_until(lambda: "1 person waiting" in screen.waiting_text, board.app)
    assert not screen.waiting_text.startswith("A:")


def test_an_unreachable_database_shows_a_calm_line_keeps_the_numbers_greyed_and_recovers(
    postgres_url: str, start_board: StartBoard
) -> None:
    board = start_board(url=postgres_url, find=no_speech)
    take(board, 2)
    call(board, 1)
    wait_until(lambda: newest_code(board) == "A001", board.app)
    screen = screen_of(board)
    name = make_url(postgres_url).database
    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS false'))
            connection.execute(
                text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :n"),
                {"n": name},
            )
        board.ctx.engine.dispose()
        screen.refresh()
        wait_until(lambda: screen.offline, board.app, timeout=15)
        frames(2)
        assert "Taulu ei saa nyt tietoja jonosta." in screen_text()
        assert newest_code(board) == "A001" and screen.ids.newest.offline
        screenshot(ARTIFACTS / "board" / "board-offline.png")
        with admin.connect() as connection:
            connection.execute(text(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true'))
        wait_until(lambda: not screen.offline, board.app, timeout=15)
        assert "Taulu ei saa" not in screen_text()
        assert newest_code(board) == "A001" and not screen.ids.newest.offline
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true'))
        admin.dispose()
