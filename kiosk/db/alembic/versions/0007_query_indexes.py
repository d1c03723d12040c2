"""indexes for what screens ask every few seconds on years of history

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-29 20:30:00.000000
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_help_requests_number", "help_requests", ["number"])
    op.create_index("ix_help_requests_called_at", "help_requests", ["called_at"])
    op.create_index("ix_help_requests_status_updated", "help_requests", ["status", "updated_at"])
    op.create_index(op.f("ix_help_notes_request_id"), "help_notes", ["request_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_help_notes_request_id"), table_name="help_notes")
    op.drop_index("ix_help_requests_status_updated", table_name="help_requests")
    op.drop_index("ix_help_requests_called_at", table_name="help_requests")
    op.drop_index("ix_help_requests_number", table_name="help_requests")
