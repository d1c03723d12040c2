"""Staff corrections of peer workers' sessions: list, correct, add a forgotten one, accept.

A correction needs a reason and keeps the old and new times in the audit log; days in a pay
period marked paid cannot change (kiosk.services.allowances.PeriodLocked).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from kiosk.core.actor import Actor
from kiosk.core.business_day import business_day
from kiosk.core.pay_period import PayPeriod
from kiosk.core.typed_text import without_control_characters
from kiosk.db.worker_models import Worker, WorkSession
from kiosk.errors import KioskError, NotFound, Refused
from kiosk.services import audit
from kiosk.services.allowances import ensure_days_open
from kiosk.services.context import Context
from kiosk.services.forgotten_sign_outs import close_forgotten_in
from kiosk.services.shifts import refuse_outside_contract
from kiosk.services.staff_access import require_staff
from kiosk.services.worker_views import SessionView, session_view
from kiosk.services.workers import find_worker

MAX_REASON_LENGTH = 200
# Longer than any real working day; a correction beyond it is a typing mistake.
MAX_SESSION_SPAN = timedelta(hours=16)


def list_sessions(
    ctx: Context,
    *,
    by: Actor,
    period: PayPeriod | None = None,
    number: int | None = None,
    review_only: bool = False,
    open_only: bool = False,
) -> list[SessionView]:
    with ctx.transaction() as session:
        require_staff(session, by)
        # A forgotten sign-out is listed closed and awaiting review, not open.
        close_forgotten_in(session, ctx)
        query = select(WorkSession).options(selectinload(WorkSession.worker))
        if period is not None:
            query = query.where(
                WorkSession.business_day >= period.first_day,
                WorkSession.business_day <= period.last_day,
            )
        if number is not None:
            query = query.where(WorkSession.worker_id == find_worker(session, number).id)
        if review_only:
            query = query.where(WorkSession.needs_review.is_(True))
        if open_only:
            query = query.where(WorkSession.ended_at.is_(None))
        return [session_view(s) for s in session.scalars(query.order_by(WorkSession.started_at))]


def get_session(ctx: Context, session_id: int, *, by: Actor) -> SessionView:
    """One work session's details; the view is recorded (a peer worker is a client too)."""
    with ctx.transaction() as session:
        require_staff(session, by)
        work = _session(session, session_id, for_update=False)
        audit.record(session, ctx, "work.view", work, actor=by)
        return session_view(work)


def correct_session(
    ctx: Context,
    session_id: int,
    *,
    started_at: datetime,
    ended_at: datetime,
    reason: str,
    by: Actor,
) -> SessionView:
    """Staff set a session's times. The audit log keeps the old and new times and the reason."""
    why = _reason(reason)
    _check_times(ctx, started_at, ended_at)
    with ctx.transaction() as session:
        require_staff(session, by)
        work = _session(session, session_id)
        old_days = _days_touched(ctx, work.started_at, work.ended_at or ctx.clock.now())
        new_days = _days_touched(ctx, started_at, ended_at)
        _refuse_outside_contract(work.worker, new_days)
        ensure_days_open(session, old_days | new_days)
        _refuse_overlap(session, work.worker_id, started_at, ended_at, except_id=work.id)
        old = {
            "started_at": work.started_at.isoformat(),
            "ended_at": work.ended_at.isoformat() if work.ended_at else None,
        }
        work.started_at, work.ended_at = started_at, ended_at
        work.business_day = _business_day(ctx, started_at)
        if work.end_method is None or work.end_method == "automatic":
            work.end_method, work.end_device = "staff", ctx.device
        work.needs_review, work.review_reason = False, ""
        new = {"started_at": started_at.isoformat(), "ended_at": ended_at.isoformat()}
        audit.record(
            session,
            ctx,
            "work.correct",
            work,
            actor=by,
            details={"reason": why, "old": old, "new": new},
        )
        return session_view(work)


