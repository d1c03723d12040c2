"""The lounge at a glance, as the home screen shows it and the coming board will: each service's
queue, the numbers called to the windows and the help requests called to the help desks, and
help with applications. Read again whenever the database changes (kiosk.db.change_feed)."""

from __future__ import annotations

from kiosk.services import help_requests, tickets
from kiosk.services.context import Context
from kiosk.services.views import LoungeOverview, NowServing


def lounge_overview(ctx: Context) -> LoungeOverview:
    return LoungeOverview(
        queues=tickets.queue_overview(ctx),
        now_serving=now_serving(ctx),
        help=help_requests.help_queue(ctx),
    )


def now_serving(ctx: Context, limit: int | None = None) -> list[NowServing]:
    """Every window's and every help desk's newest call standing now, newest first (at most
    `limit`): "A017 → window 2", "H003 → Lift computer". Codes and places only."""
    calls = [*tickets.now_serving(ctx), *help_requests.now_serving(ctx)]
    calls.sort(key=lambda call: call.called_at, reverse=True)
    return calls[:limit]
