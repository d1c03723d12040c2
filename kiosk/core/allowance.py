"""The peer-work allowance: hours per business day, rounded, times the rate, up to the daily cap.

Rules, decided once here so every front door pays the same:
- Durations are measured between UTC instants, so a night whose clock jumps (daylight saving)
  counts the hours that really passed.
- Time belongs to the business day it falls in. A session that spans the business-day start
  (04:00 by default) is split there: the part before belongs to the earlier day and the part after
  to the next, each under its own daily cap. Every minute thus belongs to exactly one business
  day, and so to exactly one pay period, also when a month ends in the middle of a session.
  Midnight is no boundary: 22:00–01:00 is one piece of one business day.
- Overlapping sessions of one worker (possible after a careless correction) count once.
- Rounding applies to the day's total, not to each session, so two short sessions are not each
  rounded down: "minute" drops the leftover seconds, "quarter_hour_down" drops to the quarter.
- The amount is rounded to whole cents (half up) before the cap, and the period total is the sum
  of the daily amounts, so the printed cash list adds up line by line.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal
from zoneinfo import ZoneInfo

from kiosk.core.business_day import business_day, business_day_start

Rounding = Literal["minute", "quarter_hour_down"]
CENT = Decimal("0.01")


@dataclass(frozen=True)
class AllowanceRules:
    rate_per_hour: Decimal
    daily_cap: Decimal
    rounding: Rounding


@dataclass(frozen=True)
class WorkedSpan:
    """One stretch of work between two aware instants, kept in UTC.

    Python subtracts two datetimes of the same zone by their wall clocks, which is an hour off
    across a daylight-saving change; in UTC the difference is the time that really passed.
    """

    start: datetime
    end: datetime

    def __post_init__(self) -> None:
        if self.start.tzinfo is None or self.end.tzinfo is None:
            raise ValueError("a worked span needs aware datetimes")
        object.__setattr__(self, "start", self.start.astimezone(UTC))
        object.__setattr__(self, "end", self.end.astimezone(UTC))


@dataclass(frozen=True)
class DayAllowance:
    day: date
    worked_seconds: int  # exactly as measured
    counted_minutes: int  # after rounding; what the allowance is paid for
    amount: Decimal  # euros, after the cap
    capped: bool


@dataclass(frozen=True)
class AllowanceTotal:
    days: int  # business days with counted time
    counted_minutes: int
    amount: Decimal


def split_by_business_day(
    span: WorkedSpan, zone: ZoneInfo, day_start: time
) -> list[tuple[date, WorkedSpan]]:
    """`span` cut at each business-day start it crosses, each piece with its business day."""
    if span.end <= span.start:
        return []
    pieces = []
    start = span.start
    while start < span.end:
        day = business_day(start, zone, day_start)
        next_start = business_day_start(day + timedelta(days=1), zone, day_start)
        end = min(span.end, next_start)
        pieces.append((day, WorkedSpan(start, end)))
        start = end
    return pieces


def counted_minutes(seconds: int, rounding: Rounding) -> int:
    minutes = max(seconds, 0) // 60
    if rounding == "quarter_hour_down":
        return minutes - minutes % 15
    return minutes


def amount_for_minutes(minutes: int, rules: AllowanceRules) -> tuple[Decimal, bool]:
    """(euros after the cap, whether the cap cut it)."""
    uncapped = (rules.rate_per_hour * minutes / 60).quantize(CENT, rounding=ROUND_HALF_UP)
    if uncapped > rules.daily_cap:
        return rules.daily_cap.quantize(CENT), True
    return uncapped, False


def allowance_by_day(
    spans: Iterable[WorkedSpan], rules: AllowanceRules, zone: ZoneInfo, day_start: time
) -> list[DayAllowance]:
    """One worker's allowance for each business day their spans touch, oldest day first."""
    pieces: dict[date, list[WorkedSpan]] = defaultdict(list)
    for span in spans:
        for day, piece in split_by_business_day(span, zone, day_start):
            pieces[day].append(piece)
    result = []
    for day in sorted(pieces):
        seconds = _seconds_covered(pieces[day])
        minutes = counted_minutes(seconds, rules.rounding)
        amount, capped = amount_for_minutes(minutes, rules)
        result.append(DayAllowance(day, seconds, minutes, amount, capped))
    return result


def total(days: Iterable[DayAllowance]) -> AllowanceTotal:
    counted = [d for d in days if d.counted_minutes > 0]
    return AllowanceTotal(
        days=len(counted),
        counted_minutes=sum(d.counted_minutes for d in counted),
        amount=sum((d.amount for d in counted), Decimal("0.00")),
    )


def _seconds_covered(spans: list[WorkedSpan]) -> int:
    """Seconds covered by the union of `spans`, so overlapping time counts once."""
    covered = timedelta()
    reach: datetime | None = None
    for span in sorted(spans, key=lambda s: s.start):
        if reach is None or span.start >= reach:
            covered += span.end - span.start
            reach = span.end
        elif span.end > reach:
            covered += span.end - reach
            reach = span.end
    return int(covered.total_seconds())


def format_minutes(minutes: int) -> str:
    """3 h 30 min written "3:30", the way a cash list and a kiosk screen show it."""
    return f"{minutes // 60}:{minutes % 60:02d}"
