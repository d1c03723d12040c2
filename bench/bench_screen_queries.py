"""The queries screens run again and again, on three years of history and on today's data only.

Every screen reads the database again after each change (kiosk.db.change_feed), and on the
kiosk all of it runs on one database thread, so a read that grows with the years is a client
waiting longer for a number. This times each repeated read, p50 and p99:
- home: lounge_overview (queues, numbers called, help waiting);
- console lists: help_requests.queue and tickets.queue_overview;
- board: lounge_overview.now_serving;
on a generated SQLite database holding about three years of a busy lounge as the outside pass
found it (about 1 M tickets, 100 k help requests of which 4.4 k were never closed, 3.35 M audit
events), against the same read on a database holding only today. Both hold the same today.

Making three years takes a minute or two, so the file is kept in the cache folder
($XDG_CACHE_HOME/aula-kiosk/bench) and made again only when the schema or this generator
changes.

    .venv/bin/python -m bench.bench_screen_queries [--repeat 40]
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import insert, text

from bench.report import Figure, record
from kiosk.core.actor import Actor
from kiosk.core.clock import FixedClock
from kiosk.db.engine import make_engine
from kiosk.db.migrations import HEAD, upgrade
from kiosk.db.models import HelpRequest, Ticket
from kiosk.paths import cache_dir
from kiosk.services import help_requests, lounge_overview, tickets
from kiosk.services.context import Context
from kiosk.settings.loader import load_settings

GENERATOR = 1  # bump when the generated history changes, so a cached file is made again
HELSINKI = ZoneInfo("Europe/Helsinki")
TODAY = date(2026, 11, 24)  # a Tuesday: both services open at 10:00
NOW = datetime(2026, 11, 24, 10, 0, tzinfo=HELSINKI)
YEARS_DAYS = 1096
TICKETS_A_DAY = 912  # about 1 M over three years
HELP_A_DAY = 91  # about 100 k
NEVER_CLOSED = 4400
HOME_MAX_RATIO = 2.0  # issue 11: home refresh on 3 years at most 2× its today-only time
CLI = Actor("cli", "bench")
BATCH = 50_000


def at(day: date, minutes: float) -> datetime:
    """`minutes` after 07:30 on `day`, Helsinki time, as UTC."""
    return (
        datetime.combine(day, datetime.min.time(), HELSINKI) + timedelta(minutes=450 + minutes)
    ).astimezone(UTC)


def history_rows(
    day: date, rng: random.Random, help_ids: list[int]
) -> tuple[list[dict], list[dict]]:
    """One closed day: every ticket served or not present, every help request finished."""
    ticket_rows = []
    for number in range(1, TICKETS_A_DAY + 1):
        service = "A" if number % 4 else "B"
        taken = at(day, number * 0.3)
        called = taken + timedelta(minutes=rng.uniform(2, 30))
        ticket_rows.append(
            {
                "business_day": day,
                "service": service,
                "number": number,
                "status": "served" if number % 20 else "no_show",
                "taken_at": taken,
                "kiosk_id": "lounge-1",
                "window": 1 + number % 3,
                "called_at": called,
                "call_count": 1,
                "finished_at": called + timedelta(minutes=3),
            }
        )
    help_rows = []
    for number in range(1, HELP_A_DAY + 1):
        help_ids[0] += 1
        queued = at(day, number * 3)
        help_rows.append(
            {
                "business_day": day,
                "number": number,
                "resume_code": f"R{help_ids[0]:09d}",
                "topic": "social_assistance",
                "status": "done",
                "has_credentials": True,
                "has_documents": True,
                "needs_interpreter": False,
                "created_at": queued,
                "queued_at": queued,
                "kiosk_id": "lounge-1",
                "updated_at": queued + timedelta(minutes=20),
                "closed_at": queued + timedelta(minutes=20),
                "place": "desk-1",
                "called_at": queued + timedelta(minutes=5),
                "call_count": 1,
            }
        )
    return ticket_rows, help_rows


def today_rows(help_ids: list[int]) -> tuple[list[dict], list[dict]]:
    """Today at 10:00: 300 numbers taken, a dozen waiting, two at windows; 30 help requests."""
    ticket_rows = []
    for number in range(1, 301):
        taken = at(TODAY, number * 0.5)
        status = "waiting" if number > 288 else "called" if number > 286 else "served"
        called = None if status == "waiting" else taken + timedelta(minutes=5)
        ticket_rows.append(
            {
                "business_day": TODAY,
                "service": "A" if number % 4 else "B",
                "number": number,
                "status": status,
                "taken_at": taken,
                "kiosk_id": "lounge-1",
                "window": None if called is None else 1 + number % 2,
                "called_at": called,
                "call_count": 0 if called is None else 1,
                "finished_at": called + timedelta(minutes=3) if status == "served" else None,
            }
        )
    help_rows = []
    for number in range(1, 31):
        help_ids[0] += 1
        queued = at(TODAY, number * 4)
        status = "open" if number > 25 else "in_progress" if number > 23 else "done"
        called = None if status == "open" else queued + timedelta(minutes=5)
        help_rows.append(
            {
                "business_day": TODAY,
                "number": number,
                "resume_code": f"R{help_ids[0]:09d}",
                "topic": "social_assistance",
                "status": status,
                "has_credentials": True,
                "has_documents": False,
                "needs_interpreter": False,
                "created_at": queued,
                "queued_at": queued,
                "kiosk_id": "lounge-1",
                "updated_at": queued,
                "closed_at": queued + timedelta(minutes=20) if status == "done" else None,
                "place": None if called is None else "desk-1",
                "called_at": called,
                "call_count": 0 if called is None else 1,
            }
        )
    return ticket_rows, help_rows


def make_database(path: Path, *, years: bool) -> None:
    """Today, after three years of history when `years`."""
    engine = make_engine(f"sqlite:///{path}", create=True)
    upgrade(engine)
    rng = random.Random(11)
    help_ids = [0]
    first = TODAY - timedelta(days=YEARS_DAYS)
    pending_tickets: list[dict] = []
    pending_help: list[dict] = []

    def flush() -> None:
        with engine.begin() as connection:
            if pending_tickets:
                connection.execute(insert(Ticket), pending_tickets)
            if pending_help:
                connection.execute(insert(HelpRequest), pending_help)
        pending_tickets.clear()
        pending_help.clear()

    for offset in range(YEARS_DAYS if years else 0):
        ticket_rows, help_rows = history_rows(first + timedelta(days=offset), rng, help_ids)
        pending_tickets += ticket_rows
        pending_help += help_rows
        if len(pending_tickets) >= BATCH:
            flush()
    ticket_rows, help_rows = today_rows(help_ids)
    pending_tickets += ticket_rows
    pending_help += help_rows
    flush()
    with engine.begin() as connection:
        if years:
            # Left open on earlier days, as found: the client went home and nobody closed them.
            connection.execute(
                text(
                    "UPDATE help_requests SET status = CASE id % 3 WHEN 0 THEN 'open' "
                    "WHEN 1 THEN 'in_progress' ELSE 'waiting_docs' END, closed_at = NULL "
                    "WHERE business_day < :today AND id % :step = 0"
                ),
                {"today": TODAY, "step": round(HELP_A_DAY * YEARS_DAYS / NEVER_CLOSED)},
            )
        # A note on every tenth request, and the audit log: take, call and finish of every
        # ticket, and four events of every help request (about 3.35 M over three years).
        connection.execute(
            text(
                "INSERT INTO help_notes (request_id, written_at, written_by, text) "
                "SELECT id, updated_at, 'staff:anna', 'brings papers' FROM help_requests "
                "WHERE id % 10 = 0"
            )
        )
        for action, column in (
            ("ticket.take", "taken_at"),
            ("ticket.call", "called_at"),
            ("ticket.serve", "finished_at"),
        ):
            connection.execute(
                text(
                    "INSERT INTO audit_events (at, actor, device, action, subject_type, subject_id, "
                    f"subject_code, details) SELECT {column}, 'kiosk:lounge-1', 'lounge-1', "
                    f"'{action}', 'ticket', id, service || number, '{{}}' FROM tickets "
                    f"WHERE {column} IS NOT NULL"
                )
            )
        for action in ("help.open", "help.call", "help.note", "help.done"):
            connection.execute(
                text(
                    "INSERT INTO audit_events (at, actor, device, action, subject_type, subject_id, "
                    f"subject_code, details) SELECT updated_at, 'staff:anna', 'console', '{action}', "
                    "'help_request', id, 'H' || number, '{}' FROM help_requests"
                )
            )
    engine.dispose()


def cached_database(years: bool, folder: Path) -> Path:
    if not years:
        path = folder / "today.sqlite3"
        make_database(path, years=False)
        return path
    path = cache_dir("bench") / f"lounge-3-years-schema-{HEAD}-generator-{GENERATOR}.sqlite3"
    if not path.exists():
        started = time.perf_counter()
        partial = path.with_suffix(".partial")
        partial.unlink(missing_ok=True)
        make_database(partial, years=True)
        partial.replace(path)
        print(f"made three years in {time.perf_counter() - started:.0f} s: {path}")
    return path


def reads(ctx: Context) -> dict[str, Callable[[], object]]:
    return {
        "home: lounge_overview": lambda: lounge_overview.lounge_overview(ctx),
        "console: help_requests.queue": lambda: help_requests.queue(ctx, by=CLI),
        "console: tickets.queue_overview": lambda: tickets.queue_overview(ctx),
        "board: lounge_overview.now_serving": lambda: lounge_overview.now_serving(ctx),
    }


def timings(path: Path, repeat: int) -> dict[str, list[float]]:
    settings = load_settings()
    ctx = Context.open(settings, path.parent, url=f"sqlite:///{path}", clock=FixedClock(NOW))
    measured: dict[str, list[float]] = {}
    try:
        for name, read in reads(ctx).items():
            read()  # the first read warms SQLAlchemy's statement cache and the page cache
            seconds = []
            for _ in range(repeat):
                started = time.perf_counter()
                read()
                seconds.append(time.perf_counter() - started)
            measured[name] = seconds
    finally:
        ctx.engine.dispose()
    return measured


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=40)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-") as folder:
        years = timings(cached_database(True, Path(folder)), args.repeat)
        today = timings(cached_database(False, Path(folder)), args.repeat)
    figures = []
    for name, seconds in years.items():
        p99 = statistics.quantiles(seconds, n=100, method="inclusive")[98]
        today_p99 = statistics.quantiles(today[name], n=100, method="inclusive")[98]
        figures.append(
            Figure(
                f"{name} p99, 3 years",
                p99 * 1000,
                "ms",
                "the same read on today's data only",
                today_p99 * 1000,
                max_ratio=HOME_MAX_RATIO if name.startswith("home") else None,
            )
        )
    print(f"each read {args.repeat} times\n")
    record("screen queries", figures)


if __name__ == "__main__":
    main()
