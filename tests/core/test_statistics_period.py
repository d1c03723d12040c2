"""The days a statistics view covers, as staff write them."""

from __future__ import annotations

from datetime import date

import pytest

from kiosk.core.statistics_period import StatisticsPeriod, parse_statistics_period
from kiosk.errors import KioskError


@pytest.mark.parametrize(
    ("text", "kind", "first", "last", "label"),
    [
        ("2026-11-24", "day", date(2026, 11, 24), date(2026, 11, 24), "2026-11-24"),
        ("2026-W48", "week", date(2026, 11, 23), date(2026, 11, 29), "2026-W48"),
        ("2026-w01", "week", date(2025, 12, 29), date(2026, 1, 4), "2026-W01"),
        ("2026-02", "month", date(2026, 2, 1), date(2026, 2, 28), "2026-02"),
        (
            " 2025-12-01..2026-01-31 ",
            "range",
            date(2025, 12, 1),
            date(2026, 1, 31),
            "2025-12-01..2026-01-31",
        ),
    ],
)
def test_a_day_week_month_or_range_is_read_as_written(
    text: str, kind: str, first: date, last: date, label: str
) -> None:
    period = parse_statistics_period(text)
    assert (period.kind, period.first, period.last, period.label) == (kind, first, last, label)


def test_the_console_builds_the_same_periods_from_a_day() -> None:
    tuesday = date(2026, 11, 24)
    assert StatisticsPeriod.week_of(tuesday) == parse_statistics_period("2026-W48")
    assert StatisticsPeriod.month_of(tuesday) == parse_statistics_period("2026-11")
    assert StatisticsPeriod.day(tuesday) == parse_statistics_period("2026-11-24")


@pytest.mark.parametrize(
    "text", ["2026-13", "2026-W54", "2026-02-30", "last week", "2026-11-01..", "24.11.2026"]
)
def test_anything_else_is_refused_with_how_to_write_it(text: str) -> None:
    with pytest.raises(KioskError, match="write a day like 2026-11-24") as refused:
        parse_statistics_period(text)
    assert (refused.value.code, refused.value.facts["text"]) == ("statistics.period_invalid", text)


def test_a_range_that_ends_before_it_starts_is_refused() -> None:
    with pytest.raises(KioskError, match=r"ends .* before it starts") as refused:
        parse_statistics_period("2026-11-30..2026-11-01")
    assert refused.value.code == "statistics.period_invalid"
