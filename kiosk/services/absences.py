"""Absence reports for planned shifts: by the worker at the kiosk, or by staff who took a call.

The report's time is stored, so staff see how early it came ("report absences in advance" is one
of the agreed rules). A reason is one of the configured categories or none: never free text.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from kiosk.core.actor import Actor
from kiosk.db.worker_models import Absence, Shift, Worker
from kiosk.errors import NotFound, Refused
from kiosk.services import audit
from kiosk.services.context import Context
from kiosk.services.shifts import shift_view
from kiosk.services.sign_in_out import check_pass
from kiosk.services.staff_access import require_staff
from kiosk.services.worker_views import AbsenceView, WorkerPass
from kiosk.services.workers import find_worker


def report_at_kiosk(
    ctx: Context, worker_pass: WorkerPass, shift_id: int, reason: str = ""
) -> AbsenceView:
    """The worker, having shown their PIN or badge, reports an absence for one of their shifts."""
    check_pass(ctx, worker_pass)
    with ctx.transaction() as session:
        shift = _shift(session, shift_id)
        if shift.worker_id != worker_pass.worker_id:
            raise NotFound(
                "that shift is not yours; choose one from the list",
                code="absence.not_your_shift",
                shift=shift_id,
            )
        # A worker at the kiosk during their own shift is here, not absent: the screen offers
        # only shifts not yet begun (shifts.reportable_shifts), and a stale list is refused here.
        if shift.starts_at <= ctx.clock.now():
            raise Refused(
                f"shift {shift.id} has already begun; an absence is reported before the shift "
                "starts, so please talk to staff",
                code="absence.shift_begun",
                shift=shift.id,
            )
        return _report(session, ctx, shift, reason, Actor("worker", str(worker_pass.number)))


def report_for_worker(
    ctx: Context, number: int, day: date, *, reason: str = "", by: Actor
) -> list[AbsenceView]:
    """Staff record an absence the worker reported another way (a phone call): every shift of
    that worker on `day` not yet reported."""
    with ctx.transaction() as session:
        require_staff(session, by)
        worker = find_worker(session, number)
        shifts = [
            s
            for s in session.scalars(
                select(Shift)
                .options(selectinload(Shift.worker), selectinload(Shift.absence))
                .where(Shift.worker_id == worker.id, Shift.day == day)
                .order_by(Shift.starts_at)
            )
            if s.absence is None
        ]
        if not shifts:
            raise NotFound(
                f"worker {number} has no shift without an absence on {day:%d.%m.%Y}",
                code="absence.no_shift_that_day",
                worker=number,
                day=day,
            )
        return [_report(session, ctx, shift, reason, by) for shift in shifts]


def withdraw(ctx: Context, shift_id: int, *, by: Actor) -> AbsenceView:
    """Staff take back an absence reported by mistake, while its shift has not begun. The audit
    log keeps the report as it was; the shift counts as planned again (and missed if nobody
    comes)."""
    with ctx.transaction() as session:
        require_staff(session, by)
        shift = _locked_shift(session, shift_id)
        if shift is None or shift.absence is None:
            raise NotFound(
                f"there is no absence for shift {shift_id}",
                code="absence.not_found",
                shift=shift_id,
            )
        if shift.starts_at <= ctx.clock.now():
            raise Refused(
                f"shift {shift_id} has already begun, so its absence stays as reported; "
                "correct the worker's sessions instead if they came after all",
                code="absence.withdraw_begun",
                shift=shift_id,
            )
        absence = shift.absence
        view = _view(absence)
        old = {
            "reported_at": absence.reported_at.isoformat(),
            "reported_by": absence.reported_by,
            "device": absence.device,
            "reason": absence.reason,
        }
        audit.record(
            session,
            ctx,
            "absence.withdraw",
            shift.worker,
            actor=by,
            details={"shift": shift.id, "day": shift.day.isoformat(), "old": old},
        )
        session.delete(absence)
        return view


def list_absences(ctx: Context, first_day: date, last_day: date, *, by: Actor) -> list[AbsenceView]:
    with ctx.reading() as session:
        require_staff(session, by)
        query = (
            select(Absence)
            .join(Absence.shift)
            .options(selectinload(Absence.shift).selectinload(Shift.worker))
            .where(Shift.day >= first_day, Shift.day <= last_day)
            .order_by(Shift.starts_at)
        )
        return [_view(a) for a in session.scalars(query)]


def _locked_shift(session: Session, shift_id: int) -> Shift | None:
    return session.scalars(
        select(Shift)
        .options(selectinload(Shift.worker), selectinload(Shift.absence))
        .where(Shift.id == shift_id)
        .with_for_update()
    ).first()


def _shift(session: Session, shift_id: int) -> Shift:
    shift = _locked_shift(session, shift_id)
    if shift is None:
        raise NotFound(f"there is no shift {shift_id}", code="shift.not_found", shift=shift_id)
    return shift


def _report(session: Session, ctx: Context, shift: Shift, reason: str, by: Actor) -> AbsenceView:
    reason = reason.strip()
    if reason and ctx.settings.peer_work.absence_reason(reason) is None:
        known = ", ".join(r.id for r in ctx.settings.peer_work.absence_reasons) or "none"
        raise NotFound(
            f'there is no absence reason "{reason}"; choose one of {known}',
            code="absence.reason_unknown",
            reason=reason,
            known=known,
        )
    now = ctx.clock.now()
    if shift.ends_at <= now:
        raise Refused(
            f"shift {shift.id} has already ended; an absence is reported beforehand",
            code="absence.shift_ended",
            shift=shift.id,
        )
    if shift.absence is not None:
        reported = shift.absence.reported_at
        raise Refused(
            f"an absence for shift {shift.id} was already reported "
            f"{reported.astimezone(ctx.settings.clinic.zone):%d.%m. %H:%M}",
            code="absence.already_reported",
            shift=shift.id,
            reported_at=reported,
        )
    absence = Absence(
        shift=shift, reported_at=now, reported_by=str(by), device=ctx.device, reason=reason
    )
    session.add(absence)
    session.flush()
    worker: Worker = shift.worker
    audit.record(
        session,
        ctx,
        "absence.report",
        worker,
        actor=by,
        details={"shift": shift.id, "day": shift.day.isoformat(), "reason": reason},
        at=now,
    )
    return _view(absence)


def _view(absence: Absence) -> AbsenceView:
    shift = absence.shift
    ahead = (shift.starts_at - absence.reported_at).total_seconds() / 3600
    return AbsenceView(
        shift=shift_view(shift),
        reported_at=absence.reported_at,
        reported_by=absence.reported_by,
        reason=absence.reason,
        hours_ahead=round(ahead, 1),
    )
