"""Who is on duty: the workers signed in now, with forgotten sign-outs closed before any answer."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from kiosk.core.clock import FixedClock
from kiosk.services import duty, session_corrections, sign_in_out, workers
from kiosk.services.context import Context
from tests.workers.conftest import STAFF, add_worker, pin_pass

HELSINKI = ZoneInfo("Europe/Helsinki")
pytestmark = pytest.mark.usefixtures("cheap_pins")


def helsinki(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=HELSINKI).astimezone(UTC)


def test_on_duty_are_the_workers_signed_in_now(
    kiosk_ctx: Context, clock: FixedClock, worker
) -> None:
    add_worker(kiosk_ctx, 7, name="Liisa", pin="690248")
    add_worker(kiosk_ctx, 31, name="Åsa", pin="417306")
    sign_in_out.sign_in(kiosk_ctx, pin_pass(kiosk_ctx), task="coffee")
    sign_in_out.sign_in(kiosk_ctx, pin_pass(kiosk_ctx, 7, "690248"), task="coffee")
    clock.advance(minutes=30)
    sign_in_out.sign_out(kiosk_ctx, pin_pass(kiosk_ctx, 7, "690248"))
    listed = {w.number: w.signed_in_since for w in workers.list_workers(kiosk_ctx, by=STAFF)}
    assert listed == {7: None, 12: helsinki(24, 9), 31: None}


def test_a_forgotten_sign_in_is_closed_before_anyone_is_told_who_is_on_duty(
    kiosk_ctx: Context, clock: FixedClock, worker
) -> None:
    worker_pass = pin_pass(kiosk_ctx)
    sign_in_out.sign_in(kiosk_ctx, worker_pass, task="coffee")
    with kiosk_ctx.transaction() as session:
        assert duty.on_duty_since(session, kiosk_ctx) == {worker_pass.worker_id: helsinki(24, 9)}
    clock.set(helsinki(24, 16, 30))  # past closing time, and no sweep has run
    with kiosk_ctx.transaction() as session:
        assert duty.current_session(session, kiosk_ctx, worker_pass.worker_id) is None
        assert duty.on_duty_since(session, kiosk_ctx) == {}
    [work] = session_corrections.list_sessions(kiosk_ctx, by=STAFF)
    assert (work.ended_at, work.end_method, work.review_reason) == (
        helsinki(24, 15),  # six hours at most
        "automatic",
        "max_length",
    )


def test_staff_can_deactivate_a_worker_whose_sign_out_was_forgotten(
    kiosk_ctx: Context, clock: FixedClock, worker
) -> None:
    clock.set(helsinki(24, 13))
    sign_in_out.sign_in(kiosk_ctx, pin_pass(kiosk_ctx), task="coffee")
    clock.set(helsinki(25, 8))
    assert not workers.deactivate(kiosk_ctx, 12, by=STAFF).active
    [work] = session_corrections.list_sessions(kiosk_ctx, by=STAFF)
    assert (work.ended_at, work.review_reason) == (helsinki(24, 16), "closing_time")
