"""The migrations build exactly the tables the models describe, and Alembic's env.py sees them
all, so a model change without its migration (or a model env.py cannot see) fails here."""

from __future__ import annotations

import importlib
import pkgutil
import subprocess
import sys
import textwrap

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

import kiosk.db
from kiosk.db import migrations
from kiosk.db.engine import make_engine
from kiosk.db.models import Base

# What `kiosk db upgrade` does, then autogenerate as `alembic check` runs it: through env.py,
# in a fresh interpreter where no test has imported a model module env.py forgot.
CHECK_THROUGH_ENV = textwrap.dedent(
    """
    import sys
    from alembic import command
    from kiosk.db import migrations
    from kiosk.db.engine import make_engine

    engine = make_engine(sys.argv[1], create=True)
    migrations.upgrade(engine)
    config = migrations._config()
    with engine.connect() as connection:
        config.attributes["connection"] = connection
        command.check(config)
    """
)


def test_migrated_database_matches_every_model(database_url: str) -> None:
    for module in pkgutil.iter_modules(kiosk.db.__path__, "kiosk.db."):
        importlib.import_module(module.name)
    engine = make_engine(database_url, create=True)
    migrations.upgrade(engine)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []
    engine.dispose()
    assert {"tickets", "workers", "pin_locks", "printer_states"} <= set(Base.metadata.tables)


def test_alembic_env_sees_every_model(database_url: str) -> None:
    checked = subprocess.run(
        [sys.executable, "-c", CHECK_THROUGH_ENV, database_url],
        capture_output=True,
        text=True,
        timeout=90,
    )
    assert checked.returncode == 0, checked.stderr[-2000:]
    assert "No new upgrade operations detected" in checked.stdout


def test_schema_check_knows_the_newest_migration() -> None:
    # Every command compares the database with migrations.HEAD instead of loading Alembic; a
    # new migration must move HEAD, or every command would call an upgraded database outdated.
    assert migrations.head_revision() == migrations.HEAD


def test_checking_the_schema_loads_no_alembic(database_url: str) -> None:
    script = textwrap.dedent(
        """
        import sys
        from kiosk.db import migrations
        from kiosk.db.engine import make_engine

        engine = make_engine(sys.argv[1])
        migrations.require_current(engine)
        print(sorted(name for name in sys.modules if name.split(".")[0] == "alembic"))
        """
    )
    engine = make_engine(database_url, create=True)
    migrations.upgrade(engine)
    assert migrations.current_revision(engine) == migrations.HEAD
    engine.dispose()
    checked = subprocess.run(
        [sys.executable, "-c", script, database_url], capture_output=True, text=True, check=True
    )
    assert checked.stdout.strip() == "[]"
