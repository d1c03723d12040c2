"""Engines for SQLite (one kiosk) and PostgreSQL (several kiosks and a staff PC)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from kiosk.db.storage_errors import gone, is_damaged
from kiosk.errors import KioskError

SQLITE_BUSY_TIMEOUT_MS = 10_000
# A database error's message leaves out the statement's parameters: they hold workers' names,
# PIN hashes and resume codes, and the message ends up in a crash log or on a terminal.
QUIET = {"hide_parameters": True}


def make_engine(url: str, *, create: bool = False) -> Engine:
    """An engine for `url`. An SQLite file is made only with `create` (`kiosk db upgrade`, the
    demo): any other command finding none says so, instead of writing into a new empty file
    while the real one is elsewhere (a data directory moved or removed)."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        # Not the URL itself: it may hold the database's password, and this sentence may be logged.
        raise KioskError(
            "the database URL cannot be read; use e.g. sqlite:////var/lib/aula/kiosk.sqlite3 "
            "or postgresql+psycopg://user:password@host/dbname in KIOSK_DATABASE_URL",
            code="database.url_invalid",
            url=url,
        ) from None
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(url, parsed.database, create=create)
    if parsed.get_backend_name() == "postgresql":
        if parsed.drivername == "postgresql":
            url = parsed.set(drivername="postgresql+psycopg").render_as_string(hide_password=False)
        return create_engine(url, pool_pre_ping=True, **QUIET)
    raise KioskError(
        f"database {parsed.get_backend_name()!r} is not supported; use SQLite or PostgreSQL",
        code="database.unsupported",
        backend=parsed.get_backend_name(),
    )


def _sqlite_engine(url: str, database: str | None, *, create: bool) -> Engine:
    path = Path(database) if database and database != ":memory:" else None
    if path is not None and create:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise KioskError(
                f"cannot create the data directory {path.parent} ({error.strerror})",
                code="data_dir.cannot_create",
                folder=path.parent,
                reason=error.strerror,
            ) from None
    elif path is not None and not path.exists():
        raise KioskError(
            f"there is no database at {path}",
            code="database.not_set_up",
            path=str(path),
        )
    engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000}, **QUIET)
    file = DatabaseFile(path) if path is not None else None

    @event.listens_for(engine, "connect")
    def _configure(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy's "begin" event below issue BEGIN itself (pysqlite would defer it).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        # Takes effect only on a new, empty file: the purge can then hand freed pages back to
        # the disk a batch at a time (kiosk.services.retention). An older file keeps its mode
        # until `kiosk db vacuum`.
        cursor.execute("PRAGMA auto_vacuum=INCREMENTAL")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()
        if file is not None:
            file.check()

    @event.listens_for(engine, "begin")
    def _begin(connection: Any) -> None:
        # IMMEDIATE takes the write lock up front. With a deferred BEGIN, two kiosks that both
        # read and then write deadlock, and one gets "database is locked" instead of waiting.
        # Read-only work (the home screen's counts) asks for a plain BEGIN.
        if file is not None:
            file.check()
        mode = "DEFERRED" if connection.get_execution_options().get("read_only") else "IMMEDIATE"
        connection.exec_driver_sql(f"BEGIN {mode}")

    return engine


class DatabaseFile:
    """The SQLite file this engine opened, to notice it being removed or replaced.

    A connection open on a file whose directory was removed goes on "saving" into the unlinked
    file, and a new connection would make a fresh empty one: either way numbers would be
    reported saved and then lost. So every transaction first checks that the path still names
    the file first opened (one stat, a few microseconds)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._identity: tuple[int, int] | None = None

    def check(self) -> None:
        try:
            status = os.stat(self.path)
        except FileNotFoundError:
            raise gone(str(self.path)) from None
        identity = (status.st_dev, status.st_ino)
        if self._identity is None:
            self._identity = identity
        elif identity != self._identity:
            raise gone(str(self.path))


def integrity_problem(engine: Engine) -> str | None:
    """SQLite's own check of the file (quick_check: every page and index entry, not every
    constraint), or None when it is sound or the database is not SQLite."""
    if engine.dialect.name != "sqlite":
        return None
    try:
        with engine.connect() as connection:
            rows = [row[0] for row in connection.exec_driver_sql("PRAGMA quick_check")]
    except DBAPIError as error:
        if not is_damaged(error):
            raise
        # So damaged that even opening it fails (its header or schema page).
        return str(error.orig).splitlines()[0]
    return None if rows == ["ok"] else "; ".join(rows[:3])


def compact(engine: Engine) -> tuple[int, int]:
    """Rewrite an SQLite file without its free pages, in incremental auto-vacuum mode from now
    on (a file made before that mode existed here needs this once). Holds the whole file while
    it runs: for when no kiosk uses it. Returns the file's size in bytes before and after."""
    if engine.dialect.name != "sqlite" or not engine.url.database:
        return (0, 0)
    path = Path(engine.url.database)
    before = path.stat().st_size
    # The driver's own connection: VACUUM cannot run inside the transaction SQLAlchemy begins.
    raw = engine.raw_connection()
    try:
        for statement in (
            "PRAGMA auto_vacuum=INCREMENTAL",
            "VACUUM",
            "PRAGMA wal_checkpoint(TRUNCATE)",
        ):
            raw.cursor().execute(statement)
    finally:
        raw.close()
    return before, path.stat().st_size


def make_sessions(engine: Engine) -> tuple[sessionmaker[Session], sessionmaker[Session]]:
    """Sessions for writing, and for reading only."""
    write = sessionmaker(engine, expire_on_commit=False)
    read = sessionmaker(engine.execution_options(read_only=True), expire_on_commit=False)
    return write, read
