"""Queue numbers on a real SQLite file and a real PostgreSQL server."""

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from kiosk.core.actor import Actor
from kiosk.core.clock import FixedClock
from kiosk.db.models import AuditEvent, DailyCounter, Ticket
from kiosk.errors import Closed, NotFound, Refused
from kiosk.services import tickets
from kiosk.services.context import Context
from kiosk.services.tickets import RapidSeries
from kiosk.settings.schema import Settings
from tests.support import TUESDAY_MORNING, add_staff, migrated_context

NURSE = Actor("staff", "anna")
# Calls with one visit token at the same moment, as from a retry racing a double tap.
RACERS = 4


@pytest.fixture(autouse=True)
def nurse_account(ctx: Context) -> None:
    """Anna, who calls the numbers here, has a staff account."""
    add_staff(ctx, "anna")


def test_numbers_count_up_per_service_with_people_ahead(ctx: Context) -> None:
    first = tickets.take_number(ctx, "A")
    second = tickets.take_number(ctx, "a")
    nurse = tickets.take_number(ctx, "B")
    assert (first.code, second.code, nurse.code) == ("A001", "A002", "B001")
    assert (first.ahead, second.ahead, nurse.ahead) == (0, 1, 0)
    # Before any calls, the configured default pace: 3 min per client for A.
    assert second.estimated_wait_min == 3
    assert second.status == "waiting"


def test_two_visits_seconds_apart_get_two_numbers(ctx: Context, clock: FixedClock) -> None:
    # The next client at the same kiosk 2 s later is a new visit, never the last client's number.
    first = tickets.take_number(ctx, "B", kiosk_id="lounge-1", visit=tickets.new_visit())
    clock.advance(seconds=2)
    second = tickets.take_number(ctx, "B", kiosk_id="lounge-1", visit=tickets.new_visit())
    assert (first.code, second.code) == ("B001", "B002")
    assert not first.repeated and not second.repeated
    assert [t.code for t in tickets.waiting_line(ctx, "B")] == ["B001", "B002"]


def test_one_visit_called_again_gets_its_own_ticket_back(ctx: Context, clock: FixedClock) -> None:
    visit = tickets.new_visit()
    first = tickets.take_number(ctx, "A", kiosk_id="lounge-1", visit=visit)
    clock.advance(minutes=5)  # a retry long after: still the same visit, still the same ticket
    again = tickets.take_number(ctx, "A", kiosk_id="lounge-1", visit=visit)
    assert (again.code, again.repeated, again.taken_at) == (first.code, True, first.taken_at)
    assert [t.code for t in tickets.waiting_line(ctx)] == ["A001"]
    assert tickets.take_number(ctx, "A", kiosk_id="lounge-1").code == "A002"
    with pytest.raises(ValueError, match="not a B number"):
        tickets.take_number(ctx, "B", visit=visit)


def test_one_visit_racing_itself_still_gets_one_ticket(ctx: Context) -> None:
    visit = tickets.new_visit()
    start = threading.Barrier(RACERS)

    def take() -> tuple[str, bool]:
        start.wait()
        ticket = tickets.take_number(ctx, "A", kiosk_id="lounge-1", visit=visit)
        return ticket.code, ticket.repeated

    with ThreadPoolExecutor(RACERS) as pool:
        results = [f.result() for f in [pool.submit(take) for _ in range(RACERS)]]
    assert {code for code, _ in results} == {"A001"}
    assert sorted(repeated for _, repeated in results) == [False] + [True] * (RACERS - 1)
    with ctx.reading() as session:
        assert session.scalar(select(func.count()).select_from(Ticket)) == 1


def test_the_database_refuses_a_second_ticket_for_one_visit(ctx: Context) -> None:
    visit = tickets.new_visit()
    tickets.take_number(ctx, "A", visit=visit)
    with pytest.raises(IntegrityError), ctx.transaction() as session:
        session.add(
            Ticket(
                business_day=ctx.today(),
                service="B",
                number=1,
                status="waiting",
                taken_at=ctx.clock.now(),
                call_count=0,
                visit=visit,
            )
        )


