"""Going home when nobody touches the kiosk, after a visible, extendable warning; and logging
staff out of the console the same way.

The next client must not find the last one's half-finished help request, and a client who
walked away must not leave a screen in their language for the next. A countdown comes first
(WCAG 2.2.1: time limits are announced and can be extended) with a large "More time" button;
any key on a keyboard, or a tap anywhere, is more time too. For staff logged in (the console on
a staff PC, the staff screens at the kiosk) the warning says they will be logged out.

Time comes from `monotonic` so tests can move it on without waiting.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kivy.clock import Clock
from kivy.core.window import Window
from kivy.input.motionevent import MotionEvent
from kivy.properties import BooleanProperty, NumericProperty
from kivy.uix.modalview import ModalView

from kiosk.ui.navigation import load_kv

TICK_SECONDS = 0.25


class IdleWarning(ModalView):
    seconds_left = NumericProperty(0)
    # Staff are logged in: the time-out logs them out.
    logs_out = BooleanProperty(False)

    def __init__(self, on_more_time: Callable[[], None], on_home: Callable[[], None]) -> None:
        load_kv(Path(__file__).with_name("idle.kv"))
        super().__init__()
        self._on_more_time = on_more_time
        self._on_home = on_home

    def on_touch_down(self, touch: MotionEvent) -> bool:
        # A tap anywhere but on the two buttons also says "I am still here".
        buttons = (self.ids.more_time, self.ids.home_button)
        if not any(button.collide_point(*touch.pos) for button in buttons):
            self._on_more_time()
            return True
        return super().on_touch_down(touch)

    def on_open(self) -> None:
        Window.bind(on_key_down=self._key_down)

    def on_dismiss(self) -> None:
        Window.unbind(on_key_down=self._key_down)

    def _key_down(self, *_args: Any) -> bool:
        # Opened last, the warning hears the keys first: any key says "I am still here", and
        # does nothing on the screen under it.
        self._on_more_time()
        return True

    def more_time_pressed(self) -> None:
        self._on_more_time()

    def home_now(self) -> None:
        self._on_home()


class IdleWatcher:
    def __init__(
        self,
        timeout_s: float,
        warning_s: float,
        *,
        is_idle_screen: Callable[[], bool],
        go_home: Callable[[], None],
        at_rest: Callable[[], None],
        monotonic: Callable[[], float] = time.monotonic,
        logs_out: Callable[[], bool] = lambda: False,
    ) -> None:
        """`go_home` ends an abandoned screen after the warning; `at_rest` is called once when a
        screen that never times out (home) has sat untouched as long, to tidy up quietly.
        `logs_out` says whether the time-out would log staff out now (the warning says so)."""
        self.timeout_s = timeout_s
        self.warning_s = warning_s
        self._is_idle_screen = is_idle_screen
        self._go_home = go_home
        self._at_rest = at_rest
        self._logs_out = logs_out
        self._rested = False
        self._monotonic = monotonic
        self._last_touch = monotonic()
        self._warning: IdleWarning | None = None
        self._event = Clock.schedule_interval(self._tick, TICK_SECONDS)

    @property
    def warning_shown(self) -> bool:
        return self._warning is not None and self._warning.parent is not None

    @property
    def warning(self) -> IdleWarning | None:
        return self._warning

    def touched(self) -> None:
        """Someone touched the screen: start counting again. While the warning is up, the
        warning itself decides (more time, or home)."""
        if not self.warning_shown:
            self._last_touch = self._monotonic()
            self._rested = False

    def more_time(self) -> None:
        self._last_touch = self._monotonic()
        self._hide()

    def stop(self) -> None:
        self._event.cancel()
        self._hide()

    def _tick(self, _dt: float) -> None:
        left = self.timeout_s - (self._monotonic() - self._last_touch)
        if not self._is_idle_screen():
            self._hide()
            if left <= 0 and not self._rested:
                self._rested = True
                self._at_rest()
            return
        if left <= 0:
            self._hide()
            self._go_home()
        elif left <= self.warning_s:
            self._show(math.ceil(left))

    def _show(self, seconds_left: int) -> None:
        if self._warning is None:
            self._warning = IdleWarning(self.more_time, self._home_now)
        self._warning.seconds_left = seconds_left
        if self._warning.parent is None:
            self._warning.logs_out = self._logs_out()
            self._warning.open(animation=False)

    def _home_now(self) -> None:
        self._hide()
        self._go_home()

    def _hide(self) -> None:
        if self._warning is not None and self._warning.parent is not None:
            self._warning.dismiss(animation=False)
