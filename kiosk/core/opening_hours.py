"""Whether a service takes new numbers now, and when it opens next; the same for the clinic."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime, time, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

# The keys of a service's opening hours, Monday first as date.weekday() counts.
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


class DayHours(Protocol):
    """One day's opening hours (the configuration's OpeningSpan)."""

    @property
    def opens(self) -> time: ...

    @property
    def closes(self) -> time: ...


class Service(Protocol):
    """What these rules read of a configured service; the core knows no configuration."""

    @property
    def hours(self) -> Mapping[str, DayHours]: ...

    @property
    def last_ticket_minutes_before_close(self) -> int: ...


def _span_on(service: Service, day: date, zone: ZoneInfo) -> tuple[datetime, datetime] | None:
    span = service.hours.get(WEEKDAYS[day.weekday()])
    if span is None:
        return None
    opens = datetime.combine(day, span.opens, tzinfo=zone)
    closes = datetime.combine(day, span.closes, tzinfo=zone)
    return opens.astimezone(UTC), closes.astimezone(UTC)


def last_ticket_time(service: Service, day: date, zone: ZoneInfo) -> datetime | None:
    span = _span_on(service, day, zone)
    if span is None:
        return None
    cut_off = span[1] - timedelta(minutes=service.last_ticket_minutes_before_close)
    return max(cut_off, span[0])


def takes_tickets(service: Service, instant: datetime, zone: ZoneInfo) -> bool:
    local_day = instant.astimezone(zone).date()
    span = _span_on(service, local_day, zone)
    if span is None:
        return False
    cut_off = last_ticket_time(service, local_day, zone)
    return cut_off is not None and span[0] <= instant <= cut_off


def next_opening(service: Service, instant: datetime, zone: ZoneInfo) -> datetime | None:
    """The next instant at or after `instant` when numbers can be taken; None if never."""
    if takes_tickets(service, instant, zone):
        return instant
    local_day = instant.astimezone(zone).date()
    for offset in range(8):
        span = _span_on(service, local_day + timedelta(days=offset), zone)
        if span is not None and span[0] > instant:
            return span[0]
    return None


def clinic_next_opening(
    services: Iterable[Service], instant: datetime, zone: ZoneInfo
) -> datetime | None:
    """When the clinic next takes anyone in: `instant` itself while any service takes numbers,
    else the earliest next opening of any service; None if none ever opens.

    Help requests follow this: one asked for while every service is closed would wait for a
    helper who is not there, and hold no place in the next day's queue."""
    openings = [t for s in services if (t := next_opening(s, instant, zone)) is not None]
    return min(openings, default=None)


def when_it_opens(opens: datetime | None, zone: ZoneInfo) -> str:
    """ "Wed 25.11. 07:30" in the clinic's time, for a sentence in a log or on the command line;
    the screens say it in their own words."""
    return opens.astimezone(zone).strftime("%a %d.%m. %H:%M") if opens else "no time set"
