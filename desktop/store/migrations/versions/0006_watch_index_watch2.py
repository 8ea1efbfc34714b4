"""Watch-list index (issue 21, second round): one new table, nothing else changes.

``watch_list_index`` keeps each list's blocked name index (``name_index.ScreeningIndex.to_data``
as JSON), written in the transaction that imports or changes the list, so an import screens its
new names without building the index of a 20,000-entry list first. Lists imported before this
revision have no row: the first screening builds their index and stores it. Existing data is
untouched.

Revision ID: 0005_watch2
Revises: 0004_watch
"""

import sqlalchemy as sa
from alembic import op

revision = "0005_watch2"
down_revision = "0004_watch"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "watch_list_index",
        sa.Column(
            "list_id",
            sa.Integer,
            sa.ForeignKey("watch_list.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("data", sa.Text, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("watch_list_index")
