"""Forgotten sign-outs: sessions left open past closing time or past the maximum length.

They follow kiosk.core.work_day: closed at closing time or after the maximum session length,
counted no further than the planned shift's end, flagged for staff review. `close_forgotten`
runs from the kiosk app every few minutes and from `kiosk worker close-forgotten`; the duty
service (kiosk.services.duty) runs it before it says who is signed in, so that answer is right
even if neither has run for a while.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from kiosk.core.actor import Actor
from kiosk.core.work_day import closing_instant, counted_end, forgotten_at
from kiosk.db.worker_models import Shift, WorkSession
from kiosk.services import audit
from kiosk.services.context import Context
from kiosk.services.worker_views import SessionView, session_view


def close_forgotten(ctx: Context) -> list[SessionView]:
    """Close every open session that has become a forgotten sign-out; returns those closed."""
    with ctx.transaction() as session:
        return [session_view(s) for s in close_forgotten_in(session, ctx)]


def close_forgotten_in(
    session: Session, ctx: Context, *, worker_id: int | None = None
) -> list[WorkSession]:
    """The same inside the caller's transaction, for every worker or for one."""
    now = ctx.clock.now()
    max_session = timedelta(hours=ctx.settings.peer_work.max_session_hours)
    query = (
        select(WorkSession)
        .options(selectinload(WorkSession.worker))
        .where(WorkSession.ended_at.is_(None))
        .with_for_update()
    )
    if worker_id is not None:
        query = query.where(WorkSession.worker_id == worker_id)
    closed = []
    for work in session.scalars(query):
        closing = peer_work_closing(ctx, work.business_day)
        due = forgotten_at(work.started_at, closing, max_session)
        if now < due:
            continue
        planned = [s.ends_at for s in _shifts_of(session, work.worker_id, work.business_day)]
        work.ended_at = counted_end(work.started_at, due, closing, max(planned, default=None))
        work.end_method, work.end_device = "automatic", ctx.device
        work.needs_review = True
        work.review_reason = "closing_time" if due == closing else "max_length"
        audit.record(
            session,
            ctx,
            "work.auto_close",
            work,
            actor=Actor("system", "forgotten"),
            details={
                "counted_until": work.ended_at.isoformat(),
                "reason": work.review_reason,
                "planned_end": max(planned).isoformat() if planned else None,
            },
            at=now,
        )
        closed.append(work)
    return closed


def peer_work_closing(ctx: Context, day: date) -> datetime:
    """When peer work ends on business day `day`: no sign-in after it, and a session still open
    then is a forgotten sign-out."""
    clinic = ctx.settings.clinic
    return closing_instant(
        day, clinic.zone, clinic.business_day_start, ctx.settings.peer_work.closing_time
    )


def _shifts_of(session: Session, worker_id: int, day: date) -> list[Shift]:
    return list(
        session.scalars(select(Shift).where(Shift.worker_id == worker_id, Shift.day == day))
    )
