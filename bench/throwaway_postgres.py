"""A throwaway PostgreSQL database for one benchmark's figures, or None when there is no server.

SQLite always runs; PostgreSQL when KIOSK_TEST_POSTGRES_URL names a server whose role may create
a database (`eval "$(scripts/start-test-postgres)"` gives one).
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url


@contextmanager
def postgres_database() -> Iterator[str | None]:
    """Its URL, dropped afterwards; or None, with the reason printed."""
    server = os.environ.get("KIOSK_TEST_POSTGRES_URL")
    if not server:
        print(
            "\nPostgreSQL: skipped; set KIOSK_TEST_POSTGRES_URL "
            '(eval "$(scripts/start-test-postgres)") for its figures'
        )
        yield None
        return
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    name = f"kiosk_bench_{uuid.uuid4().hex[:12]}"
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(server).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
