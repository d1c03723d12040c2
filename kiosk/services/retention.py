"""Retention purges: what the clinic no longer needs is deleted, on a schedule it configures."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import delete, select

from kiosk.core.help_status import ACTIVE
from kiosk.db.models import AuditEvent, DailyCounter, HelpNote, HelpRequest, Ticket
from kiosk.services import audit
from kiosk.services.context import Context


@dataclass(frozen=True)
class Purged:
    help_notes: int
    help_requests: int
    tickets: int
    audit_events: int


def purge(ctx: Context) -> Purged:
    """Delete staff notes, closed help requests, tickets and audit events past their retention.
    Active help requests are kept however old: a client may still come back with the code."""
    keep = ctx.settings.retention
    now = ctx.clock.now()
    today = ctx.today()
    with ctx.transaction() as session:
        notes = session.execute(
            delete(HelpNote).where(HelpNote.written_at < now - timedelta(days=keep.help_notes_days))
        ).rowcount
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
        requests = session.execute(delete(HelpRequest).where(old_requests)).rowcount
        ticket_cutoff = today - timedelta(days=keep.tickets_days)
        tickets = session.execute(
            delete(Ticket).where(Ticket.business_day < ticket_cutoff)
        ).rowcount
        session.execute(delete(DailyCounter).where(DailyCounter.business_day < ticket_cutoff))
        events = session.execute(
            delete(AuditEvent).where(AuditEvent.at < now - timedelta(days=keep.audit_days))
        ).rowcount
        result = Purged(notes, requests, tickets, events)
        audit.record(
            session,
            ctx,
            at=now,
            actor=ctx.device_actor,
            action="retention.purge",
            subject_type="database",
            details=result.__dict__,
        )
        return result
