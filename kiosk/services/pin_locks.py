"""Locks against guessing a PIN, kept in the database (`pin_locks`) so they hold across kiosks,
processes and restarts.

A lock is one row per scope and key:
- "number": a peer worker's number, locked after wrong PINs in a row (kiosk.services.worker_auth);
- "kiosk": a kiosk's pause on peer-worker PIN entry after many failures there (worker_auth);
- "account": a staff account's login, locked after wrong PINs in a row; "staff": staff login
  on one device, paused after many failed logins there (both kiosk.services.staff_auth);
- "resume": return-code entry on one device, paused after wrong codes there
  (kiosk.services.help_requests).
A lock that runs out is logged when it is next looked at, at the moment it ran out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from kiosk.core.actor import Actor
from kiosk.db.worker_models import PinLock
from kiosk.services import audit
from kiosk.services.audit import Subject
from kiosk.services.context import Context

LOCKOUT = Actor("system", "lockout")


@dataclass(frozen=True)
class Lockout:
    """One lock: its row (scope, key), what the audit log names, and the action logged when the
    lock runs out."""

    scope: str
    key: str
    subject: Subject
    expired_action: str


def locked_until(session: Session, ctx: Context, lockout: Lockout) -> datetime | None:
    """When the lock opens again; None while it is open."""
    row = session.get(PinLock, (lockout.scope, lockout.key))
    return row.locked_until if row is not None and _active(row, ctx) else None


def on_record(session: Session, lockout: Lockout) -> bool:
    """Whether wrong PINs or a lock are on record, so a right PIN has something to clear."""
    return session.get(PinLock, (lockout.scope, lockout.key)) is not None


def lock_row(session: Session, ctx: Context, lockout: Lockout) -> PinLock:
    """The lock's row, created if missing and locked for this transaction. A lock that ran out
    is logged and opened first."""
    insert = postgresql_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    session.execute(
        insert(PinLock)
        .values(
            scope=lockout.scope,
            key=lockout.key,
            failures=0,
            locked_until=None,
            updated_at=ctx.clock.now(),
        )
        .on_conflict_do_nothing()
    )
    row = session.scalars(
        select(PinLock)
        .where(PinLock.scope == lockout.scope, PinLock.key == lockout.key)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).one()
    _note_expiry(session, ctx, row, lockout)
    return row


def count_wrong(
    session: Session,
    ctx: Context,
    lockout: Lockout,
    *,
    max_failures: int,
    lock_for: timedelta,
    forget_after: timedelta | None = None,
) -> datetime | None:
    """One more wrong PIN in a row. The one that makes `max_failures` locks for `lock_for` and
    starts the count again; returns until when, else None. With `forget_after`, wrong tries
    that long before this one no longer count."""
    now = ctx.clock.now()
    row = lock_row(session, ctx, lockout)
    if forget_after is not None and row.updated_at <= now - forget_after:
        row.failures = 0
    row.failures += 1
    row.updated_at = now
    if row.failures < max_failures:
        return None
    row.locked_until, row.failures = now + lock_for, 0
    return row.locked_until


def clear(session: Session, ctx: Context, lockout: Lockout) -> None:
    """A right PIN: the wrong ones before it no longer count."""
    row = session.get(PinLock, (lockout.scope, lockout.key), with_for_update=True)
    if row is None:
        return
    _note_expiry(session, ctx, row, lockout)
    session.delete(row)


def _active(row: PinLock, ctx: Context) -> bool:
    return row.locked_until is not None and row.locked_until > ctx.clock.now()


def _note_expiry(session: Session, ctx: Context, row: PinLock, lockout: Lockout) -> None:
    """A lock that ran out is an unlock too; log it at the moment it ran out."""
    if row.locked_until is not None and row.locked_until <= ctx.clock.now():
        audit.record(
            session,
            ctx,
            lockout.expired_action,
            lockout.subject,
            actor=LOCKOUT,
            at=row.locked_until,
        )
        row.locked_until = None
