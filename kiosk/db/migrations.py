"""Creating, upgrading and checking the database schema with Alembic.

Every command checks the schema before it starts, and loading Alembic costs a command line
process about a fifth of its start-up; so the check reads the version row with one statement and
compares it with `HEAD`, and Alembic is loaded only to upgrade or to explain a mismatch.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text
from sqlalchemy.exc import DatabaseError, SQLAlchemyError

from kiosk.errors import KioskError

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).with_name("alembic")
# The newest revision in alembic/versions; a test fails when a new migration does not move it.
HEAD = "0007"
VERSION_TABLE = "alembic_version"  # Alembic's default, which env.py keeps


class SchemaError(KioskError):
    """The database is missing, not migrated, or newer than this program."""


def _config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head_revision() -> str:
    """The newest revision as Alembic reads it from the migration scripts."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None, "the migrations folder has no revisions"
    return head


def current_revision(engine: Engine) -> str | None:
    try:
        with engine.connect() as connection:
            if not inspect(connection).has_table(VERSION_TABLE):
                return None
            return connection.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalar()
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
    from alembic import command

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
    if revision == HEAD:
        return
    _refuse_unknown(revision)
    if revision != head_revision():
        raise SchemaError(
            "the database is older than this program", code="database.outdated", revision=revision
        )


def _refuse_unknown(revision: str | None) -> None:
    from alembic.script import ScriptDirectory

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
