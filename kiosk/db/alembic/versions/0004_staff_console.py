"""staff console: staff accounts, help desks and assignment on help requests, daily statistics

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29 17:50:32.906381
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import kiosk.db.types

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "staff_accounts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("login", sa.String(length=32), nullable=False),
        sa.Column("display_name", sa.String(length=60), nullable=False),
        sa.Column("role", sa.String(length=8), nullable=False),
        sa.Column("pin_hash", sa.String(length=200), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", kiosk.db.types.UTCDateTime(), nullable=False),
        sa.Column("deactivated_at", kiosk.db.types.UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff_accounts")),
        sa.UniqueConstraint("login", name=op.f("uq_staff_accounts_login")),
    )
    with op.batch_alter_table("help_requests", schema=None) as batch_op:
        batch_op.add_column(sa.Column("assigned_to", sa.String(length=48), nullable=True))
        batch_op.add_column(sa.Column("place", sa.String(length=24), nullable=True))
        batch_op.add_column(sa.Column("called_at", kiosk.db.types.UTCDateTime(), nullable=True))
        # Requests from before this version were never called.
        batch_op.add_column(
            sa.Column("call_count", sa.Integer(), server_default="0", nullable=False)
        )

    op.create_table(
        "daily_rollups",
        sa.Column("business_day", sa.Date(), nullable=False),
        sa.Column("rolled_up_at", kiosk.db.types.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("business_day", name=op.f("pk_daily_rollups")),
    )
    op.create_table(
        "daily_ticket_totals",
        sa.Column("business_day", sa.Date(), nullable=False),
        sa.Column("service", sa.String(length=1), nullable=False),
        sa.Column("hour", sa.Integer(), nullable=False),
        sa.Column("taken", sa.Integer(), nullable=False),
        sa.Column("served", sa.Integer(), nullable=False),
        sa.Column("no_show", sa.Integer(), nullable=False),
        sa.Column("cancelled", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint(
            "business_day", "service", "hour", name=op.f("pk_daily_ticket_totals")
        ),
    )
    op.create_table(
        "daily_wait_histogram",
        sa.Column("business_day", sa.Date(), nullable=False),
        sa.Column("service", sa.String(length=1), nullable=False),
        sa.Column("minute_bucket", sa.Integer(), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint(
            "business_day", "service", "minute_bucket", name=op.f("pk_daily_wait_histogram")
        ),
    )
    op.create_table(
        "daily_help_totals",
        sa.Column("business_day", sa.Date(), nullable=False),
        sa.Column("topic", sa.String(length=40), nullable=False),
        sa.Column("outcome", sa.String(length=16), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint(
            "business_day", "topic", "outcome", name=op.f("pk_daily_help_totals")
        ),
    )
    op.create_table(
        "daily_help_done_histogram",
        sa.Column("business_day", sa.Date(), nullable=False),
        sa.Column("topic", sa.String(length=40), nullable=False),
        sa.Column("minute_bucket", sa.Integer(), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint(
            "business_day", "topic", "minute_bucket", name=op.f("pk_daily_help_done_histogram")
        ),
    )


def downgrade() -> None:
    op.drop_table("daily_help_done_histogram")
    op.drop_table("daily_help_totals")
    op.drop_table("daily_wait_histogram")
    op.drop_table("daily_ticket_totals")
    op.drop_table("daily_rollups")
    with op.batch_alter_table("help_requests", schema=None) as batch_op:
        batch_op.drop_column("call_count")
        batch_op.drop_column("called_at")
        batch_op.drop_column("place")
        batch_op.drop_column("assigned_to")
    op.drop_table("staff_accounts")
