"""Telling every open kiosk, console and board that the database changed, and noticing it.

Rather than each front door re-reading whole lists several times a second, each keeps one
`ChangeWatcher` on a thread of its own: it wakes when another connection commits, and the front
door re-reads what it shows only then.

- SQLite (several processes on one machine): a connection of the watcher's own asks
  `PRAGMA data_version` every `SQLITE_POLL_S`. The number changes when any other connection, in
  this process or another, has committed a change; never for a rollback or a transaction that
  wrote nothing. It reads no table: one check costs a few microseconds.
- PostgreSQL (kiosks and staff PCs on one server): `announce_change` sends NOTIFY inside every
  write transaction, which the server delivers on commit and drops on rollback. The watcher
  LISTENs on a connection of its own and sends nothing while nothing happens.

The watcher only says "something changed", without a topic: SQLite cannot tell what changed, and
both databases should behave the same. A front door re-reads its own few rows.

Whenever the watcher (re)connects it reports a change: something may have changed while it was
not looking. It connects again by itself after losing the database.
"""

from __future__ import annotations

import contextlib
import logging
import select
import socket
import sqlite3
import threading
import time
from typing import TYPE_CHECKING, Any, Protocol

from sqlalchemy import Engine, event, text
from sqlalchemy.orm import ORMExecuteState, Session, UOWTransaction

if TYPE_CHECKING:
    import psycopg

log = logging.getLogger(__name__)

CHANNEL = "aula_changes"
SQLITE_POLL_S = 0.1
RECONNECT_S = 1.0
# A LISTEN connection whose server or network vanished without a word would otherwise wait for
# ever; TCP keepalives find it dead within about half a minute.
POSTGRES_OPTIONS: dict[str, Any] = {
    "connect_timeout": 5,
    "keepalives": 1,
    "keepalives_idle": 10,
    "keepalives_interval": 5,
    "keepalives_count": 3,
}

_NOTIFY = text("SELECT pg_notify(:channel, '')")
# Set in a session's `info` once it has inserted, updated or deleted a row.
_WROTE = "aula.wrote"


@event.listens_for(Session, "after_flush")
def _flushed(session: Session, _flush: UOWTransaction) -> None:
    # Called only for a flush with something to write; the unit of work's rows.
    session.info[_WROTE] = True


@event.listens_for(Session, "do_orm_execute")
def _executed(state: ORMExecuteState) -> None:
    # INSERT, UPDATE and DELETE statements run outside the unit of work (numbering, purges).
    if state.is_insert or state.is_update or state.is_delete:
        state.session.info[_WROTE] = True


def announce_change(session: Session) -> None:
    """At the end of a transaction: on PostgreSQL, if it wrote a row, have every watcher woken
    when it commits. A read or a row lock alone (SELECT … FOR UPDATE, which does take a
    transaction id) wakes nobody. On SQLite the commit itself is what watchers see."""
    if session.get_bind().dialect.name != "postgresql":
        return
    session.flush()
    if session.info.pop(_WROTE, False):
        session.execute(_NOTIFY, {"channel": CHANNEL})


class _Feed(Protocol):
    """One database's way of noticing commits, on one connection of its own."""

    errors: tuple[type[Exception], ...]  # what this database raises when the connection is lost
    statements: int

    def open(self) -> None: ...

    def changed_within(self, seconds: float, wake: socket.socket) -> bool:
        """True when the database changed; False after `seconds`, or at once when `wake`
        becomes readable."""

    def close(self) -> None: ...


