"""Numbering across daylight-saving nights, with a service open around the clock."""

from datetime import UTC, datetime
from pathlib import Path

import pytest

from kiosk.core.clock import FixedClock
from kiosk.services import tickets
from tests.support import around_the_clock_toml, migrated_context, settings_from


@pytest.mark.parametrize(
    ("instants", "codes"),
    [
        # Autumn 2026: 03:30 EEST, the repeated 03:30 EET, then 04:00 EET starts a new day.
        (
            [
                datetime(2026, 10, 25, 0, 30),
                datetime(2026, 10, 25, 1, 30),
                datetime(2026, 10, 25, 2, 0),
            ],
            ["A001", "A002", "A001"],
        ),
        # Spring 2026: 02:59 EET, then the clock jumps to 04:00 EEST: a new day, once.
        (
            [
                datetime(2026, 3, 29, 0, 59),
                datetime(2026, 3, 29, 1, 0),
                datetime(2026, 3, 29, 1, 1),
            ],
            ["A001", "A001", "A002"],
        ),
    ],
)
def test_numbering_on_a_daylight_saving_night(
    instants: list[datetime], codes: list[str], tmp_path: Path, database_url: str
) -> None:
    clock = FixedClock(instants[0].replace(tzinfo=UTC))
    ctx = migrated_context(settings_from(around_the_clock_toml()), tmp_path, clock, database_url)
    taken = []
    for instant in instants:
        clock.set(instant.replace(tzinfo=UTC))
        taken.append(tickets.take_number(ctx, "A").code)
    ctx.engine.dispose()
    assert taken == codes
