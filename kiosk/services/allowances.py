"""A worker's allowance over a run of business days, from their closed sessions; and the lock
that marking a pay period paid puts on those days."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.core.allowance import AllowanceRules, DayAllowance, WorkedSpan, allowance_by_day
from kiosk.db.worker_models import PaidPeriod, WorkSession
from kiosk.errors import Refused
from kiosk.services.context import Context
from kiosk.settings.schema import Settings

# A session may spill past the next business-day start (it is split there), so the sessions that
# touch a day include those begun the business day before. Corrections keep a session under a
# day long, so one day back is enough.
SPILL = timedelta(days=1)


class PeriodLocked(Refused):
    code = "pay_period.locked"

    def __init__(self, period: str) -> None:
        super().__init__(
            f"pay period {period} is marked paid, so its hours cannot change; an admin must "
            "re-open it first",
            period=period,
        )
        self.period = period


def rules_of(settings: Settings) -> AllowanceRules:
    peer = settings.peer_work
    return AllowanceRules(
        rate_per_hour=peer.allowance_rate_eur_per_hour,
        daily_cap=peer.allowance_daily_cap_eur,
        rounding=peer.rounding,
    )


def worker_days(
    session: Session, ctx: Context, worker_id: int, first_day: date, last_day: date
) -> list[DayAllowance]:
    """The allowance for each business day from `first_day` to `last_day` with counted time.
    Open sessions do not count until they end."""
    spans = [
        WorkedSpan(start, end)
        for start, end in session.execute(
            select(WorkSession.started_at, WorkSession.ended_at).where(
                WorkSession.worker_id == worker_id,
                WorkSession.business_day >= first_day - SPILL,
                WorkSession.business_day <= last_day,
                WorkSession.ended_at.is_not(None),
            )
        ).all()
        if end is not None
    ]
    clinic = ctx.settings.clinic
    days = allowance_by_day(spans, rules_of(ctx.settings), clinic.zone, clinic.business_day_start)
    return [d for d in days if first_day <= d.day <= last_day]


def paid_period_covering(session: Session, day: date) -> PaidPeriod | None:
    return session.scalars(
        select(PaidPeriod).where(
            PaidPeriod.status == "paid", PaidPeriod.first_day <= day, PaidPeriod.last_day >= day
        )
    ).first()


def ensure_days_open(session: Session, days: Iterable[date]) -> None:
    """Refuse a change to any business day in a period marked paid."""
    for day in sorted(set(days)):
        paid = paid_period_covering(session, day)
        if paid is not None:
            raise PeriodLocked(paid.label)
