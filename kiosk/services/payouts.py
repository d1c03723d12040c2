"""The allowance payout: a list per pay period, marking a period paid, and re-opening it.

Marking a period paid locks its business days: sessions in it cannot be corrected, added or
signed in to until an admin (a staff account with the admin role, kiosk.services.staff_access)
re-opens it with a reason, which is logged. The list is staff data (names and money), so
producing it is logged too.
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kiosk.core.actor import Actor
from kiosk.core.allowance import total
from kiosk.core.pay_period import PayPeriod
from kiosk.core.typed_text import without_control_characters
from kiosk.db.worker_models import PaidPeriod, Worker, WorkSession
from kiosk.errors import KioskError, Refused
from kiosk.services import audit
from kiosk.services.allowances import SPILL, rules_of, worker_days
from kiosk.services.context import Context
from kiosk.services.forgotten_sign_outs import close_forgotten_in
from kiosk.services.staff_access import require_staff
from kiosk.services.worker_views import PayoutList, PayoutRow


def payout_list(ctx: Context, period: PayPeriod, *, by: Actor, purpose: str = "view") -> PayoutList:
    """One row per worker with counted time in `period`, and the totals. `purpose` (view, csv,
    pdf) goes into the audit log."""
    with ctx.transaction() as session:
        require_staff(session, by)
        # A forgotten sign-out counts to its automatic end and waits for review, not as open.
        close_forgotten_in(session, ctx)
        payout = _payout(session, ctx, period)
        audit.record(
            session,
            ctx,
            "payout.list",
            period,
            actor=by,
            details={"purpose": purpose, "total": f"{payout.total_amount:.2f}"},
        )
        return payout


def mark_paid(ctx: Context, period: PayPeriod, *, by: Actor) -> PayoutList:
    peer = ctx.settings.peer_work
    if period.kind != peer.pay_period:
        example = "2026-11" if peer.pay_period == "month" else "2026-W48"
        raise KioskError(
            f"this clinic pays by {peer.pay_period}; write the period like {example}",
            code="pay_period.wrong_kind",
            pays_by=peer.pay_period,
            example=example,
        )
    if ctx.today() <= period.last_day:
        raise Refused(
            f"pay period {period.label} runs until {period.last_day:%d.%m.%Y}; "
            "mark it paid after it has ended",
            code="pay_period.not_ended",
            period=period.label,
            last_day=period.last_day,
        )
    # Its own transaction: the sessions it closes stay closed (and flagged) even when marking
    # paid is refused below because of them.
    with ctx.transaction() as session:
        require_staff(session, by)
        close_forgotten_in(session, ctx)
    with ctx.transaction() as session:
        require_staff(session, by)
        existing = session.get(PaidPeriod, period.label, with_for_update=True)
        if existing is not None and existing.status == "paid":
            # Who marked it is a fact, not part of the sentence: a staff member's name stays
            # out of log lines.
            raise Refused(
                f"pay period {period.label} was already marked paid "
                f"{existing.paid_at.astimezone(ctx.settings.clinic.zone):%d.%m.%Y %H:%M}",
                code="pay_period.already_paid",
                period=period.label,
                paid_at=existing.paid_at,
                paid_by=existing.paid_by,
            )
        payout = _payout(session, ctx, period)
        if payout.open_sessions:
            raise Refused(
                f"{payout.open_sessions} session(s) in {period.label} are still open; "
                "sign them out or correct them first",
                code="pay_period.open_sessions",
                period=period.label,
                count=payout.open_sessions,
            )
        if payout.sessions_to_review:
            raise Refused(
                f"{payout.sessions_to_review} automatic sign-out(s) in {period.label} wait for "
                "review; accept or correct them first",
                code="pay_period.sessions_to_review",
                period=period.label,
                count=payout.sessions_to_review,
            )
        now = ctx.clock.now()
        cents = int(payout.total_amount * 100)
        if existing is None:
            session.add(
                PaidPeriod(
                    label=period.label,
                    first_day=period.first_day,
                    last_day=period.last_day,
                    status="paid",
                    paid_at=now,
                    paid_by=str(by),
                    total_cents=cents,
                    reopen_reason="",
                )
            )
        else:
            existing.status, existing.paid_at, existing.paid_by = "paid", now, str(by)
            existing.total_cents = cents
        audit.record(
            session,
            ctx,
            "pay_period.paid",
            period,
            actor=by,
            details={
                "total": f"{payout.total_amount:.2f}",
                "workers": len(payout.rows),
                "again": existing is not None,
            },
        )
        return _payout(session, ctx, period)


def reopen(ctx: Context, period: PayPeriod, *, reason: str, by: Actor) -> None:
    """An admin re-opens a paid period so its sessions can be corrected."""
    why = " ".join(without_control_characters(reason).split())
    if not why:
        raise KioskError(
            "re-opening a paid period needs a reason", code="pay_period.reopen_reason_missing"
        )
    with ctx.transaction() as session:
        require_staff(session, by, admin=True)
        paid = session.get(PaidPeriod, period.label, with_for_update=True)
        if paid is None or paid.status != "paid":
            raise Refused(
                f"pay period {period.label} is not marked paid",
                code="pay_period.not_paid",
                period=period.label,
            )
        paid.status = "reopened"
        paid.reopened_at, paid.reopened_by, paid.reopen_reason = ctx.clock.now(), str(by), why
        audit.record(
            session,
            ctx,
            "pay_period.reopen",
            period,
            actor=by,
            details={"reason": why, "paid_total": f"{paid.total_cents / 100:.2f}"},
        )


def _payout(session: Session, ctx: Context, period: PayPeriod) -> PayoutList:
    worker_ids = session.scalars(
        select(WorkSession.worker_id)
        .where(
            WorkSession.business_day >= period.first_day - SPILL,
            WorkSession.business_day <= period.last_day,
        )
        .distinct()
    ).all()
    rows = []
    for worker in session.scalars(
        select(Worker).where(Worker.id.in_(worker_ids)).order_by(Worker.number)
    ):
        days = total(worker_days(session, ctx, worker.id, period.first_day, period.last_day))
        if days.counted_minutes:
            rows.append(
                PayoutRow(
                    worker.number, worker.display_name, days.days, days.counted_minutes, days.amount
                )
            )
    in_period = (
        WorkSession.business_day >= period.first_day,
        WorkSession.business_day <= period.last_day,
    )
    open_sessions = session.scalar(
        select(func.count()).where(*in_period, WorkSession.ended_at.is_(None))
    )
    to_review = session.scalar(
        select(func.count()).where(*in_period, WorkSession.needs_review.is_(True))
    )
    paid = session.get(PaidPeriod, period.label)
    rules = rules_of(ctx.settings)
    return PayoutList(
        period=period.label,
        first_day=period.first_day,
        last_day=period.last_day,
        rows=rows,
        total_days=sum(r.days for r in rows),
        total_minutes=sum(r.minutes for r in rows),
        total_amount=sum((r.amount for r in rows), Decimal("0.00")),
        status=paid.status if paid else "open",
        open_sessions=open_sessions or 0,
        sessions_to_review=to_review or 0,
        rate_per_hour=rules.rate_per_hour,
        daily_cap=rules.daily_cap,
        rounding=rules.rounding,
    )
