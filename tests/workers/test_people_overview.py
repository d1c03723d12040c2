"""The console's People view, read in one go for staff: who is on duty and at what, today's plan
with its absences, the sessions waiting for review and the contracts ending soon; and the log
of who opened it."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from kiosk.core.clock import FixedClock
from kiosk.db.models import AuditEvent
from kiosk.services import absences, sign_in_out
from kiosk.services.context import Context
from kiosk.services.people_overview import people_overview
from tests.workers.conftest import OTHER_PIN, STAFF, add_worker, pin_pass, plan, with_peer_work

TODAY = date(2026, 11, 24)


def views_logged(ctx: Context) -> list[AuditEvent]:
    with ctx.reading() as session:
        query = select(AuditEvent).where(AuditEvent.action == "people.view")
        return list(session.scalars(query.order_by(AuditEvent.id)))


def test_overview_shows_duty_plan_absences_and_ending_contracts(
    kiosk_ctx: Context, clock: FixedClock, cheap_pins: None
) -> None:
    add_worker(kiosk_ctx, 12, name="Matti Meikäläinen")
    add_worker(kiosk_ctx, 13, name="Liisa Laine", pin=OTHER_PIN, end=TODAY + timedelta(days=7))
    add_worker(kiosk_ctx, 14, name="Pekka Puu", pin="702519")
    plan(kiosk_ctx, 12, [TODAY], "09:00-12:30")
    plan(kiosk_ctx, 14, [TODAY], "13:00-15:00")
    absences.report_for_worker(kiosk_ctx, 14, TODAY, reason="", by=STAFF)
    started = sign_in_out.sign_in(kiosk_ctx, pin_pass(kiosk_ctx, 12), task="coffee")

    overview = people_overview(kiosk_ctx, by=STAFF)

    [on_duty] = overview.on_duty
    assert (on_duty.number, on_duty.display_name, on_duty.task) == (
        12,
        "Matti Meikäläinen",
        "coffee",
    )
    assert on_duty.started_at == started.started_at == clock.now()
    assert [(s.number, s.absence_reported_at is not None) for s in overview.today_shifts] == [
        (12, False),
        (14, True),
    ]
    assert [(c.number, c.display_name, c.days_left) for c in overview.contracts_ending] == [
        (13, "Liisa Laine", 7)
    ]
    assert overview.to_review == []


def test_a_forgotten_sign_out_leaves_duty_and_waits_for_review(
    kiosk_ctx: Context, clock: FixedClock, cheap_pins: None
) -> None:
    add_worker(kiosk_ctx, 12)
    add_worker(kiosk_ctx, 13, name="Liisa Laine", pin=OTHER_PIN)
    ctx = with_peer_work(kiosk_ctx, max_session_hours=2)
    sign_in_out.sign_in(ctx, pin_pass(ctx, 13, OTHER_PIN), task="coffee")
    clock.advance(hours=2, minutes=30)
    sign_in_out.sign_in(ctx, pin_pass(ctx, 12), task="cleaning")

    overview = people_overview(ctx, by=STAFF)

    assert [s.number for s in overview.on_duty] == [12]
    [forgotten] = overview.to_review
    assert (forgotten.number, forgotten.needs_review) == (13, True)
    assert forgotten.ended_at is not None


def test_opening_the_view_is_logged_with_whose_names_it_showed(
    kiosk_ctx: Context, cheap_pins: None
) -> None:
    add_worker(kiosk_ctx, 12)
    add_worker(kiosk_ctx, 13, name="Liisa Laine", pin=OTHER_PIN, end=TODAY + timedelta(days=3))
    sign_in_out.sign_in(kiosk_ctx, pin_pass(kiosk_ctx, 12), task="coffee")

    people_overview(kiosk_ctx, by=STAFF, opened=True)
    # Read again while open (a change elsewhere): the same view, not logged again.
    people_overview(kiosk_ctx, by=STAFF)

    [logged] = views_logged(kiosk_ctx)
    assert (logged.actor, logged.device, logged.subject_type) == (
        "staff:anna",
        "lounge-1",
        "people",
    )
    assert logged.at == kiosk_ctx.clock.now()
    assert logged.details == {"workers": [12, 13]}