def add_session(
    ctx: Context,
    number: int,
    *,
    started_at: datetime,
    ended_at: datetime,
    task: str = "",
    reason: str,
    by: Actor,
) -> SessionView:
    """Staff record a session the worker forgot to sign in for."""
    why = _reason(reason)
    _check_times(ctx, started_at, ended_at)
    peer = ctx.settings.peer_work
    if task and peer.task(task) is None:
        known = ", ".join(t.id for t in peer.tasks)
        raise NotFound(
            f'there is no task "{task}"; choose one of {known}',
            code="task.unknown",
            task=task,
            known=known,
        )
    with ctx.transaction() as session:
        require_staff(session, by)
        worker = find_worker(session, number)
        days = _days_touched(ctx, started_at, ended_at)
        _refuse_outside_contract(worker, days)
        ensure_days_open(session, days)
        _refuse_overlap(session, worker.id, started_at, ended_at, except_id=None)
        work = WorkSession(
            worker=worker,
            business_day=_business_day(ctx, started_at),
            started_at=started_at,
            ended_at=ended_at,
            task=task,
            rules_confirmed=False,
            start_method="staff",
            start_device=ctx.device,
            end_method="staff",
            end_device=ctx.device,
            needs_review=False,
            review_reason="",
        )
        session.add(work)
        session.flush()
        new = {"started_at": started_at.isoformat(), "ended_at": ended_at.isoformat()}
        audit.record(
            session,
            ctx,
            "work.add",
            work,
            actor=by,
            details={"reason": why, "old": None, "new": new},
        )
        return session_view(work)


def accept_session(ctx: Context, session_id: int, *, by: Actor) -> SessionView:
    """Staff agree with an automatic sign-out's times as they are."""
    with ctx.transaction() as session:
        require_staff(session, by)
        work = _session(session, session_id)
        if not work.needs_review:
            raise Refused(
                f"session {session_id} does not wait for review",
                code="session.not_for_review",
                session=session_id,
            )
        work.needs_review = False
        audit.record(
            session,
            ctx,
            "work.review_accept",
            work,
            actor=by,
            details={"review_reason": work.review_reason},
        )
        return session_view(work)


def _business_day(ctx: Context, instant: datetime) -> date:
    clinic = ctx.settings.clinic
    return business_day(instant, clinic.zone, clinic.business_day_start)


def _days_touched(ctx: Context, start: datetime, end: datetime) -> set[date]:
    first, last = _business_day(ctx, start), _business_day(ctx, end)
    return {first + timedelta(days=n) for n in range((last - first).days + 1)}


def _refuse_outside_contract(worker: Worker, days: set[date]) -> None:
    # Every business day the session counts on is paid, so each must be inside the contract.
    for day in sorted(days):
        refuse_outside_contract(worker, day)


def _check_times(ctx: Context, started_at: datetime, ended_at: datetime) -> None:
    if ended_at <= started_at:
        raise KioskError(
            "a session must end after it starts; check the times",
            code="session.ends_before_start",
        )
    if ended_at - started_at > MAX_SESSION_SPAN:
        hours = int(MAX_SESSION_SPAN.total_seconds() // 3600)
        raise KioskError(
            f"a session lasts at most {hours} hours; check the dates",
            code="session.too_long",
            max_hours=hours,
        )
    if ended_at > ctx.clock.now():
        raise KioskError(
            "a session cannot end in the future; enter the times after the work",
            code="session.ends_in_future",
        )


def _reason(reason: str) -> str:
    cleaned = " ".join(without_control_characters(reason).split())
    if not cleaned:
        raise KioskError("a correction needs a reason", code="session.reason_missing")
    if len(cleaned) > MAX_REASON_LENGTH:
        raise KioskError(
            f"keep the reason under {MAX_REASON_LENGTH} characters",
            code="session.reason_too_long",
            limit=MAX_REASON_LENGTH,
        )
    return cleaned


def _refuse_overlap(
    session: Session, worker_id: int, start: datetime, end: datetime, *, except_id: int | None
) -> None:
    query = select(WorkSession).where(
        WorkSession.worker_id == worker_id,
        WorkSession.started_at < end,
        (WorkSession.ended_at > start) | WorkSession.ended_at.is_(None),
    )
    if except_id is not None:
        query = query.where(WorkSession.id != except_id)
    clash = session.scalars(query).first()
    if clash is not None:
        raise Refused(
            f"those times overlap session {clash.id}; correct that one instead",
            code="session.overlap",
            session=clash.id,
        )


def _session(session: Session, session_id: int, *, for_update: bool = True) -> WorkSession:
    query = (
        select(WorkSession)
        .options(selectinload(WorkSession.worker))
        .where(WorkSession.id == session_id)
    )
    work = session.scalars(query.with_for_update() if for_update else query).first()
    if work is None:
        raise NotFound(
            f"there is no session {session_id}", code="session.not_found", session=session_id
        )
    return work
