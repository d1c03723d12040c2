from datetime import UTC, datetime, timedelta

import pytest

from kiosk.core.wait_estimate import estimated_wait_minutes, minutes_per_client

T0 = datetime(2026, 11, 24, 7, 0, tzinfo=UTC)


def at(minutes: float) -> datetime:
    return T0 + timedelta(minutes=minutes)


def test_default_pace_before_there_is_history() -> None:
    assert minutes_per_client([], 3.0, T0, None) == 3.0


def test_a_steady_pace_is_followed_once_there_are_many_calls() -> None:
    # A call every 2 minutes for 20 minutes, people waiting all along; the default says 5.
    calls = [at(m) for m in range(0, 20, 2)]
    pace = minutes_per_client(list(reversed(calls)), 5.0, at(20), waiting_since=at(-5))
    assert pace == pytest.approx((20 + 3 * 5) / (10 + 3))
    assert abs(pace - 2.0) < abs(pace - 5.0)


def test_a_burst_of_calls_at_opening_does_not_promise_a_short_wait() -> None:
    # Both windows call at 07:30:00 and one more a second later; the old estimate (the gap
    # between calls) said half a minute a client, six people ahead would hear "3 minutes".
    burst = [T0, T0, T0 + timedelta(seconds=1)]
    pace = minutes_per_client(burst, 1.5, at(1), waiting_since=at(-20))
    assert pace == pytest.approx((1 + 3 * 1.5) / 6)
    assert estimated_wait_minutes(6, pace) == 6


def test_windows_that_stop_calling_a_waiting_line_slow_the_estimate_down() -> None:
    calls = [at(0), at(2), at(4)]
    assert minutes_per_client(calls, 3.0, at(5), waiting_since=at(1)) == pytest.approx(14 / 6)
    assert minutes_per_client(calls, 3.0, at(30), waiting_since=at(1)) == pytest.approx(39 / 6)


def test_a_quiet_spell_with_nobody_waiting_is_not_slow_service() -> None:
    # The last call was 40 minutes ago and nobody waited since; a client arrives now.
    calls = [at(0)]
    assert minutes_per_client(calls, 3.0, at(40), waiting_since=None) == pytest.approx(9 / 4)
    assert minutes_per_client(calls, 3.0, at(40), waiting_since=at(40)) == pytest.approx(9 / 4)
    # Someone has waited 10 of those minutes: those count.
    assert minutes_per_client(calls, 3.0, at(40), waiting_since=at(30)) == pytest.approx(19 / 4)


def test_pace_is_bounded_so_one_long_talk_does_not_promise_an_hour() -> None:
    assert minutes_per_client([at(0)], 3.0, at(600), waiting_since=at(0)) == 60.0
    assert minutes_per_client([T0] * 40, 0.1, T0, waiting_since=None) == 0.5


def test_estimate_rounds_up() -> None:
    assert estimated_wait_minutes(0, 3.0) == 0
    assert estimated_wait_minutes(3, 2.5) == 8
