"""tickets remember the screen visit that took them

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29 16:30:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("tickets", schema=None) as batch_op:
        batch_op.add_column(sa.Column("visit", sa.String(length=40), nullable=True))
        batch_op.create_unique_constraint(batch_op.f("uq_tickets_visit"), ["visit"])


def downgrade() -> None:
    with op.batch_alter_table("tickets", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_tickets_visit"), type_="unique")
        batch_op.drop_column("visit")
