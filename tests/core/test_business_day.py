from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from kiosk.core.business_day import business_day, business_day_start

HELSINKI = ZoneInfo("Europe/Helsinki")
FOUR = time(4, 0)


@pytest.mark.parametrize(
    ("utc", "expected"),
    [
        # 03:59 local (EET) is still the previous day; 04:00 starts the next.
        (datetime(2026, 11, 24, 1, 59, tzinfo=UTC), date(2026, 11, 23)),
        (datetime(2026, 11, 24, 2, 0, tzinfo=UTC), date(2026, 11, 24)),
        # Summer (EEST, UTC+3): 04:00 local is 01:00 UTC.
        (datetime(2026, 6, 10, 0, 59, tzinfo=UTC), date(2026, 6, 9)),
        (datetime(2026, 6, 10, 1, 0, tzinfo=UTC), date(2026, 6, 10)),
    ],
)
def test_number_resets_at_business_day_start(utc: datetime, expected: date) -> None:
    assert business_day(utc, HELSINKI, FOUR) == expected


def test_repeated_hour_on_autumn_night_stays_in_the_previous_day() -> None:
    # 25 Oct 2026: clocks go back from 04:00 EEST to 03:00 EET at 01:00 UTC.
    first_0330 = datetime(2026, 10, 25, 0, 30, tzinfo=UTC)  # 03:30 EEST
    second_0330 = datetime(2026, 10, 25, 1, 30, tzinfo=UTC)  # 03:30 EET
    start = datetime(2026, 10, 25, 2, 0, tzinfo=UTC)  # 04:00 EET
    assert business_day(first_0330, HELSINKI, FOUR) == date(2026, 10, 24)
    assert business_day(second_0330, HELSINKI, FOUR) == date(2026, 10, 24)
    assert business_day(start, HELSINKI, FOUR) == date(2026, 10, 25)
    assert business_day_start(date(2026, 10, 25), HELSINKI, FOUR) == start


def test_spring_night_starts_the_day_once_when_clocks_jump() -> None:
    # 29 Mar 2026: clocks jump from 03:00 EET to 04:00 EEST at 01:00 UTC.
    before = datetime(2026, 3, 29, 0, 59, tzinfo=UTC)  # 02:59 EET
    after = datetime(2026, 3, 29, 1, 0, tzinfo=UTC)  # 04:00 EEST
    assert business_day(before, HELSINKI, FOUR) == date(2026, 3, 28)
    assert business_day(after, HELSINKI, FOUR) == date(2026, 3, 29)
    assert business_day_start(date(2026, 3, 29), HELSINKI, FOUR) == after
