"""Pure peer-work rules: pay periods, contracts, badge tokens, shift times, forgotten sign-outs."""

from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from kiosk.core.badges import TOKEN_LENGTH, badge_digest, new_badge_token, normalise_badge_token
from kiosk.core.contract import add_months, check_contract_dates, valid_on
from kiosk.core.pay_period import parse_period, period_containing
from kiosk.core.work_day import (
    closing_instant,
    counted_end,
    days_per_week,
    forgotten_at,
    parse_shift_times,
    session_end,
)
from kiosk.errors import KioskError
from kiosk.settings.loader import ConfigError, load_settings, parse_settings
from tests.support import default_toml

HELSINKI = ZoneInfo("Europe/Helsinki")


def at(hour: int, minute: int = 0, day: int = 24) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=HELSINKI).astimezone(UTC)


def test_month_and_iso_week_periods_parse_and_label() -> None:
    november = parse_period("2026-11")
    assert (november.first_day, november.last_day, november.label) == (
        date(2026, 11, 1),
        date(2026, 11, 30),
        "2026-11",
    )
    assert len(november.days()) == 30
    february = period_containing(date(2028, 2, 10), "month")
    assert february.last_day == date(2028, 2, 29)
    week = parse_period("2026-W53")  # 2026 has 53 ISO weeks
    assert (week.first_day, week.last_day) == (date(2026, 12, 28), date(2027, 1, 3))
    assert period_containing(date(2027, 1, 1), "week").label == "2026-W53"


@pytest.mark.parametrize("text", ["2026-13", "2025-W53", "26-11", "november", "2026-W0"])
def test_bad_periods_say_how_to_write_one(text: str) -> None:
    with pytest.raises(KioskError, match="write a month like 2026-11 or an ISO week like 2026-W48"):
        parse_period(text)


def test_contract_may_last_the_configured_months_and_no_longer() -> None:
    check_contract_dates(date(2026, 11, 1), date(2027, 5, 1), 6)
    with pytest.raises(
        KioskError, match=r"at most 6 months, so one starting 01\.11\.2026 ends by 01\.05\.2027"
    ):
        check_contract_dates(date(2026, 11, 1), date(2027, 5, 2), 6)
    with pytest.raises(KioskError, match=r"ends \(31\.10\.2026\) before it starts"):
        check_contract_dates(date(2026, 11, 1), date(2026, 10, 31), 6)
    assert add_months(date(2026, 8, 31), 6) == date(2027, 2, 28)
    assert add_months(date(2026, 12, 15), 1) == date(2027, 1, 15)
    assert valid_on(date(2026, 11, 1), date(2026, 11, 30), date(2026, 11, 30))
    assert not valid_on(date(2026, 11, 1), date(2026, 11, 30), date(2026, 12, 1))


def test_badge_tokens_survive_a_scanner_typing_in_the_wrong_case() -> None:
    tokens = {new_badge_token() for _ in range(100)}
    assert len(tokens) == 100
    token = tokens.pop()
    assert len(token) == TOKEN_LENGTH and token.isalnum() and token.isupper()
    assert normalise_badge_token(f"  {token.lower()}\n") == token
    assert normalise_badge_token("12") is None
    assert normalise_badge_token(token[:-1] + "-") is None
    digest = badge_digest(token)
    assert len(digest) == 64 and token not in digest


@pytest.mark.parametrize(
    ("text", "starts", "ends"),
    [
        ("09:00-12:30", time(9), time(12, 30)),
        ("9.00–12.30", time(9), time(12, 30)),
        (" 13:15 - 16:00 ", time(13, 15), time(16)),
    ],
)
def test_shift_times_read_the_way_finns_write_them(text: str, starts: time, ends: time) -> None:
    parsed = parse_shift_times(text)
    assert (parsed.starts, parsed.ends) == (starts, ends)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("12:00-09:00", "must end after it starts"),
        ("9-12", "write it like 09:00-12:30"),
        ("25:00-26:00", "write it like"),
    ],
)
def test_bad_shift_times_are_explained(text: str, message: str) -> None:
    with pytest.raises(KioskError, match=message):
        parse_shift_times(text)


