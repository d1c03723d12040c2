"""The audit log: every state change and every staff view of a help request's details.

A client has the legal right to know who processed their data (Act 703/2023), so a view is
recorded in the same transaction as the read that served it: no log, no view.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.core.actor import Actor
from kiosk.db.models import AuditEvent
from kiosk.services.context import Context


def record(
    session: Session,
    ctx: Context,
    *,
    actor: Actor | str,
    action: str,
    subject_type: str,
    subject_id: int | None = None,
    subject_code: str = "",
    details: dict[str, Any] | None = None,
    at: datetime | None = None,
    device: str | None = None,
) -> None:
    """Add an event to `session`'s transaction: it is stored exactly when the change it
    describes is. `at` defaults to now and `device` to where the context was opened."""
    session.add(
        AuditEvent(
            at=at or ctx.clock.now(),
            actor=str(actor),
            device=device or ctx.device,
            action=action,
            subject_type=subject_type,
            subject_id=subject_id,
            subject_code=subject_code,
            details=details or {},
        )
    )


def events_for(session: Session, subject_type: str, subject_id: int) -> list[AuditEvent]:
    query = (
        select(AuditEvent)
        .where(AuditEvent.subject_type == subject_type, AuditEvent.subject_id == subject_id)
        .order_by(AuditEvent.id)
    )
    return list(session.scalars(query))
