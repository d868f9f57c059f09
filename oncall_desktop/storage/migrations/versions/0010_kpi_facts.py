"""KPI facts: what each incident counts for, and their sums per span of time, kept with every
write (storage/kpi_facts.py), so that the dashboard adds up a few hundred rows for any period
instead of ranking every incident of it. Built here from the stored incidents, post-mortems
and action items; action items get an index on their creation.

Revision ID: 0010
Revises: 0009
"""

import sqlalchemy as sa
from alembic import op

from oncall_desktop.storage.kpi_facts import rebuild
from oncall_desktop.storage.tables import UtcDateTime

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "incident_kpis",
        sa.Column("incident_id", sa.Integer, autoincrement=False, nullable=False),
        sa.Column("detected_at", UtcDateTime, nullable=False),
        sa.Column("severity", sa.String(8), nullable=False),
        sa.Column("ack_seconds", sa.Integer, nullable=True),
        sa.Column("resolve_seconds", sa.Integer, nullable=True),
        sa.Column("ack_bin", sa.Integer, nullable=True),
        sa.Column("resolve_bin", sa.Integer, nullable=True),
        sa.Column("postmortem_signed", sa.Boolean, nullable=False),
        sa.ForeignKeyConstraint(
            ["incident_id"],
            ["incidents.id"],
            name="fk_incident_kpis_incident_id_incidents",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("incident_id", name="pk_incident_kpis"),
    )
    op.create_index("ix_incident_kpis_detected_at", "incident_kpis", ["detected_at"])
    op.create_index(
        "ix_incident_kpis_ack",
        "incident_kpis",
        ["severity", "ack_bin", "detected_at", "ack_seconds"],
    )
    op.create_index(
        "ix_incident_kpis_resolve",
        "incident_kpis",
        ["severity", "resolve_bin", "detected_at", "resolve_seconds"],
    )
    figures = ("incidents", "acknowledged", "ack_total", "resolved", "resolve_total", "signed")
    op.create_table(
        "kpi_counts",
        sa.Column("span", sa.Integer, nullable=False),
        sa.Column("start", UtcDateTime, nullable=False),
        sa.Column("severity", sa.String(8), nullable=False),
        *[sa.Column(name, sa.BigInteger, nullable=False) for name in figures],
        sa.PrimaryKeyConstraint("span", "start", "severity", name="pk_kpi_counts"),
        sqlite_with_rowid=False,
    )
    op.create_table(
        "kpi_histograms",
        sa.Column("span", sa.Integer, nullable=False),
        sa.Column("start", UtcDateTime, nullable=False),
        sa.Column("metric", sa.String(8), nullable=False),
        sa.Column("severity", sa.String(8), nullable=False),
        sa.Column("bin", sa.Integer, autoincrement=False, nullable=False),
        sa.Column("count", sa.BigInteger, nullable=False),
        sa.PrimaryKeyConstraint(
            "span", "start", "metric", "severity", "bin", name="pk_kpi_histograms"
        ),
        sqlite_with_rowid=False,
    )
    op.create_index("ix_action_items_created_at", "action_items", ["created_at"])
    rebuild(op.get_bind())


def downgrade() -> None:
    op.drop_index("ix_action_items_created_at", table_name="action_items")
    op.drop_table("kpi_histograms")
    op.drop_table("kpi_counts")
    op.drop_index("ix_incident_kpis_resolve", table_name="incident_kpis")
    op.drop_index("ix_incident_kpis_ack", table_name="incident_kpis")
    op.drop_index("ix_incident_kpis_detected_at", table_name="incident_kpis")
    op.drop_table("incident_kpis")