def test_closing_time_is_on_the_business_day_even_after_midnight() -> None:
    day = date(2026, 11, 24)
    assert closing_instant(day, HELSINKI, time(4), time(16)) == at(16)
    assert closing_instant(day, HELSINKI, time(4), time(1, 30)) == at(1, 30, day=25)


def test_a_session_ending_at_an_earlier_clock_time_ends_the_next_day() -> None:
    evening = at(22)
    assert session_end(evening, date(2026, 11, 24), time(1, 30), HELSINKI) == at(1, 30, day=25)
    assert session_end(evening, date(2026, 11, 24), time(23, 15), HELSINKI) == at(23, 15)
    # An end at the very minute it began is a whole night, not an empty session.
    assert session_end(evening, date(2026, 11, 24), time(22), HELSINKI) == at(22, day=25)


def test_a_session_past_midnight_into_summer_time_lasts_what_the_clock_says() -> None:
    # Sunday 29.3.2026 03:00 became 04:00 in Helsinki: 22:00 to 05:00 is six hours, not seven.
    started = datetime(2026, 3, 28, 22, 0, tzinfo=HELSINKI)
    ended = session_end(started, date(2026, 3, 28), time(5), HELSINKI)
    assert ended == datetime(2026, 3, 29, 5, 0, tzinfo=HELSINKI)
    assert ended - started == timedelta(hours=6)


def test_forgotten_session_is_due_at_closing_or_maximum_length() -> None:
    six_hours = timedelta(hours=6)
    assert forgotten_at(at(8), at(16), six_hours) == at(14)
    assert forgotten_at(at(12), at(16), six_hours) == at(16)


def test_forgotten_session_counts_to_the_planned_shift_end_or_closing() -> None:
    closing = at(16)
    assert counted_end(at(9), at(16), closing, shift_end=at(12, 30)) == at(12, 30)
    assert counted_end(at(9), at(16), closing, shift_end=None) == closing
    # The shift had ended before this session began: closing time is the limit.
    assert counted_end(at(13), at(16), closing, shift_end=at(12, 30)) == closing
    # Never past the moment it was closed (maximum length), never before it began.
    assert counted_end(at(8), at(14), closing, shift_end=None) == at(14)
    assert counted_end(at(17), at(17), closing, shift_end=None) == at(17)


def test_days_per_week_counts_each_day_once() -> None:
    days = [date(2026, 11, 23), date(2026, 11, 23), date(2026, 11, 24), date(2026, 11, 30)]
    assert days_per_week(days) == {"2026-W48": 2, "2026-W49": 1}


def test_shipped_peer_work_settings_are_translated() -> None:
    peer = load_settings().peer_work
    assert peer.closing_time == time(16, 0)
    assert {t.id for t in peer.tasks} >= {"coffee", "lounge_host", "computer_help", "cleaning"}
    for item in [*peer.tasks, *peer.absence_reasons]:
        assert item.names.fi and item.names.sv and item.names.en
    assert len(peer.rules.fi) == len(peer.rules.sv) == len(peer.rules.en) >= 5
    assert peer.task("coffee") is not None and peer.absence_reason("nope") is None


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "max_days_per_week = 3",
            "max_days_per_week = 3\nmax_day_per_week = 2",
            "peer_work.max_day_per_week: unknown key",
        ),
        (
            'closing_time = "16:00"',
            'closing_time = "4 pm"',
            "peer_work.closing_time: expected a time",
        ),
        ('id = "cleaning"', 'id = "coffee"', "task ids must be unique, repeated: coffee"),
        ("pin_max_failures = 5", "pin_max_failures = 1", "peer_work.pin_max_failures"),
    ],
)
def test_peer_work_setting_errors_name_the_key(old: str, new: str, expected: str) -> None:
    text = default_toml()
    assert old in text
    with pytest.raises(ConfigError) as raised:
        parse_settings(text.replace(old, new, 1), Path("kiosk.toml"))
    assert expected in str(raised.value)
