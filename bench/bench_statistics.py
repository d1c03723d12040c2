"""What the statistics rollup saves: a year's statistics read from the daily totals, beside the
same statistics counted from the tickets and help requests themselves (the naive way, and the
only way if tickets were kept forever), on the same database in the same run.

The database holds `--years` years of a busy lounge: `--per-day` tickets a day (three in four
for dispensing between 07:30 and 11:30, the rest for the nurse until 15:00), a dozen help
requests a day and a few peer-work sessions. It prints, for a week, a month and a year:
milliseconds to the full statistics counted from the records and from the rollups, and their
ratio; that both gave the same figures; what rolling up costs (all the days at once, as on the
first purge after an upgrade, and one day as it closes); and the rows each way reads.

SQLite always; PostgreSQL when KIOSK_TEST_POSTGRES_URL names a server whose role may create a
throwaway database (`eval "$(scripts/start-test-postgres)"` gives one).

    .venv/bin/python -m bench.bench_statistics [--years 3] [--per-day 400] [--repeat 3]
"""

from __future__ import annotations

import argparse
import random
import statistics as stats_module
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock_time
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert, select

from bench.report import Figure, record
from bench.throwaway_postgres import postgres_database
from kiosk.core.actor import Actor
from kiosk.core.business_day import business_day_start
from kiosk.core.clock import FixedClock
from kiosk.core.statistics_period import StatisticsPeriod
from kiosk.db.migrations import upgrade
from kiosk.db.models import HelpRequest, Ticket
from kiosk.db.statistics_models import (
    DailyHelpDoneHistogram,
    DailyHelpTotal,
    DailyRollup,
    DailyTicketTotal,
    DailyWaitHistogram,
)
from kiosk.db.worker_models import Worker, WorkSession
from kiosk.services import statistics
from kiosk.services.context import Context
from kiosk.services.statistics_rollup import roll_up_closed_days
from kiosk.services.statistics_views import Statistics
from kiosk.settings.loader import load_settings

CLI = Actor("cli", "bench")
TOPICS = ("social_assistance", "housing_allowance", "jobseeker_registration", "computer_help")
ENDINGS = ("served", "no_show", "cancelled", "waiting")
BATCH = 20_000


def make_lounge(ctx: Context, first: date, last: date, per_day: int) -> int:
    """Tickets, help requests and peer work for every day from `first` to `last`; the tickets
    made."""
    rng = random.Random(2026)
    zone = ctx.settings.clinic.zone

    def at(day: date, minutes: float) -> datetime:
        return datetime.combine(day, clock_time(0), tzinfo=zone).astimezone(UTC) + timedelta(
            minutes=minutes
        )

    tickets: list[dict[str, Any]] = []
    requests: list[dict[str, Any]] = []
    sessions: list[dict[str, Any]] = []
    made = 0
    with ctx.transaction() as session:
        session.execute(
            insert(Worker),
            [
                {
                    "number": n,
                    "display_name": f"Worker {n}",
                    "pin_hash": "x",
                    "contract_start": first,
                    "contract_end": last,
                    "active": True,
                    "created_at": at(first, 0),
                    "updated_at": at(first, 0),
                }
                for n in range(1, 7)
            ],
        )
        worker_ids = list(session.scalars(select(Worker.id)))
    day = first
    while day <= last:
        numbers = {"A": 0, "B": 0}
        for _ in range(per_day):
            service = "A" if rng.random() < 0.75 else "B"
            opens, closes = (450, 690) if service == "A" else (480, 900)
            numbers[service] += 1
            taken = at(day, rng.uniform(opens, closes))
            wait = timedelta(minutes=rng.expovariate(1 / (8 if service == "A" else 20)))
            status = rng.choices(ENDINGS, weights=(90, 5, 3, 2))[0]
            called = None if status == "waiting" else taken + wait
            tickets.append(
                {
                    "business_day": day,
                    "service": service,
                    "number": numbers[service],
                    "status": status,
                    "taken_at": taken,
                    "called_at": called,
                    "call_count": 1 if called else 0,
                    "finished_at": None if status == "waiting" else (called or taken),
                }
            )
        for number in range(1, 13):
            created = at(day, rng.uniform(480, 900))
            ending = rng.choice(("done", "done", "done", "not_present", "cancelled"))
            closed = created + timedelta(minutes=rng.expovariate(1 / 45))
            requests.append(
                {
                    "business_day": day,
                    "number": number,
                    "resume_code": uuid.uuid4().hex[:12],
                    "topic": rng.choice(TOPICS),
                    "status": ending,
                    "created_at": created,
                    "queued_at": created,
                    "updated_at": closed,
                    "closed_at": closed,
                }
            )
        for worker in rng.sample(worker_ids, 3):
            start = at(day, rng.uniform(480, 600))
            sessions.append(
                {
                    "worker_id": worker,
                    "business_day": day,
                    "started_at": start,
                    "ended_at": start + timedelta(minutes=rng.uniform(60, 210)),
                    "start_method": "pin",
                    "start_device": "bench",
                }
            )
        if len(tickets) >= BATCH or day == last:
            made += len(tickets)
            with ctx.transaction() as session:
                session.execute(insert(Ticket), tickets)
                session.execute(insert(HelpRequest), requests)
                session.execute(insert(WorkSession), sessions)
            tickets, requests, sessions = [], [], []
        day += timedelta(days=1)
    return made


