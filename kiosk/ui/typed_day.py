"""A day as staff type it into a console field: 24.11.2026 as in Finland, or 2026-11-24."""

from __future__ import annotations

import re
from datetime import date

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
