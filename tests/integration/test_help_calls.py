"""Help requests called to help desks, assigned to peer workers on duty, and shown with the
tickets on the lounge's now-serving list: codes and places only."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path

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


def test_a_peer_workers_list_says_someone_else_helps_but_never_who(
    ctx: Context, clock: FixedClock
) -> None:
    sign_in_out.sign_in(ctx, worker_auth.authenticate_pin(ctx, "13", PINS[13]), task="coffee")
    for topic in ("housing_allowance", "computer_help", "social_assistance", "sickness_allowance"):
        help_requests.open_request(ctx, topic)
        clock.advance(minutes=3)
    help_requests.claim(ctx, "H001", by=STAFF)
    help_requests.claim(ctx, "H002", by=OTHER_PEER)
    help_requests.claim(ctx, "H003", by=PEER)
    help_requests.assign(ctx, "H004", 13, by=STAFF)
    seen = {r.code: (r.claimed_by, r.assigned_to) for r in help_requests.queue(ctx, by=PEER)}
    assert seen == {
        "H001": ("", None),
        "H002": ("", None),
        "H003": ("worker:12", None),
        "H004": (None, ""),
    }
    # Staff see who; and when each joined the queue, which the kiosk counts the wait from.
    for_staff = {r.code: r for r in help_requests.queue(ctx, by=STAFF)}
    assert (for_staff["H001"].claimed_by, for_staff["H004"].assigned_to) == (
        "staff:sari",
        "worker:13",
    )
    assert for_staff["H004"].queued_at == clock.now() - timedelta(minutes=3)


def test_taking_a_request_someone_else_took_is_refused_without_saying_who(ctx: Context) -> None:
    sign_in_out.sign_in(ctx, worker_auth.authenticate_pin(ctx, "13", PINS[13]), task="coffee")
    help_requests.open_request(ctx, "housing_allowance")
    help_requests.claim(ctx, "H001", by=OTHER_PEER)
    for late in (PEER, STAFF):
        with pytest.raises(Refused, match=r"^someone is already helping with H001$") as refused:
            help_requests.claim(ctx, "H001", by=late)
        assert (refused.value.code, refused.value.facts) == (
            "help.already_claimed",
            {"request": "H001"},
        )
    # Its own claim again is no race: the request is simply not open any more.
    with pytest.raises(Refused) as again:
        help_requests.claim(ctx, "H001", by=OTHER_PEER)
    assert again.value.code == "help.wrong_state"
    [claimed] = help_requests.queue(ctx, by=STAFF)
    assert claimed.claimed_by == "worker:13"


CLAIM_ROUNDS = 12


def test_two_workers_claiming_one_request_at_once_one_wins_the_other_is_told(
    ctx: Context, clock: FixedClock, database_url: str, tmp_path: Path
) -> None:
    """Two kiosks, each with its own connection pool, press "I will help" on the same request
    at the same moment, round after round: exactly one claim stands each time, and the other
    worker gets AlreadyClaimed, never an error or a second claim."""
    sign_in_out.sign_in(ctx, worker_auth.authenticate_pin(ctx, "13", PINS[13]), task="coffee")
    for _ in range(CLAIM_ROUNDS):
        help_requests.open_request(ctx, "housing_allowance")
    kiosks = [
        Context.open(ctx.settings, tmp_path, clock=clock, url=database_url, device=f"lounge-{n}")
        for n in (1, 2)
    ]
    start = threading.Barrier(2)
    outcomes: dict[Actor, list[str]] = {PEER: [], OTHER_PEER: []}

    def press(kiosk: Context, helper: Actor) -> None:
        for number in range(1, CLAIM_ROUNDS + 1):
            start.wait(timeout=30)
            try:
                help_requests.claim(kiosk, f"H{number:03}", by=helper)
                outcomes[helper].append("claimed")
            except Refused as refused:
                outcomes[helper].append(refused.code)

    try:
        with ThreadPoolExecutor(max_workers=2) as pool:
            # list(): an error in either thread is raised here.
            list(pool.map(press, kiosks, [PEER, OTHER_PEER]))
    finally:
        for kiosk in kiosks:
            kiosk.engine.dispose()
    queue = help_requests.queue(ctx, by=STAFF)
    assert {r.status for r in queue} == {"in_progress"}
    claimed_by = {r.code: r.claimed_by for r in queue}
    rounds = zip(outcomes[PEER], outcomes[OTHER_PEER], strict=True)
    for number, (first, second) in enumerate(rounds, start=1):
        assert sorted([first, second]) == ["claimed", "help.already_claimed"]
        winner = PEER if first == "claimed" else OTHER_PEER
        assert claimed_by[f"H{number:03}"] == str(winner)
    # One claim and one call per request in the history: the loser left no trace.
    actions = [action for action, _actor, _details in help_actions(ctx)]
    assert actions.count("help.claim") == CLAIM_ROUNDS
    assert actions.count("help.call") == CLAIM_ROUNDS
