"""The clinic's business day: numbers restart at a local wall-clock time (default 04:00).

Computed on the local wall clock, not by subtracting hours from UTC, so a daylight-saving night
neither restarts numbering twice nor skips it: in Finland the clocks change at 03:00/04:00 local,
and both the repeated and the missing hour fall before the 04:00 start.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo


def business_day(instant: datetime, zone: ZoneInfo, day_start: time) -> date:
    local = instant.astimezone(zone)
    if local.time() >= day_start:
        return local.date()
    return local.date() - timedelta(days=1)


def business_day_start(day: date, zone: ZoneInfo, day_start: time) -> datetime:
    """The UTC instant at which `day` begins.

    If the start time does not exist that night (skipped by a spring-forward), the day begins
    at the first instant after the gap, which zoneinfo gives for fold=0.
    """
    local = datetime.combine(day, day_start, tzinfo=zone)
    return local.astimezone(UTC)
