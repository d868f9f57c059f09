"""Each incident's version: raised by one with every change stored (under the incident's row
lock), carried by the change's announcement, so that another console knows whether what it
heard follows what it has, and reads only what is newer when it does not (issue 27): the
events after its last one, through an index on (incident_id, id).

Revision ID: 0012
Revises: 0011
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("incidents", sa.Column("version", sa.Integer, nullable=False, server_default="1"))
    # the events after a console's last one, read as a range of this index
    op.create_index("ix_timeline_events_incident_id", "timeline_events", ["incident_id", "id"])


def downgrade() -> None:
    op.drop_index("ix_timeline_events_incident_id", table_name="timeline_events")
    # plain SQL (SQLite 3.35 and PostgreSQL both have it): batch mode would rebuild the table,
    # which its generated columns (migration 0011) do not survive
    op.execute("ALTER TABLE incidents DROP COLUMN version")
