"""Alarms for staff: a kiosk's printer out of paper, with its cover open, not ready or not
connected, until someone acknowledges them.

Every kiosk's printer state (kiosk.services.printer_state) is read as staff see it
(kiosk.ui.staff_alerts says when, and how the chime repeats). A kiosk's printer entering one of
those states raises one alarm, once for each time it enters it, shown in the console's frame
beside the help alerts. A printer that works again takes its alarm away by itself. Printers
already stopped at login alarm too: a queue is building at that kiosk now.

A kiosk silent for too long (printer_state.SILENT_AFTER, checked against the clock every
second on the states already read) raises no alarm, and its alarm goes: its state is not known,
and kiosks switched off for the night would otherwise chime every morning. The Printers view
shows it as not reporting.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from kiosk.core.actor import Actor
from kiosk.services import printer_state
from kiosk.services.context import Context
from kiosk.services.printer_state import KioskPrinterStatus
from kiosk.ui.staff_alerts import StaffAlerts


@dataclass(frozen=True)
class PrinterAlarm:
    kiosk_id: str
    state: str  # one of printer_state.ALARMING
    since: datetime  # when the printer entered it


class PrinterAlerts(StaffAlerts[list[KioskPrinterStatus]]):
    reading = "reading the printers for alarms"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._printers: list[KioskPrinterStatus] = []
        self._raised: set[PrinterAlarm] = set()

    def _read_as(self, ctx: Context, by: Actor) -> list[KioskPrinterStatus]:
        return printer_state.all_printers(ctx, by=by)

    def _take(self, printers: list[KioskPrinterStatus]) -> None:
        self._printers = printers
        self._tick()

    def _forget(self) -> None:
        self._printers, self._raised = [], set()

    def _tick(self) -> None:
        now = self._ctx.clock.now()
        alarms = {
            PrinterAlarm(p.kiosk_id, p.state, p.changed_at)
            for p in self._printers
            if p.alarming(now)
        }
        # Gone by itself: the printer works again, or its kiosk went silent.
        if any(alarm not in alarms for alarm in self.pending):
            self.pending = [alarm for alarm in self.pending if alarm in alarms]
        new = sorted(alarms - self._raised, key=lambda a: (a.since, a.kiosk_id))
        self._raised = (self._raised & alarms) | set(new)
        self._raise(new, "printer alarm: " + ", ".join(f"{a.kiosk_id} {a.state}" for a in new))
