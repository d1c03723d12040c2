"""Every kiosk's printer as staff see it: the state each kiosk last reported, renewed now and
then while it stays the same, and read as not known once a kiosk has been silent too long."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from kiosk.core.clock import FixedClock
from kiosk.db.models import AuditEvent
from kiosk.services.context import Context
from kiosk.services.printer_state import (
    REPORT_EVERY,
    SILENT_AFTER,
    all_printers,
    printer_status,
    record_state,
)
from tests.support import add_staff


def state_changes_logged(ctx: Context) -> int:
    with ctx.reading() as session:
        query = select(func.count()).where(AuditEvent.action == "printer.state")
        return session.scalar(query) or 0


def test_staff_see_every_kiosks_printer_by_kiosk(ctx: Context, clock: FixedClock) -> None:
    anna = add_staff(ctx, "anna")
    record_state(ctx, "lounge-2", "paper_out", "Paper is out.")
    record_state(ctx, "lounge-1", "ok")

    printers = all_printers(ctx, by=anna)

    assert [(p.kiosk_id, p.state, p.detail) for p in printers] == [
        ("lounge-1", "ok", ""),
        ("lounge-2", "paper_out", "Paper is out."),
    ]
    assert [p.alarming(clock.now()) for p in printers] == [False, True]


def test_an_unchanged_state_is_renewed_now_and_then_not_on_every_poll(
    ctx: Context, clock: FixedClock
) -> None:
    record_state(ctx, "lounge-1", "ok")
    first = clock.now()
    clock.advance(seconds=30)
    record_state(ctx, "lounge-1", "ok")
    status = printer_status(ctx, "lounge-1")
    assert status is not None and status.reported_at == first

    clock.advance(seconds=REPORT_EVERY.total_seconds() - 30)
    record_state(ctx, "lounge-1", "ok")

    status = printer_status(ctx, "lounge-1")
    assert status is not None
    assert (status.changed_at, status.reported_at) == (first, clock.now())
    # Renewals are no change: the audit log has the first report only.
    assert state_changes_logged(ctx) == 1


def test_a_kiosk_silent_too_long_is_not_known_nor_alarming(ctx: Context, clock: FixedClock) -> None:
    record_state(ctx, "lounge-1", "paper_out", "Paper is out.")
    status = printer_status(ctx, "lounge-1")
    assert status is not None

    assert not status.silent(clock.now() + SILENT_AFTER - timedelta(seconds=1))
    assert status.alarming(clock.now() + SILENT_AFTER - timedelta(seconds=1))
    assert status.silent(clock.now() + SILENT_AFTER)
    assert not status.alarming(clock.now() + SILENT_AFTER)
