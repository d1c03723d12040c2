"""Fixtures shared by every test: settings, a controlled clock, real databases."""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from kiosk.core.clock import FixedClock
from kiosk.services.context import Context
from kiosk.settings.schema import Settings
from tests.support import (
    POSTGRES_URL,
    TUESDAY_MORNING,
    default_toml,
    migrated_context,
    settings_from,
)


@pytest.fixture
def settings() -> Settings:
    return settings_from(default_toml())


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(TUESDAY_MORNING)


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'kiosk.sqlite3'}"


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A fresh, empty PostgreSQL database for one test, dropped afterwards."""
    if os.environ.get("KIOSK_REQUIRE_POSTGRES") != "1":
        pytest.skip(
            "PostgreSQL tests skipped: set KIOSK_REQUIRE_POSTGRES=1 and KIOSK_TEST_POSTGRES_URL "
            "(scripts/start-test-postgres starts a local server)"
        )
    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    name = f"kiosk_test_{uuid.uuid4().hex[:12]}"
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        _drop_database(admin, name)
        admin.dispose()


def _drop_database(admin: Engine, name: str) -> None:
    # A backend the server started itself (autovacuum after many inserts) can hold on to the
    # database for a moment; try again briefly rather than fail the test that used it.
    for attempt in range(10):
        try:
            with admin.connect() as connection:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            return
        except DBAPIError:
            if attempt == 9:
                raise
            time.sleep(0.5)


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest) -> str:
    """Each integration test runs on a real SQLite file and on a real PostgreSQL server."""
    if request.param == "sqlite":
        return request.getfixturevalue("sqlite_url")
    return request.getfixturevalue("postgres_url")


@pytest.fixture
def ctx(
    settings: Settings, tmp_path: Path, clock: FixedClock, database_url: str
) -> Iterator[Context]:
    context = migrated_context(settings, tmp_path, clock, database_url)
    yield context
    context.engine.dispose()
