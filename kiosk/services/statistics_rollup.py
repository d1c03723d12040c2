"""The statistics rollup: each closed business day's anonymous totals, counted once, kept after
the tickets and help requests they count are purged (tables: kiosk.db.statistics_models).

What a business day D counts:
- its tickets by service and the local hour they were taken, and how many of those were served,
  marked absent or cancelled (a number still waiting or called when the day closed is only
  taken);
- the wait of each ticket that was called, from taking to its first call (a recall does not
  lengthen it), in minute buckets (kiosk.core.minute_buckets);
- the help requests opened on D, by topic (outcome "opened"); and the help requests that ended
  on D, by topic and how they ended (done, not present, cancelled), with the time from opening
  to done in minute buckets. A request may wait for documents for days, so its ending is
  counted on the day it comes, not on the day the request was opened: a day is rolled up once,
  when it has closed, and only then is what it counts known for good.
No code, no number, no time finer than the hour, no actor: nothing that points at a person.

Every business day before today without a rollup gets one, from the first day with data on,
so `daily_rollups` has no gaps; an empty day is rolled up too and not looked at again. The
retention purge (the kiosk's daily housekeeping and `kiosk db purge`) calls this first, in its
own transaction, so no ticket or request is deleted before its day is counted. Kiosks sharing a
PostgreSQL database take turns (kiosk.services.turns); `daily_rollups`' primary key backs that
up, so a day can never be counted twice.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from kiosk.core.business_day import business_day, business_day_start
from kiosk.core.help_status import HelpStatus
from kiosk.core.minute_buckets import bucket_of, minutes_between
from kiosk.core.ticket_status import TicketStatus
from kiosk.db.models import AuditEvent, HelpRequest, Ticket
from kiosk.db.statistics_models import (
    DailyHelpDoneHistogram,
    DailyHelpTotal,
    DailyRollup,
    DailyTicketTotal,
    DailyWaitHistogram,
)
from kiosk.services import audit
from kiosk.services.context import Context
from kiosk.services.turns import take_turns

# PostgreSQL advisory lock key for the rollup ("stat" in ASCII).
ROLLUP_LOCK_KEY = 0x73746174
# How a ticket's day ended, as daily_ticket_totals counts it; "taken" counts every ticket.
TAKEN = "taken"
TICKET_ENDINGS: tuple[str, ...] = (
    TicketStatus.SERVED.value,
    TicketStatus.NO_SHOW.value,
    TicketStatus.CANCELLED.value,
)
# daily_help_totals' outcome for a request opened that day; the others are the help statuses
# a request ends in.
OPENED = "opened"
HELP_ENDINGS: tuple[str, ...] = (
    HelpStatus.DONE.value,
    HelpStatus.NOT_PRESENT.value,
    HelpStatus.CANCELLED.value,
)
# Ids per IN (...) list: SQLite allows a few hundred bound parameters in older builds.
_CHUNK = 500


@dataclass
class Figures:
    """Counts as the statistics tables hold them, for one day or summed over many."""

    # (service, local hour taken, TAKEN or a ticket ending) -> tickets
    tickets: Counter[tuple[str, int, str]] = field(default_factory=Counter)
    # (service, minute bucket) -> tickets that waited that long for their first call
    waits: Counter[tuple[str, int]] = field(default_factory=Counter)
    # (topic, OPENED or a help ending) -> requests
    help: Counter[tuple[str, str]] = field(default_factory=Counter)
    # (topic, minute bucket) -> requests done that long after they were opened
    help_done: Counter[tuple[str, int]] = field(default_factory=Counter)

    def add(self, other: Figures) -> None:
        self.tickets.update(other.tickets)
        self.waits.update(other.waits)
        self.help.update(other.help)
        self.help_done.update(other.help_done)


@dataclass(frozen=True)
class RolledUp:
    days: int
    first: date | None = None
    last: date | None = None


def roll_up_closed_days(session: Session, ctx: Context, *, wait: bool = True) -> RolledUp | None:
    """Roll up every business day before today that has none yet, in `session`'s transaction.
    None: another kiosk is rolling up on the same PostgreSQL database and `wait` is off."""
    if not take_turns(session, ROLLUP_LOCK_KEY, wait=wait):
        return None
    days = days_to_roll_up(session, ctx)
    if not days:
        return RolledUp(0)
    now = ctx.clock.now()
    figures = figures_from_records(session, ctx, days)
    for model, rows in _rows(figures):
        if rows:
            session.execute(insert(model), rows)
    session.execute(
        insert(DailyRollup), [{"business_day": day, "rolled_up_at": now} for day in days]
    )
    done = RolledUp(len(days), days[0], days[-1])
    audit.record(
        session,
        ctx,
        "statistics.rollup",
        audit.Subject("statistics"),
        actor=ctx.device_actor,
        details={"days": done.days, "first": days[0].isoformat(), "last": days[-1].isoformat()},
        at=now,
    )
    return done


def days_to_roll_up(session: Session, ctx: Context) -> list[date]:
    """Business days before today without a rollup, oldest first: from the first day with data
    on, or from the day after the last rollup if that is earlier (weeks with nothing on record,
    the clinic closed and everything purged, are rolled up as empty days, leaving no gap)."""
    today = ctx.today()
    last_rolled = session.scalar(select(func.max(DailyRollup.business_day)))
    starts = [last_rolled + timedelta(days=1)] if last_rolled is not None else []
    first_record = first_day_with_records(session, ctx)
    if first_record is not None:
        starts.append(first_record)
    first = min(starts, default=None)
    if first is None or first >= today:
        return []
    done = set(
        session.scalars(select(DailyRollup.business_day).where(DailyRollup.business_day >= first))
    )
    return [day for day in _dates(first, today - timedelta(days=1)) if day not in done]


def first_day_with_records(session: Session, ctx: Context) -> date | None:
    """The first business day a ticket or a help request still on record belongs to."""
    first_ticket = session.scalar(select(func.min(Ticket.business_day)))
    first_request = session.scalar(select(func.min(HelpRequest.created_at)))
    clinic = ctx.settings.clinic
    candidates = [first_ticket] if first_ticket is not None else []
    if first_request is not None:
        candidates.append(business_day(first_request, clinic.zone, clinic.business_day_start))
    return min(candidates, default=None)


def figures_from_records(
    session: Session, ctx: Context, days: Sequence[date]
) -> dict[date, Figures]:
    """Each of `days`' figures, counted from the tickets, help requests and audit log on record:
    what the rollup stores, and what the statistics show for a day not rolled up yet."""
    figures = {day: Figures() for day in days}
    if not days:
        return figures
    first, last = min(days), max(days)
    clinic = ctx.settings.clinic
    zone, start = clinic.zone, clinic.business_day_start
    tickets = session.execute(
        select(
            Ticket.id,
            Ticket.business_day,
            Ticket.service,
            Ticket.status,
            Ticket.taken_at,
            Ticket.called_at,
            Ticket.call_count,
        ).where(Ticket.business_day >= first, Ticket.business_day <= last)
    ).all()
    first_calls = _first_calls(session, [t.id for t in tickets if t.call_count > 1])
    for ticket in tickets:
        day = figures.get(ticket.business_day)
        if day is None:
            continue
        hour = ticket.taken_at.astimezone(zone).hour
        day.tickets[(ticket.service, hour, TAKEN)] += 1
        if ticket.status in TICKET_ENDINGS:
            day.tickets[(ticket.service, hour, ticket.status)] += 1
        called = first_calls.get(ticket.id, ticket.called_at)
        if called is not None:
            day.waits[(ticket.service, bucket_of(minutes_between(ticket.taken_at, called)))] += 1
    since = business_day_start(first, zone, start)
    until = business_day_start(last + timedelta(days=1), zone, start)
    opened = session.execute(
        select(HelpRequest.topic, HelpRequest.created_at).where(
            HelpRequest.created_at >= since, HelpRequest.created_at < until
        )
    ).all()
    for topic, created_at in opened:
        day = figures.get(business_day(created_at, zone, start))
        if day is not None:
            day.help[(topic, OPENED)] += 1
    ended = session.execute(
        select(
            HelpRequest.topic, HelpRequest.status, HelpRequest.created_at, HelpRequest.closed_at
        ).where(
            HelpRequest.closed_at >= since,
            HelpRequest.closed_at < until,
            HelpRequest.status.in_(list(HELP_ENDINGS)),
        )
    ).all()
    for topic, status, created_at, closed_at in ended:
        assert closed_at is not None  # asked for in the range above
        day = figures.get(business_day(closed_at, zone, start))
        if day is None:
            continue
        day.help[(topic, status)] += 1
        if status == HelpStatus.DONE.value:
            day.help_done[(topic, bucket_of(minutes_between(created_at, closed_at)))] += 1
    return figures


def _first_calls(session: Session, ticket_ids: list[int]) -> dict[int, datetime]:
    """When each of these recalled tickets was first called: `called_at` holds the latest call,
    the audit log every one ("ticket.call" is the first; later ones are "ticket.recall")."""
    found: dict[int, datetime] = {}
    for chunk in (ticket_ids[i : i + _CHUNK] for i in range(0, len(ticket_ids), _CHUNK)):
        rows = session.execute(
            select(AuditEvent.subject_id, func.min(AuditEvent.at))
            .where(
                AuditEvent.subject_type == "ticket",
                AuditEvent.subject_id.in_(chunk),
                AuditEvent.action == "ticket.call",
            )
            .group_by(AuditEvent.subject_id)
        ).all()
        found.update({ticket_id: at for ticket_id, at in rows if ticket_id is not None})
    return found


def _rows(figures: dict[date, Figures]) -> Iterator[tuple[type[Any], list[dict[str, Any]]]]:
    """The statistics tables' rows for each day's figures."""
    totals: list[dict[str, Any]] = []
    for day, counted in figures.items():
        hours = sorted({(service, hour) for service, hour, _ in counted.tickets})
        totals += [
            {
                "business_day": day,
                "service": service,
                "hour": hour,
                TAKEN: counted.tickets[(service, hour, TAKEN)],
                **{ending: counted.tickets[(service, hour, ending)] for ending in TICKET_ENDINGS},
            }
            for service, hour in hours
        ]
    yield DailyTicketTotal, totals
    yield (
        DailyWaitHistogram,
        [
            {"business_day": day, "service": service, "minute_bucket": bucket, "count": count}
            for day, counted in figures.items()
            for (service, bucket), count in sorted(counted.waits.items())
        ],
    )
    yield (
        DailyHelpTotal,
        [
            {"business_day": day, "topic": topic, "outcome": outcome, "count": count}
            for day, counted in figures.items()
            for (topic, outcome), count in sorted(counted.help.items())
        ],
    )
    yield (
        DailyHelpDoneHistogram,
        [
            {"business_day": day, "topic": topic, "minute_bucket": bucket, "count": count}
            for day, counted in figures.items()
            for (topic, bucket), count in sorted(counted.help_done.items())
        ],
    )


def _dates(first: date, last: date) -> Iterable[date]:
    return (first + timedelta(days=n) for n in range((last - first).days + 1))
