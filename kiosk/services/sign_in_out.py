"""Peer workers signing in and out at the kiosk (or from the command line with their PIN).

Every session records how each end was made (PIN, badge, command line). Sign-in is refused after
peer work's closing time, outside the worker's contract, and on a day in a pay period marked
paid (kiosk.services.allowances.PeriodLocked). Who is signed in comes from the duty service, which
closes forgotten sign-outs first.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from kiosk.core.actor import Actor
from kiosk.core.allowance import total
from kiosk.core.contract import valid_on
from kiosk.core.pay_period import period_containing
from kiosk.db.worker_models import Worker, WorkSession
from kiosk.errors import NotFound, Refused
from kiosk.services import audit, duty
from kiosk.services.allowances import ensure_days_open, worker_days
from kiosk.services.context import Context
from kiosk.services.forgotten_sign_outs import peer_work_closing
from kiosk.services.shifts import reportable_shifts, shift_view, shifts_after, shifts_on
from kiosk.services.worker_auth import TalkToStaff
from kiosk.services.worker_views import Greeting, SignOutSummary, WorkerPass, WorkerStatus

# A pass left on an abandoned screen must not start a session long after the PIN was entered.
PASS_LIFETIME = timedelta(minutes=5)
NEXT_SHIFTS = 3
REPORTABLE_SHIFTS = 6


class PassExpired(Refused):
    code = "sign_in.pass_expired"

    def __init__(self) -> None:
        super().__init__("that took a while; please enter your number and PIN again")


class AlreadySignedIn(Refused):
    code = "sign_in.already_signed_in"

    def __init__(self, since: datetime) -> None:
        super().__init__("you are already signed in", since=since)
        self.since = since


class NotSignedIn(Refused):
    """There is no session to end: none today, or one closed as a forgotten sign-out at
    `auto_closed_at` (its own code, since the worker is told something else)."""

    code = "sign_in.not_signed_in"

    def __init__(self, auto_closed_at: datetime | None) -> None:
        if auto_closed_at is None:
            super().__init__("you are not signed in", auto_closed_at=None)
        else:
            super().__init__(
                "you were signed out automatically; staff will check your hours",
                code="sign_in.signed_out_automatically",
                auto_closed_at=auto_closed_at,
            )
        self.auto_closed_at = auto_closed_at


class PeerWorkClosed(Refused):
    code = "sign_in.peer_work_closed"

    def __init__(self, closing: datetime) -> None:
        super().__init__("peer work has ended for today; please talk to staff", closing=closing)
        self.closing = closing


def check_pass(ctx: Context, worker_pass: WorkerPass) -> None:
    if ctx.clock.now() - worker_pass.verified_at > PASS_LIFETIME:
        raise PassExpired()


def acting_worker(ctx: Context, worker_pass: WorkerPass) -> Actor:
    """The worker a fresh pass proves, as the `by` of the steps they take at the kiosk (help
    requests); PassExpired when the pass is stale, as for signing in and out."""
    check_pass(ctx, worker_pass)
    return _actor(worker_pass)


def worker_status(ctx: Context, worker_pass: WorkerPass) -> WorkerStatus:
    """What the kiosk shows a worker who has just entered their PIN: signed in or not, today's
    shift, the next ones, and what they can report an absence for."""
    check_pass(ctx, worker_pass)
    now = ctx.clock.now()
    today = ctx.today()
    closing = peer_work_closing(ctx, today)
    with ctx.transaction() as session:
        open_session = duty.current_session(session, ctx, worker_pass.worker_id)
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
    ctx: Context,
    worker_pass: WorkerPass,
    *,
    task: str | None = None,
    rules_confirmed: bool = False,
) -> Greeting:
    """Start a session on `task`; None is the default task (see `_task`)."""
    check_pass(ctx, worker_pass)
    task = _task(ctx, task)
    now = ctx.clock.now()
    today = ctx.today()
    closing = peer_work_closing(ctx, today)
    if now >= closing:
        raise PeerWorkClosed(closing)
    try:
        with ctx.transaction() as session:
            worker = _worker(session, worker_pass.worker_id)
            if not (worker.active and valid_on(worker.contract_start, worker.contract_end, today)):
                raise TalkToStaff()
            existing = duty.current_session(session, ctx, worker.id)
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
        work = duty.current_session(session, ctx, worker_pass.worker_id, for_update=True)
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


def _task(ctx: Context, task: str | None) -> str:
    """The task to sign in on. Without a choice: the first configured task, or no task when
    the clinic configures none (the kiosk then skips the task screen)."""
    tasks = ctx.settings.peer_work.tasks
    if task is None:
        return tasks[0].id if tasks else ""
    if tasks and ctx.settings.peer_work.task(task) is None:
        known = ", ".join(t.id for t in tasks)
        raise NotFound(
            f'there is no task "{task}"; choose one of {known}',
            code="task.unknown",
            task=task,
            known=known,
        )
    return task


def _worker(session: Session, worker_id: int) -> Worker:
    worker = session.get(Worker, worker_id)
    if worker is None:
        raise TalkToStaff()
    return worker


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


def _actor(worker_pass: WorkerPass) -> Actor:
    return Actor("worker", str(worker_pass.number))
