"""Posts whose earlier attempt may have arrived: looked for at the destination before being sent
again (``unsure``), or sent again where the destination cannot be read back (``maybe_twice``).

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("outbox_posts") as batch:
        batch.add_column(sa.Column("unsure", sa.Boolean, nullable=False, server_default=sa.false()))
        batch.add_column(
            sa.Column("maybe_twice", sa.Boolean, nullable=False, server_default=sa.false())
        )
    # a post claimed by a sender that never recorded the outcome may have arrived
    posts = sa.table("outbox_posts", sa.column("state", sa.String), sa.column("unsure", sa.Boolean))
    op.execute(posts.update().where(posts.c.state == "sending").values(unsure=True))


def downgrade() -> None:
    with op.batch_alter_table("outbox_posts") as batch:
        batch.drop_column("maybe_twice")
        batch.drop_column("unsure")
