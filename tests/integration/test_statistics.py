"""Statistics for a known week (tests/statistics_data.py), right before the rollup, once rolled
up, and after the purge has deleted every ticket and help request they count; each closed day
rolled up once, also by two processes at once; and no day purged before it is rolled up.
Every test runs on SQLite and on PostgreSQL."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from kiosk.core.clock import FixedClock
from kiosk.core.statistics_period import StatisticsPeriod
from kiosk.db.models import AuditEvent, HelpRequest, Ticket
from kiosk.db.statistics_models import DailyRollup, DailyTicketTotal
from kiosk.services import retention, statistics, statistics_rollup, tickets
from kiosk.services.context import Context
from kiosk.services.statistics_views import ServiceFigures, Statistics, TopicFigures, WorkWeek
from tests.statistics_data import MONDAY, NEXT_MONDAY, TODAY, local, make_the_week
from tests.support import CLI

WEEK_47 = StatisticsPeriod.week_of(MONDAY)
NOVEMBER = StatisticsPeriod.month_of(MONDAY)
# Past every retention period: tickets 30 days, closed help requests 180 days.
NEXT_SUMMER = local(date(2027, 6, 14), "09:00")
ROLLED_UP_DAYS = [MONDAY + timedelta(days=n) for n in range((TODAY - MONDAY).days)]


@pytest.fixture
def week(ctx: Context, clock: FixedClock) -> Context:
    make_the_week(ctx, clock)
    return ctx


def count(ctx: Context, model: type) -> int:
    with ctx.reading() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def test_the_known_week_gives_the_hand_counted_figures(week: Context) -> None:
    stats = statistics.for_period(week, WEEK_47, by=CLI)
    assert (stats.period, stats.first_day, stats.last_day) == (
        "2026-W47",
        MONDAY,
        MONDAY + timedelta(days=6),
    )
    # From Monday, the first day on record, to Sunday; today (the 24th) is not in it.
    assert (stats.days_counted, stats.includes_today, stats.services) == (7, False, ("A", "B"))
    busy_hours = {row.hour: (row.taken, row.by_service) for row in stats.by_hour if row.taken}
    assert busy_hours == {7: (2, (2, 0)), 8: (3, (3, 0)), 9: (2, (0, 2)), 10: (2, (1, 1))}
    assert [(d.weekday, d.days, d.taken) for d in stats.by_weekday] == [
        (1, 1, 5),
        (2, 1, 4),
        (3, 1, 0),
        (4, 1, 0),
        (5, 1, 0),
        (6, 1, 0),
        (7, 1, 0),
    ]
    # A waits 4, 7 (to its first call, not the recall), 10, 2, 30: median 7, 9 in 10 up to 30.
    # B waits 20 and 15; the cancelled B002 was never called.
    assert stats.by_service == (
        ServiceFigures(
            "A",
            taken=6,
            served=4,
            no_show=1,
            cancelled=0,
            called=5,
            median_wait_minutes=7,
            p90_wait_minutes=30,
        ),
        ServiceFigures(
            "B",
            taken=3,
            served=1,
            no_show=0,
            cancelled=1,
            called=2,
            median_wait_minutes=15,
            p90_wait_minutes=20,
        ),
    )
    topics = {t.topic: t for t in stats.help_by_topic if t.opened or t.done}
    assert topics == {
        "social_assistance": TopicFigures("social_assistance", 2, 2, 0, 0, 20, 40),
        # Opened Monday 09:05, done Tuesday 10:35: 25 h 30 min, kept to the hour.
        "housing_allowance": TopicFigures("housing_allowance", 1, 1, 0, 0, 1500, 1500),
        "computer_help": TopicFigures("computer_help", 2, 0, 1, 1, None, None),
    }
    assert stats.help_total == TopicFigures("", 5, 3, 1, 1, 40, 1500)
    assert stats.peer_work == (WorkWeek("2026-W47", MONDAY, MONDAY + timedelta(days=6), 510, 2),)


def test_the_figures_stay_the_same_rolled_up_and_after_the_purge(
    week: Context, clock: FixedClock
) -> None:
    before = [statistics.for_period(week, p, by=CLI) for p in (WEEK_47, NOVEMBER)]
    assert count(week, DailyRollup) == 0  # so far counted from the tickets themselves

    assert retention.purge(week, by=CLI).tickets == 0  # nothing is old enough yet
    assert _rolled_up(week) == ROLLED_UP_DAYS
    rolled_up = [statistics.for_period(week, p, by=CLI) for p in (WEEK_47, NOVEMBER)]

    clock.set(NEXT_SUMMER)
    purged = retention.purge(week, by=CLI)
    assert (purged.tickets, purged.help_requests) == (9, 5)
    assert count(week, Ticket) == count(week, HelpRequest) == 0
    after = [statistics.for_period(week, p, by=CLI) for p in (WEEK_47, NOVEMBER)]

    assert before[0] == rolled_up[0] == after[0]
    # November, and last year as a whole, after the purge: the same tickets, requests and peer
    # work. Only the days counted grow, from the first day on record (the 16th): November had
    # not ended before.
    last_year = statistics.for_period(
        week, StatisticsPeriod.between(date(2026, 1, 1), date(2026, 12, 31)), by=CLI
    )
    for later in (rolled_up[1], after[1], last_year):
        assert _figures(later) == _figures(before[1])
    assert (before[1].days_counted, after[1].days_counted, last_year.days_counted) == (9, 15, 46)
    assert last_year.help_total == TopicFigures("", 5, 3, 1, 1, 40, 1500)
    assert [w.minutes for w in last_year.peer_work if w.minutes] == [510, 90]


def test_any_range_counts_only_the_days_on_record(week: Context) -> None:
    everything = statistics.for_period(
        week, StatisticsPeriod.between(date(1900, 1, 1), date(2199, 12, 31)), by=CLI
    )
    # From Monday the 16th, the first day on record, to today.
    assert (everything.days_counted, everything.includes_today) == (9, True)
    assert [s.taken for s in everything.by_service] == [6, 3]
    assert [(w.week, w.minutes) for w in everything.peer_work] == [
        ("2026-W47", 510),
        ("2026-W48", 90),
    ]


def test_days_with_nothing_on_record_are_rolled_up_too(week: Context, clock: FixedClock) -> None:
    clock.set(NEXT_SUMMER)
    retention.purge(week, by=CLI)  # every ticket and request is gone after this
    clock.advance(days=10)
    retention.purge(week, by=CLI)
    days = _rolled_up(week)
    assert days == [MONDAY + timedelta(days=n) for n in range(len(days))]
    assert days[-1] == week.today() - timedelta(days=1)


def test_today_is_counted_from_the_tickets_until_it_closes(
    week: Context, clock: FixedClock
) -> None:
    retention.purge(week, by=CLI)
    clock.set(local(TODAY, "09:10"))
    tickets.take_number(week, "A")
    tickets.take_number(week, "B")
    clock.set(local(TODAY, "09:16"))
    tickets.call_next(week, 1, by=CLI)
    today = statistics.for_period(week, StatisticsPeriod.day(TODAY), by=CLI)
    assert (today.days_counted, today.includes_today) == (1, True)
    assert [(s.taken, s.called, s.median_wait_minutes) for s in today.by_service] == [
        (1, 1, 6),
        (1, 0, None),
    ]
    # The week: Monday the 23rd rolled up (nothing happened), today from the tickets.
    week_48 = statistics.for_period(week, StatisticsPeriod.week_of(TODAY), by=CLI)
    assert (week_48.days_counted, week_48.includes_today) == (2, True)
    assert [s.taken for s in week_48.by_service] == [1, 1]
    assert week_48.peer_work == (WorkWeek("2026-W48", NEXT_MONDAY, TODAY, 90, 1),)
    assert TODAY not in _rolled_up(week)


def test_each_closed_day_is_rolled_up_once(week: Context, clock: FixedClock) -> None:
    retention.purge(week, by=CLI)
    clock.advance(days=3)
    retention.purge(week, by=CLI)
    retention.purge(week, by=CLI)
    days = _rolled_up(week)
    assert days == [*ROLLED_UP_DAYS, TODAY, TODAY + timedelta(days=1), TODAY + timedelta(days=2)]
    with week.reading() as session:
        assert session.scalar(select(func.sum(DailyTicketTotal.taken))) == 9
        rollups = session.scalars(
            select(AuditEvent.details).where(AuditEvent.action == "statistics.rollup")
        ).all()
    assert rollups == [
        {"days": 8, "first": "2026-11-16", "last": "2026-11-23"},
        {"days": 3, "first": "2026-11-24", "last": "2026-11-26"},
    ]


def test_two_processes_rolling_up_at_once_count_each_day_once(
    week: Context, database_url: str, tmp_path: Path
) -> None:
    now = local(TODAY, "09:00").isoformat()
    root = Path(__file__).resolve().parents[2]
    rollers = [
        subprocess.Popen(
            [sys.executable, "-m", "tests.statistics_roller", database_url, str(tmp_path), now],
            cwd=root,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    for roller in rollers:
        assert roller.stdout is not None and roller.stdout.readline().strip() == "ready"
    for roller in rollers:
        assert roller.stdin is not None
        roller.stdin.write("go\n")
        roller.stdin.flush()
    rolled = sorted(int(roller.communicate(timeout=60)[0]) for roller in rollers)
    assert [roller.returncode for roller in rollers] == [0, 0]
    assert rolled == [0, len(ROLLED_UP_DAYS)]  # one did every day, the other found none left
    assert _rolled_up(week) == ROLLED_UP_DAYS
    with week.reading() as session:
        assert session.scalar(select(func.sum(DailyTicketTotal.taken))) == 9


def test_a_purge_whose_rollup_fails_deletes_nothing(
    week: Context, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock.set(NEXT_SUMMER)

    def broken(*_args: object) -> None:
        raise RuntimeError("the rollup failed")

    monkeypatch.setattr(statistics_rollup, "figures_from_records", broken)
    with pytest.raises(RuntimeError):
        retention.purge(week, by=CLI)
    assert (count(week, Ticket), count(week, HelpRequest), count(week, DailyRollup)) == (9, 5, 0)


# The shared `ctx` fixture, on PostgreSQL only: advisory locks are PostgreSQL's.
on_postgresql = pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)


@on_postgresql
def test_a_kiosk_does_not_purge_while_another_rolls_up(week: Context, clock: FixedClock) -> None:
    clock.set(NEXT_SUMMER)
    with week.engine.connect() as console:
        # A console or another kiosk is rolling up: it holds the rollup lock until it commits.
        console.execute(
            text("SELECT pg_advisory_xact_lock(:key)"), {"key": statistics_rollup.ROLLUP_LOCK_KEY}
        )
        assert retention.start_purge(week, by=None, wait=False) is None  # at once, and nothing deleted
        assert (count(week, Ticket), count(week, DailyRollup)) == (9, 0)
        console.commit()
    assert retention.purge(week, by=CLI) == retention.Purged(0, 5, 9, 0)
    assert len(_rolled_up(week)) > len(ROLLED_UP_DAYS)


def test_statistics_name_no_one(week: Context) -> None:
    """The tables the rollup fills hold days, letters, topics, hours and counts: nothing that
    could be matched to a person, a number on a slip or a staff member."""
    retention.purge(week, by=CLI)
    with week.reading() as session:
        for table in (
            "daily_ticket_totals",
            "daily_wait_histogram",
            "daily_help_totals",
            "daily_help_done_histogram",
        ):
            columns = session.execute(text(f"SELECT * FROM {table}")).keys()
            assert set(columns) <= {
                "business_day",
                "service",
                "topic",
                "hour",
                "outcome",
                "minute_bucket",
                "count",
                "taken",
                "served",
                "no_show",
                "cancelled",
            }, table


def _figures(stats: Statistics) -> tuple[object, ...]:
    """What a period's statistics count, apart from how many days."""
    return (
        stats.by_hour,
        stats.by_service,
        stats.help_by_topic,
        stats.help_total,
        [(w.week, w.minutes, w.workers) for w in stats.peer_work if w.minutes],
    )


def _rolled_up(ctx: Context) -> list[date]:
    with ctx.reading() as session:
        return list(
            session.scalars(select(DailyRollup.business_day).order_by(DailyRollup.business_day))
        )
