"""Post-mortem drafts and their action items.

Action items get their own table so one list can track them across all post-mortems and the
KPIs can count them in SQL.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

from oncall_desktop.storage.tables import UtcDateTime

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "postmortems",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("incident_id", sa.Integer, nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("revision", sa.Integer, nullable=False),
        sa.Column("created_at", UtcDateTime, nullable=False),
        sa.Column("updated_at", UtcDateTime, nullable=False),
        sa.Column("due_at", UtcDateTime, nullable=True),
        sa.Column("signed_at", UtcDateTime, nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_postmortems"),
        sa.ForeignKeyConstraint(
            ["incident_id"],
            ["incidents.id"],
            ondelete="CASCADE",
            name="fk_postmortems_incident_id_incidents",
        ),
        sa.UniqueConstraint("incident_id", name="uq_postmortems_incident_id"),
    )
    op.create_table(
        "action_items",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("postmortem_id", sa.Integer, nullable=False),
        sa.Column("number", sa.Integer, nullable=False),
        sa.Column("action", sa.Text, nullable=False),
        sa.Column("owner", sa.String(200), nullable=False),
        sa.Column("due_on", sa.Date, nullable=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("created_at", UtcDateTime, nullable=False),
        sa.Column("closed_at", UtcDateTime, nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_action_items"),
        sa.ForeignKeyConstraint(
            ["postmortem_id"],
            ["postmortems.id"],
            ondelete="CASCADE",
            name="fk_action_items_postmortem_id_postmortems",
        ),
        sa.UniqueConstraint("postmortem_id", "number", name="uq_action_items_postmortem_id"),
    )
    op.create_index("ix_action_items_open_due", "action_items", ["status", "due_on"])


def downgrade() -> None:
    op.drop_index("ix_action_items_open_due", table_name="action_items")
    op.drop_table("action_items")
    op.drop_table("postmortems")
