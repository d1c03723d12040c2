"""Waits and times to done kept as histograms of whole minutes, and percentiles read from them.

The statistics keep no single wait, only how many fell in each minute bucket per day, so the
median and the 90th percentile of any run of days come from the summed buckets and stay right
after the tickets themselves are purged. A bucket is named by its first minute:
- under 2 hours, every whole minute is its own bucket (a wait at the window is told exactly);
- under a day, 10 minutes to a bucket;
- from a day on (help waiting for documents), an hour to a bucket.
So a day's histogram has at most a few hundred rows, however many tickets it counts.

A percentile is the nearest rank: the median is the smallest number of minutes that at least
half of the counted waits did not exceed. From a wider bucket it is the bucket's first minute.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

EXACT_UNDER = 120
TEN_MINUTES_UNDER = 24 * 60


def minutes_between(start: datetime, end: datetime) -> int:
    """Whole minutes from `start` to `end` (aware instants), the seconds dropped; never below 0."""
    return max(int((end - start).total_seconds()) // 60, 0)


def bucket_of(minutes: int) -> int:
    """The first minute of the bucket that `minutes` falls in."""
    if minutes < EXACT_UNDER:
        return max(minutes, 0)
    if minutes < TEN_MINUTES_UNDER:
        return minutes - minutes % 10
    return minutes - minutes % 60


def percentile(histogram: Mapping[int, int], percent: int) -> int | None:
    """The nearest-rank `percent`th percentile (1..100) of a histogram {bucket: count}, as the
    bucket's first minute; None when it counts nothing."""
    if not 1 <= percent <= 100:
        raise ValueError(f"a percentile is from 1 to 100, got {percent}")
    total = sum(histogram.values())
    if total == 0:
        return None
    # The rank in whole numbers: 0.9 * 10 in floating point is a hair over 9.
    rank = (percent * total + 99) // 100
    seen = 0
    for bucket in sorted(histogram):
        seen += histogram[bucket]
        if seen >= rank:
            return bucket
    raise AssertionError("the rank is at most the total")
