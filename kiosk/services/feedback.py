"""Anonymous feedback: one tap on a face after taking a number or on the home screen.

What is kept is the face, the service of the number just taken (or none, on the home screen),
the business day and the local hour: no code, no number, no kiosk, no exact time, nothing that
leads to a person (kiosk.db.lounge_models.VisitFeedback). The rows are themselves the anonymous
totals the statistics read: the retention purge, which deletes tickets, leaves them, so the
counts outlive it.

One person pressing twenty times counts once. A kiosk counts an answer, then counts the next
one only when a number has been taken at that kiosk since (a new client has come), or after
`kiosk.feedback_pause_seconds`. Taps in between are thanked for on screen but not counted. The
kiosk's last counted moment is the only time kept, one row per kiosk, overwritten each time.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kiosk.core.feedback import FACES
from kiosk.db.lounge_models import FeedbackGate, VisitFeedback
from kiosk.db.models import Ticket
from kiosk.services.context import Context


def record_feedback(ctx: Context, face: str, *, kiosk_id: str, service: str | None = None) -> bool:
    """Count `face` from kiosk `kiosk_id` unless the rate limit holds; True when counted."""
    if face not in FACES:
        # The kiosk's own four buttons are the only callers: another face is a bug.
        raise ValueError(f"unknown face {face!r}; the faces are {', '.join(FACES)}")
    now = ctx.clock.now()
    clinic = ctx.settings.clinic
    pause = timedelta(seconds=ctx.settings.kiosk.feedback_pause_seconds)
    with ctx.transaction() as session:
        gate = session.get(FeedbackGate, kiosk_id, with_for_update=True)
        if gate is not None and now - gate.counted_at < pause:
            newer_ticket = session.scalar(
                select(func.count()).where(
                    Ticket.kiosk_id == kiosk_id, Ticket.taken_at > gate.counted_at
                )
            )
            if not newer_ticket:
                return False
        if gate is None:
            session.add(FeedbackGate(kiosk_id=kiosk_id, counted_at=now))
        else:
            gate.counted_at = now
        session.add(
            VisitFeedback(
                business_day=ctx.today(),
                hour=now.astimezone(clinic.zone).hour,
                service=service,
                face=face,
            )
        )
        return True


def faces_by_day(session: Session, first: date, last: date) -> dict[date, Counter[str]]:
    """Each day's counted faces from `first` to `last`; days without answers are left out.
    Inside the statistics' own reading, which checks who may see them."""
    rows = session.execute(
        select(VisitFeedback.business_day, VisitFeedback.face, func.count())
        .where(VisitFeedback.business_day.between(first, last))
        .group_by(VisitFeedback.business_day, VisitFeedback.face)
    ).all()
    days: dict[date, Counter[str]] = {}
    for day, face, count in rows:
        days.setdefault(day, Counter())[face] += count
    return days
