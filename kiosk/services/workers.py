"""Peer workers: add, list, new PIN, new contract, badge, deactivate; and the warnings staff see.

Staff use these (kiosk.services.staff_access checks who acts). A worker's name stays in staff
views and in the worker's own greeting; the public screens never list workers.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from kiosk.core.actor import Actor
from kiosk.core.badges import badge_digest, new_badge_token
from kiosk.core.contract import check_contract_dates
from kiosk.core.pay_period import week_of
from kiosk.core.pins import hash_pin
from kiosk.core.typed_text import without_control_characters
from kiosk.core.work_day import days_per_week
from kiosk.db.worker_models import PinLock, Shift, Worker, WorkSession
from kiosk.errors import KioskError, NotFound, Refused
from kiosk.services import audit, duty
from kiosk.services.context import Context
from kiosk.services.staff_access import require_staff
from kiosk.services.worker_views import BusyWeekWarning, ContractWarning, Warnings, WorkerView

MAX_NUMBER = 9999
MAX_NAME_LENGTH = 60


def check_number(number: int) -> int:
    if not 1 <= number <= MAX_NUMBER:
        raise KioskError(
            f"a worker number is 1 to {MAX_NUMBER}; got {number}",
            code="worker.number_invalid",
            number=number,
            max_number=MAX_NUMBER,
        )
    return number


def _clean_name(name: str) -> str:
    cleaned = " ".join(without_control_characters(name).split())
    if not 1 <= len(cleaned) <= MAX_NAME_LENGTH:
        raise KioskError(
            f"a display name is 1 to {MAX_NAME_LENGTH} characters",
            code="worker.name_length",
            max_length=MAX_NAME_LENGTH,
        )
    return cleaned


def find_worker(session: Session, number: int, *, for_update: bool = False) -> Worker:
    """The worker with `number`, for staff, who may know which numbers exist."""
    query = select(Worker).where(Worker.number == number)
    if for_update:
        query = query.with_for_update()
    worker = session.scalars(query).first()
    if worker is None:
        raise NotFound(f"there is no worker {number}", code="worker.not_found", worker=number)
    return worker


def add_worker(
    ctx: Context,
    *,
    number: int,
    display_name: str,
    pin: str,
    contract_start: date,
    contract_end: date,
    by: Actor,
) -> WorkerView:
    check_number(number)
    name = _clean_name(display_name)
    check_contract_dates(contract_start, contract_end, ctx.settings.peer_work.max_contract_months)
    pin_hash = hash_pin(pin)  # slow on purpose: outside the transaction, which locks the database
    now = ctx.clock.now()
    try:
        with ctx.transaction() as session:
            require_staff(session, by)
            if session.scalar(select(Worker.id).where(Worker.number == number)) is not None:
                raise _number_taken(number)
            worker = Worker(
                number=number,
                display_name=name,
                pin_hash=pin_hash,
                contract_start=contract_start,
                contract_end=contract_end,
                active=True,
                created_at=now,
                updated_at=now,
            )
            session.add(worker)
            session.flush()
            audit.record(
                session,
                ctx,
                "worker.add",
                worker,
                actor=by,
                details={
                    "contract_start": contract_start.isoformat(),
                    "contract_end": contract_end.isoformat(),
                },
            )
            return _view(worker)
    except IntegrityError:
        # Another staff member added the same number between our check and our insert.
        raise _number_taken(number) from None


def _number_taken(number: int) -> Refused:
    return Refused(
        f"worker number {number} is taken; choose another",
        code="worker.number_taken",
        worker=number,
    )


def list_workers(ctx: Context, *, by: Actor, include_inactive: bool = False) -> list[WorkerView]:
    now = ctx.clock.now()
    with ctx.transaction() as session:
        require_staff(session, by)
        query = select(Worker).order_by(Worker.number)
        if not include_inactive:
            query = query.where(Worker.active.is_(True))
        workers = list(session.scalars(query))
        locks = {
            int(lock.key): lock.locked_until
            for lock in session.scalars(select(PinLock).where(PinLock.scope == "number"))
            if lock.locked_until is not None and lock.locked_until > now
        }
        on_duty = duty.on_duty_since(session, ctx)
        return [_view(w, locks.get(w.number), on_duty.get(w.id)) for w in workers]


def get_worker(ctx: Context, number: int, *, by: Actor) -> WorkerView:
    """One peer worker's details; the view is recorded (a peer worker is a client too)."""
    with ctx.transaction() as session:
        require_staff(session, by)
        worker = find_worker(session, number)
        audit.record(session, ctx, "worker.view", worker, actor=by)
        return _view(worker)


def set_pin(ctx: Context, number: int, pin: str, *, by: Actor) -> WorkerView:
    pin_hash = hash_pin(pin)
    with ctx.transaction() as session:
        require_staff(session, by)
        worker = find_worker(session, number, for_update=True)
        worker.pin_hash = pin_hash
        worker.updated_at = ctx.clock.now()
        audit.record(session, ctx, "worker.set_pin", worker, actor=by)
        return _view(worker)


