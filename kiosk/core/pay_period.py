"""Pay periods: a calendar month ("2026-11", Lift) or an ISO week ("2026-W48", Diakonissalaitos).

A period is a run of business days, so a session's minutes fall in the period of the business
day they belong to (see kiosk.core.allowance).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from kiosk.errors import KioskError

PeriodKind = Literal["month", "week"]
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$", re.IGNORECASE)


@dataclass(frozen=True)
class PayPeriod:
    kind: PeriodKind
    first_day: date
    last_day: date

    @property
    def label(self) -> str:
        if self.kind == "month":
            return f"{self.first_day:%Y-%m}"
        year, week, _ = self.first_day.isocalendar()
        return f"{year}-W{week:02d}"

    def contains(self, day: date) -> bool:
        return self.first_day <= day <= self.last_day

    def days(self) -> list[date]:
        count = (self.last_day - self.first_day).days + 1
        return [self.first_day + timedelta(days=n) for n in range(count)]


def month_of(day: date) -> PayPeriod:
    last = calendar.monthrange(day.year, day.month)[1]
    return PayPeriod("month", day.replace(day=1), day.replace(day=last))


def week_of(day: date) -> PayPeriod:
    monday = day - timedelta(days=day.weekday())
    return PayPeriod("week", monday, monday + timedelta(days=6))


def period_containing(day: date, kind: PeriodKind) -> PayPeriod:
    return month_of(day) if kind == "month" else week_of(day)


def parse_period(text: str) -> PayPeriod:
    """ "2026-11" is a month, "2026-W48" an ISO week."""
    cleaned = text.strip()
    month = _MONTH.match(cleaned)
    if month and 1 <= int(month[2]) <= 12:
        return month_of(date(int(month[1]), int(month[2]), 1))
    week = _WEEK.match(cleaned)
    if week:
        try:
            return week_of(date.fromisocalendar(int(week[1]), int(week[2]), 1))
        except ValueError:
            pass
    raise KioskError(
        f'"{text}" is not a pay period; write a month like 2026-11 or an ISO week like 2026-W48',
        code="pay_period.invalid",
        text=text,
    )
