"""Waits kept as minute buckets, and percentiles read from the summed buckets."""

from __future__ import annotations

import random
from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest

from kiosk.core.minute_buckets import bucket_of, minutes_between, percentile

NOON = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)


def test_minutes_drop_the_seconds_and_never_go_below_zero() -> None:
    assert minutes_between(NOON, NOON + timedelta(minutes=6, seconds=59)) == 6
    assert minutes_between(NOON, NOON + timedelta(seconds=59)) == 0
    assert minutes_between(NOON, NOON - timedelta(minutes=3)) == 0


@pytest.mark.parametrize(
    ("minutes", "bucket"),
    [
        (0, 0),
        (7, 7),
        (119, 119),
        (120, 120),
        (129, 120),
        (1439, 1430),
        (1440, 1440),
        (1530, 1500),
        (4321, 4320),
    ],
)
def test_a_wait_is_told_to_the_minute_under_two_hours_then_coarser(
    minutes: int, bucket: int
) -> None:
    assert bucket_of(minutes) == bucket


def test_the_median_and_90th_percentile_are_the_nearest_rank() -> None:
    waits = Counter([2, 4, 7, 10, 30])
    assert (percentile(waits, 50), percentile(waits, 90)) == (7, 30)
    # Two waits: half of them waited 15 minutes or less.
    assert percentile(Counter([15, 20]), 50) == 15
    # Ten waits: the 90th percentile is the ninth, not the tenth (0.9 * 10 in floating point is
    # a hair over 9).
    ten = Counter(range(1, 11))
    assert (percentile(ten, 90), percentile(ten, 100), percentile(ten, 1)) == (9, 10, 1)


def test_percentiles_of_summed_days_equal_those_of_all_the_waits_together() -> None:
    rng = random.Random(9)
    days = [[rng.randint(0, 90) for _ in range(rng.randint(1, 60))] for _ in range(30)]
    summed: Counter[int] = Counter()
    for day in days:
        summed.update(Counter(bucket_of(m) for m in day))
    everything = sorted(m for day in days for m in day)
    for percent in (50, 90):
        rank = -(-percent * len(everything) // 100)
        assert percentile(summed, percent) == everything[rank - 1]


def test_nothing_counted_has_no_percentile_and_a_wrong_percent_is_refused() -> None:
    assert percentile({}, 50) is None
    assert percentile({5: 0}, 90) is None
    with pytest.raises(ValueError, match="from 1 to 100"):
        percentile({5: 1}, 0)
