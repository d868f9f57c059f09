"""Handoff notes, one per rotation change.

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

from oncall_desktop.storage.tables import UtcDateTime

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "handoffs",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("change_at", UtcDateTime, nullable=False),
        sa.Column("outgoing", sa.String(200), nullable=False),
        sa.Column("incoming", sa.String(200), nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("revision", sa.Integer, nullable=False),
        sa.Column("created_at", UtcDateTime, nullable=False),
        sa.Column("updated_at", UtcDateTime, nullable=False),
        sa.Column("signed_at", UtcDateTime, nullable=True),
        sa.Column("completed_at", UtcDateTime, nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_handoffs"),
        sa.UniqueConstraint("change_at", name="uq_handoffs_change_at"),
    )


def downgrade() -> None:
    op.drop_table("handoffs")
