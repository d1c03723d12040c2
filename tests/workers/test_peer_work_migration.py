"""Migration 0002 creates the peer-work tables and undoes cleanly. That they match the models
is tests/integration/test_schema.py's."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from sqlalchemy import inspect

from kiosk.db import migrations
from kiosk.db.engine import make_engine

PEER_TABLES = {
    "workers",
    "work_sessions",
    "shifts",
    "absences",
    "pin_locks",
    "pin_failures",
    "paid_periods",
}


def test_upgrade_makes_open_sessions_unique_per_worker(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'kiosk.sqlite3'}", create=True)
    assert migrations.upgrade(engine) == (None, migrations.head_revision())
    with engine.connect() as connection:
        indexes = {i["name"]: i for i in inspect(connection).get_indexes("work_sessions")}
        assert indexes["uq_work_sessions_open"]["unique"]
    engine.dispose()


def test_downgrade_to_0001_removes_only_the_peer_work_tables(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'kiosk.sqlite3'}", create=True)
    migrations.upgrade(engine)
    config = migrations._config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0001")
    tables = set(inspect(engine).get_table_names())
    assert not tables & PEER_TABLES and {"tickets", "audit_events"} <= tables
    assert migrations.upgrade(engine) == ("0001", migrations.head_revision())
    assert set(inspect(engine).get_table_names()) >= PEER_TABLES
    engine.dispose()
