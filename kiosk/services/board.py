"""What the lounge's "now serving" board shows, read in one go, and which calls are new on it.

Numbers, codes, help desks, counts and today's activities only: the board hangs on a public
wall. Peer workers on duty are a count, never who ("2 peer workers here today"): a name there
would tell the lounge that this person is in treatment.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from kiosk.services import duty, help_requests, tickets
from kiosk.services.activities import TodaysActivity, todays_activities
from kiosk.services.context import Context
from kiosk.services.lounge_overview import now_serving
from kiosk.services.views import HelpQueue, JsonView, NowServing, ServiceQueue


@dataclass(frozen=True)
class BoardView(JsonView):
    now_serving: list[NowServing]  # one per window and help desk, newest first
    queues: list[ServiceQueue]
    help: HelpQueue
    workers_on_duty: int
    activities: list[TodaysActivity]


def board_view(ctx: Context) -> BoardView:
    return BoardView(
        now_serving=now_serving(ctx),
        queues=tickets.queue_overview(ctx),
        help=help_requests.help_queue(ctx),
        workers_on_duty=workers_on_duty(ctx),
        activities=todays_activities(ctx),
    )


def workers_on_duty(ctx: Context) -> int:
    """How many peer workers are signed in now. A transaction, because a sign-out forgotten
    past closing time is closed first (kiosk.services.duty); it writes only then."""
    with ctx.transaction() as session:
        return len(duty.on_duty_since(session, ctx))


def fresh_calls(seen: Mapping[str, datetime], calls: list[NowServing]) -> list[NowServing]:
    """The calls in `calls` (newest first) that `seen` (code → when it was called) has not
    had: new numbers, and recalls, which call a number again at a later time. Oldest first,
    the order they are to be announced in."""
    return [call for call in reversed(calls) if seen.get(call.code) != call.called_at]
