"""Today's activities in the lounge ("13.00 Vertaisryhmä", "Kahvi on valmis"): which days one
is on, and how long its words may be.

An activity is on one day, or on some weekdays every week. Its words appear on the public board
and the kiosk's home screen, so they are short: the board shows them from across the room.
"""

from __future__ import annotations

from datetime import date

from kiosk.core.opening_hours import WEEKDAYS

TEXT_MAX_LENGTH = 60


def parse_weekdays(names: list[str]) -> tuple[str, ...]:
    """ "tue", "thu" → ("tue", "thu") in the week's order, each once; ValueError names an
    unknown day."""
    wanted = {name.strip().lower() for name in names if name.strip()}
    unknown = sorted(wanted - set(WEEKDAYS))
    if unknown:
        raise ValueError(f'unknown weekday "{unknown[0]}"; use {", ".join(WEEKDAYS)}')
    return tuple(day for day in WEEKDAYS if day in wanted)


def is_on(day: date, weekdays: tuple[str, ...]) -> bool:
    """Whether something on `weekdays` (none: every day) is on `day`."""
    return not weekdays or WEEKDAYS[day.weekday()] in weekdays
