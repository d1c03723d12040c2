"""How long a client can expect to wait, from the recent pace of calls."""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import datetime, timedelta

# The configured default counts as this many calls' worth of evidence. A few quick calls at
# opening (two windows calling at once) then pull the estimate down only a little, and it
# follows the real pace once there are many more calls than that.
DEFAULT_WEIGHT_CALLS = 3
# One slow call (a long talk at the window) should not make the estimate jump to an hour.
PACE_BOUNDS_MIN = (0.5, 60.0)


def minutes_per_client(
    recent_calls: Sequence[datetime],
    default_minutes: float,
    now: datetime,
    waiting_since: datetime | None,
) -> float:
    """Minutes per client: the time the recent calls took, shared by them, blended with the
    configured default.

    The time runs from the oldest recent call to the newest, and then on to now while someone
    has been waiting since the last call: windows that have stopped calling a waiting line
    slow the estimate down, a quiet hour with nobody waiting does not, and a burst of calls
    does not promise a two-minute wait. `recent_calls` are the call times of one service within
    the look-back, in any order; `waiting_since` is when its oldest waiting ticket was taken."""
    if not recent_calls:
        return default_minutes
    first, last = min(recent_calls), max(recent_calls)
    waited = now - max(last, waiting_since) if waiting_since is not None else timedelta(0)
    elapsed_min = ((last - first) + max(waited, timedelta(0))).total_seconds() / 60
    pace = (elapsed_min + DEFAULT_WEIGHT_CALLS * default_minutes) / (
        len(recent_calls) + DEFAULT_WEIGHT_CALLS
    )
    low, high = PACE_BOUNDS_MIN
    return min(max(pace, low), high)


def estimated_wait_minutes(ahead: int, pace_minutes: float) -> int:
    """Rounded up: telling someone 4 minutes and calling them at 5 feels worse than the reverse."""
    return math.ceil(ahead * pace_minutes)
