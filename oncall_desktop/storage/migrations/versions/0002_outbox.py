"""The persistent outbox of status updates.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

from oncall_desktop.storage.tables import UtcDateTime

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "outbox_posts",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("incident_id", sa.Integer, nullable=True),
        sa.Column("target", sa.String(32), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("audience", sa.String(32), nullable=False),
        sa.Column("destination", sa.String(200), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("notify_channel", sa.Boolean, nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("created_at", UtcDateTime, nullable=False),
        sa.Column("next_attempt_at", UtcDateTime, nullable=True),
        sa.Column("claimed_at", UtcDateTime, nullable=True),
        sa.Column("claimed_by", sa.String(64), nullable=False, server_default=""),
        sa.Column("sent_at", UtcDateTime, nullable=True),
        sa.Column("last_error", sa.Text, nullable=False),
        sa.Column("remote_ref", sa.Text, nullable=False),
        sa.Column("delivered_as", sa.String(32), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_outbox_posts"),
        sa.ForeignKeyConstraint(
            ["incident_id"],
            ["incidents.id"],
            ondelete="SET NULL",
            name="fk_outbox_posts_incident_id_incidents",
        ),
    )
    op.create_index("ix_outbox_posts_due", "outbox_posts", ["state", "next_attempt_at"])
    op.create_index("ix_outbox_posts_incident", "outbox_posts", ["incident_id"])


def downgrade() -> None:
    op.drop_index("ix_outbox_posts_incident", table_name="outbox_posts")
    op.drop_index("ix_outbox_posts_due", table_name="outbox_posts")
    op.drop_table("outbox_posts")
