"""`kiosk activity add|list|remove`, as staff type them, and what they refuse."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from kiosk.cli.main import main
from kiosk.core.clock import SystemClock
from kiosk.services.activities import todays_activities
from kiosk.services.context import Context
from tests.support import around_the_clock_toml, settings_from


@pytest.fixture
def kiosk(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    config = tmp_path / "kiosk.toml"
    config.write_text(around_the_clock_toml(), encoding="utf-8")

    def run(*args: str) -> tuple[int, str, str]:
        code = main(["--config", str(config), "--data-dir", str(tmp_path / "data"), *args])
        out, err = capsys.readouterr()
        return code, out, err

    assert run("db", "upgrade")[0] == 0
    return run


def today_here(tmp_path: Path) -> list[str]:
    ctx = Context.open(
        settings_from(around_the_clock_toml()), tmp_path / "data", clock=SystemClock()
    )
    try:
        return [a.text("fi") for a in todays_activities(ctx)]
    finally:
        ctx.engine.dispose()


def test_an_activity_added_for_today_is_on_todays_list_and_removed_again(
    kiosk, tmp_path: Path
) -> None:
    code, out, err = kiosk("activity", "add", "Vertaisryhmä", "--at", "13.00", "--json")
    assert code == 0, err
    added = json.loads(out)
    assert (added["text"], added["at"], added["weekdays"]) == ("Vertaisryhmä", "13:00", [])
    assert today_here(tmp_path) == ["Vertaisryhmä"]
    code, out, _ = kiosk("activity", "list")
    assert code == 0 and f"#{added['id']}" in out and "13:00  Vertaisryhmä" in out
    code, out, _ = kiosk("activity", "remove", str(added["id"]))
    assert code == 0 and out.startswith("removed:")
    assert today_here(tmp_path) == []


def test_a_weekly_activity_is_listed_by_its_days(kiosk) -> None:
    code, out, err = kiosk("activity", "add", "Kahvi on valmis", "--weekdays", "thu,tue")
    assert code == 0, err
    assert "every tue, thu  Kahvi on valmis" in out


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("   ",), "an activity needs a few words"),
        (("x" * 61,), "at most 60 characters"),
        (("Ryhmä", "--weekdays", "tue,sauna"), 'unknown weekday "sauna"'),
        (("Ryhmä", "--weekdays", "tue", "--day", "2099-01-01"), "give --day or --weekdays"),
        (
            ("Ryhmä", "--day", (date.today() - timedelta(days=2)).isoformat()),
            "give today or a later day",
        ),
    ],
)
def test_bad_input_is_refused_with_what_to_do(kiosk, args: tuple[str, ...], expected: str) -> None:
    code, _, err = kiosk("activity", "add", *args)
    assert code == 2 and expected in err


def test_removing_an_activity_that_is_not_there_points_to_the_list(kiosk) -> None:
    code, _, err = kiosk("activity", "remove", "99")
    assert code == 2 and "kiosk activity list" in err
