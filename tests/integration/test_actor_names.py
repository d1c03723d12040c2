"""Staff screens name the people in a request's list and history: staff and peer workers by the
display names staff know them by, for staff only."""

from __future__ import annotations

from datetime import timedelta

import pytest

from kiosk.core.actor import Actor
from kiosk.errors import Refused
from kiosk.services import actor_names, staff_accounts, workers
from kiosk.services.context import Context
from tests.support import CLI, add_staff


def test_staff_and_peer_workers_are_named_and_anyone_else_left_as_they_are(ctx: Context) -> None:
    anna = add_staff(ctx, "anna")
    today = ctx.today()
    workers.add_worker(
        ctx,
        number=12,
        display_name="Sam Peer",
        pin="583917",
        contract_start=today,
        contract_end=today + timedelta(days=30),
        by=CLI,
    )
    add_staff(ctx, "olli")
    staff_accounts.deactivate(ctx, "olli", by=CLI)
    asked = [
        "staff:anna",
        "worker:12",
        "staff:olli",  # deactivated since: still named in the history they wrote
        "staff:nobody",
        "worker:99",
        "worker:99999999999999999999",
        "kiosk:lounge-1",
        "cli:sari",
    ]
    assert actor_names.display_names(ctx, asked, by=anna) == {
        "staff:anna": "Anna",
        "worker:12": "Sam Peer",
        "staff:olli": "Olli",
    }
    assert actor_names.display_names(ctx, [], by=anna) == {}


@pytest.mark.parametrize("who", [Actor("worker", "12"), Actor("kiosk", "lounge-1")])
def test_no_one_but_staff_is_told_a_name(ctx: Context, who: Actor) -> None:
    add_staff(ctx, "anna")
    with pytest.raises(Refused) as refused:
        actor_names.display_names(ctx, ["staff:anna"], by=who)
    assert refused.value.code == "staff.not_allowed"
