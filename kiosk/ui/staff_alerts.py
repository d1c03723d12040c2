"""What every alert for logged-in staff shares (kiosk.ui.help_alerts, kiosk.ui.printer_alerts).

While someone is logged in, what the alerts watch is read again as them on every change from the
change feed (never on a timer), and looked at against the clock every `CHECK_S` on what was
already read (no database read). A new alert joins `pending`, shown in the console's frame until
acknowledged, and the bundled chime plays (kiosk.ui.sound), again every `REPEAT_S` while any
alert waits: a nurse who stepped away hears it when back. Answers to an earlier login's reads
are dropped. The kiosk passes no sound queue: in the lounge a chime means "a number is called".
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from kivy.clock import Clock
from kivy.event import EventDispatcher
from kivy.properties import ListProperty

from kiosk.core.actor import Actor
from kiosk.services.context import Context
from kiosk.ui.live_updates import LiveUpdates
from kiosk.ui.runner import BackgroundRunner
from kiosk.ui.sound import CHIME, SoundQueue

log = logging.getLogger(__name__)

# The chime again, while an alert waits to be acknowledged.
REPEAT_S = 60.0
CHECK_S = 1.0

Read = TypeVar("Read")


class StaffAlerts(EventDispatcher, Generic[Read]):
    """A kind of alert: `_read_as` reads what it watches, `_take` and `_tick` raise alerts from
    it with `_raise`, `_forget` drops what was read at logout."""

    # The alerts not yet acknowledged, oldest first.
    pending = ListProperty([])
    # What a failed read was doing, for the log: "reading the help queue for alerts".
    reading = ""

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
        self._chimed_at: float | None = None
        self._event: Any = None

    @property
    def chimes(self) -> int:
        """How many chimes this app's sound queue has started (for the tests to listen)."""
        return self._sounds.started if self._sounds is not None else 0

    def start(self, by: Actor) -> None:
        """Someone logged in: alert them, reading as them."""
        self.stop()
        self._by = by
        self._live.subscribe(self.refresh)
        self._event = Clock.schedule_interval(self._check, CHECK_S)
        self.refresh()

    def stop(self) -> None:
        """They logged out: no alert, no chime, nothing read any more."""
        self._generation += 1
        self._by = None
        self._live.unsubscribe(self.refresh)
        if self._event is not None:
            self._event.cancel()
            self._event = None
        self._forget()
        self._chimed_at = None
        self.pending = []

    def acknowledge(self) -> None:
        """Staff have seen the alerts: they go, and the chime stops repeating."""
        self.pending = []
        self._chimed_at = None

    def refresh(self) -> None:
        by = self._by
        if by is None:
            return
        generation, ctx = self._generation, self._ctx

        def read() -> Read:
            return self._read_as(ctx, by)

        def done(value: Read) -> None:
            if generation == self._generation:
                self._take(value)

        def failed(error: Exception) -> None:
            if generation == self._generation:
                self._log_problem(self.reading, error)

        self._runner.run(read, done, failed)

    def _check(self, _dt: float) -> None:
        self._tick()
        if (
            self.pending
            and self._chimed_at is not None
            and self._monotonic() - self._chimed_at >= REPEAT_S
        ):
            self._chime()

    def _raise(self, new: list[Any], said: str) -> None:
        """`new` alerts join the pending ones, with one log line (`said`) and the chime."""
        if not new:
            return
        self.pending = [*self.pending, *new]
        log.info("%s", said)
        self._chime()

    def _chime(self) -> None:
        self._chimed_at = self._monotonic()
        if self._sounds is not None:
            self._sounds.play(CHIME)

    # What each kind of alert fills in.

    def _read_as(self, ctx: Context, by: Actor) -> Read:
        """On the background runner: what the alerts watch, read as `by`."""
        raise NotImplementedError

    def _take(self, value: Read) -> None:
        """On the main loop: a fresh read."""
        raise NotImplementedError

    def _tick(self) -> None:
        """On the main loop, every CHECK_S: what the clock alone changes."""
        raise NotImplementedError

    def _forget(self) -> None:
        """At logout: what was read and raised."""
        raise NotImplementedError
