"""What the peer-work use cases hand back: frozen values, never ORM rows, never a hash.

A worker's display name appears only in views meant for staff or for the worker's own greeting
after they have proved who they are; nothing here is meant for the public screen.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from kiosk.services.views import JsonView

if TYPE_CHECKING:
    from kiosk.db.worker_models import WorkSession


@dataclass(frozen=True)
class WorkerView(JsonView):
    number: int
    display_name: str
    contract_start: date
    contract_end: date
    active: bool
    has_badge: bool
    locked_until: datetime | None = None
    signed_in_since: datetime | None = None


@dataclass(frozen=True)
class WorkerPass(JsonView):
    """Proof that a worker showed their PIN or badge a moment ago, kept by the screen that asked.

    Sign-in, sign-out and absence reports take it instead of the PIN, so the PIN is entered once
    and forgotten at once. It expires (see sign_in_out.PASS_LIFETIME).
    """

    worker_id: int
    number: int
    display_name: str
    method: str  # pin | badge | cli
    verified_at: datetime


@dataclass(frozen=True)
class ShiftView(JsonView):
    id: int
    number: int
    display_name: str
    day: date
    starts_at: datetime
    ends_at: datetime
    absence_reported_at: datetime | None = None
    absence_reason: str = ""


@dataclass(frozen=True)
class SessionView(JsonView):
    id: int
    number: int
    display_name: str
    business_day: date
    started_at: datetime
    ended_at: datetime | None
    task: str
    start_method: str
    end_method: str | None
    needs_review: bool
    review_reason: str


def session_view(work: WorkSession) -> SessionView:
    return SessionView(
        id=work.id,
        number=work.worker.number,
        display_name=work.worker.display_name,
        business_day=work.business_day,
        started_at=work.started_at,
        ended_at=work.ended_at,
        task=work.task,
        start_method=work.start_method,
        end_method=work.end_method,
        needs_review=work.needs_review,
        review_reason=work.review_reason,
    )


@dataclass(frozen=True)
class WorkerStatus(JsonView):
    """What the kiosk shows a worker who just proved who they are."""

    number: int
    display_name: str
    signed_in_since: datetime | None
    task: str
    today_shifts: list[ShiftView]
    next_shifts: list[ShiftView]
    # Shifts that have not ended and have no absence yet: what an absence can be reported for.
    reportable_shifts: list[ShiftView]
    # A forgotten session closed automatically today, so the worker hears why they are out.
    auto_closed_today: datetime | None = None
    # Peer work's closing time once it has passed: the kiosk then offers no "start work" that
    # would only be refused after the rules and the task.
    closed_since: datetime | None = None


@dataclass(frozen=True)
class Greeting(JsonView):
    """After sign-in: the worker's own name, their task, today's shift and the next ones."""

    number: int
    display_name: str
    started_at: datetime
    task: str
    today_shifts: list[ShiftView]
    next_shifts: list[ShiftView]


@dataclass(frozen=True)
class SignOutSummary(JsonView):
    number: int
    display_name: str
    started_at: datetime
    ended_at: datetime
    business_day: date
    today_minutes: int
    today_amount: Decimal
    today_capped: bool
    period: str
    period_days: int
    period_minutes: int
    period_amount: Decimal


@dataclass(frozen=True)
class AbsenceView(JsonView):
    shift: ShiftView
    reported_at: datetime
    reported_by: str
    reason: str
    hours_ahead: float  # how long before the shift's start it came; negative when late


@dataclass(frozen=True)
class ContractWarning(JsonView):
    number: int
    display_name: str
    contract_end: date
    days_left: int  # negative: ended, yet the worker is still active


@dataclass(frozen=True)
class BusyWeekWarning(JsonView):
    number: int
    display_name: str
    week: str  # "2026-W48"
    days: int
    limit: int


@dataclass(frozen=True)
class Warnings(JsonView):
    contracts: list[ContractWarning] = field(default_factory=list)
    busy_weeks: list[BusyWeekWarning] = field(default_factory=list)


@dataclass(frozen=True)
class PayoutRow(JsonView):
    number: int
    display_name: str
    days: int
    minutes: int
    amount: Decimal


@dataclass(frozen=True)
class PayoutList(JsonView):
    period: str
    first_day: date
    last_day: date
    rows: list[PayoutRow]
    total_days: int
    total_minutes: int
    total_amount: Decimal
    status: str  # open | paid | reopened
    open_sessions: int  # not counted: still signed in
    sessions_to_review: int  # counted as closed automatically, awaiting staff
    rate_per_hour: Decimal
    daily_cap: Decimal
    rounding: str
