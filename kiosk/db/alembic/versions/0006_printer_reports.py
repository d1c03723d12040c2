"""each kiosk's printer state says when the kiosk last reported it

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-29 20:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from kiosk.db.types import UTCDateTime

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("printer_states", schema=None) as batch_op:
        batch_op.add_column(sa.Column("reported_at", UTCDateTime(), nullable=True))
    # A state stored before this column was last reported when it changed.
    op.execute("UPDATE printer_states SET reported_at = changed_at")
    with op.batch_alter_table("printer_states", schema=None) as batch_op:
        batch_op.alter_column("reported_at", existing_type=UTCDateTime(), nullable=False)


def downgrade() -> None:
    with op.batch_alter_table("printer_states", schema=None) as batch_op:
        batch_op.drop_column("reported_at")
