"""The days a statistics view covers: a day, an ISO week, a calendar month or a range of days.

Written as staff type them at the command line: "2026-11-24", "2026-W48", "2026-11" or
"2026-11-01..2026-11-30". The staff console builds them from its date pickers with the
constructors below. Days are business days (kiosk.core.business_day).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Literal

from kiosk.core.pay_period import month_of, week_of
from kiosk.errors import KioskError

PeriodKind = Literal["day", "week", "month", "range"]
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$", re.IGNORECASE)
_RANGE = ".."
HOW_TO_WRITE = (
    "write a day like 2026-11-24, an ISO week like 2026-W48, a month like 2026-11 "
    "or a range like 2026-11-01..2026-11-30"
)


@dataclass(frozen=True)
class StatisticsPeriod:
    kind: PeriodKind
    first: date
    last: date

    @classmethod
    def day(cls, day: date) -> StatisticsPeriod:
        return cls("day", day, day)

    @classmethod
    def week_of(cls, day: date) -> StatisticsPeriod:
        week = week_of(day)
        return cls("week", week.first_day, week.last_day)

    @classmethod
    def month_of(cls, day: date) -> StatisticsPeriod:
        month = month_of(day)
        return cls("month", month.first_day, month.last_day)

    @classmethod
    def between(cls, first: date, last: date) -> StatisticsPeriod:
        if last < first:
            raise KioskError(
                f"the range ends ({last.isoformat()}) before it starts ({first.isoformat()}); "
                "choose an end on or after the start",
                code="statistics.period_invalid",
                text=f"{first.isoformat()}{_RANGE}{last.isoformat()}",
            )
        return cls("range", first, last)

    @property
    def label(self) -> str:
        match self.kind:
            case "day":
                return self.first.isoformat()
            case "week":
                year, week, _ = self.first.isocalendar()
                return f"{year}-W{week:02d}"
            case "month":
                return f"{self.first:%Y-%m}"
        return f"{self.first.isoformat()}{_RANGE}{self.last.isoformat()}"


def parse_statistics_period(text: str) -> StatisticsPeriod:
    cleaned = text.strip()
    try:
        if _RANGE in cleaned:
            first, last = (part.strip() for part in cleaned.split(_RANGE, 1))
            if _DAY.match(first) and _DAY.match(last):
                return StatisticsPeriod.between(date.fromisoformat(first), date.fromisoformat(last))
        elif _DAY.match(cleaned):
            return StatisticsPeriod.day(date.fromisoformat(cleaned))
        elif month := _MONTH.match(cleaned):
            return StatisticsPeriod.month_of(date(int(month[1]), int(month[2]), 1))
        elif week := _WEEK.match(cleaned):
            return StatisticsPeriod.week_of(date.fromisocalendar(int(week[1]), int(week[2]), 1))
    except ValueError:
        pass  # a 13th month, a 54th week, 30 February: said below like any other typo
    raise KioskError(
        f'"{text}" is not a day, week, month or range; {HOW_TO_WRITE}',
        code="statistics.period_invalid",
        text=text,
    )
