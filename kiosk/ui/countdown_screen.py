"""A screen that says something briefly and then goes home by itself, showing the seconds left.

For the peer workers' greeting and goodbye, and a client's new number: read at a glance, then
the kiosk is ready for the next person without anyone pressing anything. "Done" goes home at
once. Time comes from the app's `monotonic`, so tests can move it on.
"""

from __future__ import annotations

import math
from typing import Any

from kivy.clock import Clock
from kivy.properties import NumericProperty

from kiosk.ui.screen import KioskScreen

TICK_SECONDS = 0.25


class CountdownScreen(KioskScreen):
    seconds_left = NumericProperty(0)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._deadline = 0.0
        self._event: Any = None

    def start_countdown(self, seconds: int | None = None) -> None:
        """Go home in `seconds` (default: peer_work.greeting_seconds)."""
        if seconds is None:
            seconds = self.app.settings.peer_work.greeting_seconds
        self._deadline = self.app.monotonic() + seconds
        self.seconds_left = seconds
        if self._event is None:
            self._event = Clock.schedule_interval(self._tick, TICK_SECONDS)

    def on_leave(self, *_args: Any) -> None:
        if self._event is not None:
            self._event.cancel()
            self._event = None

    def _tick(self, _dt: float) -> None:
        left = self._deadline - self.app.monotonic()
        self.seconds_left = max(0, math.ceil(left))
        if left <= 0:
            self.app.go_home()
