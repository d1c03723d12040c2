"""Creating, upgrading and checking the database schema with Alembic."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine
from sqlalchemy.exc import DatabaseError, SQLAlchemyError

from kiosk.errors import KioskError

MIGRATIONS = Path(__file__).with_name("alembic")


class SchemaError(KioskError):
    """The database is missing, not migrated, or newer than this program."""


def _config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None, "the migrations folder has no revisions"
    return head


def current_revision(engine: Engine) -> str | None:
    try:
        with engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()
    except DatabaseError as error:
        # DatabaseError, not only OperationalError: a damaged or foreign file says "file is not
        # a database", and that deserves the same one line as an unreachable server.
        raise SchemaError(
            f"cannot open the database ({error.orig}); if the file is damaged, move it aside "
            "and restore the latest backup",
            code="database.cannot_open",
            reason=str(error.orig),
        ) from None


def upgrade(engine: Engine) -> tuple[str | None, str]:
    """Bring the database to the newest schema. Returns (before, after)."""
    before = current_revision(engine)
    _refuse_unknown(before)
    config = _config()
    try:
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    except SQLAlchemyError as error:
        raise SchemaError(
            f"the database upgrade failed and was rolled back ({error})",
            code="database.upgrade_failed",
            reason=str(error),
        ) from None
    return before, head_revision()


def require_current(engine: Engine) -> None:
    """Stop any command other than `db upgrade` on a database not at the newest schema."""
    revision = current_revision(engine)
    if revision is None:
        where = engine.url.render_as_string()  # with the password hidden
        raise SchemaError(
            f"the database at {where} is not set up",
            code="database.not_set_up",
            database=where,
        )
    _refuse_unknown(revision)
    if revision != head_revision():
        raise SchemaError(
            "the database is older than this program", code="database.outdated", revision=revision
        )


def _refuse_unknown(revision: str | None) -> None:
    if revision is None:
        return
    scripts = ScriptDirectory.from_config(_config())
    try:
        scripts.get_revision(revision)
    except Exception:  # alembic raises several types for an unknown id
        raise SchemaError(
            f"the database has schema version {revision}, newer than this program knows; "
            "install the newer kiosk software (do not downgrade the database)",
            code="database.newer_than_program",
            revision=revision,
        ) from None
