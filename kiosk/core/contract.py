"""A peer worker's individual contract: valid dates, at most a configured number of months."""

from __future__ import annotations

import calendar
from datetime import date

from kiosk.errors import KioskError


def add_months(day: date, months: int) -> date:
    """The same day `months` later; the 31st becomes the month's last day where needed."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def latest_end(start: date, max_months: int) -> date:
    """The last allowed end date: a contract from 1.1. may run to 1.7. with six months."""
    return add_months(start, max_months)


def check_contract_dates(start: date, end: date, max_months: int) -> None:
    if end < start:
        raise KioskError(
            f"the contract ends ({end:%d.%m.%Y}) before it starts ({start:%d.%m.%Y}); "
            "check the dates",
            code="contract.ends_before_start",
            start=start,
            end=end,
        )
    limit = latest_end(start, max_months)
    if end > limit:
        raise KioskError(
            f"a contract may last at most {max_months} months, so one starting "
            f"{start:%d.%m.%Y} ends by {limit:%d.%m.%Y}; make a new contract after that",
            code="contract.too_long",
            start=start,
            latest_end=limit,
            max_months=max_months,
        )


def valid_on(start: date, end: date, day: date) -> bool:
    return start <= day <= end
