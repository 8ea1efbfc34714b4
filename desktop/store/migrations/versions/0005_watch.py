"""Watch lists (issue 21): lists, their entries and the hits screening finds.

Three new tables, nothing else changes: ``watch_list`` (name, source, date, threshold),
``watch_entry`` (name, aliases, kind, countries, programs; unique per list by ``key``, the
list's own id or the name) and ``watch_hit`` (entry x item, score, reason, status; unique per
pair so a dismissed pair is never raised again). Existing data is untouched.

Revision ID: 0004_watch
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004_watch"
down_revision = "0004el"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "watch_list",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.Text, nullable=False, unique=True),
        sa.Column("source", sa.String(20), nullable=False, server_default="plain"),
        sa.Column("file_name", sa.String),
        sa.Column("list_date", sa.Date),
        sa.Column("imported_at", sa.DateTime, nullable=False),
        sa.Column("threshold", sa.Integer, nullable=False, server_default="85"),
        sa.Column("active", sa.Boolean, nullable=False, server_default=sa.true()),
    )
    op.create_table(
        "watch_entry",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "list_id",
            sa.Integer,
            sa.ForeignKey("watch_list.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("key", sa.Text, nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("aliases", sa.Text, nullable=False, server_default=""),
        sa.Column("kind", sa.String(20), nullable=False, server_default="any"),
        sa.Column("entry_type", sa.String, nullable=False, server_default=""),
        sa.Column("countries", sa.String, nullable=False, server_default=""),
        sa.Column("programs", sa.String, nullable=False, server_default=""),
        sa.Column("source_list", sa.String, nullable=False, server_default=""),
        sa.Column("remarks", sa.Text, nullable=False, server_default=""),
        sa.Column("item_id", sa.Integer, sa.ForeignKey("item.id", ondelete="SET NULL")),
        sa.UniqueConstraint("list_id", "key", name="uq_watch_entry_key"),
    )
    op.create_table(
        "watch_hit",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "entry_id",
            sa.Integer,
            sa.ForeignKey("watch_entry.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column(
            "item_id", sa.Integer, sa.ForeignKey("item.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("article_id", sa.Integer, sa.ForeignKey("item.id", ondelete="SET NULL")),
        sa.Column("entry_name", sa.Text, nullable=False),
        sa.Column("matched", sa.Text, nullable=False),
        sa.Column("score", sa.Integer, nullable=False, server_default="0"),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("status", sa.String(10), nullable=False, server_default="new"),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("decided_at", sa.DateTime),
        sa.UniqueConstraint("entry_id", "item_id", name="uq_watch_hit"),
    )
    op.create_index("ix_watch_hit_item", "watch_hit", ["item_id"])
    op.create_index("ix_watch_hit_status", "watch_hit", ["status"])


def downgrade() -> None:
    op.drop_index("ix_watch_hit_status", table_name="watch_hit")
    op.drop_index("ix_watch_hit_item", table_name="watch_hit")
    op.drop_table("watch_hit")
    op.drop_table("watch_entry")
    op.drop_table("watch_list")
