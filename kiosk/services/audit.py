"""The audit log: every state change and every staff view of a help request's details.

A client has the legal right to know who processed their data (Act 703/2023), so a view is
recorded in the same transaction as the read that served it: no log, no view.

An event names its subject by kind, code and row id. `record` takes the thing itself (a ticket,
a help request, a worker, a work session, a pay period) and names it the same way every time,
or a `Subject` for what has no row of its own (a kiosk, a printer, the database).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.core.actor import Actor
from kiosk.core.codes import HELP_PREFIX, queue_code
from kiosk.core.pay_period import PayPeriod
from kiosk.db.models import AuditEvent, HelpRequest, Ticket
from kiosk.db.worker_models import Worker, WorkSession
from kiosk.services.context import Context


@dataclass(frozen=True)
class Subject:
    """What an event is about: its kind, its code as staff write it, and its row id if any."""

    type: str
    code: str = ""
    id: int | None = None


Audited = Subject | Ticket | HelpRequest | Worker | WorkSession | PayPeriod


def record(
    session: Session,
    ctx: Context,
    action: str,
    subject: Audited,
    *,
    actor: Actor | str,
    details: dict[str, Any] | None = None,
    at: datetime | None = None,
    device: str | None = None,
) -> None:
    """Add an event to `session`'s transaction: it is stored exactly when the change it
    describes is. `at` defaults to now and `device` to where the context was opened."""
    about = _subject(subject)
    session.add(
        AuditEvent(
            at=at or ctx.clock.now(),
            actor=str(actor),
            device=device or ctx.device,
            action=action,
            subject_type=about.type,
            subject_id=about.id,
            subject_code=about.code,
            details=details or {},
        )
    )


def _subject(thing: Audited) -> Subject:
    match thing:
        case Subject():
            return thing
        case Ticket():
            return Subject("ticket", queue_code(thing.service, thing.number), thing.id)
        case HelpRequest():
            return Subject("help_request", queue_code(HELP_PREFIX, thing.number), thing.id)
        case Worker():
            return Subject("worker", str(thing.number), thing.id)
        case WorkSession():
            # Staff look a session up by its worker's number; the worker's name stays out.
            return Subject("work_session", str(thing.worker.number), thing.id)
        case PayPeriod():
            return Subject("pay_period", thing.label)


def events_for(session: Session, subject_type: str, subject_id: int) -> list[AuditEvent]:
    query = (
        select(AuditEvent)
        .where(AuditEvent.subject_type == subject_type, AuditEvent.subject_id == subject_id)
        .order_by(AuditEvent.id)
    )
    return list(session.scalars(query))
