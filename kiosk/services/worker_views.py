"""What the peer-work use cases hand back: frozen values, never ORM rows, never a hash.

A worker's display name appears only in views meant for staff or for the worker's own greeting
after they have proved who they are; nothing here is meant for the public screen.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any


def _json(value: Any) -> Any:
    return _plain(asdict(value))


def _plain(value: Any) -> Any:
    # Euros go out as "12.00", never as a float that prints 11.999999.
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


@dataclass(frozen=True)
class WorkerView:
    number: int
    display_name: str
    contract_start: date
    contract_end: date
    active: bool
    has_badge: bool
    locked_until: datetime | None = None
    signed_in_since: datetime | None = None

    def to_json(self) -> dict[str, Any]:
        return _json(self)


@dataclass(frozen=True)
class WorkerPass:
    """Proof that a worker showed their PIN or badge a moment ago, kept by the screen that asked.

    Sign-in, sign-out and absence reports take it instead of the PIN, so the PIN is entered once
    and forgotten at once. It expires (see attendance.PASS_LIFETIME).
    """

    worker_id: int
    number: int
    display_name: str
    method: str  # pin | badge | console
    verified_at: datetime


@dataclass(frozen=True)
class ShiftView:
    id: int
    number: int
    display_name: str
    day: date
    starts_at: datetime
    ends_at: datetime
    absence_reported_at: datetime | None = None
    absence_reason: str = ""

    def to_json(self) -> dict[str, Any]:
        return _json(self)


@dataclass(frozen=True)
class SessionView:
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

    def to_json(self) -> dict[str, Any]:
        return _json(self)


@dataclass(frozen=True)
class WorkerStatus:
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

    def to_json(self) -> dict[str, Any]:
        return _json(self)


@dataclass(frozen=True)
class Greeting:
    """After sign-in: the worker's own name, their task, today's shift and the next ones."""

    number: int
    display_name: str
    started_at: datetime
    task: str
    today_shifts: list[ShiftView]
    next_shifts: list[ShiftView]

    def to_json(self) -> dict[str, Any]:
        return _json(self)


@dataclass(frozen=True)
class SignOutSummary:
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

    def to_json(self) -> dict[str, Any]:
        return _json(self)


@dataclass(frozen=True)
class AbsenceView:
    shift: ShiftView
    reported_at: datetime
    reported_by: str
    reason: str
    hours_ahead: float  # how long before the shift's start it came; negative when late

    def to_json(self) -> dict[str, Any]:
        return _json(self)


@dataclass(frozen=True)
class ContractWarning:
    number: int
    display_name: str
    contract_end: date
    days_left: int  # negative: ended, yet the worker is still active

    def to_json(self) -> dict[str, Any]:
        return _json(self)


@dataclass(frozen=True)
class BusyWeekWarning:
    number: int
    display_name: str
    week: str  # "2026-W48"
    days: int
    limit: int

    def to_json(self) -> dict[str, Any]:
        return _json(self)


@dataclass(frozen=True)
class Warnings:
    contracts: list[ContractWarning] = field(default_factory=list)
    busy_weeks: list[BusyWeekWarning] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return _json(self)


@dataclass(frozen=True)
class PayoutRow:
    number: int
    display_name: str
    days: int
    minutes: int
    amount: Decimal

    def to_json(self) -> dict[str, Any]:
        return _json(self)


@dataclass(frozen=True)
class PayoutList:
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

    def to_json(self) -> dict[str, Any]:
        return _json(self)
