"""Why a post failed, kept translatable: the message's template and values (JSON of
core/messages.UserMessage) beside the English text, so that a French console shows a refusal
in French, whichever console recorded it. ``last_error`` stays the English text (logs, and
consoles of an earlier version on the same team database).

Revision ID: 0013
Revises: 0012
"""

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("outbox_posts", sa.Column("last_error_message", sa.Text, nullable=True))


def downgrade() -> None:
    op.execute("ALTER TABLE outbox_posts DROP COLUMN last_error_message")
