"""The allowance per business day: cap, rounding, midnight, daylight saving, periods."""

from datetime import UTC, date, datetime, time
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from kiosk.core.allowance import (
    AllowanceRules,
    WorkedSpan,
    allowance_by_day,
    counted_minutes,
    format_minutes,
    split_by_business_day,
    total,
)
from kiosk.core.clock import FixedClock
from kiosk.core.pay_period import parse_period, period_containing

HELSINKI = ZoneInfo("Europe/Helsinki")
DAY_START = time(4, 0)
LIFT = AllowanceRules(Decimal("2.00"), Decimal("12.00"), "minute")
QUARTERS = AllowanceRules(Decimal("2.00"), Decimal("12.00"), "quarter_hour_down")


def local(year: int, month: int, day: int, hour: int, minute: int = 0, fold: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=HELSINKI, fold=fold)


def worked(clock: FixedClock, **duration: float) -> WorkedSpan:
    """A span from the clock's now, after which the clock stands at its end."""
    start = clock.now()
    clock.advance(**duration)
    return WorkedSpan(start, clock.now())


def days(spans: list[WorkedSpan], rules: AllowanceRules = LIFT, start: time = DAY_START):
    return allowance_by_day(spans, rules, HELSINKI, start)


def test_daily_cap_stops_at_twelve_euros() -> None:
    clock = FixedClock(local(2026, 11, 24, 9))
    [day] = days([worked(clock, hours=7)])
    assert (day.counted_minutes, day.amount, day.capped) == (420, Decimal("12.00"), True)
    [exactly] = days([WorkedSpan(local(2026, 11, 25, 9), local(2026, 11, 25, 15))])
    assert (exactly.amount, exactly.capped) == (Decimal("12.00"), False)


def test_cap_applies_to_the_day_not_each_session() -> None:
    clock = FixedClock(local(2026, 11, 24, 8))
    morning = worked(clock, hours=4)
    clock.advance(hours=1)
    afternoon = worked(clock, hours=3)
    [day] = days([morning, afternoon])
    assert (day.counted_minutes, day.amount, day.capped) == (420, Decimal("12.00"), True)


def test_minute_rounding_drops_leftover_seconds() -> None:
    clock = FixedClock(local(2026, 11, 24, 9))
    [day] = days([worked(clock, hours=3, minutes=30, seconds=59)])
    assert (day.worked_seconds, day.counted_minutes, day.amount) == (12659, 210, Decimal("7.00"))


def test_amount_is_rounded_to_cents_half_up() -> None:
    seven = days([WorkedSpan(local(2026, 11, 24, 9), local(2026, 11, 24, 9, 7))])[0]
    eight = days([WorkedSpan(local(2026, 11, 24, 9), local(2026, 11, 24, 9, 8))])[0]
    assert (seven.amount, eight.amount) == (Decimal("0.23"), Decimal("0.27"))


@pytest.mark.parametrize(
    ("minutes", "counted", "amount"),
    [(14, 0, "0.00"), (15, 15, "0.50"), (224, 210, "7.00"), (225, 225, "7.50")],
)
def test_quarter_hour_rounding_goes_down(minutes: int, counted: int, amount: str) -> None:
    clock = FixedClock(local(2026, 11, 24, 9))
    [day] = days([worked(clock, minutes=minutes)], QUARTERS)
    assert (day.counted_minutes, day.amount) == (counted, Decimal(amount))


def test_rounding_applies_to_the_day_total_not_each_session() -> None:
    clock = FixedClock(local(2026, 11, 24, 9))
    first = worked(clock, minutes=25)
    clock.advance(minutes=30)
    second = worked(clock, minutes=25)
    # Each alone would round down to 15 min; together 50 min round down to 45.
    [day] = days([first, second], QUARTERS)
    assert (day.counted_minutes, day.amount) == (45, Decimal("1.50"))


def test_session_across_midnight_is_one_piece_of_one_business_day() -> None:
    clock = FixedClock(local(2026, 11, 24, 22))
    [day] = days([worked(clock, hours=3, minutes=30)])
    assert (day.day, day.counted_minutes, day.amount) == (date(2026, 11, 24), 210, Decimal("7.00"))


def test_session_spanning_the_business_day_start_is_split_there() -> None:
    span = WorkedSpan(local(2026, 11, 25, 1), local(2026, 11, 25, 10))
    pieces = split_by_business_day(span, HELSINKI, DAY_START)
    assert [(d, p.end - p.start) for d, p in pieces] == [
        (date(2026, 11, 24), local(2026, 11, 25, 4) - local(2026, 11, 25, 1)),
        (date(2026, 11, 25), local(2026, 11, 25, 10) - local(2026, 11, 25, 4)),
    ]
    # Each part under its own cap: 3 h → 6 €, 6 h → 12 €.
    assert [(d.day, d.counted_minutes, d.amount) for d in days([span])] == [
        (date(2026, 11, 24), 180, Decimal("6.00")),
        (date(2026, 11, 25), 360, Decimal("12.00")),
    ]


