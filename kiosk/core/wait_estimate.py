"""How long a client can expect to wait, from the recent pace of calls."""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import datetime

# The configured default counts as this many calls' worth of evidence. A few quick calls at
# opening (two windows calling at once) then pull the estimate down only a little, and it
# follows the real pace once there are many more calls than that.
DEFAULT_WEIGHT_CALLS = 3
# One slow call (a long talk at the window) should not make the estimate jump to an hour.
PACE_BOUNDS_MIN = (0.5, 60.0)


def minutes_per_client(
    recent_calls: Sequence[datetime], default_minutes: float, now: datetime
) -> float:
    """Minutes per client: the time from the oldest recent call until now, shared by the calls
    made in it, blended with the configured default.

    Counting up to now rather than to the last call means a window that has called nobody for
    a while slows the estimate down, and a burst of calls does not promise a two-minute wait.
    `recent_calls` are the call times of one service within the look-back, in any order."""
    if not recent_calls:
        return default_minutes
    elapsed_min = max((now - min(recent_calls)).total_seconds() / 60, 0.0)
    pace = (elapsed_min + DEFAULT_WEIGHT_CALLS * default_minutes) / (
        len(recent_calls) + DEFAULT_WEIGHT_CALLS
    )
    low, high = PACE_BOUNDS_MIN
    return min(max(pace, low), high)


def estimated_wait_minutes(ahead: int, pace_minutes: float) -> int:
    """Rounded up: telling someone 4 minutes and calling them at 5 feels worse than the reverse."""
    return math.ceil(ahead * pace_minutes)
