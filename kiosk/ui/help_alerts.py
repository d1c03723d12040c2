"""Alerts for staff: a new help request, and one that has waited longer than
`console.help_wait_alert_minutes`, until someone acknowledges them.

While staff are logged in, the queue is read again on every change from the change feed (never on
a timer), as staff see it. A request that joins the open queue after the first read is new; one
open longer than the threshold has waited too long (checked against the clock every second, on
the rows already read: no database read). Each raises one alert, once per request and reason,
shown in the console's frame until acknowledged, and the bundled chime plays (kiosk.ui.sound),
again every `REPEAT_S` while any alert waits: a nurse who stepped away hears it when back. An
alert for a request that is no longer open (taken, closed) goes by itself. Requests already open
at login are not new to the person logging in; those already waiting too long do alert.

The kiosk shows the alerts without a chime: in the lounge a chime means "a number is called".
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from kivy.clock import Clock
from kivy.event import EventDispatcher
from kivy.properties import ListProperty

from kiosk.core.actor import Actor
from kiosk.core.help_status import HelpStatus
from kiosk.services import help_requests
from kiosk.services.context import Context
from kiosk.services.views import HelpRequestView
from kiosk.ui.live_updates import LiveUpdates
from kiosk.ui.runner import BackgroundRunner
from kiosk.ui.sound import CHIME, SoundQueue

log = logging.getLogger(__name__)

NEW = "new"
WAITING = "waiting"
# The chime again, while an alert waits to be acknowledged.
REPEAT_S = 60.0
CHECK_S = 1.0


@dataclass(frozen=True)
class Alert:
    reason: str  # NEW or WAITING
    code: str  # "H004"
    topic: str  # a help topic id
    queued_at: datetime
    request: tuple[date, str]  # which request: its business day and code


class HelpAlerts(EventDispatcher):
    # The alerts not yet acknowledged, oldest first.
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
        self._known: set[tuple[date, str]] | None = None
        self._open: list[HelpRequestView] = []
        self._raised: set[tuple[tuple[date, str], str]] = set()
        self._chimed_at: float | None = None
        self._event: Any = None

    @property
    def chimes(self) -> int:
        """How many chimes this app's sound queue has started (for the tests to listen)."""
        return self._sounds.started if self._sounds is not None else 0

    def start(self, by: Actor) -> None:
        """Someone logged in: alert them, reading the queue as them."""
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
        self._known, self._open, self._raised = None, [], set()
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

        def failed(error: Exception) -> None:
            if generation == self._generation:
                self._log_problem("reading the help queue for alerts", error)

        self._runner.run(
            lambda: help_requests.queue(ctx, by=by),
            lambda requests: self._read(generation, requests),
            failed,
        )

    def _read(self, generation: int, requests: list[HelpRequestView]) -> None:
        if generation != self._generation:
            return
        waiting = [r for r in requests if r.status == HelpStatus.OPEN and r.position is not None]
        now_open = {_request(r) for r in waiting}
        fresh = []
        if self._known is not None:
            fresh = [_alert(NEW, r) for r in waiting if _request(r) not in self._known]
        self._known = (self._known or set()) | now_open
        self._open = waiting
        self.pending = [alert for alert in self.pending if alert.request in now_open]
        self._raise([*fresh, *self._waiting_too_long()])

    def _check(self, _dt: float) -> None:
        self._raise(self._waiting_too_long())
        if (
            self.pending
            and self._chimed_at is not None
            and self._monotonic() - self._chimed_at >= REPEAT_S
        ):
            self._chime()

    def _waiting_too_long(self) -> list[Alert]:
        limit = timedelta(minutes=self._ctx.settings.console.help_wait_alert_minutes)
        now = self._ctx.clock.now()
        return [_alert(WAITING, r) for r in self._open if now - r.queued_at >= limit]

    def _raise(self, alerts: list[Alert]) -> None:
        new = [a for a in alerts if (a.request, a.reason) not in self._raised]
        if not new:
            return
        self._raised |= {(a.request, a.reason) for a in new}
        self.pending = [*self.pending, *new]
        log.info("help alert: %s", ", ".join(f"{a.code} {a.reason}" for a in new))
        self._chime()

    def _chime(self) -> None:
        self._chimed_at = self._monotonic()
        if self._sounds is not None:
            self._sounds.play(CHIME)


def _request(request: HelpRequestView) -> tuple[date, str]:
    return (request.business_day, request.code)


def _alert(reason: str, request: HelpRequestView) -> Alert:
    return Alert(
        reason,
        request.code,
        request.topic,
        request.queued_at,
        _request(request),
    )