def test_spring_forward_night_counts_the_hours_that_really_passed() -> None:
    # 29.3.2026 the clocks jump from 03:00 to 04:00. With the day starting at 02:00 the whole
    # session is one business day: 02:30 → 05:30 on the wall clock is 2 hours, not 3.
    clock = FixedClock(local(2026, 3, 29, 2, 30))
    span = worked(clock, hours=2)
    assert clock.now() == local(2026, 3, 29, 5, 30)
    [day] = days([span], start=time(2, 0))
    assert (day.day, day.counted_minutes, day.amount) == (date(2026, 3, 29), 120, Decimal("4.00"))


def test_fall_back_night_counts_the_repeated_hour() -> None:
    # 25.10.2026 the clocks go back from 04:00 to 03:00: 02:30 → 04:30 on the wall clock is
    # 3 real hours, split at the 04:00 business-day start (which comes after the repeat).
    clock = FixedClock(local(2026, 10, 25, 2, 30))
    span = worked(clock, hours=3)
    assert clock.now().astimezone(HELSINKI).strftime("%H:%M %Z") == "04:30 EET"
    result = days([span])
    assert [(d.day, d.counted_minutes) for d in result] == [
        (date(2026, 10, 24), 150),
        (date(2026, 10, 25), 30),
    ]
    assert total(result).counted_minutes == 180


def test_weekly_period_takes_the_sunday_night_session_whole() -> None:
    # Sunday 29.11. 22:00 → Monday 01:00 belongs to Sunday's business day: week 48, not 49.
    span = WorkedSpan(local(2026, 11, 29, 22), local(2026, 11, 30, 1))
    [day] = days([span])
    week = period_containing(day.day, "week")
    assert (week.label, week.first_day, week.last_day) == (
        "2026-W48",
        date(2026, 11, 23),
        date(2026, 11, 29),
    )
    assert parse_period("2026-w48") == week
    assert not period_containing(date(2026, 11, 30), "week").contains(day.day)


def test_month_end_inside_a_session_splits_between_pay_periods() -> None:
    span = WorkedSpan(local(2026, 11, 30, 22), local(2026, 12, 1, 5))
    by_month = {period_containing(d.day, "month").label: d.counted_minutes for d in days([span])}
    assert by_month == {"2026-11": 360, "2026-12": 60}


def test_overlapping_sessions_count_once() -> None:
    a = WorkedSpan(local(2026, 11, 24, 9), local(2026, 11, 24, 11))
    b = WorkedSpan(local(2026, 11, 24, 10), local(2026, 11, 24, 12))
    inside = WorkedSpan(local(2026, 11, 24, 10, 15), local(2026, 11, 24, 10, 45))
    [day] = days([a, b, inside])
    assert day.counted_minutes == 180


def test_period_total_is_the_sum_of_daily_amounts() -> None:
    spans = [WorkedSpan(local(2026, 11, d, 9), local(2026, 11, d, 9, 7)) for d in (23, 24, 25)] + [
        WorkedSpan(local(2026, 11, 26, 8), local(2026, 11, 26, 16))
    ]
    result = total(days(spans))
    # 3 × 0.23 € (7 min each) + 12.00 € (capped), not 2 € × 501 min / 60.
    assert (result.days, result.counted_minutes, result.amount) == (4, 501, Decimal("12.69"))


def test_empty_and_backwards_spans_count_nothing() -> None:
    moment = local(2026, 11, 24, 9)
    assert days([WorkedSpan(moment, moment)]) == []
    assert (
        split_by_business_day(WorkedSpan(moment, local(2026, 11, 24, 8)), HELSINKI, DAY_START) == []
    )
    assert counted_minutes(-5, "minute") == 0


def test_naive_times_are_refused_and_aware_ones_kept_in_utc() -> None:
    with pytest.raises(ValueError, match="aware"):
        WorkedSpan(datetime(2026, 11, 24, 9), datetime(2026, 11, 24, 10))
    span = WorkedSpan(local(2026, 11, 24, 9), local(2026, 11, 24, 10))
    assert span.start.tzinfo is UTC


def test_minutes_are_written_as_hours_and_minutes() -> None:
    assert [format_minutes(m) for m in (0, 5, 210, 600)] == ["0:00", "0:05", "3:30", "10:00"]
