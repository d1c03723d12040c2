"""The audit log as admins read it: who did or saw what, when and from where, newest first,
filtered by day, by actor and by kind.

Admins only (kiosk.services.staff_access). Reading it is itself recorded ("audit.view", with the
filters used) in the same transaction as the read, like every other view of details: who looked
at who did what is as much a client's right to know.

Actors come with the names staff know them by (kiosk.services.actor_names), for the admin's
eyes only. An event's details never hold a PIN, a hash, a badge token or a return code: the use
cases never write one there (tests/integration/test_audit_coverage.py checks the log after a
day's work).

A kind is an action ("help.view") or the group before its dot ("help": every help-request
event). The groups are KINDS; a test finds every action the code records and checks that each
falls in one, so a new kind of event cannot be missing from the console's filter.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import or_, select

from kiosk.core.actor import Actor
from kiosk.core.business_day import business_day_start
from kiosk.db.models import AuditEvent
from kiosk.errors import KioskError
from kiosk.services import audit
from kiosk.services.actor_names import names_in
from kiosk.services.audit import Subject
from kiosk.services.context import Context
from kiosk.services.staff_access import require_staff
from kiosk.services.views import JsonView

# The groups of actions, in the order the console offers them.
KINDS = (
    "staff",
    "help",
    "ticket",
    "work",
    "worker",
    "pin",
    "shift",
    "absence",
    "payout",
    "pay_period",
    "printer",
    "people",
    "activity",
    "kiosk",
    "retention",
    "statistics",
    "audit",
)
DEFAULT_LIMIT = 500
MAX_LIMIT = 10_000


@dataclass(frozen=True)
class AuditFilter:
    """Which events: business days `since` to `until` (both included; None: no bound), one
    actor ("staff:anna"; None: anyone), one kind (an action or a group in KINDS; None: all)."""

    since: date | None = None
    until: date | None = None
    actor: str | None = None
    kind: str | None = None

    def __post_init__(self) -> None:
        if self.since and self.until and self.until < self.since:
            raise KioskError(
                f"the days end ({self.until.isoformat()}) before they start "
                f"({self.since.isoformat()}); choose an end on or after the start",
                code="audit.days_invalid",
                since=self.since.isoformat(),
                until=self.until.isoformat(),
            )
        if self.kind is not None and not _is_kind(self.kind):
            raise KioskError(
                f'"{self.kind}" is not a kind of event; choose one of {", ".join(KINDS)}, '
                "or an action such as help.view",
                code="audit.kind_unknown",
                kind=self.kind,
            )

    @classmethod
    def of(
        cls,
        *,
        since: date | None = None,
        until: date | None = None,
        actor: str | None = None,
        kind: str | None = None,
    ) -> AuditFilter:
        """As typed: an actor "anna" is staff:anna (kiosk.core.actor), a kind is lower case."""
        who = str(Actor.parse(actor.strip())) if actor and actor.strip() else None
        what = kind.strip().lower() if kind and kind.strip() else None
        return cls(since=since, until=until, actor=who, kind=what)

    def to_json(self) -> dict[str, str]:
        shown = {
            "since": self.since.isoformat() if self.since else None,
            "until": self.until.isoformat() if self.until else None,
            "actor": self.actor,
            "kind": self.kind,
        }
        return {key: value for key, value in shown.items() if value is not None}


@dataclass(frozen=True)
class AuditEntry(JsonView):
    id: int
    at: datetime
    actor: str  # "staff:anna", "worker:12", "kiosk:lounge-1", "cli:sari"
    actor_name: str  # the display name of a staff account or peer worker, else ""
    device: str
    action: str  # "help.view"
    subject_type: str
    subject_code: str
    details: dict[str, Any]


@dataclass(frozen=True)
class AuditLog(JsonView):
    filter: dict[str, str]
    entries: tuple[AuditEntry, ...]  # newest first
    more: bool  # more events match than `limit`: narrow the filter to see them


def list_events(
    ctx: Context, chosen: AuditFilter, *, by: Actor, limit: int = DEFAULT_LIMIT
) -> AuditLog:
    """The newest `limit` events that match `chosen`, as admin `by` may see them; recorded."""
    if not 1 <= limit <= MAX_LIMIT:
        raise KioskError(
            f"show 1 to {MAX_LIMIT} events at a time, not {limit}",
            code="audit.limit_invalid",
            limit=limit,
        )
    with ctx.transaction() as session:
        require_staff(session, by, admin=True)
        query = select(AuditEvent).order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
        rows = list(session.scalars(_where(query, ctx, chosen).limit(limit + 1)))
        more = len(rows) > limit
        rows = rows[:limit]
        names = names_in(session, {row.actor for row in rows})
        entries = tuple(_entry(row, names) for row in rows)
        # After the read, so the log shown does not show its own viewing.
        audit.record(
            session,
            ctx,
            "audit.view",
            Subject("audit_log"),
            actor=by,
            details={"filter": chosen.to_json(), "shown": len(entries)},
        )
    return AuditLog(filter=chosen.to_json(), entries=entries, more=more)


def _where(query: Any, ctx: Context, chosen: AuditFilter) -> Any:
    clinic = ctx.settings.clinic
    if chosen.since is not None:
        start = business_day_start(chosen.since, clinic.zone, clinic.business_day_start)
        query = query.where(AuditEvent.at >= start)
    if chosen.until is not None:
        next_day = chosen.until + timedelta(days=1)
        end = business_day_start(next_day, clinic.zone, clinic.business_day_start)
        query = query.where(AuditEvent.at < end)
    if chosen.actor is not None:
        query = query.where(AuditEvent.actor == chosen.actor)
    if chosen.kind is not None:
        query = query.where(
            or_(
                AuditEvent.action == chosen.kind,
                AuditEvent.action.startswith(f"{chosen.kind}.", autoescape=True),
            )
        )
    return query


def _is_kind(kind: str) -> bool:
    group, _, rest = kind.partition(".")
    return group in KINDS and (not rest or rest.replace("_", "").replace(".", "").isalnum())


def _entry(row: AuditEvent, names: dict[str, str]) -> AuditEntry:
    return AuditEntry(
        id=row.id,
        at=row.at,
        actor=row.actor,
        actor_name=names.get(row.actor, ""),
        device=row.device,
        action=row.action,
        subject_type=row.subject_type,
        subject_code=row.subject_code,
        details=dict(row.details or {}),
    )
