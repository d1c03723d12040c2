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


def record(
    session: Session,
    *,
    at: datetime,
    actor: Actor | str,
    device: str,
    action: str,
    subject_type: str,
    subject_id: int | None = None,
    subject_code: str = "",
    details: dict[str, Any] | None = None,
) -> None:
    session.add(
        AuditEvent(
            at=at,
            actor=str(actor),
            device=device,
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
