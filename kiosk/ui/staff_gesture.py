"""The hidden way to staff functions: hold a finger still in the top-left corner for a while.

Nothing on screen points at it, and a client leaning on the corner for a few seconds only ever
reaches a staff login. The corner is checked before any widget sees the touch, so it works on every
screen. Time comes from `monotonic` so tests can move it on without waiting.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from kivy.clock import Clock
from kivy.input.motionevent import MotionEvent

HOLD_SECONDS = 3.0
CORNER_MM = 25.0
CHECK_SECONDS = 0.1


class CornerHold:
    def __init__(
        self,
        *,
        corner_px: Callable[[], float],
        window_height: Callable[[], float],
        on_hold: Callable[[], None],
        monotonic: Callable[[], float] = time.monotonic,
        hold_seconds: float = HOLD_SECONDS,
    ) -> None:
        self._corner_px = corner_px
        self._window_height = window_height
        self._on_hold = on_hold
        self._monotonic = monotonic
        self._hold_seconds = hold_seconds
        self._touch_uid: int | None = None
        self._started = 0.0
        self._event = Clock.schedule_interval(self._check, CHECK_SECONDS)

    def in_corner(self, x: float, y: float) -> bool:
        size = self._corner_px()
        return x <= size and y >= self._window_height() - size

    def touch_down(self, touch: MotionEvent) -> None:
        if self._touch_uid is None and self.in_corner(*touch.pos):
            self._touch_uid = touch.uid
            self._started = self._monotonic()

    def touch_move(self, touch: MotionEvent) -> None:
        if touch.uid == self._touch_uid and not self.in_corner(*touch.pos):
            self._touch_uid = None

    def touch_up(self, touch: MotionEvent) -> None:
        if touch.uid == self._touch_uid:
            self._touch_uid = None

    def stop(self) -> None:
        self._event.cancel()

    def _check(self, _dt: float) -> None:
        if self._touch_uid is None:
            return
        if self._monotonic() - self._started >= self._hold_seconds:
            self._touch_uid = None
            self._on_hold()
