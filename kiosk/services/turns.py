"""Housekeeping that kiosks sharing one database take turns at: the retention purge and the
statistics rollup.

On PostgreSQL, one at a time per key, through a transaction-level advisory lock (released when
the transaction ends): concurrent deletes of the same rows would mostly just wait on each other
anyway, but the lock rules out deadlocks and makes the second kiosk plainly find nothing left to
do. SQLite lets one writer at a time in by itself (every write transaction begins IMMEDIATE).
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session


def take_turns(session: Session, key: int, *, wait: bool) -> bool:
    """Hold `key` until `session`'s transaction ends. False: another transaction holds it and
    `wait` is off."""
    if session.get_bind().dialect.name != "postgresql":
        return True
    if wait:
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": key})
        return True
    return bool(session.scalar(text("SELECT pg_try_advisory_xact_lock(:key)"), {"key": key}))