def timed(work: Callable[[], Statistics], repeat: int) -> tuple[float, Statistics]:
    """The median seconds of `repeat` runs after one to warm up, and what the last one gave."""
    work()
    seconds = []
    for _ in range(repeat):
        started = time.perf_counter()
        result = work()
        seconds.append(time.perf_counter() - started)
    return stats_module.median(seconds), result


def rows(ctx: Context, *models: type) -> int:
    with ctx.reading() as session:
        return sum(session.scalar(select(func.count()).select_from(m)) or 0 for m in models)


def measure(
    label: str, url: str, data_dir: Path, years: int, per_day: int, repeat: int
) -> list[Figure]:
    settings = load_settings()
    today = date(2026, 11, 24)
    first = today - timedelta(days=round(365.25 * years))
    clinic = settings.clinic
    # 09:00 on `today`: every day before it has closed.
    now = business_day_start(today, clinic.zone, clinic.business_day_start) + timedelta(hours=5)
    clock = FixedClock(now)
    ctx = Context.open(settings, data_dir, clock=clock, check_schema=False, url=url, create=True)
    upgrade(ctx.engine)
    started = time.perf_counter()
    made = make_lounge(ctx, first, today - timedelta(days=1), per_day)
    print(
        f"\n{label}: {made:,} tickets over {(today - first).days:,} days "
        f"({per_day} a day), made in {time.perf_counter() - started:.0f} s"
    )
    periods = {
        "week": StatisticsPeriod.week_of(today - timedelta(days=7)),
        "month": StatisticsPeriod.month_of(date(2026, 10, 1)),
        "year": StatisticsPeriod.between(date(2025, 1, 1), date(2025, 12, 31)),
    }

    def read(period: StatisticsPeriod) -> Callable[[], Statistics]:
        return lambda: statistics.for_period(ctx, period, by=CLI)

    from_records = {name: timed(read(p), repeat) for name, p in periods.items()}

    # Every day but the last at once, as the first purge after an upgrade does; then the last
    # one as it closes, as every later day is.
    clock.set(now - timedelta(days=1))
    started = time.perf_counter()
    with ctx.transaction() as session:
        bulk = roll_up_closed_days(session, ctx)
    all_at_once = time.perf_counter() - started
    clock.set(now)
    started = time.perf_counter()
    with ctx.transaction() as session:
        one = roll_up_closed_days(session, ctx)
    one_day = time.perf_counter() - started
    assert bulk is not None and one is not None and one.days == 1

    from_rollups = {name: timed(read(p), repeat) for name, p in periods.items()}

    header = f"{'period':<6} | {'from the records ms':>19} {'from the rollups ms':>19} | {'ratio':>7} | same"
    print(header)
    print("-" * len(header))
    for name in periods:
        naive_s, naive = from_records[name]
        ours_s, ours = from_rollups[name]
        print(
            f"{name:<6} | {naive_s * 1000:>19.1f} {ours_s * 1000:>19.1f} | "
            f"{ratio(ours_s, naive_s):>7} | {'yes' if ours == naive else 'NO'}"
        )
    records = rows(ctx, Ticket, HelpRequest)
    totals = rows(
        ctx,
        DailyRollup,
        DailyTicketTotal,
        DailyWaitHistogram,
        DailyHelpTotal,
        DailyHelpDoneHistogram,
    )
    print(
        f"rows: {records:,} tickets and help requests; {totals:,} in the daily tables "
        f"({ratio(totals, records)})"
    )
    print(
        f"rollup: {bulk.days:,} days at once {all_at_once:.1f} s "
        f"({all_at_once / bulk.days * 1000:.1f} ms a day); one day as it closes "
        f"{one_day * 1000:.1f} ms"
    )
    ctx.engine.dispose()
    return [
        Figure(
            f"statistics for a {name}, {label}",
            from_rollups[name][0] * 1000,
            "ms",
            "counted from the records",
            from_records[name][0] * 1000,
        )
        for name in periods
    ]


def ratio(ours: float, naive: float) -> str:
    return f"{ours / naive:.3f}x" if naive else "n/a"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=int, default=3)
    parser.add_argument("--per-day", type=int, default=400)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-") as folder:
        data_dir = Path(folder)
        url = f"sqlite:///{data_dir / 'kiosk.sqlite3'}"
        figures = measure("SQLite", url, data_dir, args.years, args.per_day, args.repeat)
        with postgres_database() as postgres:
            if postgres is not None:
                figures += measure(
                    "PostgreSQL", postgres, data_dir, args.years, args.per_day, args.repeat
                )
    print()
    record("statistics", figures)


if __name__ == "__main__":
    main()
