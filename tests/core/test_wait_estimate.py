from datetime import UTC, datetime, timedelta

from kiosk.core.wait_estimate import estimated_wait_minutes, minutes_per_client

T0 = datetime(2026, 11, 24, 7, 0, tzinfo=UTC)


def test_default_pace_before_there_is_history() -> None:
    assert minutes_per_client([], 3.0) == 3.0
    assert minutes_per_client([T0, T0 + timedelta(minutes=9)], 3.0) == 3.0


def test_pace_is_the_average_gap_between_recent_calls() -> None:
    calls = [T0 + timedelta(minutes=m) for m in (0, 2, 4, 6, 8)]
    assert minutes_per_client(list(reversed(calls)), 3.0) == 2.0


def test_pace_is_bounded_so_one_long_talk_does_not_promise_an_hour() -> None:
    calls = [T0, T0 + timedelta(minutes=100), T0 + timedelta(minutes=300)]
    assert minutes_per_client(calls, 3.0) == 60.0
    burst = [T0, T0 + timedelta(seconds=1), T0 + timedelta(seconds=2)]
    assert minutes_per_client(burst, 3.0) == 0.5


def test_estimate_rounds_up() -> None:
    assert estimated_wait_minutes(0, 3.0) == 0
    assert estimated_wait_minutes(3, 2.5) == 8
