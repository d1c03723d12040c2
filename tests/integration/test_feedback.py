"""Anonymous feedback: each tap counted once per client, per day and per week in the
statistics and their CSV, and kept after the tickets are purged."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from kiosk.core.clock import FixedClock
from kiosk.core.statistics_period import parse_statistics_period
from kiosk.db.lounge_models import VisitFeedback
from kiosk.services import retention, statistics, tickets
from kiosk.services.context import Context
from kiosk.services.feedback import record_feedback
from kiosk.services.statistics_tables import table_csv
from tests.support import CLI

KIOSK = "lounge-1"


def rows(ctx: Context) -> list[tuple[object, ...]]:
    with ctx.reading() as session:
        return [
            (f.business_day, f.hour, f.service, f.face)
            for f in session.scalars(select(VisitFeedback).order_by(VisitFeedback.id))
        ]


def test_a_tap_records_the_face_service_day_and_hour_and_nothing_else(ctx: Context) -> None:
    assert record_feedback(ctx, "good", kiosk_id=KIOSK, service="A")
    # 07:00 UTC is 09:00 in Helsinki.
    assert rows(ctx) == [(ctx.today(), 9, "A", "good")]
    columns = {c.name for c in VisitFeedback.__table__.columns}
    assert columns == {"id", "business_day", "hour", "service", "face"}


def test_one_person_pressing_twenty_times_counts_once(ctx: Context) -> None:
    counted = [record_feedback(ctx, "very_bad", kiosk_id=KIOSK) for _ in range(20)]
    assert counted == [True] + [False] * 19
    assert len(rows(ctx)) == 1


def test_the_next_client_counts_after_a_number_is_taken_or_after_the_pause(
    ctx: Context, clock: FixedClock
) -> None:
    assert record_feedback(ctx, "good", kiosk_id=KIOSK)
    clock.advance(seconds=5)
    assert not record_feedback(ctx, "bad", kiosk_id=KIOSK)
    # Another kiosk is another client.
    assert record_feedback(ctx, "bad", kiosk_id="lounge-2")
    # A number taken here since: a new client.
    clock.advance(seconds=5)
    tickets.take_number(ctx, "A", kiosk_id=KIOSK)
    clock.advance(seconds=5)
    assert record_feedback(ctx, "very_good", kiosk_id=KIOSK, service="A")
    clock.advance(seconds=5)
    assert not record_feedback(ctx, "very_good", kiosk_id=KIOSK)
    # Or the pause has passed.
    clock.advance(seconds=ctx.settings.kiosk.feedback_pause_seconds)
    assert record_feedback(ctx, "very_good", kiosk_id=KIOSK)
    assert [r[3] for r in rows(ctx)] == ["good", "bad", "very_good", "very_good"]


def test_an_unknown_face_is_a_bug_not_an_answer(ctx: Context) -> None:
    with pytest.raises(ValueError, match="very_good, good, bad, very_bad"):
        record_feedback(ctx, "meh", kiosk_id=KIOSK)
    assert rows(ctx) == []


def test_statistics_count_answers_per_day_and_week_and_keep_them_after_the_purge(
    ctx: Context, clock: FixedClock
) -> None:
    pause = timedelta(seconds=ctx.settings.kiosk.feedback_pause_seconds + 1)
    for face in ("very_good", "good", "good"):
        record_feedback(ctx, face, kiosk_id=KIOSK)
        clock.advance(seconds=pause.total_seconds())
    first_day = ctx.today()
    clock.advance(days=1)
    record_feedback(ctx, "bad", kiosk_id=KIOSK)
    period = parse_statistics_period("2026-W48")
    stats = statistics.for_period(ctx, period, by=CLI)
    assert [(d.label, d.faces) for d in stats.feedback_by_day] == [
        (first_day.isoformat(), (1, 2, 0, 0)),
        ((first_day + timedelta(days=1)).isoformat(), (0, 0, 1, 0)),
    ]
    assert [(w.label, w.faces, w.answers) for w in stats.feedback_by_week] == [
        ("2026-W48", (1, 2, 1, 0), 4)
    ]
    csv = table_csv(stats, "feedback").decode("utf-8-sig").splitlines()
    assert csv[0] == "day_or_week;very_good;good;bad;very_bad;answers"
    assert csv[-1] == "2026-W48;1;2;1;0;4"
    # A year on, every ticket is gone; the answers are still counted.
    clock.advance(days=400)
    retention.purge(ctx, by=CLI)
    again = statistics.for_period(ctx, period, by=CLI)
    assert again.feedback_by_week == stats.feedback_by_week
