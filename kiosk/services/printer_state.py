"""The last known state of each kiosk's printer, so the kiosk screen and the staff console can
show "the printer is out of paper" without asking the printer themselves.

A kiosk asks its printer every half minute (kiosk.ui.printing) and reports every answer here. A
change of state is stored at once, and logged; an unchanged state only renews `reported_at`, and
at most every `REPORT_EVERY`: each write wakes every open console and kiosk (kiosk.db.change_feed),
so a lounge at rest costs one write per kiosk every few minutes, not one every half minute.

A state not renewed for `SILENT_AFTER` is not known any more: the kiosk is switched off, has
crashed, or cannot reach the database. Ten minutes is five renewals missed, so a kiosk restarting
or a database pausing for a minute or two does not read as silent, while a kiosk gone quiet
during opening hours is shown as such well before its last "ok" misleads anyone for long.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select

from kiosk.core.actor import Actor
from kiosk.db.models import LastPrinterState
from kiosk.services import audit
from kiosk.services.context import Context
from kiosk.services.staff_access import require_staff

REPORT_EVERY = timedelta(minutes=2)
SILENT_AFTER = timedelta(minutes=10)
# Needs someone to go to the kiosk: no slip can be printed until they do.
ALARMING = frozenset({"paper_out", "cover_open", "offline", "disconnected"})


@dataclass(frozen=True)
class KioskPrinterStatus:
    kiosk_id: str
    state: str  # ok | paper_low | paper_out | cover_open | offline | disconnected
    detail: str
    changed_at: datetime
    reported_at: datetime

    def silent(self, now: datetime) -> bool:
        """The kiosk has not reported for too long: its state is not known any more."""
        return now - self.reported_at >= SILENT_AFTER

    def alarming(self, now: datetime) -> bool:
        """Known, and a state that stops the kiosk printing slips."""
        return self.state in ALARMING and not self.silent(now)


def record_state(ctx: Context, kiosk_id: str, state: str, detail: str = "") -> bool:
    """Store the printer's state as the kiosk reports it; True when it changed. Only changes
    reach the audit log, so a printer polled every half minute does not flood it."""
    now = ctx.clock.now()
    detail = detail[:200]
    with ctx.transaction() as session:
        row = session.get(LastPrinterState, kiosk_id, with_for_update=True)
        if row is not None and row.state == state and row.detail == detail:
            if now - row.reported_at >= REPORT_EVERY:
                row.reported_at = now
            return False
        before = row.state if row is not None else None
        if row is None:
            row = LastPrinterState(kiosk_id=kiosk_id)
            session.add(row)
        row.state, row.detail, row.changed_at, row.reported_at = state, detail, now, now
        audit.record(
            session,
            ctx,
            "printer.state",
            audit.Subject("printer", kiosk_id),
            actor=ctx.device_actor,
            details={"from": before, "to": state, "detail": detail},
            at=now,
            device=kiosk_id,
        )
        return True


def printer_status(ctx: Context, kiosk_id: str) -> KioskPrinterStatus | None:
    with ctx.reading() as session:
        row = session.get(LastPrinterState, kiosk_id)
        return None if row is None else _status(row)


def all_printers(ctx: Context, *, by: Actor) -> list[KioskPrinterStatus]:
    """Every kiosk's printer as last reported, by kiosk id: for staff."""
    with ctx.reading() as session:
        require_staff(session, by)
        rows = session.scalars(select(LastPrinterState).order_by(LastPrinterState.kiosk_id))
        return [_status(row) for row in rows]


def _status(row: LastPrinterState) -> KioskPrinterStatus:
    return KioskPrinterStatus(row.kiosk_id, row.state, row.detail, row.changed_at, row.reported_at)
