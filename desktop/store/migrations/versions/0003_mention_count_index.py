"""Covering indexes for the Inbox count and for "how many articles mention this entity", read by every entity list.

Counting mentions with the status filter read the link rows themselves (16 s to sort 10,000
people at 100,000 articles); with (target_id, kind, status) the index alone answers.

Revision ID: 0003
Revises: 0002
"""

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_link_target_kind_status", "link", ["target_id", "kind", "status"])
    op.drop_index("ix_link_target", table_name="link")
    # The Inbox count runs on every change; (reviewed, placeholder) answers it from the index.
    op.create_index("ix_article_inbox", "article", ["reviewed", "placeholder"])
    op.drop_index("ix_article_reviewed", table_name="article")


def downgrade() -> None:
    op.create_index("ix_article_reviewed", "article", ["reviewed"])
    op.drop_index("ix_article_inbox", table_name="article")
    op.create_index("ix_link_target", "link", ["target_id", "kind"])
    op.drop_index("ix_link_target_kind_status", table_name="link")
