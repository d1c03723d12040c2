"""The shared staff PIN: wrong tries pause it per device, in the database, with an audit trail."""

from __future__ import annotations

import dataclasses
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from kiosk.core.clock import FixedClock
from kiosk.core.pins import hash_pin
from kiosk.db.models import AuditEvent
from kiosk.services.context import Context
from kiosk.services.staff_access import (
    STAFF_PIN_PAUSE,
    StaffPinPaused,
    check_staff_pin,
    staff_pin_paused_until,
)
from tests.support import migrated_context

STAFF_PIN = "4826"
WRONG = "1111"


@pytest.fixture
def kiosk_ctx(ctx: Context) -> Context:
    """The lounge kiosk "lounge-1" with a staff PIN configured."""
    kiosk = ctx.settings.kiosk.model_copy(update={"staff_pin_hash": hash_pin(STAFF_PIN)})
    settings = ctx.settings.model_copy(update={"kiosk": kiosk})
    return dataclasses.replace(ctx, settings=settings, device="lounge-1")


def pause_it(ctx: Context) -> StaffPinPaused:
    for _ in range(4):
        assert check_staff_pin(ctx, WRONG) is False
    with pytest.raises(StaffPinPaused) as paused:
        check_staff_pin(ctx, WRONG)
    return paused.value


def actions(ctx: Context) -> list[str]:
    with ctx.reading() as session:
        query = select(AuditEvent.action).where(AuditEvent.subject_type == "kiosk")
        return list(session.scalars(query.order_by(AuditEvent.id)))


def test_the_fifth_wrong_pin_in_a_row_pauses_even_the_right_one(
    kiosk_ctx: Context, clock: FixedClock
) -> None:
    paused = pause_it(kiosk_ctx)
    assert paused.until == clock.now() + STAFF_PIN_PAUSE
    clock.advance(seconds=59)
    with pytest.raises(StaffPinPaused):
        check_staff_pin(kiosk_ctx, STAFF_PIN)
    assert actions(kiosk_ctx) == ["staff.pin_refused"] * 5 + ["staff.pin_pause"] + [
        "staff.pin_refused"
    ]


def test_the_pause_survives_a_restart_and_ends_after_a_minute(
    kiosk_ctx: Context, clock: FixedClock, tmp_path: Path
) -> None:
    paused = pause_it(kiosk_ctx)
    url = kiosk_ctx.engine.url.render_as_string(hide_password=False)
    restarted = dataclasses.replace(
        migrated_context(kiosk_ctx.settings, tmp_path, clock, url), device="lounge-1"
    )
    assert staff_pin_paused_until(restarted) == paused.until
    clock.advance(seconds=60)
    assert staff_pin_paused_until(restarted) is None
    assert check_staff_pin(restarted, STAFF_PIN) is True
    with restarted.reading() as session:
        expired = session.scalars(
            select(AuditEvent).where(AuditEvent.action == "staff.pin_pause_expired")
        ).one()
        assert (expired.at, expired.actor, expired.subject_code) == (
            paused.until,
            "system:lockout",
            "lounge-1",
        )
    restarted.engine.dispose()


def test_the_pause_holds_on_its_own_device_only(kiosk_ctx: Context) -> None:
    pause_it(kiosk_ctx)
    other_kiosk = dataclasses.replace(kiosk_ctx, device="lounge-2")
    assert staff_pin_paused_until(other_kiosk) is None
    assert check_staff_pin(other_kiosk, STAFF_PIN) is True


def test_a_right_pin_starts_the_count_of_wrong_ones_again(
    kiosk_ctx: Context, clock: FixedClock
) -> None:
    for _ in range(4):
        check_staff_pin(kiosk_ctx, WRONG)
    assert check_staff_pin(kiosk_ctx, STAFF_PIN) is True
    for _ in range(4):
        assert check_staff_pin(kiosk_ctx, WRONG) is False
    assert staff_pin_paused_until(kiosk_ctx) is None  # eight wrong, but not five in a row
    with pytest.raises(StaffPinPaused):
        check_staff_pin(kiosk_ctx, WRONG)
    assert staff_pin_paused_until(kiosk_ctx) == clock.now() + timedelta(seconds=60)
