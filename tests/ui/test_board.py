"""The lounge board: calls large and in order, the queues, the clock, activities, the count of
peer workers on duty, privacy mode, and a calm grey state while the database is away."""

from __future__ import annotations

import pytest

from kiosk.services import tickets
from tests.support import CLI, around_the_clock_toml, settings_from
from tests.ui.conftest import ARTIFACTS, LANDSCAPE, PORTRAIT, Board, StartBoard
from tests.ui.driver import frames, screenshot, settle

pytestmark = pytest.mark.ui


def call(board: Board, window: int) -> str:
    called = tickets.call_next(board.ctx, window, by=CLI)
    assert called is not None
    return called.code


def screen_of(board: Board):
    return board.app.screen("board_now_serving")


@pytest.mark.parametrize("language", ["fi", "en"])
@pytest.mark.parametrize("size", [LANDSCAPE, PORTRAIT], ids=["landscape", "portrait"])
def test_board_layouts(start_board: StartBoard, language: str, size: tuple[int, int]) -> None:
    toml = around_the_clock_toml().replace('language = ""', f'language = "{language}"', 1)
    board = start_board(settings_from(toml), size=size, find=lambda *_: None)
    for _ in range(5):
        tickets.take_number(board.ctx, "A")
    call(board, 1)
    call(board, 2)
    screen = screen_of(board)
    screen.refresh()
    settle(board.app)
    frames(3)
    name = "landscape" if size == LANDSCAPE else "portrait"
    screenshot(ARTIFACTS / "board" / f"board-{name}-{language}.png")
