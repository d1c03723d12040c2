"""How long a client can expect to wait, from the recent pace of calls."""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import datetime

# Fewer calls than this say more about chance than about pace.
MIN_CALLS_FOR_PACE = 3
# One slow call (a long talk at the window) should not make the estimate jump to an hour.
PACE_BOUNDS_MIN = (0.5, 60.0)


def minutes_per_client(recent_calls: Sequence[datetime], default_minutes: float) -> float:
    """Average minutes between consecutive calls, or the configured default before there is
    enough history. `recent_calls` are call times of one service, in any order."""
    if len(recent_calls) < MIN_CALLS_FOR_PACE:
        return default_minutes
    ordered = sorted(recent_calls)
    span_min = (ordered[-1] - ordered[0]).total_seconds() / 60
    pace = span_min / (len(ordered) - 1)
    low, high = PACE_BOUNDS_MIN
    return min(max(pace, low), high)


def estimated_wait_minutes(ahead: int, pace_minutes: float) -> int:
    """Rounded up: telling someone 4 minutes and calling them at 5 feels worse than the reverse."""
    return math.ceil(ahead * pace_minutes)
