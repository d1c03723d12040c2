"""Peer workers signing in and out, forgotten sign-outs, and staff corrections of sessions.

Every session records how each end was made (PIN, badge, command line, staff, automatic). Corrections
need a reason and keep the old and new times in the audit log; days in a pay period marked paid
cannot change (kiosk.services.allowances.PeriodLocked).

Forgotten sign-outs follow kiosk.core.work_day: closed at closing time or after the maximum
session length, counted no further than the planned shift's end, flagged for staff review.
`close_forgotten` runs from the kiosk app every few minutes and from `kiosk worker
close-forgotten`; sign-in, sign-out and the worker's own status run it for that worker first, so
the answer is right even if neither has run for a while.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from kiosk.core.actor import Actor
from kiosk.core.allowance import total
from kiosk.core.business_day import business_day
from kiosk.core.contract import valid_on
from kiosk.core.pay_period import PayPeriod, period_containing
from kiosk.core.work_day import closing_instant, counted_end, forgotten_at
from kiosk.db.worker_models import Shift, Worker, WorkSession
from kiosk.errors import KioskError, NotFound, Refused
from kiosk.services import audit
from kiosk.services.allowances import ensure_days_open, worker_days
from kiosk.services.context import Context
from kiosk.services.shifts import (
    refuse_outside_contract,
    reportable_shifts,
    shift_view,
    shifts_after,
    shifts_on,
)
from kiosk.services.worker_auth import TalkToStaff
from kiosk.services.worker_views import (
    Greeting,
    SessionView,
    SignOutSummary,
    WorkerPass,
    WorkerStatus,
)
from kiosk.services.workers import find_worker

# A pass left on an abandoned screen must not start a session long after the PIN was entered.
PASS_LIFETIME = timedelta(minutes=5)
NEXT_SHIFTS = 3
REPORTABLE_SHIFTS = 6
MAX_REASON_LENGTH = 200
# Longer than any real working day; a correction beyond it is a typing mistake.
MAX_SESSION_SPAN = timedelta(hours=16)


class PassExpired(Refused):
    def __init__(self) -> None:
        super().__init__("that took a while; please enter your number and PIN again")


class AlreadySignedIn(Refused):
    def __init__(self, since: datetime) -> None:
        super().__init__("you are already signed in")
        self.since = since


class NotSignedIn(Refused):
    def __init__(self, auto_closed_at: datetime | None) -> None:
        super().__init__(
            "you were signed out automatically; staff will check your hours"
            if auto_closed_at
            else "you are not signed in"
        )
        self.auto_closed_at = auto_closed_at


class PeerWorkClosed(Refused):
    def __init__(self, closing: datetime) -> None:
        super().__init__("peer work has ended for today; please talk to staff")
        self.closing = closing


def check_pass(ctx: Context, worker_pass: WorkerPass) -> None:
    if ctx.clock.now() - worker_pass.verified_at > PASS_LIFETIME:
        raise PassExpired()


def worker_status(ctx: Context, worker_pass: WorkerPass) -> WorkerStatus:
    """What the kiosk shows a worker who has just entered their PIN: signed in or not, today's
    shift, the next ones, and what they can report an absence for."""
    check_pass(ctx, worker_pass)
    now = ctx.clock.now()
    today = ctx.today()
    closing = _closing(ctx, today)
    with ctx.transaction() as session:
        close_forgotten_in(session, ctx, worker_id=worker_pass.worker_id)
        open_session = _open_session(session, worker_pass.worker_id)
        return WorkerStatus(
            number=worker_pass.number,
            display_name=worker_pass.display_name,
            signed_in_since=open_session.started_at if open_session else None,
            task=open_session.task if open_session else "",
            today_shifts=[shift_view(s) for s in shifts_on(session, worker_pass.worker_id, today)],
            next_shifts=[
                shift_view(s)
                for s in shifts_after(session, worker_pass.worker_id, today, NEXT_SHIFTS)
            ],
            reportable_shifts=[
                shift_view(s)
                for s in reportable_shifts(session, worker_pass.worker_id, now, REPORTABLE_SHIFTS)
            ],
            auto_closed_today=_auto_closed_on(session, worker_pass.worker_id, today),
            closed_since=closing if now >= closing else None,
        )


def sign_in(
    ctx: Context, worker_pass: WorkerPass, *, task: str = "", rules_confirmed: bool = False
) -> Greeting:
    check_pass(ctx, worker_pass)
    peer = ctx.settings.peer_work
    if peer.tasks and peer.task(task) is None:
        known = ", ".join(t.id for t in peer.tasks)
        raise NotFound(f'there is no task "{task}"; choose one of {known}')
    now = ctx.clock.now()
    today = ctx.today()
    closing = _closing(ctx, today)
    if now >= closing:
        raise PeerWorkClosed(closing)
    try:
        with ctx.transaction() as session:
            worker = _worker(session, worker_pass.worker_id)
            if not (worker.active and valid_on(worker.contract_start, worker.contract_end, today)):
                raise TalkToStaff()
            close_forgotten_in(session, ctx, worker_id=worker.id)
            existing = _open_session(session, worker.id)
            if existing is not None:
                raise AlreadySignedIn(existing.started_at)
            ensure_days_open(session, [today])
            work = WorkSession(
                worker=worker,
                business_day=today,
                started_at=now,
                task=task,
                rules_confirmed=rules_confirmed,
                start_method=worker_pass.method,
                start_device=ctx.device,
                needs_review=False,
                review_reason="",
            )
            session.add(work)
            session.flush()
            audit.record(
                session,
                ctx,
                "work.sign_in",
                work,
                actor=_actor(worker_pass),
                details={
                    "task": task,
                    "rules_confirmed": rules_confirmed,
                    "method": worker_pass.method,
                },
            )
            return Greeting(
                number=worker.number,
                display_name=worker.display_name,
                started_at=now,
                task=task,
                today_shifts=[shift_view(s) for s in shifts_on(session, worker.id, today)],
                next_shifts=[
                    shift_view(s) for s in shifts_after(session, worker.id, today, NEXT_SHIFTS)
                ],
            )
    except IntegrityError:
        # The unique index on open sessions: another kiosk signed this worker in a moment ago.
        raise AlreadySignedIn(now) from None


def sign_out(ctx: Context, worker_pass: WorkerPass) -> SignOutSummary:
    check_pass(ctx, worker_pass)
    now = ctx.clock.now()
    today = ctx.today()
    with ctx.transaction() as session:
        close_forgotten_in(session, ctx, worker_id=worker_pass.worker_id)
        work = _open_session(session, worker_pass.worker_id, for_update=True)
        if work is None:
            raise NotSignedIn(_auto_closed_on(session, worker_pass.worker_id, today))
        work.ended_at = now
        work.end_method = worker_pass.method
        work.end_device = ctx.device
        audit.record(
            session,
            ctx,
            "work.sign_out",
            work,
            actor=_actor(worker_pass),
            details={"method": worker_pass.method},
        )
        session.flush()
        period = period_containing(today, ctx.settings.peer_work.pay_period)
        days = worker_days(session, ctx, work.worker_id, period.first_day, today)
        today_allowance = next((d for d in days if d.day == today), None)
        so_far = total(days)
        return SignOutSummary(
            number=worker_pass.number,
            display_name=worker_pass.display_name,
            started_at=work.started_at,
            ended_at=now,
            business_day=today,
            today_minutes=today_allowance.counted_minutes if today_allowance else 0,
            today_amount=today_allowance.amount if today_allowance else Decimal("0.00"),
            today_capped=today_allowance.capped if today_allowance else False,
            period=period.label,
            period_days=so_far.days,
            period_minutes=so_far.counted_minutes,
            period_amount=so_far.amount,
        )


def close_forgotten(ctx: Context) -> list[SessionView]:
    """Close every open session that has become a forgotten sign-out; returns those closed."""
    with ctx.transaction() as session:
        return [_view(s) for s in close_forgotten_in(session, ctx)]


def list_sessions(
    ctx: Context,
    *,
    period: PayPeriod | None = None,
    number: int | None = None,
    review_only: bool = False,
    open_only: bool = False,
) -> list[SessionView]:
    with ctx.reading() as session:
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
        return [_view(s) for s in session.scalars(query.order_by(WorkSession.started_at))]


def get_session(ctx: Context, session_id: int) -> SessionView:
    with ctx.reading() as session:
        return _view(_session(session, session_id, for_update=False))


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
        return _view(work)


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
        raise NotFound(
            f'there is no task "{task}"; choose one of {", ".join(t.id for t in peer.tasks)}'
        )
    with ctx.transaction() as session:
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
        return _view(work)


def accept_session(ctx: Context, session_id: int, *, by: Actor) -> SessionView:
    """Staff agree with an automatic sign-out's times as they are."""
    with ctx.transaction() as session:
        work = _session(session, session_id)
        if not work.needs_review:
            raise Refused(f"session {session_id} does not wait for review")
        work.needs_review = False
        audit.record(
            session,
            ctx,
            "work.review_accept",
            work,
            actor=by,
            details={"review_reason": work.review_reason},
        )
        return _view(work)


