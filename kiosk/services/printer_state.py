"""The last known state of each kiosk's printer, so the kiosk screen and the staff console can
show "the printer is out of paper" without asking the printer themselves."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from kiosk.db.models import LastPrinterState
from kiosk.services import audit
from kiosk.services.context import Context


@dataclass(frozen=True)
class KioskPrinterStatus:
    kiosk_id: str
    state: str  # ok | paper_low | paper_out | cover_open | offline | disconnected
    detail: str
    changed_at: datetime


def record_state(ctx: Context, kiosk_id: str, state: str, detail: str = "") -> bool:
    """Store the printer's state; True when it changed. Only changes reach the audit log, so a
    printer polled every minute does not flood it."""
    now = ctx.clock.now()
    with ctx.transaction() as session:
        row = session.get(LastPrinterState, kiosk_id, with_for_update=True)
        if row is not None and row.state == state and row.detail == detail[:200]:
            return False
        before = row.state if row is not None else None
        if row is None:
            row = LastPrinterState(kiosk_id=kiosk_id)
            session.add(row)
        row.state, row.detail, row.changed_at = state, detail[:200], now
        audit.record(
            session,
            ctx,
            "printer.state",
            audit.Subject("printer", kiosk_id),
            actor=ctx.device_actor,
            details={"from": before, "to": state, "detail": detail[:200]},
            at=now,
            device=kiosk_id,
        )
        return True


def printer_status(ctx: Context, kiosk_id: str) -> KioskPrinterStatus | None:
    with ctx.reading() as session:
        row = session.get(LastPrinterState, kiosk_id)
        return None if row is None else _status(row)


def _status(row: LastPrinterState) -> KioskPrinterStatus:
    return KioskPrinterStatus(row.kiosk_id, row.state, row.detail, row.changed_at)
