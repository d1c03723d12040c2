"""The lounge at a glance, as the home screen shows it and the coming board will: each service's
queue, the number called to each window, and help with applications. Read again whenever the
database changes (kiosk.db.change_feed)."""

from __future__ import annotations

from kiosk.services import help_requests, tickets
from kiosk.services.context import Context
from kiosk.services.views import LoungeOverview


def lounge_overview(ctx: Context) -> LoungeOverview:
    return LoungeOverview(
        queues=tickets.queue_overview(ctx),
        now_serving=tickets.now_serving(ctx),
        help=help_requests.help_queue(ctx),
    )
