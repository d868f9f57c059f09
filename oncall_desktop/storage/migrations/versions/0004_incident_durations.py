"""Time to acknowledge and to resolve, stored as whole seconds.

The KPIs sort and sum these for every incident of a period; computing them from the two
timestamps in each query (julianday on SQLite) cost most of the dashboard's time.
The repository keeps them in step with the timestamps on every save.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

from oncall_desktop.storage.sqlfunctions import seconds_between

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("incidents") as batch:
        batch.add_column(sa.Column("ack_seconds", sa.Integer, nullable=True))
        batch.add_column(sa.Column("resolve_seconds", sa.Integer, nullable=True))
    incidents = sa.table(
        "incidents",
        sa.column("detected_at", sa.DateTime),
        sa.column("acknowledged_at", sa.DateTime),
        sa.column("resolved_at", sa.DateTime),
        sa.column("ack_seconds", sa.Integer),
        sa.column("resolve_seconds", sa.Integer),
    )
    op.get_bind().execute(
        incidents.update().values(
            ack_seconds=seconds_between(incidents.c.detected_at, incidents.c.acknowledged_at),
            resolve_seconds=seconds_between(incidents.c.detected_at, incidents.c.resolved_at),
        )
    )
    op.create_index("ix_incidents_period", "incidents", ["is_drill", "detected_at", "severity"])


def downgrade() -> None:
    op.drop_index("ix_incidents_period", table_name="incidents")
    with op.batch_alter_table("incidents") as batch:
        batch.drop_column("resolve_seconds")
        batch.drop_column("ack_seconds")
