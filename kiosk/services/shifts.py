"""The shift plan: staff enter shifts a month at a time; workers see theirs; staff see the missed.

A shift is a worker, a date and local start–end times; the instants are stored in UTC, so a
shift on a daylight-saving day is as long as the clock on the wall says.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import Select, and_, exists, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from kiosk.core.actor import Actor
from kiosk.core.contract import valid_on
from kiosk.core.opening_hours import WEEKDAYS
from kiosk.core.pay_period import month_of, week_of
from kiosk.core.work_day import ShiftTimes, days_per_week, local_instant
from kiosk.db.worker_models import Shift, Worker, WorkSession
from kiosk.errors import KioskError, NotFound, Refused
from kiosk.services import audit
from kiosk.services.context import Context
from kiosk.services.staff_access import require_staff
from kiosk.services.worker_views import BusyWeekWarning, ShiftView
from kiosk.services.workers import find_worker, worked_or_planned_days

MAX_SHIFTS_AT_ONCE = 62  # two months of daily shifts: more is a typing mistake


@dataclass(frozen=True)
class PlannedShift:
    """One line of a month's plan, before it is stored."""

    number: int
    day: date
    times: ShiftTimes


@dataclass(frozen=True)
class ShiftsAdded:
    shifts: list[ShiftView]
    warnings: list[BusyWeekWarning]


def add_shifts(ctx: Context, plan: Iterable[PlannedShift], *, by: Actor) -> ShiftsAdded:
    """Store a plan (one shift or a whole month) all or nothing, and warn about busy weeks.

    Refused: a day already past, dates outside the worker's contract, an inactive worker, a
    shift overlapping another of the same worker. Busy weeks are warnings only: staff may have their reasons.
    """
    lines = list(plan)
    if not lines:
        raise KioskError("no shifts to add; give at least one date", code="shift.none_given")
    if len(lines) > MAX_SHIFTS_AT_ONCE:
        raise KioskError(
            f"at most {MAX_SHIFTS_AT_ONCE} shifts at once; split the plan",
            code="shift.too_many",
            limit=MAX_SHIFTS_AT_ONCE,
        )
    zone = ctx.settings.clinic.zone
    now = ctx.clock.now()
    today = ctx.today()
    try:
        with ctx.transaction() as session:
            require_staff(session, by)
            added: list[Shift] = []
            workers: dict[int, Worker] = {}
            for line in lines:
                worker = workers.get(line.number) or find_worker(session, line.number)
                workers[line.number] = worker
                _check_plannable(worker, line.day)
                starts = local_instant(line.day, line.times.starts, zone)
                ends = local_instant(line.day, line.times.ends, zone)
                if line.day < today:
                    raise Refused(
                        f"{line.day:%d.%m.%Y} is in the past; the plan is for days ahead",
                        code="shift.in_the_past",
                        day=line.day,
                    )
                _refuse_overlap(session, worker, line.day, starts, ends)
                shift = Shift(
                    worker=worker,
                    day=line.day,
                    starts_at=starts,
                    ends_at=ends,
                    created_at=now,
                    created_by=str(by),
                )
                session.add(shift)
                session.flush()
                added.append(shift)
                audit.record(
                    session,
                    ctx,
                    "shift.add",
                    worker,
                    actor=by,
                    details={
                        "shift": shift.id,
                        "day": line.day.isoformat(),
                        "starts_at": starts.isoformat(),
                        "ends_at": ends.isoformat(),
                    },
                )
            busy = _busy_weeks(session, ctx, workers.values(), {s.day for s in added})
            return ShiftsAdded([shift_view(s) for s in added], busy)
    except IntegrityError:
        raise Refused(
            "one of these shifts is already in the plan", code="shift.already_planned"
        ) from None


def remove_shift(ctx: Context, shift_id: int, *, by: Actor) -> ShiftView:
    with ctx.transaction() as session:
        require_staff(session, by)
        shift = _find(session, shift_id)
        if shift.starts_at <= ctx.clock.now():
            raise Refused(
                f"shift {shift_id} has already begun; the plan of past days stays as it was",
                code="shift.begun",
                shift=shift_id,
            )
        view = shift_view(shift)
        audit.record(
            session,
            ctx,
            "shift.remove",
            shift.worker,
            actor=by,
            details={
                "shift": shift.id,
                "day": shift.day.isoformat(),
                "starts_at": shift.starts_at.isoformat(),
                "ends_at": shift.ends_at.isoformat(),
            },
        )
        session.delete(shift)
        return view


def list_shifts(
    ctx: Context, first_day: date, last_day: date, *, by: Actor, number: int | None = None
) -> list[ShiftView]:
    with ctx.reading() as session:
        require_staff(session, by)
        query = _with_details(
            select(Shift).where(Shift.day >= first_day, Shift.day <= last_day)
        ).order_by(Shift.starts_at, Shift.id)
        if number is not None:
            query = query.where(Shift.worker_id == find_worker(session, number).id)
        return [shift_view(s) for s in session.scalars(query)]


def month_range(ctx: Context, month: str | None) -> tuple[date, date]:
    """The first and last day of "2026-12", or of this month when None."""
    if month is None:
        period = month_of(ctx.today())
    else:
        try:
            period = month_of(date.fromisoformat(f"{month}-01"))
        except ValueError:
            raise KioskError(
                f'"{month}" is not a month; write it like 2026-12', code="month.invalid", text=month
            ) from None
    return period.first_day, period.last_day


