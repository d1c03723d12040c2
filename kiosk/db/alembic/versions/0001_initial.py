"""queue numbers, help requests, audit log, printer state

Revision ID: 0001
Revises:
Create Date: 2026-11-24 05:39:24.808672
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import kiosk.db.types

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "audit_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", kiosk.db.types.UTCDateTime(), nullable=False),
        sa.Column("actor", sa.String(length=48), nullable=False),
        sa.Column("device", sa.String(length=48), nullable=False),
        sa.Column("action", sa.String(length=48), nullable=False),
        sa.Column("subject_type", sa.String(length=24), nullable=False),
        sa.Column("subject_id", sa.Integer(), nullable=True),
        sa.Column("subject_code", sa.String(length=24), nullable=False),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_events")),
    )
    with op.batch_alter_table("audit_events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_audit_events_at"), ["at"], unique=False)
        batch_op.create_index("ix_audit_subject", ["subject_type", "subject_id"], unique=False)

    op.create_table(
        "daily_counters",
        sa.Column("business_day", sa.Date(), nullable=False),
        sa.Column("series", sa.String(length=1), nullable=False),
        sa.Column("last_number", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("business_day", "series", name=op.f("pk_daily_counters")),
    )
    op.create_table(
        "help_requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("business_day", sa.Date(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("resume_code", sa.String(length=12), nullable=False),
        sa.Column("topic", sa.String(length=40), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("has_credentials", sa.Boolean(), nullable=False),
        sa.Column("has_documents", sa.Boolean(), nullable=False),
        sa.Column("needs_interpreter", sa.Boolean(), nullable=False),
        sa.Column("created_at", kiosk.db.types.UTCDateTime(), nullable=False),
        sa.Column("queued_at", kiosk.db.types.UTCDateTime(), nullable=False),
        sa.Column("kiosk_id", sa.String(length=40), nullable=True),
        sa.Column("claimed_by", sa.String(length=48), nullable=True),
        sa.Column("updated_at", kiosk.db.types.UTCDateTime(), nullable=False),
        sa.Column("closed_at", kiosk.db.types.UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_help_requests")),
        sa.UniqueConstraint("business_day", "number", name=op.f("uq_help_requests_business_day")),
        sa.UniqueConstraint("resume_code", name=op.f("uq_help_requests_resume_code")),
    )
    with op.batch_alter_table("help_requests", schema=None) as batch_op:
        batch_op.create_index("ix_help_requests_status", ["status"], unique=False)

    op.create_table(
        "printer_states",
        sa.Column("kiosk_id", sa.String(length=40), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("detail", sa.String(length=200), nullable=False),
        sa.Column("changed_at", kiosk.db.types.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("kiosk_id", name=op.f("pk_printer_states")),
    )
    op.create_table(
        "tickets",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("business_day", sa.Date(), nullable=False),
        sa.Column("service", sa.String(length=1), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("taken_at", kiosk.db.types.UTCDateTime(), nullable=False),
        sa.Column("kiosk_id", sa.String(length=40), nullable=True),
        sa.Column("window", sa.Integer(), nullable=True),
        sa.Column("called_at", kiosk.db.types.UTCDateTime(), nullable=True),
        sa.Column("call_count", sa.Integer(), nullable=False),
        sa.Column("finished_at", kiosk.db.types.UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tickets")),
        sa.UniqueConstraint(
            "business_day", "service", "number", name=op.f("uq_tickets_business_day")
        ),
    )
    with op.batch_alter_table("tickets", schema=None) as batch_op:
        batch_op.create_index("ix_tickets_day_status", ["business_day", "status"], unique=False)
        batch_op.create_index("ix_tickets_kiosk_taken", ["kiosk_id", "taken_at"], unique=False)

    op.create_table(
        "help_notes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column("written_at", kiosk.db.types.UTCDateTime(), nullable=False),
        sa.Column("written_by", sa.String(length=48), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["help_requests.id"],
            name=op.f("fk_help_notes_request_id_help_requests"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_help_notes")),
    )
    with op.batch_alter_table("help_notes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_help_notes_written_at"), ["written_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("help_notes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_help_notes_written_at"))

    op.drop_table("help_notes")
    with op.batch_alter_table("tickets", schema=None) as batch_op:
        batch_op.drop_index("ix_tickets_kiosk_taken")
        batch_op.drop_index("ix_tickets_day_status")

    op.drop_table("tickets")
    op.drop_table("printer_states")
    with op.batch_alter_table("help_requests", schema=None) as batch_op:
        batch_op.drop_index("ix_help_requests_status")

    op.drop_table("help_requests")
    op.drop_table("daily_counters")
    with op.batch_alter_table("audit_events", schema=None) as batch_op:
        batch_op.drop_index("ix_audit_subject")
        batch_op.drop_index(batch_op.f("ix_audit_events_at"))

    op.drop_table("audit_events")
