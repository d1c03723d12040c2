"""Staff corrections keep a trail; marking a pay period paid locks it until an admin re-opens it."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from kiosk.core.clock import FixedClock
from kiosk.core.pay_period import parse_period
from kiosk.db.models import AuditEvent
from kiosk.errors import KioskError, Refused
from kiosk.services import forgotten_sign_outs, payouts, session_corrections, sign_in_out
from kiosk.services.allowances import PeriodLocked
from kiosk.services.context import Context
from tests.support import add_staff
from tests.workers.conftest import STAFF, pin_pass

pytestmark = pytest.mark.usefixtures("cheap_pins")
HELSINKI = ZoneInfo("Europe/Helsinki")
NOVEMBER = parse_period("2026-11")


def helsinki(day: int, hour: int, minute: int = 0, month: int = 11) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=HELSINKI).astimezone(UTC)


def work(ctx: Context, clock: FixedClock, start: datetime, end: datetime) -> int:
    clock.set(start)
    sign_in_out.sign_in(ctx, pin_pass(ctx), task="coffee")
    clock.set(end)
    sign_in_out.sign_out(ctx, pin_pass(ctx))
    return session_corrections.list_sessions(ctx, by=STAFF)[-1].id


def events(ctx: Context, action: str) -> list[AuditEvent]:
    with ctx.reading() as session:
        return list(
            session.scalars(
                select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id)
            )
        )


def test_correction_keeps_old_and_new_times_and_the_reason(
    kiosk_ctx: Context, clock: FixedClock, worker
) -> None:
    session_id = work(kiosk_ctx, clock, helsinki(24, 9), helsinki(24, 10))
    clock.set(helsinki(24, 13))
    corrected = session_corrections.correct_session(
        kiosk_ctx,
        session_id,
        started_at=helsinki(24, 8, 30),
        ended_at=helsinki(24, 12),
        reason="  signed in late,\nthe coffee was on ",
        by=STAFF,
    )
    assert (corrected.started_at, corrected.ended_at, corrected.end_method) == (
        helsinki(24, 8, 30),
        helsinki(24, 12),
        "pin",
    )
    [event] = events(kiosk_ctx, "work.correct")
    assert (event.actor, event.subject_id, event.subject_code) == ("staff:anna", session_id, "12")
    assert event.details == {
        "reason": "signed in late, the coffee was on",
        "old": {
            "started_at": helsinki(24, 9).isoformat(),
            "ended_at": helsinki(24, 10).isoformat(),
        },
        "new": {
            "started_at": helsinki(24, 8, 30).isoformat(),
            "ended_at": helsinki(24, 12).isoformat(),
        },
    }


def test_correction_of_an_automatic_sign_out_clears_the_review(
    kiosk_ctx: Context, clock: FixedClock, worker
) -> None:
    sign_in_out.sign_in(kiosk_ctx, pin_pass(kiosk_ctx), task="coffee")
    clock.set(helsinki(24, 17))
    [closed] = forgotten_sign_outs.close_forgotten(kiosk_ctx)
    corrected = session_corrections.correct_session(
        kiosk_ctx,
        closed.id,
        started_at=helsinki(24, 9),
        ended_at=helsinki(24, 13),
        reason="left at one",
        by=STAFF,
    )
    assert (corrected.needs_review, corrected.end_method) == (False, "staff")
    assert session_corrections.list_sessions(kiosk_ctx, by=STAFF, review_only=True) == []


@pytest.mark.parametrize(
    ("start", "end", "reason", "message"),
    [
        ((24, 9), (24, 10), " ", "needs a reason"),
        ((24, 10), (24, 9), "typo", "must end after it starts"),
        ((24, 9), (24, 18), "typo", "cannot end in the future"),
        ((22, 9), (23, 9), "typo", "at most 16 hours"),
    ],
)
def test_bad_corrections_are_refused(
    kiosk_ctx: Context, clock: FixedClock, worker, start, end, reason: str, message: str
) -> None:
    session_id = work(kiosk_ctx, clock, helsinki(23, 9), helsinki(23, 10))
    clock.set(helsinki(24, 12))
    with pytest.raises(KioskError, match=message):
        session_corrections.correct_session(
            kiosk_ctx,
            session_id,
            started_at=helsinki(*start),
            ended_at=helsinki(*end),
            reason=reason,
            by=STAFF,
        )


def test_overlapping_sessions_are_refused(kiosk_ctx: Context, clock: FixedClock, worker) -> None:
    first = work(kiosk_ctx, clock, helsinki(24, 9), helsinki(24, 10))
    work(kiosk_ctx, clock, helsinki(24, 11), helsinki(24, 12))
    with pytest.raises(Refused, match="overlap session"):
        session_corrections.correct_session(
            kiosk_ctx,
            first,
            started_at=helsinki(24, 9),
            ended_at=helsinki(24, 11, 30),
            reason="typo",
            by=STAFF,
        )
    with pytest.raises(Refused, match="overlap session"):
        session_corrections.add_session(
            kiosk_ctx,
            12,
            started_at=helsinki(24, 9, 30),
            ended_at=helsinki(24, 10, 30),
            reason="forgot",
            by=STAFF,
        )


def test_staff_add_a_forgotten_session_and_accept_an_automatic_one(
    kiosk_ctx: Context, clock: FixedClock, worker
) -> None:
    clock.set(helsinki(24, 17))
    added = session_corrections.add_session(
        kiosk_ctx,
        12,
        started_at=helsinki(23, 9),
        ended_at=helsinki(23, 12),
        task="cleaning",
        reason="forgot to sign in",
        by=STAFF,
    )
    assert (added.business_day, added.start_method, added.end_method) == (
        date(2026, 11, 23),
        "staff",
        "staff",
    )
    assert events(kiosk_ctx, "work.add")[0].details["reason"] == "forgot to sign in"
    clock.set(helsinki(25, 9))
    sign_in_out.sign_in(kiosk_ctx, pin_pass(kiosk_ctx), task="coffee")
    clock.set(helsinki(25, 17))
    [closed] = forgotten_sign_outs.close_forgotten(kiosk_ctx)
    accepted = session_corrections.accept_session(kiosk_ctx, closed.id, by=STAFF)
    assert accepted.needs_review is False and accepted.ended_at == helsinki(25, 15)
    with pytest.raises(Refused, match="does not wait for review"):
        session_corrections.accept_session(kiosk_ctx, closed.id, by=STAFF)


def test_sessions_outside_the_contract_are_refused_like_shifts(
    kiosk_ctx: Context, clock: FixedClock, worker
) -> None:
    """Worker 12's contract starts 1.11.2026: no session, and so no pay, before it."""
    clock.set(helsinki(24, 17))
    with pytest.raises(Refused, match=r"30\.10\.2026 is outside worker 12's contract"):
        session_corrections.add_session(
            kiosk_ctx,
            12,
            started_at=helsinki(30, 9, month=10),
            ended_at=helsinki(30, 12, month=10),
            reason="came without signing in",
            by=STAFF,
        )
    # Past the business-day start (04:00) the session also counts on 1.11., but 31.10. is out.
    with pytest.raises(Refused, match=r"31\.10\.2026 is outside"):
        session_corrections.add_session(
            kiosk_ctx,
            12,
            started_at=helsinki(31, 22, month=10),
            ended_at=helsinki(1, 5),
            reason="night event",
            by=STAFF,
        )
    session_id = work(kiosk_ctx, clock, helsinki(24, 9), helsinki(24, 10))
    with pytest.raises(Refused, match=r"30\.10\.2026 is outside worker 12's contract"):
        session_corrections.correct_session(
            kiosk_ctx,
            session_id,
            started_at=helsinki(30, 9, month=10),
            ended_at=helsinki(30, 10, month=10),
            reason="wrong day",
            by=STAFF,
        )
    [kept] = session_corrections.list_sessions(kiosk_ctx, by=STAFF)
    assert (kept.id, kept.started_at) == (session_id, helsinki(24, 9))
    assert events(kiosk_ctx, "work.add") == events(kiosk_ctx, "work.correct") == []


