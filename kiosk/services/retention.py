"""Retention purges: what the clinic no longer needs is deleted, on a schedule it configures.

The running kiosk purges at start-up and then daily (kiosk.ui.app); `kiosk db purge` does the same
on demand, e.g. from a cron job on a staff PC. A purge only deletes what is past its cut-off, so
running it again, or from several kiosks sharing one database, deletes nothing twice.

Before it deletes anything, a purge rolls up the statistics of every closed day not rolled up
yet and commits them (kiosk.services.statistics_rollup): no day's tickets or requests can be
deleted uncounted, and last year's statistics outlive them.

It deletes in batches of BATCH_ROWS, each its own short transaction (`PurgeRun.step`): a kiosk
that finds a backlog of a million tickets (a year without a purge) deletes them between
clients' numbers on its one database thread, instead of holding the database for seconds.
On SQLite each batch also hands the freed pages back to the file system (incremental vacuum).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, cast

from sqlalchemy import ColumnElement, CursorResult, Delete, delete, select
from sqlalchemy.orm import Session

from kiosk.core.actor import Actor
from kiosk.core.help_status import ACTIVE, HelpStatus
from kiosk.db.models import AuditEvent, DailyCounter, HelpNote, HelpRequest, Ticket
from kiosk.services import audit
from kiosk.services.context import Context
from kiosk.services.staff_access import require_staff
from kiosk.services.statistics_rollup import roll_up_closed_days
from kiosk.services.turns import take_turns

# PostgreSQL advisory lock key for purges ("aula" in ASCII): kiosks sharing a database take turns.
PURGE_LOCK_KEY = 0x61756C61


@dataclass(frozen=True)
class Purged:
    help_notes: int
    help_requests: int
    tickets: int
    audit_events: int
    # Help requests nobody finished, closed after retention.unfinished_help_days untouched.
    help_aged_out: int = 0


# Rows deleted per transaction: a few milliseconds of holding the database each.
BATCH_ROWS = 2_000


def purge(ctx: Context, *, by: Actor) -> Purged:
    """Delete staff notes, closed help requests, tickets and audit events past their retention.
    An unfinished help request stays while a client may still come back with its code, until
    retention.unfinished_help_days pass without a change: then it is closed (and deleted with
    the closed ones later), so the lists staff and screens read stay bounded over years.
    On demand (`by` an admin, or the command line); the kiosks purge by themselves."""
    run = start_purge(ctx, by=by, wait=True)
    assert run is not None  # a purge that waits for its turn always gets one
    while run.step():
        pass
    return run.finish()


def start_purge(ctx: Context, *, by: Actor | None, wait: bool) -> PurgeRun | None:
    """Roll up the closed days and close the requests nobody finished, in one transaction; then
    the deleting is the returned run's, one `step` at a time. None: another kiosk's purge or
    rollup is under way and `wait` is off. `by`: who asked; None for a kiosk's own
    housekeeping, which needs no one."""
    keep = ctx.settings.retention
    now = ctx.clock.now()
    with ctx.transaction() as session:
        if by is not None:
            require_staff(session, by, admin=True)
        if not take_turns(session, PURGE_LOCK_KEY, wait=wait):
            return None
        if roll_up_closed_days(session, ctx, wait=wait) is None:
            return None
        aged_out = _close_unfinished(session, ctx, now - timedelta(days=keep.unfinished_help_days))
    return PurgeRun(ctx, by, now, aged_out)


class PurgeRun:
    """One purge's deleting, a batch per `step`, then `finish` records what it did."""

    def __init__(self, ctx: Context, by: Actor | None, now: datetime, aged_out: int) -> None:
        keep = ctx.settings.retention
        self._ctx, self._by, self._now = ctx, by, now
        self._counts = {"help_notes": 0, "help_requests": 0, "tickets": 0, "audit_events": 0}
        self._aged_out = aged_out
        ticket_cutoff = ctx.today() - timedelta(days=keep.tickets_days)
        old_requests = HelpRequest.status.not_in(list(ACTIVE)) & (
            HelpRequest.updated_at < now - timedelta(days=keep.help_requests_days)
        )
        # In this order: a request's notes and topics go before the request.
        self._batches: list[tuple[str, Callable[[Session], int]]] = [
            (
                "help_notes",
                _batch(HelpNote, HelpNote.written_at < now - timedelta(days=keep.help_notes_days)),
            ),
            ("help_requests", lambda session: _requests_batch(session, old_requests)),
            ("tickets", _batch(Ticket, Ticket.business_day < ticket_cutoff)),
            ("", lambda session: _old_counters(session, ticket_cutoff)),
            (
                "audit_events",
                _batch(AuditEvent, AuditEvent.at < now - timedelta(days=keep.audit_days)),
            ),
        ]

    def step(self) -> bool:
        """Delete one batch; True while there may be more to delete."""
        if not self._batches:
            return False
        name, batch = self._batches[0]
        with self._ctx.transaction() as session:
            deleted = batch(session)
        if name:
            self._counts[name] += deleted
        if deleted < BATCH_ROWS:
            self._batches.pop(0)
        _give_back_free_pages(self._ctx)
        return bool(self._batches)

    def finish(self) -> Purged:
        result = Purged(**self._counts, help_aged_out=self._aged_out)
        with self._ctx.transaction() as session:
            audit.record(
                session,
                self._ctx,
                "retention.purge",
                audit.Subject("database"),
                actor=self._by or self._ctx.device_actor,
                details=result.__dict__,
                at=self._now,
            )
        return result


