"""Alerts for staff: a new help request, and one that has waited longer than
`console.help_wait_alert_minutes`, until someone acknowledges them.

The queue is read as staff see it (kiosk.ui.staff_alerts says when, and how the chime repeats).
A request that joins the open queue after the first read is new; one open longer than the
threshold has waited too long (checked against the clock every second, on the rows already
read). Each raises one alert, once per request and reason. An alert for a request that is no
longer open (taken, closed) goes by itself. Requests already open at login are not new to the
person logging in; those already waiting too long do alert.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from kiosk.core.actor import Actor
from kiosk.core.help_status import HelpStatus
from kiosk.services import help_requests
from kiosk.services.context import Context
from kiosk.services.views import HelpRequestView
from kiosk.ui.staff_alerts import StaffAlerts

NEW = "new"
WAITING = "waiting"


@dataclass(frozen=True)
class Alert:
    reason: str  # NEW or WAITING
    code: str  # "H004"
    topic: str  # a help topic id
    queued_at: datetime
    request: tuple[date, str]  # which request: its business day and code


class HelpAlerts(StaffAlerts[list[HelpRequestView]]):
    reading = "reading the help queue for alerts"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._known: set[tuple[date, str]] | None = None
        self._open: list[HelpRequestView] = []
        self._raised: set[tuple[tuple[date, str], str]] = set()

    def _read_as(self, ctx: Context, by: Actor) -> list[HelpRequestView]:
        return help_requests.queue(ctx, by=by)

    def _take(self, requests: list[HelpRequestView]) -> None:
        waiting = [r for r in requests if r.status == HelpStatus.OPEN and r.position is not None]
        now_open = {_request(r) for r in waiting}
        fresh = []
        if self._known is not None:
            fresh = [_alert(NEW, r) for r in waiting if _request(r) not in self._known]
        self._known = (self._known or set()) | now_open
        self._open = waiting
        self.pending = [alert for alert in self.pending if alert.request in now_open]
        self._raise_once([*fresh, *self._waiting_too_long()])

    def _tick(self) -> None:
        self._raise_once(self._waiting_too_long())

    def _forget(self) -> None:
        self._known, self._open, self._raised = None, [], set()

    def _waiting_too_long(self) -> list[Alert]:
        limit = timedelta(minutes=self._ctx.settings.console.help_wait_alert_minutes)
        now = self._ctx.clock.now()
        return [_alert(WAITING, r) for r in self._open if now - r.queued_at >= limit]

    def _raise_once(self, alerts: list[Alert]) -> None:
        new = [a for a in alerts if (a.request, a.reason) not in self._raised]
        self._raised |= {(a.request, a.reason) for a in new}
        self._raise(new, "help alert: " + ", ".join(f"{a.code} {a.reason}" for a in new))


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
