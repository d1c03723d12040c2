"""The shift plan, absences and the warnings staff see, on a real database."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from kiosk.core.actor import Actor
from kiosk.core.clock import FixedClock
from kiosk.core.work_day import parse_shift_times
from kiosk.db.models import AuditEvent
from kiosk.errors import KioskError, NotFound, Refused
from kiosk.services import absences, shifts, sign_in_out, workers
from kiosk.services.context import Context
from kiosk.services.shifts import PlannedShift
from tests.workers.conftest import STAFF, add_worker, pin_pass, plan

pytestmark = pytest.mark.usefixtures("cheap_pins")
HELSINKI = ZoneInfo("Europe/Helsinki")


def helsinki(day: int, hour: int, minute: int = 0, month: int = 11) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=HELSINKI).astimezone(UTC)


def december(*days: int) -> list[date]:
    return [date(2026, 12, d) for d in days]


def test_a_months_weekdays_are_planned_from_today_on(kiosk_ctx: Context) -> None:
    # Today is Tuesday 24 November 2026.
    assert shifts.weekdays_in_month(kiosk_ctx, "2026-11", ["tue", " THU "]) == [
        date(2026, 11, 24),
        date(2026, 11, 26),
    ]
    assert shifts.weekdays_in_month(kiosk_ctx, "2026-12", ["mon"]) == december(7, 14, 21, 28)
    assert shifts.weekdays_in_month(kiosk_ctx, "2026-10", ["mon"]) == []


def test_an_unknown_weekday_names_the_ones_there_are(kiosk_ctx: Context) -> None:
    with pytest.raises(KioskError, match='unknown weekday "tues"; use mon, tue, wed'):
        shifts.weekdays_in_month(kiosk_ctx, "2026-12", ["tues"])


def test_a_month_of_shifts_is_stored_in_local_time(kiosk_ctx: Context, worker) -> None:
    added = plan(kiosk_ctx, 12, december(1, 3, 8, 10), "09:00-12:30")
    assert [s.day for s in added] == december(1, 3, 8, 10)
    assert added[0].starts_at == helsinki(1, 9, month=12)
    listed = shifts.list_shifts(
        kiosk_ctx, date(2026, 12, 1), date(2026, 12, 31), number=12, by=STAFF
    )
    assert [s.id for s in listed] == [s.id for s in added]
    assert shifts.month_range(kiosk_ctx, "2026-12") == (date(2026, 12, 1), date(2026, 12, 31))


def test_summer_time_shift_is_as_long_as_the_wall_clock_says(
    kiosk_ctx: Context, clock: FixedClock
) -> None:
    clock.set(helsinki(20, 9, month=3))
    add_worker(kiosk_ctx, 12, start=date(2026, 3, 1), end=date(2026, 8, 31))
    [shift] = plan(kiosk_ctx, 12, [date(2026, 3, 29)], "09:00-12:00")
    assert shift.ends_at - shift.starts_at == timedelta(hours=3)
    assert shift.starts_at == datetime(2026, 3, 29, 6, 0, tzinfo=UTC)  # EEST, UTC+3


def test_plan_is_refused_whole_outside_the_contract_or_overlapping(
    kiosk_ctx: Context, worker
) -> None:
    with pytest.raises(Refused, match="outside worker 12's contract"):
        plan(kiosk_ctx, 12, [date(2027, 4, 29), date(2027, 5, 3)])
    plan(kiosk_ctx, 12, december(1))
    with pytest.raises(Refused, match=r"already has a shift on 01\.12\.2026"):
        plan(kiosk_ctx, 12, december(2, 1), "12:00-14:00")
    assert [
        s.day for s in shifts.list_shifts(kiosk_ctx, date(2026, 12, 1), date(2027, 5, 31), by=STAFF)
    ] == december(1)
    with pytest.raises(Refused, match=r"23\.11\.2026 is in the past"):
        plan(kiosk_ctx, 12, [date(2026, 11, 23), date(2026, 12, 2)])
    with pytest.raises(NotFound, match="no worker 99"):
        plan(kiosk_ctx, 99, december(1))
    workers.deactivate(kiosk_ctx, 12, by=STAFF)
    with pytest.raises(Refused, match="inactive"):
        plan(kiosk_ctx, 12, december(15))


def test_more_days_a_week_than_configured_is_a_warning_not_a_refusal(
    kiosk_ctx: Context, worker
) -> None:
    times = parse_shift_times("09:00-12:00")
    added = shifts.add_shifts(
        kiosk_ctx, [PlannedShift(12, d, times) for d in december(1, 2, 3, 4, 8)], by=STAFF
    )
    assert len(added.shifts) == 5
    assert [(w.number, w.week, w.days, w.limit) for w in added.warnings] == [(12, "2026-W49", 4, 3)]


def test_shift_not_yet_begun_can_be_removed(kiosk_ctx: Context, clock: FixedClock, worker) -> None:
    today, tomorrow = plan(kiosk_ctx, 12, [date(2026, 11, 24), date(2026, 11, 25)])
    with pytest.raises(Refused, match="already begun"):
        shifts.remove_shift(kiosk_ctx, today.id, by=STAFF)
    assert shifts.remove_shift(kiosk_ctx, tomorrow.id, by=STAFF).id == tomorrow.id
    assert [
        s.id for s in shifts.list_shifts(kiosk_ctx, date(2026, 11, 1), date(2026, 11, 30), by=STAFF)
    ] == [today.id]


def test_worker_reports_an_absence_at_the_kiosk_and_staff_see_how_early(
    kiosk_ctx: Context, clock: FixedClock, worker
) -> None:
    plan(kiosk_ctx, 12, [date(2026, 11, 24), date(2026, 11, 25), date(2026, 11, 26)])
    clock.set(helsinki(24, 9, 15))  # today's shift has begun: the worker is here, not absent
    status = sign_in_out.worker_status(kiosk_ctx, pin_pass(kiosk_ctx))
    assert [s.day for s in status.reportable_shifts] == [date(2026, 11, 25), date(2026, 11, 26)]
    thursday = status.reportable_shifts[1]
    reported = absences.report_at_kiosk(kiosk_ctx, pin_pass(kiosk_ctx), thursday.id, "illness")
    assert (reported.reported_at, reported.reason, reported.reported_by) == (
        clock.now(),
        "illness",
        "worker:12",
    )
    assert reported.hours_ahead == 47.8
    with pytest.raises(Refused, match="already reported"):
        absences.report_at_kiosk(kiosk_ctx, pin_pass(kiosk_ctx), thursday.id)
    status = sign_in_out.worker_status(kiosk_ctx, pin_pass(kiosk_ctx))
    assert [s.day for s in status.reportable_shifts] == [date(2026, 11, 25)]
    [listed] = absences.list_absences(kiosk_ctx, date(2026, 11, 1), date(2026, 11, 30), by=STAFF)
    assert (listed.shift.id, listed.shift.absence_reason) == (thursday.id, "illness")


def test_absence_only_for_your_own_shift_not_yet_begun_with_a_known_reason(
    kiosk_ctx: Context, clock: FixedClock, worker
) -> None:
    add_worker(kiosk_ctx, 7, name="Liisa", pin="690248")
    [mine] = plan(kiosk_ctx, 12, [date(2026, 11, 25)])
    [theirs] = plan(kiosk_ctx, 7, [date(2026, 11, 25)])
    with pytest.raises(NotFound, match="not yours"):
        absences.report_at_kiosk(kiosk_ctx, pin_pass(kiosk_ctx), theirs.id)
    with pytest.raises(NotFound, match='no absence reason "hangover"'):
        absences.report_at_kiosk(kiosk_ctx, pin_pass(kiosk_ctx), mine.id, "hangover")
    # A menu opened before 9.00 and tapped after it: the core refuses, not only the screen.
    clock.set(helsinki(25, 8, 58))
    worker_pass = pin_pass(kiosk_ctx)
    clock.set(helsinki(25, 9))
    with pytest.raises(Refused, match=r"already begun.*talk to staff"):
        absences.report_at_kiosk(kiosk_ctx, worker_pass, mine.id)
    assert absences.list_absences(kiosk_ctx, date(2026, 11, 1), date(2026, 11, 30), by=STAFF) == []


def test_staff_withdraw_a_mistaken_absence_before_the_shift_begins(
    kiosk_ctx: Context, clock: FixedClock, worker
) -> None:
    [shift] = plan(kiosk_ctx, 12, [date(2026, 11, 25)])
    absences.report_at_kiosk(kiosk_ctx, pin_pass(kiosk_ctx), shift.id, "illness")
    with pytest.raises(Refused, match="only staff can do this, not a peer worker"):
        absences.withdraw(kiosk_ctx, shift.id, by=Actor("worker", "12"))
    with pytest.raises(NotFound, match="no absence for shift 999") as missing:
        absences.withdraw(kiosk_ctx, 999, by=STAFF)
    assert (missing.value.code, missing.value.facts) == ("absence.not_found", {"shift": 999})
    withdrawn = absences.withdraw(kiosk_ctx, shift.id, by=STAFF)
    assert (withdrawn.shift.id, withdrawn.reason, withdrawn.reported_by) == (
        shift.id,
        "illness",
        "worker:12",
    )
    assert absences.list_absences(kiosk_ctx, date(2026, 11, 1), date(2026, 11, 30), by=STAFF) == []
    with kiosk_ctx.reading() as session:
        [event] = session.scalars(
            select(AuditEvent).where(AuditEvent.action == "absence.withdraw")
        ).all()
    assert event.actor == "staff:anna"
    assert event.details["old"] == {
        "reported_at": clock.now().isoformat(),
        "reported_by": "worker:12",
        "device": "lounge-1",
        "reason": "illness",
    }
    with pytest.raises(NotFound, match="no absence for shift"):
        absences.withdraw(kiosk_ctx, shift.id, by=STAFF)  # withdrawn already
    # The shift is offered again; once it has begun, its absence stays.
    status = sign_in_out.worker_status(kiosk_ctx, pin_pass(kiosk_ctx))
    assert [s.id for s in status.reportable_shifts] == [shift.id]
    absences.report_for_worker(kiosk_ctx, 12, date(2026, 11, 25), by=STAFF)
    clock.set(helsinki(25, 9, 5))
    with pytest.raises(Refused, match=f"shift {shift.id} has already begun"):
        absences.withdraw(kiosk_ctx, shift.id, by=STAFF)


def test_staff_record_an_absence_phoned_in(kiosk_ctx: Context, clock: FixedClock, worker) -> None:
    plan(kiosk_ctx, 12, [date(2026, 11, 24)], "12:00-14:00")
    clock.set(helsinki(24, 12, 20))  # a late call, once the shift had begun
    [reported] = absences.report_for_worker(kiosk_ctx, 12, date(2026, 11, 24), by=STAFF)
    assert (reported.reported_by, reported.reason, reported.hours_ahead) == ("staff:anna", "", -0.3)
    with pytest.raises(NotFound, match=r"no shift without an absence on 24\.11\.2026"):
        absences.report_for_worker(kiosk_ctx, 12, date(2026, 11, 24), by=STAFF)


def test_missed_shifts_are_those_without_sign_in_or_report(
    kiosk_ctx: Context, clock: FixedClock, worker
) -> None:
    add_worker(kiosk_ctx, 7, name="Liisa", pin="690248")
    plan(kiosk_ctx, 12, [date(2026, 11, 24), date(2026, 11, 25), date(2026, 11, 26)])
    plan(kiosk_ctx, 7, [date(2026, 11, 24)])
    sign_in_out.sign_in(kiosk_ctx, pin_pass(kiosk_ctx), task="coffee")  # 12 came on Tuesday
    clock.advance(hours=3)
    sign_in_out.sign_out(kiosk_ctx, pin_pass(kiosk_ctx))
    absences.report_for_worker(kiosk_ctx, 12, date(2026, 11, 25), reason="illness", by=STAFF)
    clock.set(helsinki(27, 9))
    missed = shifts.missed_shifts(kiosk_ctx, by=STAFF)
    assert [(s.number, s.day) for s in missed] == [
        (7, date(2026, 11, 24)),
        (12, date(2026, 11, 26)),
    ]
    assert shifts.missed_shifts(kiosk_ctx, by=STAFF, since=date(2026, 11, 25)) == missed[1:]


def test_warnings_for_contracts_ending_soon_and_busy_weeks(
    kiosk_ctx: Context, clock: FixedClock
) -> None:
    clock.set(helsinki(22, 9))  # Sunday: the plan is made before the week begins
    add_worker(kiosk_ctx, 12, start=date(2026, 6, 10), end=date(2026, 12, 8))  # 14 days left
    add_worker(
        kiosk_ctx, 7, name="Liisa", pin="690248", start=date(2026, 6, 10), end=date(2026, 12, 9)
    )
    add_worker(
        kiosk_ctx, 5, name="Pekka", pin="417306", start=date(2026, 11, 1), end=date(2027, 4, 1)
    )
    plan(
        kiosk_ctx,
        5,
        [date(2026, 11, 23), date(2026, 11, 25), date(2026, 11, 26), date(2026, 11, 27)],
    )
    absences.report_for_worker(kiosk_ctx, 5, date(2026, 11, 27), by=STAFF)
    clock.set(helsinki(24, 9))
    found = workers.warnings(kiosk_ctx, by=STAFF)
    assert [(c.number, c.days_left) for c in found.contracts] == [(12, 14)]
    assert found.busy_weeks == []  # the absence leaves three days
    plan(kiosk_ctx, 5, [date(2026, 11, 28)])
    found = workers.warnings(kiosk_ctx, by=STAFF)
    assert [(w.number, w.week, w.days) for w in found.busy_weeks] == [(5, "2026-W48", 4)]
    clock.set(helsinki(10, 9, month=12))
    ended = workers.warnings(kiosk_ctx, by=STAFF)
    assert [(c.number, c.days_left) for c in ended.contracts] == [(7, -1), (12, -2)]
