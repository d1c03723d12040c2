"""Retention purges: what the clinic no longer needs is deleted, on a schedule it configures.

The running kiosk purges at start-up and then daily (kiosk.ui.app); `kiosk db purge` does the same
on demand, e.g. from a cron job on a staff PC. A purge only deletes what is past its cut-off, so
running it again, or from several kiosks sharing one database, deletes nothing twice.

Before it deletes anything, a purge rolls up the statistics of every closed day not rolled up
yet, in the same transaction (kiosk.services.statistics_rollup): no day's tickets or requests
can be deleted uncounted, and last year's statistics outlive them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import CursorResult, Delete, Select, delete, select
from sqlalchemy.orm import Session

from kiosk.core.actor import Actor
from kiosk.core.help_status import ACTIVE, HelpStatus
from kiosk.db.models import AuditEvent, DailyCounter, HelpNote, HelpRequest, Ticket
from kiosk.services import audit
from kiosk.services.context import Context
from kiosk.services.staff_access import require_staff
from kiosk.services.statistics_rollup import roll_up_closed_days
from kiosk.services.turns import take_turns

# PostgreSQL advisory lock key for purges ("aula" in ASCII): kiosks sharing a database take turns.
PURGE_LOCK_KEY = 0x61756C61


@dataclass(frozen=True)
class Purged:
    help_notes: int
    help_requests: int
    tickets: int
    audit_events: int
    # Help requests nobody finished, closed after retention.unfinished_help_days untouched.
    help_aged_out: int = 0


def purge(ctx: Context, *, by: Actor) -> Purged:
    """Delete staff notes, closed help requests, tickets and audit events past their retention.
    An unfinished help request stays while a client may still come back with its code, until
    retention.unfinished_help_days pass without a change: then it is closed (and deleted with
    the closed ones later), so the lists staff and screens read stay bounded over years.
    On demand (`by` an admin, or the command line); the kiosks purge by themselves."""
    result = _purge(ctx, by, wait=True)
    assert result is not None  # a purge that waits for its turn always gets one
    return result


def purge_unless_busy(ctx: Context) -> Purged | None:
    """The running kiosk's daily purge: one another kiosk has under way on the same PostgreSQL
    database (or a statistics rollup) is left to it, and None comes back. The kiosk's one
    database thread must not queue clients' numbers behind someone else's purge."""
    return _purge(ctx, None, wait=False)


def _purge(ctx: Context, by: Actor | None, *, wait: bool) -> Purged | None:
    """`by`: who asked for it; None for the kiosk's own housekeeping, which needs no one."""
    keep = ctx.settings.retention
    now = ctx.clock.now()
    today = ctx.today()
    with ctx.transaction() as session:
        if by is not None:
            require_staff(session, by, admin=True)
        if not take_turns(session, PURGE_LOCK_KEY, wait=wait):
            return None
        if roll_up_closed_days(session, ctx, wait=wait) is None:
            return None
        notes = _deleted(
            session,
            delete(HelpNote).where(
                HelpNote.written_at < now - timedelta(days=keep.help_notes_days)
            ),
        )
        aged_out = _close_unfinished(session, ctx, now - timedelta(days=keep.unfinished_help_days))
        old_requests = (HelpRequest.status.not_in(list(ACTIVE))) & (
            HelpRequest.updated_at < now - timedelta(days=keep.help_requests_days)
        )
        # Notes go first explicitly: SQLite only cascades when foreign keys are on, and a
        # database copied around by hand may have lost that.
        session.execute(
            delete(HelpNote).where(
                HelpNote.request_id.in_(select(HelpRequest.id).where(old_requests))
            )
        )
        _forget_topics(session, select(HelpRequest.id).where(old_requests))
        requests = _deleted(session, delete(HelpRequest).where(old_requests))
        ticket_cutoff = today - timedelta(days=keep.tickets_days)
        tickets = _deleted(session, delete(Ticket).where(Ticket.business_day < ticket_cutoff))
        session.execute(delete(DailyCounter).where(DailyCounter.business_day < ticket_cutoff))
        events = _deleted(
            session, delete(AuditEvent).where(AuditEvent.at < now - timedelta(days=keep.audit_days))
        )
        result = Purged(notes, requests, tickets, events, aged_out)
        audit.record(
            session,
            ctx,
            "retention.purge",
            audit.Subject("database"),
            actor=by or ctx.device_actor,
            details=result.__dict__,
            at=now,
        )
        return result


def _close_unfinished(session: Session, ctx: Context, untouched_since: datetime) -> int:
    stale = session.scalars(
        select(HelpRequest)
        .where(HelpRequest.status.in_(list(ACTIVE)), HelpRequest.updated_at < untouched_since)
        .with_for_update()
    ).all()
    for request in stale:
        before = request.status
        request.status = HelpStatus.CANCELLED
        request.updated_at = ctx.clock.now()
        audit.record(
            session,
            ctx,
            "help.aged_out",
            request,
            actor=ctx.device_actor,
            details={"from": str(before), "to": HelpStatus.CANCELLED.value},
        )
    return len(stale)


def _forget_topics(session: Session, request_ids: Select[int]) -> None:
    """Events about requests that go now keep who did what, but not what the request was
    about: earlier versions wrote its topic into the "help.open" event, and the audit log is
    kept longer than the request."""
    opened = select(AuditEvent).where(
        AuditEvent.subject_type == "help_request",
        AuditEvent.action == "help.open",
        AuditEvent.subject_id.in_(request_ids),
    )
    for event in session.scalars(opened):
        if "topic" in event.details:
            event.details = {k: v for k, v in event.details.items() if k != "topic"}


def _deleted(session: Session, statement: Delete) -> int:
    """Run a DELETE and say how many rows it removed."""
    return cast(CursorResult[Any], session.execute(statement)).rowcount