def set_contract(ctx: Context, number: int, *, start: date, end: date, by: Actor) -> WorkerView:
    """A new contract period, which also makes the worker active again."""
    check_contract_dates(start, end, ctx.settings.peer_work.max_contract_months)
    with ctx.transaction() as session:
        require_staff(session, by)
        worker = find_worker(session, number, for_update=True)
        old = {
            "contract_start": worker.contract_start.isoformat(),
            "contract_end": worker.contract_end.isoformat(),
            "active": worker.active,
        }
        worker.contract_start, worker.contract_end, worker.active = start, end, True
        worker.updated_at = ctx.clock.now()
        new = {"contract_start": start.isoformat(), "contract_end": end.isoformat(), "active": True}
        audit.record(
            session, ctx, "worker.set_contract", worker, actor=by, details={"old": old, "new": new}
        )
        return _view(worker)


def deactivate(ctx: Context, number: int, *, by: Actor) -> WorkerView:
    with ctx.transaction() as session:
        require_staff(session, by)
        worker = find_worker(session, number, for_update=True)
        if not worker.active:
            raise Refused(
                f"worker {number} is already inactive",
                code="worker.already_inactive",
                worker=number,
            )
        if duty.current_session(session, ctx, worker.id) is not None:
            raise Refused(
                f"worker {number} is signed in; sign them out first",
                code="worker.signed_in",
                worker=number,
            )
        worker.active = False
        # A deactivated worker's badge must not open anything, even after reactivation.
        had_badge = worker.badge_digest is not None
        worker.badge_digest = None
        worker.updated_at = ctx.clock.now()
        audit.record(
            session,
            ctx,
            "worker.deactivate",
            worker,
            actor=by,
            details={"badge_revoked": had_badge},
        )
        return _view(worker)


def issue_badge(
    ctx: Context, number: int, *, by: Actor, token: str | None = None
) -> tuple[WorkerView, str]:
    """A new badge token for the worker; the old badge stops working. The token is returned
    once, to be printed, and only its digest is kept. `token`: one made (and already printed)
    beforehand with new_badge_token, so the old badge keeps working until the new one exists."""
    token = token or new_badge_token()
    with ctx.transaction() as session:
        require_staff(session, by)
        worker = find_worker(session, number, for_update=True)
        if not worker.active:
            raise Refused(
                f"worker {number} is inactive; give them a new contract first",
                code="worker.inactive",
                worker=number,
            )
        replaced = worker.badge_digest is not None
        worker.badge_digest = badge_digest(token)
        worker.updated_at = ctx.clock.now()
        audit.record(
            session, ctx, "worker.badge_issue", worker, actor=by, details={"replaced": replaced}
        )
        return _view(worker), token


def revoke_badge(ctx: Context, number: int, *, by: Actor) -> WorkerView:
    with ctx.transaction() as session:
        require_staff(session, by)
        worker = find_worker(session, number, for_update=True)
        if worker.badge_digest is None:
            raise Refused(f"worker {number} has no badge", code="worker.no_badge", worker=number)
        worker.badge_digest = None
        worker.updated_at = ctx.clock.now()
        audit.record(session, ctx, "worker.badge_revoke", worker, actor=by)
        return _view(worker)


def warnings(ctx: Context, *, by: Actor) -> Warnings:
    """Contracts ending soon (or ended while the worker is still active), and weeks in which a
    worker works or is planned on more days than `peer_work.max_days_per_week`.

    Weeks are counted from last week on: worked days and planned days (without an absence)
    together, each day once.
    """
    rules = ctx.settings.peer_work
    today = ctx.today()
    since = week_of(today).first_day - timedelta(days=7)
    with ctx.reading() as session:
        require_staff(session, by)
        workers = list(
            session.scalars(select(Worker).where(Worker.active.is_(True)).order_by(Worker.number))
        )
        contracts = contract_warnings(workers, today, rules.contract_warning_days)
        busy = []
        for worker in workers:
            days = worked_or_planned_days(session, worker.id, since)
            for week, count in sorted(days_per_week(days).items()):
                if count > rules.max_days_per_week:
                    busy.append(
                        BusyWeekWarning(
                            worker.number, worker.display_name, week, count, rules.max_days_per_week
                        )
                    )
        return Warnings(contracts=contracts, busy_weeks=busy)


def contract_warnings(
    workers: Iterable[Worker], today: date, warning_days: int
) -> list[ContractWarning]:
    """The active workers whose contract ends within `warning_days` of today, or has ended."""
    return [
        ContractWarning(w.number, w.display_name, w.contract_end, (w.contract_end - today).days)
        for w in workers
        if w.active and (w.contract_end - today).days <= warning_days
    ]


def worked_or_planned_days(session: Session, worker_id: int, since: date) -> set[date]:
    worked = session.scalars(
        select(WorkSession.business_day).where(
            WorkSession.worker_id == worker_id, WorkSession.business_day >= since
        )
    )
    planned = session.scalars(
        select(Shift.day).where(
            Shift.worker_id == worker_id, Shift.day >= since, ~Shift.absence.has()
        )
    )
    return set(worked) | set(planned)


def _view(
    worker: Worker, locked_until: datetime | None = None, signed_in_since: datetime | None = None
) -> WorkerView:
    return WorkerView(
        number=worker.number,
        display_name=worker.display_name,
        contract_start=worker.contract_start,
        contract_end=worker.contract_end,
        active=worker.active,
        has_badge=worker.badge_digest is not None,
        locked_until=locked_until,
        signed_in_since=signed_in_since,
    )