def test_a_rapid_series_from_one_kiosk_asks_before_the_next_number(
    ctx: Context, clock: FixedClock
) -> None:
    # The configured 4 in 30 s: four numbers are a busy moment, the fifth one too...
    for _ in range(5):
        tickets.take_number(ctx, "A", kiosk_id="lounge-1", visit=tickets.new_visit())
        clock.advance(seconds=5)
    # ...but more than four is a series: the next client is asked first.
    visit = tickets.new_visit()
    with pytest.raises(RapidSeries) as refused:
        tickets.take_number(ctx, "A", kiosk_id="lounge-1", visit=visit)
    assert (refused.value.service, refused.value.count, refused.value.seconds) == ("A", 5, 30)
    # Nothing was taken, nothing reused: the five numbers are all there is.
    assert [t.code for t in tickets.waiting_line(ctx)] == ["A001", "A002", "A003", "A004", "A005"]
    # Other services, other kiosks and the command line without a kiosk are not held up.
    assert tickets.take_number(ctx, "B", kiosk_id="lounge-1").code == "B001"
    assert tickets.take_number(ctx, "A", kiosk_id="lounge-2").code == "A006"
    assert tickets.take_number(ctx, "A").code == "A007"
    # "Yes, I need a number": a new number for this visit, and a retry of it is that number.
    confirmed = tickets.take_number(ctx, "A", kiosk_id="lounge-1", visit=visit, another=True)
    assert (confirmed.code, confirmed.repeated) == ("A008", False)
    assert tickets.take_number(ctx, "A", kiosk_id="lounge-1", visit=visit).code == "A008"
    # Once the series is older than the window, numbers come without a question again.
    clock.advance(seconds=31)
    assert tickets.take_number(ctx, "A", kiosk_id="lounge-1").code == "A009"


def test_no_question_when_the_rapid_series_guard_is_off(
    settings: Settings, tmp_path: Path, clock: FixedClock, sqlite_url: str
) -> None:
    kiosk = settings.kiosk.model_copy(update={"rapid_series_tickets": 0})
    ctx = migrated_context(
        settings.model_copy(update={"kiosk": kiosk}), tmp_path, clock, sqlite_url
    )
    codes = [tickets.take_number(ctx, "A", kiosk_id="lounge-1").code for _ in range(6)]
    assert codes == ["A001", "A002", "A003", "A004", "A005", "A006"]
    ctx.engine.dispose()


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
        ("staff.add", "cli:tests", "anna"),  # the fixture's
        ("ticket.take", "kiosk:lounge-1", "A001"),
        ("ticket.call", "staff:anna", "A001"),
        ("ticket.serve", "staff:anna", "A001"),
    ]


def test_stamps_are_stored_in_utc(ctx: Context, clock: FixedClock) -> None:
    clock.advance(minutes=30, seconds=15)
    ticket = tickets.take_number(ctx, "A")
    assert ticket.taken_at == clock.now()
    assert ticket.taken_at.utcoffset() == timedelta(0)


def test_a_five_digit_number_is_printed_and_called_by_the_same_code(ctx: Context) -> None:
    # A long day past A9999: the code on the slip must be the one staff type to call it.
    tickets.take_number(ctx, "A")
    with ctx.transaction() as session:
        counter = session.scalars(select(DailyCounter).where(DailyCounter.series == "A")).one()
        counter.last_number = 9_999
    taken = tickets.take_number(ctx, "A")
    assert taken.code == "A10000"
    assert tickets.cancel(ctx, "a10000", by=NURSE).status == "cancelled"


def test_a_window_sees_its_services_and_the_number_called_there(
    ctx: Context, clock: FixedClock
) -> None:
    tickets.take_number(ctx, "A")  # A001, 07:00 UTC
    clock.advance(minutes=4)
    tickets.take_number(ctx, "A")
    tickets.take_number(ctx, "B")
    clock.advance(minutes=6)
    before = tickets.window_overview(ctx, 2, by=NURSE)
    assert before.current is None
    # Window 2 serves medication dispensing only; nobody has been called there yet.
    (dispensing,) = before.queues
    assert (dispensing.service, dispensing.waiting) == ("A", 2)
    assert dispensing.first_waiting_since == TUESDAY_MORNING
    tickets.call_next(ctx, 2, by=NURSE)
    after = tickets.window_overview(ctx, 2, by=NURSE)
    assert after.current is not None
    assert (after.current.code, after.current.window) == ("A001", 2)
    (dispensing,) = after.queues
    # A002 is first in line now, since 07:04.
    assert dispensing.waiting == 1
    assert dispensing.first_waiting_since == TUESDAY_MORNING + timedelta(minutes=4)
    # Window 1 serves the same service but has called nobody.
    assert tickets.window_overview(ctx, 1, by=NURSE).current is None


def test_a_served_number_leaves_its_window_free(ctx: Context) -> None:
    tickets.take_number(ctx, "B")
    tickets.take_number(ctx, "B")
    tickets.call_next(ctx, 3, by=NURSE)
    tickets.serve(ctx, "B001", by=NURSE)
    assert tickets.window_overview(ctx, 3, by=NURSE).current is None
    tickets.call_next(ctx, 3, by=NURSE)
    tickets.no_show(ctx, "B002", by=NURSE)
    overview = tickets.window_overview(ctx, 3, by=NURSE)
    assert overview.current is None
    assert [(q.service, q.waiting, q.first_waiting_since) for q in overview.queues] == [
        ("B", 0, None)
    ]


def test_a_window_nobody_is_called_to_is_refused_by_number(ctx: Context) -> None:
    with pytest.raises(Refused) as refused:
        tickets.window_overview(ctx, 7, by=NURSE)
    assert refused.value.code == "window.unknown"
    assert refused.value.facts["windows"] == "1, 2, 3"
