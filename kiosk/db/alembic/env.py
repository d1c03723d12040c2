"""Alembic environment. The kiosk runs migrations in-process (`kiosk db upgrade`), passing its own
connection, so there is no alembic.ini to keep in step with the configuration."""

from __future__ import annotations

from alembic import context

# Each models module's tables join Base.metadata when it is imported.
from kiosk.db import lounge_models, staff_models, statistics_models, worker_models  # noqa: F401
from kiosk.db.models import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    # SQLite cannot ALTER most things; batch mode copies the table instead.
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
