"""peer work: workers, sessions, shifts, absences, PIN lockouts, paid periods

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24 05:48:33.546364
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import kiosk.db.types

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "paid_periods",
        sa.Column("label", sa.String(length=10), nullable=False),
        sa.Column("first_day", sa.Date(), nullable=False),
        sa.Column("last_day", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("paid_at", kiosk.db.types.UTCDateTime(), nullable=False),
        sa.Column("paid_by", sa.String(length=48), nullable=False),
        sa.Column("total_cents", sa.Integer(), nullable=False),
        sa.Column("reopened_at", kiosk.db.types.UTCDateTime(), nullable=True),
        sa.Column("reopened_by", sa.String(length=48), nullable=True),
        sa.Column("reopen_reason", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("label", name=op.f("pk_paid_periods")),
    )
    op.create_table(
        "pin_failures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kiosk_id", sa.String(length=48), nullable=False),
        sa.Column("at", kiosk.db.types.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pin_failures")),
    )
    with op.batch_alter_table("pin_failures", schema=None) as batch_op:
        batch_op.create_index("ix_pin_failures_kiosk_at", ["kiosk_id", "at"], unique=False)

    op.create_table(
        "pin_locks",
        sa.Column("scope", sa.String(length=8), nullable=False),
        sa.Column("key", sa.String(length=40), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("locked_until", kiosk.db.types.UTCDateTime(), nullable=True),
        sa.Column("updated_at", kiosk.db.types.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("scope", "key", name=op.f("pk_pin_locks")),
    )
    op.create_table(
        "workers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("display_name", sa.String(length=60), nullable=False),
        sa.Column("pin_hash", sa.String(length=200), nullable=False),
        sa.Column("badge_digest", sa.String(length=64), nullable=True),
        sa.Column("contract_start", sa.Date(), nullable=False),
        sa.Column("contract_end", sa.Date(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", kiosk.db.types.UTCDateTime(), nullable=False),
        sa.Column("updated_at", kiosk.db.types.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_workers")),
        sa.UniqueConstraint("badge_digest", name=op.f("uq_workers_badge_digest")),
        sa.UniqueConstraint("number", name=op.f("uq_workers_number")),
    )
    op.create_table(
        "shifts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("worker_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("starts_at", kiosk.db.types.UTCDateTime(), nullable=False),
        sa.Column("ends_at", kiosk.db.types.UTCDateTime(), nullable=False),
        sa.Column("created_at", kiosk.db.types.UTCDateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=48), nullable=False),
        sa.ForeignKeyConstraint(
            ["worker_id"], ["workers.id"], name=op.f("fk_shifts_worker_id_workers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_shifts")),
        sa.UniqueConstraint("worker_id", "starts_at", name=op.f("uq_shifts_worker_id")),
    )
    with op.batch_alter_table("shifts", schema=None) as batch_op:
        batch_op.create_index("ix_shifts_day", ["day"], unique=False)

    op.create_table(
        "work_sessions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("worker_id", sa.Integer(), nullable=False),
        sa.Column("business_day", sa.Date(), nullable=False),
        sa.Column("started_at", kiosk.db.types.UTCDateTime(), nullable=False),
        sa.Column("ended_at", kiosk.db.types.UTCDateTime(), nullable=True),
        sa.Column("task", sa.String(length=40), nullable=False),
        sa.Column("rules_confirmed", sa.Boolean(), nullable=False),
        sa.Column("start_method", sa.String(length=16), nullable=False),
        sa.Column("start_device", sa.String(length=48), nullable=False),
        sa.Column("end_method", sa.String(length=16), nullable=True),
        sa.Column("end_device", sa.String(length=48), nullable=True),
        sa.Column("needs_review", sa.Boolean(), nullable=False),
        sa.Column("review_reason", sa.String(length=24), nullable=False),
        sa.ForeignKeyConstraint(
            ["worker_id"], ["workers.id"], name=op.f("fk_work_sessions_worker_id_workers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_work_sessions")),
    )
    with op.batch_alter_table("work_sessions", schema=None) as batch_op:
        batch_op.create_index("ix_work_sessions_day", ["business_day"], unique=False)
        batch_op.create_index(
            "uq_work_sessions_open",
            ["worker_id"],
            unique=True,
            sqlite_where=sa.text("ended_at IS NULL"),
            postgresql_where=sa.text("ended_at IS NULL"),
        )

    op.create_table(
        "absences",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("shift_id", sa.Integer(), nullable=False),
        sa.Column("reported_at", kiosk.db.types.UTCDateTime(), nullable=False),
        sa.Column("reported_by", sa.String(length=48), nullable=False),
        sa.Column("device", sa.String(length=48), nullable=False),
        sa.Column("reason", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(
            ["shift_id"],
            ["shifts.id"],
            name=op.f("fk_absences_shift_id_shifts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_absences")),
        sa.UniqueConstraint("shift_id", name=op.f("uq_absences_shift_id")),
    )


def downgrade() -> None:
    op.drop_table("absences")
    with op.batch_alter_table("work_sessions", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_work_sessions_open",
            sqlite_where=sa.text("ended_at IS NULL"),
            postgresql_where=sa.text("ended_at IS NULL"),
        )
        batch_op.drop_index("ix_work_sessions_day")

    op.drop_table("work_sessions")
    with op.batch_alter_table("shifts", schema=None) as batch_op:
        batch_op.drop_index("ix_shifts_day")

    op.drop_table("shifts")
    op.drop_table("workers")
    op.drop_table("pin_locks")
    with op.batch_alter_table("pin_failures", schema=None) as batch_op:
        batch_op.drop_index("ix_pin_failures_kiosk_at")

    op.drop_table("pin_failures")
    op.drop_table("paid_periods")
