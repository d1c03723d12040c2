"""Help requests called to help desks, assigned to peer workers on duty, and shown with the
tickets on the lounge's now-serving list: codes and places only."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from kiosk.core.actor import Actor
from kiosk.core.clock import FixedClock
from kiosk.db.models import AuditEvent
from kiosk.errors import NotFound, Refused
from kiosk.services import help_requests, sign_in_out, tickets, worker_auth, workers
from kiosk.services.context import Context
from kiosk.services.lounge_overview import lounge_overview, now_serving
from tests.support import add_staff

STAFF = Actor("staff", "sari")
PEER = Actor("worker", "12")
OTHER_PEER = Actor("worker", "13")
PINS = {12: "583917", 13: "690248"}


@pytest.fixture(autouse=True)
def lounge(ctx: Context) -> None:
    """Sari (staff) has an account; workers 12 and 13 exist, and 12 is signed in."""
    add_staff(ctx, "sari")
    today = ctx.today()
    for number, pin in PINS.items():
        workers.add_worker(
            ctx,
            number=number,
            display_name=f"Worker {number}",
            pin=pin,
            contract_start=today - timedelta(days=30),
            contract_end=today + timedelta(days=30),
            by=STAFF,
        )
    sign_in_out.sign_in(ctx, worker_auth.authenticate_pin(ctx, "12", PINS[12]), task="coffee")


def help_actions(ctx: Context) -> list[tuple[str, str, dict[str, object]]]:
    with ctx.reading() as session:
        rows = session.execute(
            select(AuditEvent.action, AuditEvent.actor, AuditEvent.details)
            .where(AuditEvent.subject_type == "help_request", AuditEvent.action != "help.open")
            .order_by(AuditEvent.id)
        ).all()
        return [tuple(row) for row in rows]


def strip(ctx: Context) -> list[tuple[str, int | None, str | None]]:
    return [(n.code, n.window, n.place) for n in lounge_overview(ctx).now_serving]


def test_staff_call_a_request_to_a_desk_and_calling_again_is_a_recall(
    ctx: Context, clock: FixedClock
) -> None:
    help_requests.open_request(ctx, "housing_allowance")
    called = help_requests.call(ctx, "H001", "social", by=STAFF)
    assert (called.place, called.call_count, called.status) == ("social", 1, "open")
    assert called.called_at == clock.now()
    clock.advance(minutes=2)
    again = help_requests.call(ctx, "H001", "social", by=STAFF)
    assert (again.call_count, again.called_at) == (2, clock.now())
    help_requests.call(ctx, "H001", "lift", by=STAFF)
    assert help_actions(ctx) == [
        ("help.call", "staff:sari", {"place": "social", "calls": 1}),
        ("help.recall", "staff:sari", {"place": "social", "calls": 2}),
        ("help.call", "staff:sari", {"place": "lift", "calls": 3}),
    ]


def test_a_peer_workers_claim_calls_the_request_to_their_desk(ctx: Context) -> None:
    help_requests.open_request(ctx, "housing_allowance")
    help_requests.open_request(ctx, "computer_help")
    claimed = help_requests.claim(ctx, "H001", by=PEER)
    assert (claimed.status, claimed.claimed_by, claimed.place) == (
        "in_progress",
        "worker:12",
        "lift",
    )
    # Staff call when they choose to: a claim alone calls nobody, a claim with a desk does.
    assert help_requests.claim(ctx, "H002", by=STAFF).place is None
    help_requests.cancel(ctx, "H002", by=STAFF)
    help_requests.open_request(ctx, "computer_help")
    assert help_requests.claim(ctx, "H003", by=STAFF, place="social").place == "social"
    assert [a for a, _, _ in help_actions(ctx)] == [
        "help.claim",
        "help.call",
        "help.claim",
        "help.cancel",
        "help.claim",
        "help.call",
    ]


def test_who_may_call_a_request_and_to_where(ctx: Context) -> None:
    help_requests.open_request(ctx, "pension_rehabilitation")  # staff only
    help_requests.open_request(ctx, "computer_help")
    with pytest.raises(Refused, match="only staff may handle"):
        help_requests.call(ctx, "H001", "lift", by=PEER)
    with pytest.raises(Refused, match="peer worker 13 is not signed in"):
        help_requests.call(ctx, "H002", "lift", by=OTHER_PEER)
    with pytest.raises(Refused, match="only staff can do this, not a kiosk screen") as kiosk:
        help_requests.call(ctx, "H002", "lift", by=Actor("kiosk", "lounge-1"))
    assert kiosk.value.code == "staff.not_allowed"
    with pytest.raises(NotFound, match='there is no help desk "sauna"; choose one of lift, social'):
        help_requests.call(ctx, "H002", "sauna", by=STAFF)
    assert help_requests.call(ctx, "H002", "lift", by=PEER).place == "lift"
    assert [a for a, _, _ in help_actions(ctx)] == ["help.call"]


def test_a_request_waiting_for_documents_or_closed_is_not_called(ctx: Context) -> None:
    help_requests.open_request(ctx, "housing_allowance")
    help_requests.claim(ctx, "H001", by=STAFF)
    help_requests.wait_for_documents(ctx, "H001", by=STAFF)
    with pytest.raises(Refused, match="H001 is waiting docs and cannot be called now") as waiting:
        help_requests.call(ctx, "H001", "lift", by=STAFF)
    assert (waiting.value.code, waiting.value.facts["wanted"]) == ("help.wrong_state", "called")
    help_requests.done(ctx, "H001", by=STAFF)
    with pytest.raises(Refused, match="H001 is done and cannot be called now"):
        help_requests.call(ctx, "H001", "lift", by=STAFF)


def test_the_strip_holds_windows_and_desks_one_entry_each_newest_first(
    ctx: Context, clock: FixedClock
) -> None:
    for _ in range(3):
        tickets.take_number(ctx, "A")
    for topic in ("housing_allowance", "computer_help", "social_assistance"):
        help_requests.open_request(ctx, topic)
    tickets.call_next(ctx, 1, by=STAFF)
    clock.advance(minutes=1)
    help_requests.call(ctx, "H001", "lift", by=STAFF)
    clock.advance(minutes=1)
    help_requests.call(ctx, "H002", "social", by=STAFF)
    clock.advance(minutes=1)
    tickets.call_next(ctx, 2, by=STAFF)
    assert strip(ctx) == [
        ("A002", 2, None),
        ("H002", None, "social"),
        ("H001", None, "lift"),
        ("A001", 1, None),
    ]
    clock.advance(minutes=1)
    help_requests.claim(ctx, "H003", by=PEER)  # to the Lift computer: H001 there is passed over
    assert strip(ctx)[:2] == [("H003", None, "lift"), ("A002", 2, None)]
    assert ("H001", None, "lift") not in strip(ctx)
    assert [(n.code, n.place) for n in now_serving(ctx, limit=2)] == [
        ("H003", "lift"),
        ("A002", None),
    ]


def test_a_desk_whose_request_is_closed_or_waits_for_documents_shows_nothing(
    ctx: Context, clock: FixedClock
) -> None:
    first = help_requests.open_request(ctx, "housing_allowance")
    help_requests.open_request(ctx, "computer_help")
    help_requests.claim(ctx, "H001", by=PEER)
    help_requests.call(ctx, "H002", "social", by=STAFF)
    help_requests.wait_for_documents(ctx, "H001", by=PEER)
    help_requests.not_present(ctx, "H002", by=STAFF)
    assert strip(ctx) == []
    clock.advance(hours=1)
    # Back with the documents: in the queue again, not on the strip until called again.
    assert help_requests.resume(ctx, first.resume_code).place == "lift"
    assert strip(ctx) == []
    clock.advance(minutes=1)
    help_requests.call(ctx, "H001", "lift", by=STAFF)
    assert strip(ctx) == [("H001", None, "lift")]
    assert help_actions(ctx)[-1][0] == "help.call"  # a new call, not a recall of the old one
    clock.advance(days=1)
    assert strip(ctx) == []  # yesterday's call is no one's turn today


def test_staff_assign_a_request_to_a_peer_worker_on_duty(ctx: Context) -> None:
    help_requests.open_request(ctx, "housing_allowance")
    help_requests.open_request(ctx, "pension_rehabilitation")  # staff only
    assigned = help_requests.assign(ctx, "H001", 12, by=STAFF)
    assert (assigned.assigned_to, assigned.status, assigned.claimed_by) == (
        "worker:12",
        "open",
        None,
    )
    with pytest.raises(Refused, match="peer worker 13 is not signed in"):
        help_requests.assign(ctx, "H001", 13, by=STAFF)
    with pytest.raises(Refused, match="there is no active peer worker 77"):
        help_requests.assign(ctx, "H001", 77, by=STAFF)
    with pytest.raises(Refused, match="H002 is about a topic only staff may handle"):
        help_requests.assign(ctx, "H002", 12, by=STAFF)
    with pytest.raises(Refused, match="only staff can do this, not a peer worker"):
        help_requests.assign(ctx, "H001", 12, by=PEER)
    claimed = help_requests.claim(ctx, "H001", by=PEER)
    assert (claimed.assigned_to, claimed.claimed_by) == ("worker:12", "worker:12")
    help_requests.done(ctx, "H001", by=PEER)
    with pytest.raises(Refused, match="H001 is done and cannot be assigned now"):
        help_requests.assign(ctx, "H001", 12, by=STAFF)
    assert help_actions(ctx)[0] == (
        "help.assign",
        "staff:sari",
        {"from": None, "to": "worker:12"},
    )


def test_a_peer_workers_list_leaves_out_staff_only_topics_and_return_codes(
    ctx: Context,
) -> None:
    for topic in ("housing_allowance", "pension_rehabilitation", "computer_help"):
        help_requests.open_request(ctx, topic)
    mine = help_requests.queue(ctx, by=PEER)
    assert [(r.code, r.resume_code) for r in mine] == [("H001", ""), ("H003", "")]
    assert [len(r.resume_code) for r in help_requests.queue(ctx, by=STAFF)] == [6, 6, 6]
    with pytest.raises(Refused, match="peer worker 13 is not signed in"):
        help_requests.queue(ctx, by=OTHER_PEER)
    with pytest.raises(Refused, match="only staff can do this, not a kiosk screen"):
        help_requests.queue(ctx, by=Actor("kiosk", "lounge-1"))
