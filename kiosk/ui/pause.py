"""A pad's pause after too many wrong tries, shown until it ends.

The pause itself is a service's rule, kept in the database (kiosk.services.pin_locks), so it
holds across restarts and on every front door. A pad only learns when it ends, from the service's
answer or refusal, and shows it: `start(until)`, then `changed` runs every half second while it
lasts (so the words can count down) and once more when it is over.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import datetime
from typing import Any

from kivy.clock import Clock

TICK_SECONDS = 0.5


class PauseClock:
    def __init__(self, now: Callable[[], datetime], changed: Callable[[], None]) -> None:
        self._now = now
        self._changed = changed
        self._until: datetime | None = None
        self._event: Any = None

    @property
    def paused(self) -> bool:
        return self._until is not None

    @property
    def until(self) -> datetime | None:
        return self._until

    def seconds_left(self) -> int:
        """Whole seconds until the pause ends, at least 1 while it lasts."""
        if self._until is None:
            return 0
        return max(1, math.ceil((self._until - self._now()).total_seconds()))

    def start(self, until: datetime | None) -> None:
        """Show a pause ending at `until` (None: there is none)."""
        if until is None or until <= self._now():
            return
        self._until = until
        if self._event is None:
            self._event = Clock.schedule_interval(self._tick, TICK_SECONDS)
        self._changed()

    def stop(self) -> None:
        """Stop showing it (the screen is left); the pause in the database stays."""
        self._until = None
        if self._event is not None:
            self._event.cancel()
            self._event = None

    def _tick(self, _dt: float) -> None:
        if self._until is not None and self._now() >= self._until:
            self.stop()
        self._changed()
