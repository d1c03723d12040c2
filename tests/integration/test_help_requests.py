"""Help requests on both databases: numbering, queue, states, staff-only topics, notes, audit."""

from datetime import UTC, datetime, timedelta

import pytest

from kiosk.core.actor import Actor
from kiosk.core.clock import FixedClock
from kiosk.db.models import HelpNote
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
    assert back.status == "open" and back.code == "H001" and back.position == 2
    assert help_requests.claim(ctx, request.resume_code, by=STAFF).claimed_by == "staff:sari"
    assert help_requests.done(ctx, request.resume_code, by=STAFF).status == "done"
    with pytest.raises(Refused, match="request H001 is already closed") as closed:
        help_requests.resume(ctx, request.resume_code)
    # The sentence is logged, so it holds no return code; the number tells staff which.
    assert request.resume_code not in str(closed.value)
    assert (closed.value.code, closed.value.facts) == ("help.already_closed", {"request": "H001"})


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
    # Not in the sentence, which may be logged; a front door may show the person what they typed.
    assert "QQQQQQ" not in str(unknown.value).upper()
    assert (unknown.value.code, unknown.value.facts) == (
        "help.return_code_unknown",
        {"given": "QQQQQQ"},
    )


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
    # The done request goes; the open one stays however old, its client may come back.
    assert second.help_requests == 1 and second.help_notes == 1
    with ctx.reading() as session:
        assert session.query(HelpNote).count() == 0
    assert [r.topic for r in help_requests.queue(ctx, by=STAFF)] == ["social_assistance"]


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
