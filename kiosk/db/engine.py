"""Engines for SQLite (one kiosk) and PostgreSQL (several kiosks and a staff PC)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.orm import Session, sessionmaker

from kiosk.errors import KioskError

SQLITE_BUSY_TIMEOUT_MS = 10_000
# A database error's message leaves out the statement's parameters: they hold workers' names,
# PIN hashes and resume codes, and the message ends up in a crash log or on a terminal.
QUIET = {"hide_parameters": True}


def make_engine(url: str) -> Engine:
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
        return _sqlite_engine(url, parsed.database)
    if parsed.get_backend_name() == "postgresql":
        if parsed.drivername == "postgresql":
            url = parsed.set(drivername="postgresql+psycopg").render_as_string(hide_password=False)
        return create_engine(url, pool_pre_ping=True, **QUIET)
    raise KioskError(
        f"database {parsed.get_backend_name()!r} is not supported; use SQLite or PostgreSQL",
        code="database.unsupported",
        backend=parsed.get_backend_name(),
    )


def _sqlite_engine(url: str, database: str | None) -> Engine:
    if database and database != ":memory:":
        folder = Path(database).parent
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise KioskError(
                f"cannot create the data directory {folder} ({error.strerror})",
                code="data_dir.cannot_create",
                folder=folder,
                reason=error.strerror,
            ) from None
    engine = create_engine(
        url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000}, **QUIET
    )

    @event.listens_for(engine, "connect")
    def _configure(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy's "begin" event below issue BEGIN itself (pysqlite would defer it).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection: Any) -> None:
        # IMMEDIATE takes the write lock up front. With a deferred BEGIN, two kiosks that both
        # read and then write deadlock, and one gets "database is locked" instead of waiting.
        # Read-only work (the home screen's counts) asks for a plain BEGIN.
        mode = "DEFERRED" if connection.get_execution_options().get("read_only") else "IMMEDIATE"
        connection.exec_driver_sql(f"BEGIN {mode}")

    return engine


def make_sessions(engine: Engine) -> tuple[sessionmaker[Session], sessionmaker[Session]]:
    """Sessions for writing, and for reading only."""
    write = sessionmaker(engine, expire_on_commit=False)
    read = sessionmaker(engine.execution_options(read_only=True), expire_on_commit=False)
    return write, read