def close_forgotten_in(
    session: Session, ctx: Context, *, worker_id: int | None = None
) -> list[WorkSession]:
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
        closing = _closing(ctx, work.business_day)
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


def _shifts_of(session: Session, worker_id: int, day: date) -> list[Shift]:
    return list(
        session.scalars(select(Shift).where(Shift.worker_id == worker_id, Shift.day == day))
    )


def _closing(ctx: Context, day: date) -> datetime:
    clinic = ctx.settings.clinic
    return closing_instant(
        day, clinic.zone, clinic.business_day_start, ctx.settings.peer_work.closing_time
    )


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
        raise KioskError("a session must end after it starts; check the times")
    if ended_at - started_at > MAX_SESSION_SPAN:
        hours = int(MAX_SESSION_SPAN.total_seconds() // 3600)
        raise KioskError(f"a session lasts at most {hours} hours; check the dates")
    if ended_at > ctx.clock.now():
        raise KioskError("a session cannot end in the future; enter the times after the work")


def _reason(reason: str) -> str:
    cleaned = " ".join(reason.split())
    if not cleaned:
        raise KioskError('a correction needs a reason, e.g. --reason "forgot to sign out"')
    if len(cleaned) > MAX_REASON_LENGTH:
        raise KioskError(f"keep the reason under {MAX_REASON_LENGTH} characters")
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
        raise Refused(f"those times overlap session {clash.id}; correct that one instead")


def _worker(session: Session, worker_id: int) -> Worker:
    worker = session.get(Worker, worker_id)
    if worker is None:
        raise TalkToStaff()
    return worker


def _open_session(
    session: Session, worker_id: int, *, for_update: bool = False
) -> WorkSession | None:
    query = select(WorkSession).where(
        WorkSession.worker_id == worker_id, WorkSession.ended_at.is_(None)
    )
    if for_update:
        query = query.with_for_update()
    return session.scalars(query).first()


def _auto_closed_on(session: Session, worker_id: int, day: date) -> datetime | None:
    return session.scalar(
        select(WorkSession.ended_at)
        .where(
            WorkSession.worker_id == worker_id,
            WorkSession.business_day == day,
            WorkSession.end_method == "automatic",
        )
        .order_by(WorkSession.ended_at.desc())
        .limit(1)
    )


def _session(session: Session, session_id: int, *, for_update: bool = True) -> WorkSession:
    query = (
        select(WorkSession)
        .options(selectinload(WorkSession.worker))
        .where(WorkSession.id == session_id)
    )
    work = session.scalars(query.with_for_update() if for_update else query).first()
    if work is None:
        raise NotFound(f"there is no session {session_id}; see `kiosk session list`")
    return work


def _actor(worker_pass: WorkerPass) -> Actor:
    return Actor("worker", str(worker_pass.number))


def _view(work: WorkSession) -> SessionView:
    return SessionView(
        id=work.id,
        number=work.worker.number,
        display_name=work.worker.display_name,
        business_day=work.business_day,
        started_at=work.started_at,
        ended_at=work.ended_at,
        task=work.task,
        start_method=work.start_method,
        end_method=work.end_method,
        needs_review=work.needs_review,
        review_reason=work.review_reason,
    )
