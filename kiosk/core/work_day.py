"""A peer worker's day: shift times, closing time, and when an open session was forgotten.

Closing time is `peer_work.closing_time` on the local wall clock of the session's business day
(on the next calendar date if it is set earlier than the business-day start, e.g. "01:00").
It is the lounge's end of peer work: sign-in after it is refused, and a session still open then
is a forgotten sign-out.

A forgotten session is closed automatically at whichever comes first, closing time or
`max_session_hours` after it began. It counts no further than the end of the worker's planned
shift that business day, or closing time if no shift was planned or the shift had ended before
the session began; never past the moment it was closed, never before it began. Staff review
every such session.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from kiosk.core.pay_period import week_of
from kiosk.errors import KioskError

_CLOCK = re.compile(r"^(\d{1,2})[:.](\d{2})$")
_SPAN = re.compile(r"^(\d{1,2})[:.](\d{2})\s*[-–]\s*(\d{1,2})[:.](\d{2})$")


@dataclass(frozen=True)
class ShiftTimes:
    """A shift's local start and end on its date; the end is later the same day."""

    starts: time
    ends: time


def parse_shift_times(text: str) -> ShiftTimes:
    """ "09:00-12:30" (or "9.00–12.30", as Finns write it)."""
    match = _SPAN.match(text.strip())
    if match:
        numbers = [int(match[n]) for n in range(1, 5)]
        if numbers[0] < 24 and numbers[2] < 24 and numbers[1] < 60 and numbers[3] < 60:
            starts, ends = time(numbers[0], numbers[1]), time(numbers[2], numbers[3])
            if ends > starts:
                return ShiftTimes(starts, ends)
            raise KioskError(
                f'a shift must end after it starts, got "{text}"',
                code="shift.ends_before_start",
                text=text,
            )
    raise KioskError(
        f'"{text}" is not a shift time; write it like 09:00-12:30',
        code="shift.times_invalid",
        text=text,
    )


def parse_clock(text: str) -> time | None:
    """ "9.15" or "09:15" as a time of day; None for anything else."""
    match = _CLOCK.match(text.strip())
    if match is None or int(match[1]) > 23 or int(match[2]) > 59:
        return None
    return time(int(match[1]), int(match[2]))


def local_instant(day: date, at: time, zone: ZoneInfo) -> datetime:
    """The UTC instant of a wall-clock time on `day`. A time skipped by a spring-forward is read
    as the instant after the gap, as zoneinfo does for fold=0."""
    return datetime.combine(day, at, tzinfo=zone).astimezone(UTC)


def session_end(started: datetime, day: date, ends: time, zone: ZoneInfo) -> datetime:
    """The instant a session that began at `started` ends, given as a wall-clock time on `day`.
    A time not after the start is on the next day, so 22:00 to 01:30 is one night."""
    ended = local_instant(day, ends, zone)
    if ended <= started:
        ended = local_instant(day + timedelta(days=1), ends, zone)
    return ended


def closing_instant(day: date, zone: ZoneInfo, day_start: time, closing: time) -> datetime:
    calendar_day = day if closing >= day_start else day + timedelta(days=1)
    return local_instant(calendar_day, closing, zone)


def forgotten_at(started_at: datetime, closing: datetime, max_session: timedelta) -> datetime:
    """The instant from which an open session counts as a forgotten sign-out."""
    return min(closing, started_at + max_session)


def counted_end(
    started_at: datetime,
    closed_at: datetime,
    closing: datetime,
    shift_end: datetime | None,
) -> datetime:
    """Where a forgotten session stops counting (see the module text)."""
    limit = shift_end if shift_end is not None and shift_end > started_at else closing
    return max(started_at, min(limit, closed_at))


def days_per_week(days: Iterable[date]) -> dict[str, int]:
    """How many distinct days fall in each ISO week, by week label ("2026-W48")."""
    return dict(Counter(week_of(day).label for day in set(days)))