def weekdays_in_month(ctx: Context, month: str, weekdays: Iterable[str]) -> list[date]:
    """The days of `month` ("2026-12") that fall on `weekdays` ("tue", "thu"), from today on:
    a month's plan made in the middle of it covers the days still ahead."""
    wanted = {d.strip().lower() for d in weekdays if d.strip()}
    unknown = wanted - set(WEEKDAYS)
    if unknown:
        weekday, known = sorted(unknown)[0], ", ".join(WEEKDAYS)
        raise KioskError(
            f'unknown weekday "{weekday}"; use {known}',
            code="weekday.unknown",
            weekday=weekday,
            known=known,
        )
    first, last = month_range(ctx, month)
    first = max(first, ctx.today())
    days = (first + timedelta(days=n) for n in range((last - first).days + 1))
    return [day for day in days if WEEKDAYS[day.weekday()] in wanted]


def missed_shifts(ctx: Context, *, by: Actor, since: date | None = None) -> list[ShiftView]:
    """Shifts that have ended with no sign-in that business day and no absence reported."""
    now = ctx.clock.now()
    first = since or ctx.today() - timedelta(days=31)
    came = exists().where(
        and_(WorkSession.worker_id == Shift.worker_id, WorkSession.business_day == Shift.day)
    )
    with ctx.reading() as session:
        require_staff(session, by)
        query = _with_details(
            select(Shift).where(
                Shift.day >= first, Shift.ends_at <= now, ~Shift.absence.has(), ~came
            )
        ).order_by(Shift.starts_at)
        return [shift_view(s) for s in session.scalars(query)]


def shifts_on(session: Session, worker_id: int, day: date) -> list[Shift]:
    return list(
        session.scalars(
            _with_details(
                select(Shift).where(Shift.worker_id == worker_id, Shift.day == day)
            ).order_by(Shift.starts_at)
        )
    )


def shifts_after(session: Session, worker_id: int, day: date, limit: int) -> list[Shift]:
    return list(
        session.scalars(
            _with_details(select(Shift).where(Shift.worker_id == worker_id, Shift.day > day))
            .order_by(Shift.starts_at)
            .limit(limit)
        )
    )


def reportable_shifts(session: Session, worker_id: int, now: datetime, limit: int) -> list[Shift]:
    """Shifts a worker can still report an absence for at the kiosk: not yet begun, none
    reported yet. A worker at the kiosk during their shift is there, not absent."""
    return list(
        session.scalars(
            _with_details(
                select(Shift).where(
                    Shift.worker_id == worker_id, Shift.starts_at > now, ~Shift.absence.has()
                )
            )
            .order_by(Shift.starts_at)
            .limit(limit)
        )
    )


def shift_view(shift: Shift) -> ShiftView:
    return ShiftView(
        id=shift.id,
        number=shift.worker.number,
        display_name=shift.worker.display_name,
        day=shift.day,
        starts_at=shift.starts_at,
        ends_at=shift.ends_at,
        absence_reported_at=shift.absence.reported_at if shift.absence else None,
        absence_reason=shift.absence.reason if shift.absence else "",
    )


def _with_details(query: Select[Shift]) -> Select[Shift]:
    return query.options(selectinload(Shift.worker), selectinload(Shift.absence))


def _find(session: Session, shift_id: int) -> Shift:
    shift = session.scalars(_with_details(select(Shift).where(Shift.id == shift_id))).first()
    if shift is None:
        raise NotFound(f"there is no shift {shift_id}", code="shift.not_found", shift=shift_id)
    return shift


def _check_plannable(worker: Worker, day: date) -> None:
    if not worker.active:
        raise Refused(
            f"worker {worker.number} is inactive; give them a new contract first",
            code="worker.inactive",
            worker=worker.number,
        )
    refuse_outside_contract(worker, day)


def refuse_outside_contract(worker: Worker, day: date) -> None:
    """Shifts and staff-entered sessions alike: no work, and so no pay, outside the contract."""
    if not valid_on(worker.contract_start, worker.contract_end, day):
        raise Refused(
            f"{day:%d.%m.%Y} is outside worker {worker.number}'s contract "
            f"({worker.contract_start:%d.%m.%Y}–{worker.contract_end:%d.%m.%Y})",
            code="contract.outside",
            day=day,
            worker=worker.number,
            start=worker.contract_start,
            end=worker.contract_end,
        )


def _refuse_overlap(
    session: Session, worker: Worker, day: date, starts: datetime, ends: datetime
) -> None:
    clash = session.scalars(
        select(Shift).where(
            Shift.worker_id == worker.id, Shift.starts_at < ends, Shift.ends_at > starts
        )
    ).first()
    if clash is not None:
        raise Refused(
            f"worker {worker.number} already has a shift on {day:%d.%m.%Y} at that time "
            f"(shift {clash.id})",
            code="shift.overlap",
            worker=worker.number,
            day=day,
            shift=clash.id,
        )


def _busy_weeks(
    session: Session, ctx: Context, workers: Iterable[Worker], days: set[date]
) -> list[BusyWeekWarning]:
    limit = ctx.settings.peer_work.max_days_per_week
    weeks = {week_of(day).label for day in days}
    since = min(days) - timedelta(days=7)
    warnings = []
    for worker in workers:
        counts = days_per_week(worked_or_planned_days(session, worker.id, since))
        for week in sorted(weeks):
            if counts.get(week, 0) > limit:
                warnings.append(
                    BusyWeekWarning(worker.number, worker.display_name, week, counts[week], limit)
                )
    return warnings
