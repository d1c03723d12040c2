"""Help requests on both databases: numbering, queue, states, staff-only topics, notes, audit."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from kiosk.core.actor import Actor
from kiosk.core.clock import FixedClock
from kiosk.db.models import AuditEvent, HelpNote
from kiosk.errors import Closed, NotFound, Refused
from kiosk.services import (
    forgotten_sign_outs,
    help_requests,
    retention,
    sign_in_out,
    worker_auth,
    workers,
)
from kiosk.services.context import Context
from kiosk.services.help_requests import RESUME_PAUSE, RESUME_TRIES, ResumePaused
from tests.support import CLI, add_staff

STAFF = Actor("staff", "sari")
PEER = Actor("worker", "12")
PEER_PIN = "583917"


@pytest.fixture(autouse=True)
def peer_on_duty(ctx: Context) -> None:
    """Staff member Sari has an account; worker 12 exists and is signed in: only a peer worker
    on duty may handle requests."""
    add_staff(ctx, "sari")
    today = ctx.today()
    workers.add_worker(
        ctx,
        number=12,
        display_name="Matti",
        pin=PEER_PIN,
        contract_start=today - timedelta(days=30),
        contract_end=today + timedelta(days=30),
        by=STAFF,
    )
    sign_in_out.sign_in(ctx, worker_auth.authenticate_pin(ctx, "12", PEER_PIN), task="coffee")


def test_requests_are_numbered_daily_and_queued_with_a_wait(
    ctx: Context, clock: FixedClock
) -> None:
    first = help_requests.open_request(ctx, "housing_allowance", has_documents=True)
    clock.advance(seconds=30)
    second = help_requests.open_request(ctx, "social_assistance", needs_interpreter=True)
    assert (first.code, second.code) == ("H001", "H002")
    assert (first.position, second.position) == (1, 2)
    assert second.estimated_wait_min == 20  # one request ahead, 20 min each by default
    assert first.has_documents and not first.needs_interpreter and second.needs_interpreter
    assert first.resume_code != second.resume_code
    clock.advance(days=1)
    assert help_requests.open_request(ctx, "computer_help").code == "H001"


def test_life_of_a_request_across_days_with_the_resume_code(
    ctx: Context, clock: FixedClock
) -> None:
    request = help_requests.open_request(ctx, "housing_allowance")
    assert help_requests.claim(ctx, "H001", by=PEER).status == "in_progress"
    assert help_requests.wait_for_documents(ctx, "H001", by=PEER).status == "waiting_docs"
    clock.advance(days=2)
    help_requests.open_request(ctx, "computer_help")  # today's H001
    clock.advance(minutes=5)
    back = help_requests.resume(ctx, request.resume_code.lower())
    # Today's H001 is someone else's: the returning client takes today's next number.
    assert back.status == "open" and back.code == "H002" and back.position == 2
    assert back.resume_code == request.resume_code
    assert [r.code for r in help_requests.queue(ctx, by=STAFF)] == ["H001", "H002"]
    assert help_requests.claim(ctx, request.resume_code, by=STAFF).claimed_by == "staff:sari"
    assert help_requests.done(ctx, request.resume_code, by=STAFF).status == "done"
    with pytest.raises(Refused, match="request H002 is already closed") as closed:
        help_requests.resume(ctx, request.resume_code)
    # The sentence is logged, so it holds no return code; the number tells staff which.
    assert request.resume_code not in str(closed.value)
    assert (closed.value.code, closed.value.facts) == ("help.already_closed", {"request": "H002"})


@pytest.mark.parametrize("left", ["open", "in_progress"])
def test_a_request_left_on_an_earlier_day_queues_again_with_todays_next_number(
    ctx: Context, clock: FixedClock, left: str
) -> None:
    request = help_requests.open_request(ctx, "housing_allowance")
    if left == "in_progress":
        help_requests.claim(ctx, "H001", by=STAFF)
    clock.advance(days=1)
    help_requests.open_request(ctx, "computer_help")  # today's H001 is someone else's
    clock.advance(minutes=5)
    back = help_requests.resume(ctx, request.resume_code)
    assert (back.code, back.status, back.position, back.claimed_by) == ("H002", "open", 2, None)
    assert [(r.code, r.position) for r in help_requests.queue(ctx, by=STAFF)] == [("H001", 1), ("H002", 2)]


def test_a_request_resumed_the_same_day_keeps_its_number(ctx: Context, clock: FixedClock) -> None:
    request = help_requests.open_request(ctx, "housing_allowance")
    help_requests.claim(ctx, "H001", by=PEER)
    help_requests.wait_for_documents(ctx, "H001", by=PEER)
    clock.advance(hours=1)
    assert help_requests.resume(ctx, request.resume_code).code == "H001"


def test_staff_only_topic_refuses_a_peer_worker_in_the_core(ctx: Context) -> None:
    help_requests.open_request(ctx, "pension_rehabilitation")
    with pytest.raises(Refused, match="only staff may handle"):
        help_requests.claim(ctx, "H001", by=PEER)
    assert help_requests.queue(ctx, by=STAFF)[0].status == "open"
    assert help_requests.claim(ctx, "H001", by=STAFF).status == "in_progress"


def test_queue_lists_open_first_then_in_progress_then_waiting(
    ctx: Context, clock: FixedClock
) -> None:
    for topic in ("computer_help", "housing_allowance", "social_assistance"):
        help_requests.open_request(ctx, topic)
        clock.advance(seconds=10)
    help_requests.claim(ctx, "H001", by=PEER)
    help_requests.claim(ctx, "H002", by=PEER)
    help_requests.wait_for_documents(ctx, "H002", by=PEER)
    queue = help_requests.queue(ctx, by=STAFF)
    assert [(r.code, r.status, r.position) for r in queue] == [
        ("H003", "open", 1),
        ("H001", "in_progress", None),
        ("H002", "waiting_docs", None),
    ]


def test_opening_details_is_logged_with_who_and_what(ctx: Context) -> None:
    help_requests.open_request(ctx, "social_assistance", kiosk_id="lounge-1")
    help_requests.add_note(ctx, "H001", "bank statements missing", by=STAFF)
    with pytest.raises(Refused, match="only staff can do this, not a peer worker"):
        help_requests.add_note(ctx, "H001", "x", by=PEER)
    details = help_requests.details(ctx, "H001", by=STAFF)
    assert [n.text for n in details.notes] == ["bank statements missing"]
    assert [(h.action, h.actor) for h in details.history] == [
        ("help.open", "kiosk:lounge-1"),
        ("help.note", "staff:sari"),
        ("help.view", "staff:sari"),
    ]
    again = help_requests.details(ctx, "H001", by=add_staff(ctx, "timo"))
    assert again.history[-1].actor == "staff:timo"


def test_unknown_topic_and_code_say_what_to_do(ctx: Context) -> None:
    with pytest.raises(NotFound, match='no help topic "pizza"; choose one of social_assistance'):
        help_requests.open_request(ctx, "pizza")
    with pytest.raises(NotFound, match="check the code on the slip") as unknown:
        help_requests.resume(ctx, "qqqq-qq")
    # Neither in the sentence nor in the facts: both may reach a log, and a mistyped return
    # code is one letter from a real one.
    assert "QQQQQQ" not in str(unknown.value).upper()
    assert (unknown.value.code, unknown.value.facts) == ("help.return_code_unknown", {})


def test_retention_purges_old_notes_and_closed_requests_only(
    ctx: Context, clock: FixedClock
) -> None:
    help_requests.open_request(ctx, "social_assistance")
    help_requests.open_request(ctx, "computer_help")
    help_requests.add_note(ctx, "H001", "old note", by=STAFF)
    help_requests.claim(ctx, "H002", by=STAFF)
    help_requests.done(ctx, "H002", by=STAFF)
    clock.advance(days=31)
    help_requests.add_note(ctx, "H001", "fresh note", by=STAFF)
    first = retention.purge(ctx, by=CLI)
    assert (first.help_notes, first.help_requests) == (1, 0)
    clock.advance(days=180)
    second = retention.purge(ctx, by=CLI)
    # The done request goes; the open one, untouched for longer than
    # retention.unfinished_help_days, is closed now and goes with the closed ones later.
    assert second.help_requests == 1 and second.help_notes == 1
    assert second.help_aged_out == 1
    with ctx.reading() as session:
        assert session.query(HelpNote).count() == 0
    assert help_requests.queue(ctx, by=STAFF) == []


def test_staff_only_topic_is_closed_to_peer_workers_at_every_step(ctx: Context) -> None:
    help_requests.open_request(ctx, "pension_rehabilitation")
    help_requests.claim(ctx, "H001", by=STAFF)
    for step in (help_requests.wait_for_documents, help_requests.done, help_requests.cancel):
        with pytest.raises(Refused, match="only staff may handle"):
            step(ctx, "H001", by=PEER)
    with pytest.raises(Refused, match="only staff can do this, not a peer worker"):
        help_requests.details(ctx, "H001", by=PEER)
    assert help_requests.queue(ctx, by=STAFF)[0].status == "in_progress"


def test_yesterdays_open_requests_hold_no_place_in_todays_queue(
    ctx: Context, clock: FixedClock
) -> None:
    help_requests.open_request(ctx, "computer_help")  # the client went home
    clock.advance(days=1)
    today = help_requests.open_request(ctx, "housing_allowance")
    assert (today.code, today.position, today.estimated_wait_min) == ("H001", 1, 0)
    queue = help_requests.queue(ctx, by=STAFF)
    assert [(r.topic, r.position) for r in queue] == [
        ("computer_help", None),
        ("housing_allowance", 1),
    ]


def test_a_resumed_request_is_no_longer_claimed(ctx: Context, clock: FixedClock) -> None:
    request = help_requests.open_request(ctx, "housing_allowance")
    help_requests.claim(ctx, "H001", by=PEER)
    help_requests.wait_for_documents(ctx, "H001", by=PEER)
    clock.advance(hours=2)
    back = help_requests.resume(ctx, request.resume_code)
    assert back.status == "open" and back.claimed_by is None


def test_only_a_peer_worker_on_duty_can_handle_a_request(ctx: Context, clock: FixedClock) -> None:
    help_requests.open_request(ctx, "housing_allowance")
    for number in ("99999", "9" * 30):  # the second would overflow an integer column
        with pytest.raises(Refused, match=f"there is no active peer worker {number}$"):
            help_requests.claim(ctx, "H001", by=Actor("worker", number))
    clock.advance(hours=8)  # 17:00: the sign-in was forgotten past closing time (16:00)
    with pytest.raises(Refused, match="peer worker 12 is not signed in"):
        help_requests.claim(ctx, "H001", by=PEER)
    forgotten_sign_outs.close_forgotten(
        ctx
    )  # the kiosk's sweep; staff deactivate only signed-out workers
    workers.deactivate(ctx, 12, by=STAFF)
    with pytest.raises(Refused, match="there is no active peer worker 12"):
        help_requests.wait_for_documents(ctx, "H001", by=PEER)
    assert help_requests.claim(ctx, "H001", by=STAFF).status == "in_progress"


def test_no_help_request_while_the_clinic_is_closed(ctx: Context, clock: FixedClock) -> None:
    clock.set(datetime(2026, 11, 24, 20, 0, tzinfo=UTC))  # Tuesday 22:00 in Helsinki
    with pytest.raises(Closed, match=r"opens next Wed 25\.11\. 07:30") as refused:
        help_requests.open_request(ctx, "housing_allowance")
    assert refused.value.opens_at == datetime(2026, 11, 25, 5, 30, tzinfo=UTC)
    assert help_requests.queue(ctx, by=STAFF) == []
    clock.set(datetime(2026, 11, 25, 5, 30, tzinfo=UTC))
    assert help_requests.open_request(ctx, "housing_allowance").code == "H001"


def kiosk_events(ctx: Context) -> list[tuple[str, str, str]]:
    with ctx.reading() as session:
        query = select(AuditEvent).where(AuditEvent.subject_type == "kiosk")
        return [
            (e.action, e.actor, e.subject_code)
            for e in session.scalars(query.order_by(AuditEvent.id))
        ]


def test_wrong_return_codes_pause_code_entry_on_that_kiosk_even_for_a_right_code(
    ctx: Context, clock: FixedClock
) -> None:
    request = help_requests.open_request(ctx, "housing_allowance")
    for _ in range(RESUME_TRIES - 1):
        with pytest.raises(NotFound):
            help_requests.resume(ctx, "QQQQQQ", kiosk_id="lounge-1")
    with pytest.raises(ResumePaused) as paused:
        help_requests.resume(ctx, "QQQQQQ", kiosk_id="lounge-1")
    assert paused.value.until == clock.now() + RESUME_PAUSE
    assert help_requests.resume_paused_until(ctx, kiosk_id="lounge-1") == paused.value.until
    # The core refuses while paused, whatever screen or script asks, even with a real code.
    clock.advance(seconds=59)
    with pytest.raises(ResumePaused):
        help_requests.resume(ctx, request.resume_code, kiosk_id="lounge-1")
    # Another kiosk is not paused by this one.
    assert help_requests.resume(ctx, request.resume_code, kiosk_id="lounge-2").code == "H001"
    clock.advance(seconds=1)
    assert help_requests.resume_paused_until(ctx, kiosk_id="lounge-1") is None
    assert help_requests.resume(ctx, request.resume_code, kiosk_id="lounge-1").code == "H001"
    with pytest.raises(NotFound):
        help_requests.resume(ctx, "QQQQQQ", kiosk_id="lounge-1")
    wrong = ("help.resume_wrong_code", "kiosk:lounge-1", "lounge-1")
    # The pause's end is logged when the lock is next written to, at the moment it ended.
    assert kiosk_events(ctx) == [
        *[wrong] * RESUME_TRIES,
        ("help.resume_pause", "system:lockout", "lounge-1"),
        ("help.resume_pause_expired", "system:lockout", "lounge-1"),
        wrong,
    ]


def test_a_right_return_code_does_not_clear_the_count_of_wrong_ones(ctx: Context) -> None:
    """Anyone holding one real code could otherwise guess on for ever between two uses of it."""
    request = help_requests.open_request(ctx, "housing_allowance")
    for _ in range(RESUME_TRIES - 1):
        with pytest.raises(NotFound):
            help_requests.resume(ctx, "QQQQQQ", kiosk_id="lounge-1")
        help_requests.resume(ctx, request.resume_code, kiosk_id="lounge-1")
    with pytest.raises(ResumePaused):
        help_requests.resume(ctx, "QQQQQQ", kiosk_id="lounge-1")


def test_wrong_return_codes_long_ago_no_longer_count(ctx: Context, clock: FixedClock) -> None:
    for _ in range(RESUME_TRIES - 1):
        with pytest.raises(NotFound):
            help_requests.resume(ctx, "QQQQQQ", kiosk_id="lounge-1")
    clock.advance(minutes=11)
    for _ in range(RESUME_TRIES - 1):
        with pytest.raises(NotFound):
            help_requests.resume(ctx, "QQQQQQ", kiosk_id="lounge-1")
    assert help_requests.resume_paused_until(ctx, kiosk_id="lounge-1") is None


def test_the_command_line_pauses_on_its_own_device(ctx: Context) -> None:
    for _ in range(RESUME_TRIES - 1):
        with pytest.raises(NotFound):
            help_requests.resume(ctx, "QQQQQQ")
    with pytest.raises(ResumePaused):
        help_requests.resume(ctx, "QQQQQQ")
    assert help_requests.resume_paused_until(ctx) is not None
    assert help_requests.resume_paused_until(ctx, kiosk_id="lounge-1") is None


def test_no_log_holds_the_return_code_typed(ctx: Context) -> None:
    with pytest.raises(NotFound):
        help_requests.resume(ctx, "QQQQQQ", kiosk_id="lounge-1")
    with ctx.reading() as session:
        stored = [(e.subject_code, str(e.details)) for e in session.scalars(select(AuditEvent))]
    assert stored and not any("QQQQQQ" in code or "QQQQQQ" in text for code, text in stored)


def test_a_closed_request_is_refused_but_its_code_is_no_wrong_guess(ctx: Context) -> None:
    request = help_requests.open_request(ctx, "housing_allowance")
    help_requests.claim(ctx, "H001", by=STAFF)
    help_requests.done(ctx, "H001", by=STAFF)
    for _ in range(RESUME_TRIES):
        with pytest.raises(Refused, match="already closed") as closed:
            help_requests.resume(ctx, request.resume_code, kiosk_id="lounge-1")
        assert not isinstance(closed.value, ResumePaused)
    # A real code, though closed, is not a guess: it does not count toward a pause.
    assert kiosk_events(ctx) == []
    assert help_requests.resume_paused_until(ctx, kiosk_id="lounge-1") is None


def test_opening_the_list_is_audited_once_and_a_refresh_is_not(ctx: Context) -> None:
    help_requests.open_request(ctx, "social_assistance")
    help_requests.queue(ctx, by=STAFF, record_view=True)
    help_requests.queue(ctx, by=STAFF)  # the screen reading again after a change
    with ctx.reading() as session:
        seen = list(session.scalars(select(AuditEvent).where(AuditEvent.action == "help.list")))
    assert [(e.actor, e.subject_type) for e in seen] == [("staff:sari", "help_queue")]
    with pytest.raises(Refused):
        help_requests.queue(ctx, by=Actor("kiosk", "lounge-1"), record_view=True)
