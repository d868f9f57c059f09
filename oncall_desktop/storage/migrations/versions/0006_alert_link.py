"""Incidents follow an alert from any source: (alert_source, alert_id, alert_url).

Was pagerduty_id / pagerduty_url: every link stored so far is a PagerDuty one and stays, now
named by its source. One alert, one local incident, per source (two consoles opening the same
page still get one incident).

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("incidents") as batch:
        batch.drop_constraint("uq_incidents_pagerduty_id", type_="unique")
        batch.add_column(sa.Column("alert_source", sa.String(32), nullable=True))
    with op.batch_alter_table("incidents") as batch:
        batch.alter_column("pagerduty_id", new_column_name="alert_id", existing_type=sa.String(64))
        batch.alter_column("pagerduty_url", new_column_name="alert_url", existing_type=sa.Text)
    op.execute("UPDATE incidents SET alert_source = 'pagerduty' WHERE alert_id IS NOT NULL")
    with op.batch_alter_table("incidents") as batch:
        batch.create_unique_constraint("uq_incidents_alert", ["alert_source", "alert_id"])


def downgrade() -> None:
    # links to other sources have no column to go back to
    op.execute(
        "UPDATE incidents SET alert_id = NULL, alert_url = NULL "
        "WHERE alert_source IS NOT NULL AND alert_source <> 'pagerduty'"
    )
    with op.batch_alter_table("incidents") as batch:
        batch.drop_constraint("uq_incidents_alert", type_="unique")
    with op.batch_alter_table("incidents") as batch:
        batch.alter_column("alert_id", new_column_name="pagerduty_id", existing_type=sa.String(64))
        batch.alter_column("alert_url", new_column_name="pagerduty_url", existing_type=sa.Text)
        batch.drop_column("alert_source")
    with op.batch_alter_table("incidents") as batch:
        batch.create_unique_constraint("uq_incidents_pagerduty_id", ["pagerduty_id"])
