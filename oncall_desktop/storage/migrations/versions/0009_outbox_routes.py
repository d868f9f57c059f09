"""A post's destination holds any route (Text: a mail's recipients did not fit 200 characters,
and PostgreSQL refused the post), and a post keeps what its deliverer learnt from one attempt
to the next (``extra``, JSON: the recipients that already took a mail).

Revision ID: 0009
Revises: 0008
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("outbox_posts") as batch:
        batch.alter_column(
            "destination", existing_type=sa.String(200), type_=sa.Text, existing_nullable=False
        )
        batch.add_column(sa.Column("extra", sa.Text, nullable=False, server_default="{}"))


def downgrade() -> None:
    # a route longer than the old column is cut: such a post could not be stored before either
    posts = sa.table("outbox_posts", sa.column("destination", sa.Text))
    op.execute(posts.update().values(destination=sa.func.substr(posts.c.destination, 1, 200)))
    with op.batch_alter_table("outbox_posts") as batch:
        batch.drop_column("extra")
        batch.alter_column(
            "destination", existing_type=sa.Text, type_=sa.String(200), existing_nullable=False
        )
