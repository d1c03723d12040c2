"""Who is on duty: the peer workers signed in now.

A worker is on duty from sign-in to sign-out. A sign-in forgotten past closing time or past the
maximum session length is no duty, so every answer here first closes such sessions
(kiosk.services.forgotten_sign_outs): nobody is told a worker is in the lounge who went home
hours ago, whether or not the kiosk's periodic sweep has run since.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.db.worker_models import WorkSession
from kiosk.services.context import Context
from kiosk.services.forgotten_sign_outs import close_forgotten_in


def current_session(
    session: Session, ctx: Context, worker_id: int, *, for_update: bool = False
) -> WorkSession | None:
    """The worker's open session, or None when they are not on duty."""
    close_forgotten_in(session, ctx, worker_id=worker_id)
    query = select(WorkSession).where(
        WorkSession.worker_id == worker_id, WorkSession.ended_at.is_(None)
    )
    if for_update:
        query = query.with_for_update()
    return session.scalars(query).first()


def on_duty_since(session: Session, ctx: Context) -> dict[int, datetime]:
    """Every worker on duty now (by worker id), and since when."""
    close_forgotten_in(session, ctx)
    return dict(
        session.execute(
            select(WorkSession.worker_id, WorkSession.started_at).where(
                WorkSession.ended_at.is_(None)
            )
        ).all()
    )
