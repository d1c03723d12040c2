"""A day as staff type it into a console field: 24.11.2026 as in Finland, or 2026-11-24."""

from __future__ import annotations

import re
from datetime import date

from kiosk.ui.catalogs import N_

# What a view says when a first or last day typed is no day.
HOW_TO_TYPE_DAYS = N_("Write the days like 24.11.2026, for example 1.11.2026 and 30.11.2026.")

_FINNISH_DAY = re.compile(r"^\s*(\d{1,2})\.(\d{1,2})\.(\d{4})\s*$")


def parse_typed_day(text: str) -> date | None:
    """The day typed; None if it is no day (the field's words say how to write one)."""
    finnish = _FINNISH_DAY.match(text)
    try:
        if finnish:
            return date(int(finnish[3]), int(finnish[2]), int(finnish[1]))
        return date.fromisoformat(text.strip())
    except ValueError:
        return None


def parse_typed_days(first: str, last: str) -> tuple[date, date] | None:
    """A first and a last day as typed; None if either is no day."""
    since, until = parse_typed_day(first), parse_typed_day(last)
    return None if since is None or until is None else (since, until)
