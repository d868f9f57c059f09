"""Incidents, their timeline and checklist state.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

from oncall_desktop.storage.tables import UtcDateTime

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "incidents",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("impact", sa.Text, nullable=False),
        sa.Column("severity", sa.String(8), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("detected_at", UtcDateTime, nullable=False),
        sa.Column("declared_at", UtcDateTime, nullable=False),
        sa.Column("acknowledged_at", UtcDateTime, nullable=True),
        sa.Column("resolved_at", UtcDateTime, nullable=True),
        sa.Column("closed_at", UtcDateTime, nullable=True),
        sa.Column("pagerduty_id", sa.String(64), nullable=True),
        sa.Column("pagerduty_url", sa.Text, nullable=True),
        sa.Column("is_drill", sa.Boolean, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_incidents"),
        sa.UniqueConstraint("pagerduty_id", name="uq_incidents_pagerduty_id"),
    )
    op.create_index("ix_incidents_status", "incidents", ["status"])
    op.create_index("ix_incidents_detected_at", "incidents", ["detected_at"])
    op.create_table(
        "timeline_events",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("incident_id", sa.Integer, nullable=False),
        sa.Column("at", UtcDateTime, nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("actor", sa.String(200), nullable=False),
        sa.Column("data", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_timeline_events"),
        sa.ForeignKeyConstraint(
            ["incident_id"],
            ["incidents.id"],
            ondelete="CASCADE",
            name="fk_timeline_events_incident_id_incidents",
        ),
    )
    op.create_index("ix_timeline_events_incident_at", "timeline_events", ["incident_id", "at"])
    op.create_table(
        "checklist_steps",
        sa.Column("incident_id", sa.Integer, nullable=False),
        sa.Column("step_id", sa.String(16), nullable=False),
        sa.Column("done_at", UtcDateTime, nullable=True),
        sa.Column("done_by", sa.String(200), nullable=False),
        sa.Column("note", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("incident_id", "step_id", name="pk_checklist_steps"),
        sa.ForeignKeyConstraint(
            ["incident_id"],
            ["incidents.id"],
            ondelete="CASCADE",
            name="fk_checklist_steps_incident_id_incidents",
        ),
    )


def downgrade() -> None:
    op.drop_table("checklist_steps")
    op.drop_index("ix_timeline_events_incident_at", table_name="timeline_events")
    op.drop_table("timeline_events")
    op.drop_index("ix_incidents_detected_at", table_name="incidents")
    op.drop_index("ix_incidents_status", table_name="incidents")
    op.drop_table("incidents")
