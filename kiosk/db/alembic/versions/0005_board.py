"""board: activities staff put on the board, and clients' anonymous feedback

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29 19:32:59.460816
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import kiosk.db.types

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "activities",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("text", sa.String(length=60), nullable=False),
        sa.Column("starts_at", sa.Time(), nullable=True),
        sa.Column("day", sa.Date(), nullable=True),
        sa.Column("weekdays", sa.String(length=27), nullable=True),
        sa.Column("created_at", kiosk.db.types.UTCDateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=48), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_activities")),
    )
    with op.batch_alter_table("activities", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_activities_day"), ["day"], unique=False)

    op.create_table(
        "visit_feedback",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("business_day", sa.Date(), nullable=False),
        sa.Column("hour", sa.Integer(), nullable=False),
        sa.Column("service", sa.String(length=1), nullable=True),
        sa.Column("face", sa.String(length=16), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_visit_feedback")),
    )
    with op.batch_alter_table("visit_feedback", schema=None) as batch_op:
        batch_op.create_index("ix_visit_feedback_day", ["business_day"], unique=False)

    op.create_table(
        "feedback_gates",
        sa.Column("kiosk_id", sa.String(length=40), nullable=False),
        sa.Column("counted_at", kiosk.db.types.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("kiosk_id", name=op.f("pk_feedback_gates")),
    )


def downgrade() -> None:
    op.drop_table("feedback_gates")
    with op.batch_alter_table("visit_feedback", schema=None) as batch_op:
        batch_op.drop_index("ix_visit_feedback_day")
    op.drop_table("visit_feedback")
    with op.batch_alter_table("activities", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_activities_day"))
    op.drop_table("activities")