def test_paid_period_is_locked_until_an_admin_reopens_it(
    kiosk_ctx: Context, clock: FixedClock, worker
) -> None:
    session_id = work(kiosk_ctx, clock, helsinki(24, 9), helsinki(24, 12))
    clock.set(helsinki(1, 10, month=12))
    paid = payouts.mark_paid(kiosk_ctx, NOVEMBER, by=STAFF)
    assert (paid.status, str(paid.total_amount)) == ("paid", "6.00")
    with pytest.raises(PeriodLocked, match="2026-11 is marked paid"):
        session_corrections.correct_session(
            kiosk_ctx,
            session_id,
            started_at=helsinki(24, 9),
            ended_at=helsinki(24, 13),
            reason="late entry",
            by=STAFF,
        )
    with pytest.raises(PeriodLocked):
        session_corrections.add_session(
            kiosk_ctx,
            12,
            started_at=helsinki(25, 9),
            ended_at=helsinki(25, 10),
            reason="forgot",
            by=STAFF,
        )
    # Moving a December session into November is a change to November too.
    december = work(kiosk_ctx, clock, helsinki(1, 10, month=12), helsinki(1, 11, month=12))
    with pytest.raises(PeriodLocked):
        session_corrections.correct_session(
            kiosk_ctx,
            december,
            started_at=helsinki(30, 10),
            ended_at=helsinki(30, 11),
            reason="wrong day",
            by=STAFF,
        )
    with pytest.raises(Refused, match="only an admin can do this"):
        payouts.reopen(kiosk_ctx, NOVEMBER, reason="late entry", by=STAFF)
    with pytest.raises(Refused, match="already marked paid"):
        payouts.mark_paid(kiosk_ctx, NOVEMBER, by=STAFF)
    admin = add_staff(kiosk_ctx, "sari", role="admin")
    payouts.reopen(kiosk_ctx, NOVEMBER, reason="late entry", by=admin)
    session_corrections.correct_session(
        kiosk_ctx,
        session_id,
        started_at=helsinki(24, 9),
        ended_at=helsinki(24, 13),
        reason="late entry",
        by=STAFF,
    )
    again = payouts.mark_paid(kiosk_ctx, NOVEMBER, by=STAFF)
    assert (again.status, str(again.total_amount)) == ("paid", "8.00")
    trail = [
        (e.action, e.actor, e.details.get("reason"), e.details.get("again"))
        for e in events(kiosk_ctx, "pay_period.paid") + events(kiosk_ctx, "pay_period.reopen")
    ]
    assert trail == [
        ("pay_period.paid", "staff:anna", None, False),
        ("pay_period.paid", "staff:anna", None, True),
        ("pay_period.reopen", "staff:sari", "late entry", None),
    ]


def test_a_period_is_marked_paid_only_when_ended_and_settled(
    kiosk_ctx: Context, clock: FixedClock, worker
) -> None:
    with pytest.raises(Refused, match=r"runs until 30\.11\.2026"):
        payouts.mark_paid(kiosk_ctx, NOVEMBER, by=STAFF)
    with pytest.raises(KioskError, match="pays by month; write the period like 2026-11"):
        payouts.mark_paid(kiosk_ctx, parse_period("2026-W47"), by=STAFF)
    clock.set(helsinki(30, 9))
    sign_in_out.sign_in(kiosk_ctx, pin_pass(kiosk_ctx), task="coffee")
    clock.set(helsinki(1, 8, month=12))
    # Marking paid first closes the forgotten session, which then waits for review.
    with pytest.raises(Refused, match=r"1 automatic sign-out\(s\) in 2026-11 wait for review"):
        payouts.mark_paid(kiosk_ctx, NOVEMBER, by=STAFF)
    [flagged] = session_corrections.list_sessions(kiosk_ctx, by=STAFF, review_only=True)
    session_corrections.accept_session(kiosk_ctx, flagged.id, by=STAFF)
    assert payouts.mark_paid(kiosk_ctx, NOVEMBER, by=STAFF).status == "paid"