class ChangeWatcher:
    """Waits for another connection's commit.

    One thread calls `wait` (again and again) and finally `close`; any thread may call `stop`,
    which makes a waiting `wait` return False at once.
    """

    def __init__(self, engine: Engine, *, sqlite_poll_s: float = SQLITE_POLL_S) -> None:
        cargs, cparams = engine.dialect.create_connect_args(engine.url)
        self._feed: _Feed
        if engine.dialect.name == "postgresql":
            self._feed = _PostgresFeed(dict(cparams))
        else:
            uri = bool(cparams.get("uri", False))
            self._feed = _SqliteFeed(str(cargs[0]), uri, sqlite_poll_s)
        self._stopping = threading.Event()
        # `stop` writes a byte here to wake a wait blocked in select(): a socket pair, because
        # select() takes only sockets on Windows.
        self._wake, self._waker = socket.socketpair()
        self._open = False
        self._next_attempt = 0.0
        self._lost = False

    @property
    def statements(self) -> int:
        """How many statements the watcher has sent (data_version checks, LISTENs): its load."""
        return self._feed.statements

    def wait(self, timeout: float) -> bool:
        """Block until the database changed (True), or `timeout` seconds passed or `stop` was
        called (False). A (re)connection counts as a change."""
        deadline = time.monotonic() + timeout
        while not self._stopping.is_set():
            left = deadline - time.monotonic()
            if not self._open:
                if time.monotonic() >= self._next_attempt and self._connect():
                    return True
                pause = min(left, self._next_attempt - time.monotonic())
                if left <= 0 or self._stopping.wait(max(pause, 0.0)):
                    return False
                continue
            try:
                return self._feed.changed_within(max(left, 0.0), self._wake)
            except self._feed.errors as error:
                self._drop(error)
        return False

    def stop(self) -> None:
        self._stopping.set()
        with contextlib.suppress(OSError):  # closed already: nothing waits
            self._waker.send(b"!")

    def close(self) -> None:
        self.stop()
        if self._open:
            self._open = False
            self._feed.close()
        self._wake.close()
        self._waker.close()

    def _connect(self) -> bool:
        try:
            self._feed.open()
        except self._feed.errors as error:
            self._close_quietly()
            self._next_attempt = time.monotonic() + RECONNECT_S
            if not self._lost:
                self._lost = True
                log.warning("cannot watch the database for changes (%s); trying again", error)
            return False
        self._open = True
        if self._lost:
            self._lost = False
            log.info("watching the database for changes again")
        return True

    def _drop(self, error: Exception) -> None:
        log.warning("lost the database connection that watches for changes (%s)", error)
        self._lost = True
        self._open = False
        self._next_attempt = time.monotonic()
        self._close_quietly()

    def _close_quietly(self) -> None:
        with contextlib.suppress(*self._feed.errors):  # the connection is gone already
            self._feed.close()


class _SqliteFeed:
    errors: tuple[type[Exception], ...] = (sqlite3.Error,)

    def __init__(self, database: str, uri: bool, poll_s: float) -> None:
        self._database, self._uri, self._poll_s = database, uri, poll_s
        self._db: sqlite3.Connection | None = None
        self._version = 0
        self.statements = 0

    def open(self) -> None:
        # Autocommit: the check must not hold a read transaction open between polls.
        self._db = sqlite3.connect(
            self._database, uri=self._uri, check_same_thread=False, isolation_level=None
        )
        self._version = self._data_version()

    def changed_within(self, seconds: float, wake: socket.socket) -> bool:
        deadline = time.monotonic() + seconds
        while True:
            version = self._data_version()
            if version != self._version:
                self._version = version
                return True
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            woken, _, _ = select.select([wake], [], [], min(self._poll_s, left))
            if woken:
                return False

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    def _data_version(self) -> int:
        assert self._db is not None
        self.statements += 1
        (version,) = self._db.execute("PRAGMA data_version").fetchone()
        return int(version)


class _PostgresFeed:
    def __init__(self, cparams: dict[str, Any]) -> None:
        import psycopg  # loaded only where PostgreSQL is used: it takes a while on a small kiosk

        self.errors: tuple[type[Exception], ...] = (psycopg.Error,)
        self._cparams = {**POSTGRES_OPTIONS, **cparams}
        self._db: psycopg.Connection[Any] | None = None
        self.statements = 0

    def open(self) -> None:
        import psycopg

        self._db = psycopg.connect(**self._cparams, autocommit=True)
        self.statements += 1
        self._db.execute(f"LISTEN {CHANNEL}")

    def changed_within(self, seconds: float, wake: socket.socket) -> bool:
        assert self._db is not None
        deadline = time.monotonic() + seconds
        # Sleep in select() on the connection's socket itself: psycopg's own notifies(timeout)
        # wakes ten times a second, which costs more than SQLite's polling.
        server, stop = self._db.fileno(), wake.fileno()
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            ready, _, _ = select.select([server, stop], [], [], left)
            if stop in ready:
                return False
            # Everything that has arrived, so a burst of commits is one change. A lost
            # connection raises here.
            arrived = list(self._db.notifies(timeout=0)) if ready else []
            if arrived:
                return True

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None
