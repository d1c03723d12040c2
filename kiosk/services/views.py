"""What the use cases hand back: plain, frozen values safe to pass between threads.

The screens, the CLI and the printer get these, never ORM objects, so nothing outside a
transaction can lazy-load from a closed session or hold a database row across the Kivy main loop.
They carry numbers and codes only: no client data exists to leak.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any, cast


def _jsonable(value: Any) -> Any:
    # Euros go out as "12.00", never as a float that prints 11.999999.
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    return value


class JsonView:
    """Mixed into the frozen view dataclasses: `--json` output and the staff console's data."""

    def to_json(self) -> dict[str, Any]:
        return cast(dict[str, Any], _jsonable(asdict(cast(Any, self))))


@dataclass(frozen=True)
class TicketView(JsonView):
    code: str  # "A017"
    service: str  # the letter, "A"
    number: int
    status: str  # waiting | called | served | no_show | cancelled
    business_day: date
    taken_at: datetime  # aware, UTC
    ahead: int  # waiting tickets of the same service taken before this one
    estimated_wait_min: int
    window: int | None = None
    called_at: datetime | None = None
    call_count: int = 0  # 2 and more: called again
    # True when the same visit already took this ticket: handed back, not a second number.
    repeated: bool = False


@dataclass(frozen=True)
class HelpRequestView(JsonView):
    code: str  # "H003"
    number: int
    topic: str  # topic id from the configuration
    status: str  # open | in_progress | waiting_docs | done | cancelled | not_present
    # The short code the client keeps to come back another day; "" in a peer worker's list.
    resume_code: str
    business_day: date
    created_at: datetime
    queued_at: datetime  # when it last joined the queue: opened, or back with the papers
    position: int | None  # 1 = next to be helped; None once no longer waiting
    estimated_wait_min: int | None
    has_credentials: bool = False
    has_documents: bool = False
    needs_interpreter: bool = False
    # Who is helping ("staff:anna", "worker:12") and the peer worker staff gave it to. In a peer
    # worker's list, anyone but that worker is "": someone, never who (the screen is public).
    claimed_by: str | None = None
    assigned_to: str | None = None
    place: str | None = None  # the help desk (a help.places id) it was last called to
    called_at: datetime | None = None
    call_count: int = 0
    updated_at: datetime | None = None  # its last change (for one waiting for documents: since)


@dataclass(frozen=True)
class ServiceQueue(JsonView):
    """One service as the home screen shows it."""

    service: str
    waiting: int
    estimated_wait_min: int
    open_now: bool
    opens_next: datetime | None
    # When the first in line took their number: how long they have waited. None: nobody waits.
    first_waiting_since: datetime | None = None


@dataclass(frozen=True)
class NowServing(JsonView):
    """A number called to a window ("A017 → window 2") or a help request called to a help desk
    ("H003 → Lift computer"): one of `window` and `place` (a help.places id) is set."""

    code: str
    called_at: datetime
    window: int | None = None
    place: str | None = None


@dataclass(frozen=True)
class WindowOverview(JsonView):
    """What staff at a dispensing or nurse window see: the number called there now, and each
    service served there."""

    window: int
    queues: list[ServiceQueue]
    # The newest number called to this window, while it is still called; None once it was
    # served or marked not present (or before the first call today).
    current: TicketView | None


@dataclass(frozen=True)
class HelpQueue(JsonView):
    """Help with applications as the home screen shows it."""

    waiting: int
    estimated_wait_min: int  # for someone who asks now
    open_now: bool
    opens_next: datetime | None  # while closed: when the clinic opens next (None: never)


@dataclass(frozen=True)
class LoungeOverview(JsonView):
    """The lounge at a glance: each service's queue, each window's number, and help."""

    queues: list[ServiceQueue]
    now_serving: list[NowServing]  # one per window and per help desk, newest first
    help: HelpQueue
