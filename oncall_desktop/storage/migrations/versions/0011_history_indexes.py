"""The history at a large organisation's scale: its sort keys computed by the database
(columns generated from the title and the durations: virtual on SQLite, stored on
PostgreSQL) and one index per order the history offers, each ending with the id (its
tie-break) and is_drill (its filter), in place of the indexes the KPIs no longer read; the
titles indexed by trigrams where the database can (storage/search.py).

ix_incidents_period (is_drill first) goes: with no statistics, SQLite chose it for every
history query and sorted the whole history for each page.

Revision ID: 0011
Revises: 0010
"""

import sqlalchemy as sa
from alembic import op

from oncall_desktop.storage import search

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

NEVER_UP, NEVER_DOWN = 2147483647, -2147483648
SORT_KEYS = (
    ("sort_title", sa.Text, "lower(title)", "ix_incidents_title"),
    ("sort_ack_up", sa.BigInteger, f"coalesce(ack_seconds, {NEVER_UP})", "ix_incidents_ack_up"),
    (
        "sort_ack_down",
        sa.BigInteger,
        f"coalesce(ack_seconds, {NEVER_DOWN})",
        "ix_incidents_ack_down",
    ),
    (
        "sort_resolve_up",
        sa.BigInteger,
        f"coalesce(resolve_seconds, {NEVER_UP})",
        "ix_incidents_resolve_up",
    ),
    (
        "sort_resolve_down",
        sa.BigInteger,
        f"coalesce(resolve_seconds, {NEVER_DOWN})",
        "ix_incidents_resolve_down",
    ),
)


def upgrade() -> None:
    # SQLite adds a generated column only as virtual (computed when read; its index keeps
    # it); PostgreSQL's are stored
    stored = op.get_bind().dialect.name == "postgresql" or None
    op.drop_index("ix_incidents_period", table_name="incidents")
    op.drop_index("ix_incidents_detected_at", table_name="incidents")
    op.drop_index("ix_incidents_status", table_name="incidents")
    for column, kind, expression, _ in SORT_KEYS:
        op.add_column(
            "incidents",
            sa.Column(column, kind, sa.Computed(expression, persisted=stored), nullable=True),
        )
    op.create_index("ix_incidents_detected", "incidents", ["detected_at", "id", "is_drill"])
    op.create_index(
        "ix_incidents_severity", "incidents", ["severity", "detected_at", "id", "is_drill"]
    )
    op.create_index("ix_incidents_status", "incidents", ["status", "detected_at", "id", "is_drill"])
    for column, _, _, index in SORT_KEYS:
        op.create_index(index, "incidents", [column, "id", "is_drill"])
    search.create(op.get_bind())


def downgrade() -> None:
    search.drop(op.get_bind())
    for _, _, _, index in SORT_KEYS:
        op.drop_index(index, table_name="incidents")
    op.drop_index("ix_incidents_status", table_name="incidents")
    op.drop_index("ix_incidents_severity", table_name="incidents")
    op.drop_index("ix_incidents_detected", table_name="incidents")
    with op.batch_alter_table("incidents") as batch:
        for column, _, _, _ in SORT_KEYS:
            batch.drop_column(column)
    op.create_index("ix_incidents_status", "incidents", ["status"])
    op.create_index("ix_incidents_detected_at", "incidents", ["detected_at"])
    op.create_index("ix_incidents_period", "incidents", ["is_drill", "detected_at", "severity"])
