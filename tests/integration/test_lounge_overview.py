"""The lounge overview the home screen shows: queues, each window's number, and help."""

from datetime import UTC, datetime

import pytest

from kiosk.core.actor import Actor
from kiosk.core.clock import FixedClock
from kiosk.services import help_requests, tickets
from kiosk.services.context import Context
from kiosk.services.lounge_overview import lounge_overview
from tests.support import add_staff

NURSE = Actor("staff", "anna")


@pytest.fixture(autouse=True)
def nurse_account(ctx: Context) -> None:
    add_staff(ctx, "anna")


def test_help_waiting_counts_todays_open_requests_only(ctx: Context, clock: FixedClock) -> None:
    help_requests.open_request(ctx, "computer_help")  # yesterday's: the client went home
    clock.advance(days=1)
    for _ in range(3):
        help_requests.open_request(ctx, "housing_allowance")
    help_requests.cancel(ctx, "H002", by=NURSE)
    help = lounge_overview(ctx).help
    assert (help.waiting, help.estimated_wait_min) == (2, 40)  # 20 minutes per request
    assert (help.open_now, help.opens_next) == (True, None)


def test_the_help_wait_shown_is_the_wait_the_next_client_is_told(
    ctx: Context, clock: FixedClock
) -> None:
    for _ in range(4):
        shown = lounge_overview(ctx).help.estimated_wait_min
        told = help_requests.open_request(ctx, "housing_allowance").estimated_wait_min
        assert shown == told
        clock.advance(minutes=1)


def test_closed_help_says_when_the_clinic_opens(ctx: Context, clock: FixedClock) -> None:
    clock.set(datetime(2026, 11, 24, 20, 0, tzinfo=UTC))  # Tuesday 22:00 in Helsinki
    help = lounge_overview(ctx).help
    assert (help.open_now, help.opens_next) == (False, datetime(2026, 11, 25, 5, 30, tzinfo=UTC))


def test_each_window_shows_only_its_newest_call_newest_first(
    ctx: Context, clock: FixedClock
) -> None:
    for service in "AAAAB":
        tickets.take_number(ctx, service)
    for window, service in ((2, "A"), (1, "A"), (2, "A"), (3, "B"), (2, "A")):
        tickets.call_next(ctx, window, by=NURSE, service_id=service)
        clock.advance(seconds=30)
    overview = lounge_overview(ctx)
    assert [(n.code, n.window) for n in overview.now_serving] == [
        ("A004", 2),
        ("B001", 3),
        ("A002", 1),
    ]
    assert [(q.service, q.waiting) for q in overview.queues] == [("A", 0), ("B", 0)]


def test_a_window_recalling_an_earlier_number_shows_that_number(
    ctx: Context, clock: FixedClock
) -> None:
    for _ in range(2):
        tickets.take_number(ctx, "A")
    tickets.call_next(ctx, 2, by=NURSE)
    clock.advance(minutes=1)
    tickets.call_next(ctx, 2, by=NURSE)
    clock.advance(minutes=1)
    tickets.recall(ctx, "A001", by=NURSE)  # the first client came back after all
    assert [(n.code, n.window) for n in tickets.now_serving(ctx)] == [("A001", 2)]


def test_a_window_whose_number_was_served_shows_none_of_its_passed_over_numbers(
    ctx: Context, clock: FixedClock
) -> None:
    for _ in range(2):
        tickets.take_number(ctx, "A")
    tickets.call_next(ctx, 2, by=NURSE)  # A001 does not come
    clock.advance(minutes=1)
    tickets.call_next(ctx, 2, by=NURSE)
    clock.advance(minutes=1)
    tickets.serve(ctx, "A002", by=NURSE)
    assert tickets.now_serving(ctx) == []
