"""Who else has an incident open: one row per console and open incident, kept fresh by a
heartbeat and read only while fresh (a console that crashed fades out by itself).

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

from oncall_desktop.storage.tables import UtcDateTime

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "console_presence",
        sa.Column("console", sa.String(64), nullable=False),
        sa.Column("incident_id", sa.Integer, nullable=False),
        sa.Column("person", sa.String(200), nullable=False),
        sa.Column("heartbeat_at", UtcDateTime, nullable=False),
        sa.PrimaryKeyConstraint("console", "incident_id", name="pk_console_presence"),
    )


def downgrade() -> None:
    op.drop_table("console_presence")
