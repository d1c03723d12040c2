"""Activities staff enter in the console are on the lounge board and on the kiosk's home
screen; the console refuses what the board could not show, in staff's words."""

from __future__ import annotations

from datetime import time

import pytest

from kiosk.services import activities
from tests.support import CLI, around_the_clock_toml, settings_from
from tests.ui.conftest import ARTIFACTS, Start, StartBoard, StartConsole
from tests.ui.driver import screenshot, settle, tap, wait_until
from tests.ui.test_console import logged_in

pytestmark = pytest.mark.ui


def test_an_activity_entered_in_the_console_is_on_todays_list(
    start_console: StartConsole,
) -> None:
    console = start_console()
    logged_in(console)
    console.app.show("console_activities")
    settle(console.app)
    screen = console.app.current_screen
    screen.ids.words.text = "Vertaisryhmä"
    screen.ids.at.text = "13.00"
    tap("Tue", console.app)
    tap("Add", console.app)
    wait_until(lambda: screen.message == "Added: Vertaisryhmä", console.app)
    wait_until(lambda: len(screen.ids.rows.children) == 1, console.app)
    assert "Every week: Tue 13:00" in screen.ids.rows.children[0].when
    screenshot(ARTIFACTS / "console" / "activities-en.png")
    # What the board and the kiosk's home read (the tests below show them there).
    (today,) = activities.todays_activities(console.ctx)
    assert (today.text("fi"), today.at) == ("Vertaisryhmä", time(13, 0))


def test_staff_activities_and_the_configured_week_show_on_the_board(
    start_board: StartBoard,
) -> None:
    toml = around_the_clock_toml().replace(
        '# [[board.activities]]\n# at = "13:00"\n# weekdays = ["tue", "thu"]\n# names',
        '[[board.activities]]\nat = "13:00"\nweekdays = ["tue", "thu"]\nnames',
    )
    board = start_board(settings_from(toml), find=lambda *_: None)
    screen = board.app.screen("board_now_serving")
    activities.add_activity(board.ctx, "Kahvi on valmis", by=CLI)
    wait_until(lambda: "Kahvi on valmis" in screen.activities_text, board.app)
    # All-day ones first, then by time; the configured one in the board's language.
    assert screen.activities_text.splitlines() == ["Kahvi on valmis", "13.00  Vertaisryhmä"]
    screenshot(ARTIFACTS / "board" / "board-activities-fi.png")


def test_todays_activities_show_small_on_the_kiosk_home(start_kiosk: Start) -> None:
    kiosk = start_kiosk()
    home = kiosk.app.screen("home")
    assert home.activities_text == ""
    activities.add_activity(kiosk.ctx, "Vertaisryhmä", at=time(13, 0), by=CLI)
    wait_until(lambda: home.activities_text == "13.00 Vertaisryhmä", kiosk.app)
    screenshot(ARTIFACTS / "home" / "home-activities-fi.png")


def test_the_console_refuses_an_empty_activity_and_a_bad_time_in_staff_words(
    start_console: StartConsole,
) -> None:
    console = start_console()
    logged_in(console)
    console.app.show("console_activities")
    settle(console.app)
    screen = console.app.current_screen
    screen.ids.at.text = "25.00"
    screen.ids.words.text = "Kahvi"
    tap("Add", console.app)
    assert screen.problem and screen.message == "Write the time like 13.00, or leave it empty."
    screen.ids.at.text = ""
    screen.ids.words.text = "   "
    tap("Add", console.app)
    wait_until(lambda: screen.message == "Write a few words about the activity.", console.app)
    assert activities.list_activities(console.ctx, by=CLI) == []


def test_removing_an_activity_in_the_console_takes_it_off(start_console: StartConsole) -> None:
    console = start_console()
    logged_in(console)
    activities.add_activity(console.ctx, "Kahvi on valmis", by=CLI)
    console.app.show("console_activities")
    wait_until(lambda: len(console.app.current_screen.ids.rows.children) == 1, console.app)
    tap("Remove", console.app)
    screen = console.app.current_screen
    wait_until(lambda: screen.message == "Removed: Kahvi on valmis", console.app)
    wait_until(lambda: not screen.ids.rows.children, console.app)
    assert activities.list_activities(console.ctx, by=CLI) == []
