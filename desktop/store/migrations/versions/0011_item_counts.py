"""Maintained mention counts (issue 22): ``item_count`` and the triggers on ``link`` that keep it.

Entity lists read "mentioned in N articles" from ``item_count`` instead of counting link
rows for every page. The table is filled from the existing links in one grouped pass (the
library is backed up before any migration runs, ``Library._migrate``); from then on the
triggers (``desktop.store.item_counts``) keep it right on both back ends. Downgrading drops
the triggers and the table; nothing else changes.

Revision ID: 0011_item_counts
Revises: 0010_graph_index
"""

import sqlalchemy as sa
from alembic import op

from desktop.store import item_counts

revision = "0011_item_counts"
down_revision = "0010_graph_index"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "item_count",
        sa.Column("item_id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("mentioned_in", sa.Integer, nullable=False, server_default="0"),
    )
    conn = op.get_bind()
    item_counts.create_triggers(conn)
    item_counts.recount(conn)


def downgrade() -> None:
    item_counts.drop_triggers(op.get_bind())
    op.drop_table("item_count")
