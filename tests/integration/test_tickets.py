"""Queue numbers on a real SQLite file and a real PostgreSQL server."""

from datetime import UTC, datetime, timedelta

import pytest

from kiosk.core.actor import Actor
from kiosk.core.clock import FixedClock
from kiosk.db.models import AuditEvent
from kiosk.errors import Closed, NotFound, Refused
from kiosk.services import tickets
from kiosk.services.context import Context

NURSE = Actor("staff", "anna")


def test_numbers_count_up_per_service_with_people_ahead(ctx: Context) -> None:
    first = tickets.take_number(ctx, "A")
    second = tickets.take_number(ctx, "a")
    nurse = tickets.take_number(ctx, "B")
    assert (first.code, second.code, nurse.code) == ("A001", "A002", "B001")
    assert (first.ahead, second.ahead, nurse.ahead) == (0, 1, 0)
    # Before any calls, the configured default pace: 3 min per client for A.
    assert second.estimated_wait_min == 3
    assert second.status == "waiting"


def test_burst_guard_returns_the_same_ticket_to_the_same_kiosk(
    ctx: Context, clock: FixedClock
) -> None:
    first = tickets.take_number(ctx, "A", kiosk_id="lounge-1")
    clock.advance(seconds=4)
    again = tickets.take_number(ctx, "A", kiosk_id="lounge-1")
    other_kiosk = tickets.take_number(ctx, "A", kiosk_id="lounge-2")
    unguarded = tickets.take_number(ctx, "A")
    assert again.code == first.code and again.repeated
    assert other_kiosk.code == "A002"
    assert unguarded.code == "A003"
    clock.advance(seconds=7)  # past the 10-second guard
    assert tickets.take_number(ctx, "A", kiosk_id="lounge-1").code == "A004"


def test_call_next_takes_the_oldest_and_any_service_at_the_window(
    ctx: Context, clock: FixedClock
) -> None:
    tickets.take_number(ctx, "A")
    clock.advance(minutes=1)
    tickets.take_number(ctx, "A")
    called = tickets.call_next(ctx, 1, by=NURSE)
    assert called is not None and (called.code, called.status, called.window) == (
        "A001",
        "called",
        1,
    )
    assert tickets.call_next(ctx, 2, by=NURSE, service_id="A").code == "A002"  # type: ignore[union-attr]
    assert tickets.call_next(ctx, 1, by=NURSE) is None
    board = tickets.now_serving(ctx)
    assert [(n.code, n.window) for n in board] == [("A002", 2), ("A001", 1)]


def test_wrong_window_is_refused_with_the_windows_that_exist(ctx: Context) -> None:
    with pytest.raises(Refused, match="window 3 does not serve A; its windows are 1, 2"):
        tickets.call_next(ctx, 3, by=NURSE, service_id="A")
    with pytest.raises(Refused, match="there is no window 9"):
        tickets.call_next(ctx, 9, by=NURSE)


def test_ticket_life_recall_serve_no_show_cancel(ctx: Context) -> None:
    for _ in range(3):
        tickets.take_number(ctx, "A")
    tickets.call_next(ctx, 1, by=NURSE)
    assert tickets.recall(ctx, "A001", by=NURSE).status == "called"
    assert tickets.serve(ctx, "A001", by=NURSE).status == "served"
    with pytest.raises(Refused, match="A002 has not been called"):
        tickets.recall(ctx, "A002", by=NURSE)
    tickets.call_next(ctx, 1, by=NURSE)
    assert tickets.no_show(ctx, "A002", by=NURSE).status == "no_show"
    assert tickets.cancel(ctx, "A003", by=NURSE).status == "cancelled"
    with pytest.raises(Refused, match="A003 is cancelled and cannot become served"):
        tickets.serve(ctx, "A003", by=NURSE)
    with pytest.raises(NotFound, match="no ticket A099 today"):
        tickets.serve(ctx, "A099", by=NURSE)
    assert tickets.waiting_line(ctx) == []


def test_a_quiet_spell_does_not_make_the_next_clients_wait_look_long(
    ctx: Context, clock: FixedClock
) -> None:
    tickets.take_number(ctx, "A")
    tickets.call_next(ctx, 1, by=NURSE)
    clock.advance(minutes=40)  # nobody comes for 40 minutes
    tickets.take_number(ctx, "A")
    second = tickets.take_number(ctx, "A")
    # One call, no waiting since: (0 + 3 × 3) / (1 + 3) = 2.25 minutes a client, not 12.25.
    assert (second.ahead, second.estimated_wait_min) == (1, 3)


def test_estimated_wait_follows_the_pace_of_calls(ctx: Context, clock: FixedClock) -> None:
    for _ in range(8):
        tickets.take_number(ctx, "A")
    for _ in range(4):  # a call every 5 minutes
        tickets.call_next(ctx, 1, by=NURSE)
        clock.advance(minutes=5)
    line = [t for t in tickets.waiting_line(ctx, "A") if t.status == "waiting"]
    assert [t.ahead for t in line] == [0, 1, 2, 3]
    # Four calls in the 20 minutes until now, blended with the configured 3 minutes (weighted
    # as three calls): 29 / 7 = 4.14 minutes a client, slower than the default.
    assert [t.estimated_wait_min for t in line] == [0, 5, 9, 13]
    overview = {q.service: q for q in tickets.queue_overview(ctx)}
    assert overview["A"].waiting == 4 and overview["A"].estimated_wait_min == 17
    assert overview["A"].open_now


def test_closed_service_refuses_with_the_next_opening(ctx: Context, clock: FixedClock) -> None:
    clock.set(datetime(2026, 11, 24, 9, 20, tzinfo=UTC))  # 11:20, after the 11:15 cut-off
    with pytest.raises(Closed) as refused:
        tickets.take_number(ctx, "A")
    assert refused.value.opens_at == datetime(2026, 11, 25, 5, 30, tzinfo=UTC)
    assert "it opens next Wed 25.11. 07:30" in str(refused.value)
    assert tickets.waiting_line(ctx) == []


def test_numbers_restart_on_the_next_business_day(ctx: Context, clock: FixedClock) -> None:
    tickets.take_number(ctx, "A")
    assert tickets.take_number(ctx, "A").code == "A002"
    clock.advance(days=1)
    assert tickets.take_number(ctx, "A").code == "A001"


def test_every_change_is_in_the_audit_log(ctx: Context) -> None:
    tickets.take_number(ctx, "A", kiosk_id="lounge-1")
    tickets.call_next(ctx, 2, by=NURSE)
    tickets.serve(ctx, "A001", by=NURSE)
    with ctx.reading() as session:
        events = session.query(AuditEvent).order_by(AuditEvent.id).all()
        trail = [(e.action, e.actor, e.subject_code) for e in events]
    assert trail == [
        ("ticket.take", "kiosk:lounge-1", "A001"),
        ("ticket.call", "staff:anna", "A001"),
        ("ticket.serve", "staff:anna", "A001"),
    ]


def test_stamps_are_stored_in_utc(ctx: Context, clock: FixedClock) -> None:
    clock.advance(minutes=30, seconds=15)
    ticket = tickets.take_number(ctx, "A")
    assert ticket.taken_at == clock.now()
    assert ticket.taken_at.utcoffset() == timedelta(0)
