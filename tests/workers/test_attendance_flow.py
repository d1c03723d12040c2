"""Signing in and out at the kiosk, and sessions left open: on a real database."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from kiosk.core.clock import FixedClock
from kiosk.db.models import AuditEvent
from kiosk.errors import NotFound
from kiosk.services import forgotten_sign_outs, session_corrections, sign_in_out
from kiosk.services.context import Context
from kiosk.services.sign_in_out import AlreadySignedIn, NotSignedIn, PassExpired, PeerWorkClosed
from tests.workers.conftest import STAFF, add_worker, pin_pass, plan, with_peer_work

HELSINKI = ZoneInfo("Europe/Helsinki")
pytestmark = pytest.mark.usefixtures("cheap_pins")


def helsinki(day: int, hour: int, minute: int = 0, month: int = 11) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=HELSINKI).astimezone(UTC)


def test_sign_in_greets_with_todays_shift_and_the_next_ones(
    kiosk_ctx: Context, clock: FixedClock, worker
) -> None:
    plan(kiosk_ctx, 12, [*(date(2026, 11, d) for d in (24, 26, 27, 30)), date(2026, 12, 1)])
    greeting = sign_in_out.sign_in(
        kiosk_ctx, pin_pass(kiosk_ctx), task="coffee", rules_confirmed=True
    )
    assert (greeting.display_name, greeting.task, greeting.started_at) == (
        "Matti Meikäläinen",
        "coffee",
        clock.now(),
    )
    assert [s.day for s in greeting.today_shifts] == [date(2026, 11, 24)]
    assert [s.day for s in greeting.next_shifts] == [date(2026, 11, d) for d in (26, 27, 30)]
    status = sign_in_out.worker_status(kiosk_ctx, pin_pass(kiosk_ctx))
    assert (status.signed_in_since, status.task) == (clock.now(), "coffee")
    with kiosk_ctx.reading() as session:
        event = session.scalars(select(AuditEvent).where(AuditEvent.action == "work.sign_in")).one()
        assert (event.actor, event.device, event.details["rules_confirmed"]) == (
            "worker:12",
            "lounge-1",
            True,
        )


def test_second_sign_in_is_refused_so_a_double_tap_cannot_toggle(
    kiosk_ctx: Context, worker
) -> None:
    first = sign_in_out.sign_in(kiosk_ctx, pin_pass(kiosk_ctx), task="coffee")
    with pytest.raises(AlreadySignedIn) as raised:
        sign_in_out.sign_in(kiosk_ctx, pin_pass(kiosk_ctx), task="cleaning")
    assert raised.value.since == first.started_at
    assert len(session_corrections.list_sessions(kiosk_ctx, by=STAFF)) == 1


def test_sign_out_shows_today_and_the_pay_period_so_far(
    kiosk_ctx: Context, clock: FixedClock, worker
) -> None:
    clock.set(helsinki(23, 9))
    sign_in_out.sign_in(kiosk_ctx, pin_pass(kiosk_ctx), task="coffee")
    clock.set(helsinki(23, 16))  # closed automatically at 15:00 (6 h): 12 € cap
    forgotten_sign_outs.close_forgotten(kiosk_ctx)
    clock.set(helsinki(24, 9))
    sign_in_out.sign_in(kiosk_ctx, pin_pass(kiosk_ctx), task="lounge_host")
    clock.set(helsinki(24, 12, 31) + timedelta(seconds=40))
    summary = sign_in_out.sign_out(kiosk_ctx, pin_pass(kiosk_ctx))
    assert (summary.today_minutes, summary.today_amount, summary.today_capped) == (
        211,
        Decimal("7.03"),
        False,
    )
    assert (summary.period, summary.period_days, summary.period_minutes) == ("2026-11", 2, 571)
    assert summary.period_amount == Decimal("19.03")
    assert summary.to_json()["period_amount"] == "19.03"
    with pytest.raises(NotSignedIn) as raised:
        sign_in_out.sign_out(kiosk_ctx, pin_pass(kiosk_ctx))
    assert raised.value.auto_closed_at is None


def test_weekly_pay_period_totals_the_iso_week(
    kiosk_ctx: Context, clock: FixedClock, worker
) -> None:
    weekly = with_peer_work(kiosk_ctx, pay_period="week")
    clock.set(helsinki(22, 9))  # Sunday: last week
    sign_in_out.sign_in(weekly, pin_pass(weekly), task="coffee")
    clock.advance(hours=1)
    sign_in_out.sign_out(weekly, pin_pass(weekly))
    clock.set(helsinki(24, 9))
    sign_in_out.sign_in(weekly, pin_pass(weekly), task="coffee")
    clock.advance(hours=2)
    summary = sign_in_out.sign_out(weekly, pin_pass(weekly))
    assert (summary.period, summary.period_minutes, summary.period_amount) == (
        "2026-W48",
        120,
        Decimal("4.00"),
    )


def test_a_pass_expires_and_an_unknown_task_is_refused(
    kiosk_ctx: Context, clock: FixedClock, worker
) -> None:
    worker_pass = pin_pass(kiosk_ctx)
    with pytest.raises(NotFound, match='no task "knitting"'):
        sign_in_out.sign_in(kiosk_ctx, worker_pass, task="knitting")
    clock.advance(minutes=5, seconds=1)
    with pytest.raises(PassExpired, match="enter your number and PIN again"):
        sign_in_out.sign_in(kiosk_ctx, worker_pass, task="coffee")


def test_sign_in_without_a_choice_takes_the_first_configured_task(
    kiosk_ctx: Context, worker
) -> None:
    greeting = sign_in_out.sign_in(kiosk_ctx, pin_pass(kiosk_ctx))
    assert greeting.task == kiosk_ctx.settings.peer_work.tasks[0].id == "coffee"


def test_sign_in_without_a_choice_takes_no_task_where_none_are_configured(
    kiosk_ctx: Context, worker
) -> None:
    no_tasks = with_peer_work(kiosk_ctx, tasks=[])
    assert sign_in_out.sign_in(no_tasks, pin_pass(no_tasks)).task == ""
    [work] = session_corrections.list_sessions(no_tasks, by=STAFF)
    assert work.task == ""


def test_sign_in_after_closing_time_is_refused_kindly(
    kiosk_ctx: Context, clock: FixedClock, worker
) -> None:
    clock.set(helsinki(24, 16))
    with pytest.raises(PeerWorkClosed, match="please talk to staff") as raised:
        sign_in_out.sign_in(kiosk_ctx, pin_pass(kiosk_ctx), task="coffee")
    assert raised.value.closing == helsinki(24, 16)


def test_forgotten_sign_out_counts_to_the_planned_shift_end(
    kiosk_ctx: Context, clock: FixedClock, worker
) -> None:
    plan(kiosk_ctx, 12, [date(2026, 11, 24)], "09:00-12:30")
    sign_in_out.sign_in(kiosk_ctx, pin_pass(kiosk_ctx), task="coffee")
    clock.set(helsinki(24, 14, 59))
    assert forgotten_sign_outs.close_forgotten(kiosk_ctx) == []  # 5 h 59 min: not yet
    clock.set(helsinki(24, 15, 30))  # six hours since 09:00: due at 15:00
    [closed] = forgotten_sign_outs.close_forgotten(kiosk_ctx)
    assert (closed.ended_at, closed.end_method, closed.needs_review, closed.review_reason) == (
        helsinki(24, 12, 30),
        "automatic",
        True,
        "max_length",
    )
    assert forgotten_sign_outs.close_forgotten(kiosk_ctx) == []
    with pytest.raises(NotSignedIn, match="signed out automatically") as raised:
        sign_in_out.sign_out(kiosk_ctx, pin_pass(kiosk_ctx))
    assert raised.value.auto_closed_at == helsinki(24, 12, 30)
    with kiosk_ctx.reading() as session:
        event = session.scalars(
            select(AuditEvent).where(AuditEvent.action == "work.auto_close")
        ).one()
        assert event.actor == "system:forgotten"
        assert event.details["planned_end"] == helsinki(24, 12, 30).isoformat()


def test_forgotten_sign_out_without_a_shift_counts_to_closing_time(
    kiosk_ctx: Context, clock: FixedClock, worker
) -> None:
    clock.set(helsinki(24, 13))
    sign_in_out.sign_in(kiosk_ctx, pin_pass(kiosk_ctx), task="coffee")
    clock.set(helsinki(25, 8))  # the kiosk was off overnight; the next morning's run finds it
    [closed] = forgotten_sign_outs.close_forgotten(kiosk_ctx)
    assert (closed.ended_at, closed.review_reason) == (helsinki(24, 16), "closing_time")


def test_maximum_session_length_comes_from_the_settings(
    kiosk_ctx: Context, clock: FixedClock, worker
) -> None:
    short = with_peer_work(kiosk_ctx, max_session_hours=2)
    sign_in_out.sign_in(short, pin_pass(short), task="coffee")
    clock.advance(hours=2, minutes=10)
    [closed] = forgotten_sign_outs.close_forgotten(short)
    assert (closed.ended_at, closed.review_reason) == (helsinki(24, 11), "max_length")


def test_the_workers_own_status_and_sign_in_close_a_forgotten_session_first(
    kiosk_ctx: Context, clock: FixedClock, worker
) -> None:
    clock.set(helsinki(23, 10))
    sign_in_out.sign_in(kiosk_ctx, pin_pass(kiosk_ctx), task="coffee")
    clock.set(helsinki(24, 9))  # nothing ran overnight
    status = sign_in_out.worker_status(kiosk_ctx, pin_pass(kiosk_ctx))
    assert status.signed_in_since is None and status.auto_closed_today is None
    greeting = sign_in_out.sign_in(kiosk_ctx, pin_pass(kiosk_ctx), task="coffee")
    sessions = session_corrections.list_sessions(kiosk_ctx, by=STAFF)
    assert [(s.business_day, s.needs_review) for s in sessions] == [
        (date(2026, 11, 23), True),
        (date(2026, 11, 24), False),
    ]
    assert sessions[0].ended_at == helsinki(23, 16) and greeting.started_at == helsinki(24, 9)


def test_auto_closed_today_is_told_to_the_worker(
    kiosk_ctx: Context, clock: FixedClock, worker
) -> None:
    sign_in_out.sign_in(kiosk_ctx, pin_pass(kiosk_ctx), task="coffee")
    clock.set(helsinki(24, 15, 5))
    status = sign_in_out.worker_status(kiosk_ctx, pin_pass(kiosk_ctx))
    assert status.signed_in_since is None
    assert status.auto_closed_today == helsinki(24, 15)


def test_two_workers_sign_in_independently(kiosk_ctx: Context, clock: FixedClock, worker) -> None:
    add_worker(kiosk_ctx, 7, name="Liisa", pin="690248")
    sign_in_out.sign_in(kiosk_ctx, pin_pass(kiosk_ctx), task="coffee")
    sign_in_out.sign_in(kiosk_ctx, pin_pass(kiosk_ctx, 7, "690248"), task="cleaning")
    clock.advance(hours=1)
    assert sign_in_out.sign_out(kiosk_ctx, pin_pass(kiosk_ctx, 7, "690248")).today_minutes == 60
    assert [
        s.number for s in session_corrections.list_sessions(kiosk_ctx, by=STAFF, open_only=True)
    ] == [12]
