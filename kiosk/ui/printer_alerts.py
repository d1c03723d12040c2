"""Alarms for staff: a kiosk's printer out of paper, with its cover open, not ready or not
connected, until someone acknowledges them.

While staff are logged in, every kiosk's printer state (kiosk.services.printer_state) is read
again on each change from the change feed, never on a timer. A kiosk's printer entering one of
those states raises one alarm, once for each time it enters it, shown in the console's frame
beside the help alerts (kiosk.ui.help_alerts, which this mirrors) with the bundled chime, again
every `REPEAT_S` while an alarm waits. A printer that works again takes its alarm away by
itself. Printers already stopped at login alarm too: a queue is building at that kiosk now.

A kiosk silent for too long (printer_state.SILENT_AFTER, checked against the clock every
second on the states already read) raises no alarm, and its alarm goes: its state is not known,
and kiosks switched off for the night would otherwise chime every morning. The Printers view
shows it as not reporting.

The kiosk shows the alarms without a chime: in the lounge a chime means "a number is called".
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from kivy.clock import Clock
from kivy.event import EventDispatcher
from kivy.properties import ListProperty

from kiosk.core.actor import Actor
from kiosk.services import printer_state
from kiosk.services.context import Context
from kiosk.services.printer_state import KioskPrinterStatus
from kiosk.ui.live_updates import LiveUpdates
from kiosk.ui.runner import BackgroundRunner
from kiosk.ui.sound import CHIME, SoundQueue

log = logging.getLogger(__name__)

# The chime again, while an alarm waits to be acknowledged.
REPEAT_S = 60.0
CHECK_S = 1.0


@dataclass(frozen=True)
class PrinterAlarm:
    kiosk_id: str
    state: str  # one of printer_state.ALARMING
    since: datetime  # when the printer entered it


class PrinterAlerts(EventDispatcher):
    # The alarms not yet acknowledged, oldest first.
    pending = ListProperty([])

    def __init__(
        self,
        ctx: Context,
        runner: BackgroundRunner,
        live: LiveUpdates,
        *,
        log_problem: Callable[[str, Exception], None],
        sounds: SoundQueue | None,
        monotonic: Callable[[], float],
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self._ctx = ctx
        self._runner = runner
        self._live = live
        self._log_problem = log_problem
        self._sounds = sounds
        self._monotonic = monotonic
        self._by: Actor | None = None
        # Answers to an earlier login's reads are dropped: each start and stop moves it on.
        self._generation = 0
        self._printers: list[KioskPrinterStatus] = []
        self._raised: set[PrinterAlarm] = set()
        self._chimed_at: float | None = None
        self._event: Any = None

    def start(self, by: Actor) -> None:
        """Someone logged in: alarm them, reading the printers as them."""
        self.stop()
        self._by = by
        self._live.subscribe(self.refresh)
        self._event = Clock.schedule_interval(self._check, CHECK_S)
        self.refresh()

    def stop(self) -> None:
        """They logged out: no alarm, no chime, nothing read any more."""
        self._generation += 1
        self._by = None
        self._live.unsubscribe(self.refresh)
        if self._event is not None:
            self._event.cancel()
            self._event = None
        self._printers, self._raised = [], set()
        self._chimed_at = None
        self.pending = []

    def acknowledge(self) -> None:
        """Staff have seen the alarms: they go, and the chime stops repeating."""
        self.pending = []
        self._chimed_at = None

    def refresh(self) -> None:
        by = self._by
        if by is None:
            return
        generation, ctx = self._generation, self._ctx

        def failed(error: Exception) -> None:
            if generation == self._generation:
                self._log_problem("reading the printers for alarms", error)

        self._runner.run(
            lambda: printer_state.all_printers(ctx, by=by),
            lambda printers: self._read(generation, printers),
            failed,
        )

    def _read(self, generation: int, printers: list[KioskPrinterStatus]) -> None:
        if generation != self._generation:
            return
        self._printers = printers
        self._update()

    def _check(self, _dt: float) -> None:
        self._update()
        if (
            self.pending
            and self._chimed_at is not None
            and self._monotonic() - self._chimed_at >= REPEAT_S
        ):
            self._chime()

    def _update(self) -> None:
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
        self._raised &= alarms
        if not new:
            return
        self._raised |= set(new)
        self.pending = [*self.pending, *new]
        log.info("printer alarm: %s", ", ".join(f"{a.kiosk_id} {a.state}" for a in new))
        self._chime()

    def _chime(self) -> None:
        self._chimed_at = self._monotonic()
        if self._sounds is not None:
            self._sounds.play(CHIME)