def _batch(model: type[Any], condition: ColumnElement[bool]) -> Callable[[Session], int]:
    def delete_some(session: Session) -> int:
        chosen = select(model.id).where(condition).limit(BATCH_ROWS)
        return _deleted(session, delete(model).where(model.id.in_(chosen)))

    return delete_some


def _old_counters(session: Session, cutoff: date) -> int:
    """The numbering counters of days whose tickets are gone: a few rows per service and day,
    all at once, and not counted in the purge's report."""
    session.execute(delete(DailyCounter).where(DailyCounter.business_day < cutoff))
    return 0


def _requests_batch(session: Session, old_requests: ColumnElement[bool]) -> int:
    ids = list(session.scalars(select(HelpRequest.id).where(old_requests).limit(BATCH_ROWS)))
    if not ids:
        return 0
    # Notes go first explicitly: SQLite only cascades when foreign keys are on, and a database
    # copied around by hand may have lost that.
    session.execute(delete(HelpNote).where(HelpNote.request_id.in_(ids)))
    _forget_topics(session, ids)
    return _deleted(session, delete(HelpRequest).where(HelpRequest.id.in_(ids)))


def _give_back_free_pages(ctx: Context) -> None:
    """SQLite keeps the pages of deleted rows for reuse; a file made with incremental
    auto-vacuum (kiosk.db.engine) hands a batch's worth back to the disk. On an older file it
    does nothing: `kiosk db vacuum` converts one, once, while no kiosk uses it."""
    if ctx.engine.dialect.name == "sqlite":
        # executescript, not execute: Python's sqlite3 steps a statement once, which frees
        # one page; a script runs it to the end.
        raw = ctx.engine.raw_connection()
        try:
            driver = raw.driver_connection
            assert driver is not None  # a pooled connection always has one
            driver.executescript(f"PRAGMA incremental_vacuum({BATCH_ROWS});")
        finally:
            raw.close()


def _close_unfinished(session: Session, ctx: Context, untouched_since: datetime) -> int:
    stale = session.scalars(
        select(HelpRequest)
        .where(HelpRequest.status.in_(list(ACTIVE)), HelpRequest.updated_at < untouched_since)
        .with_for_update()
    ).all()
    for request in stale:
        before = request.status
        request.status = HelpStatus.CANCELLED
        request.updated_at = ctx.clock.now()
        audit.record(
            session,
            ctx,
            "help.aged_out",
            request,
            actor=ctx.device_actor,
            details={"from": str(before), "to": HelpStatus.CANCELLED.value},
        )
    return len(stale)


def _forget_topics(session: Session, request_ids: list[int]) -> None:
    """Events about requests that go now keep who did what, but not what the request was
    about: earlier versions wrote its topic into the "help.open" event, and the audit log is
    kept longer than the request."""
    opened = select(AuditEvent).where(
        AuditEvent.subject_type == "help_request",
        AuditEvent.action == "help.open",
        AuditEvent.subject_id.in_(request_ids),
    )
    for event in session.scalars(opened):
        if "topic" in event.details:
            event.details = {k: v for k, v in event.details.items() if k != "topic"}


def _deleted(session: Session, statement: Delete) -> int:
    """Run a DELETE and say how many rows it removed."""
    return cast(CursorResult[Any], session.execute(statement)).rowcount
