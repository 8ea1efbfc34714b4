"""Index links by source and status (issue 18), as 0002 indexed them by target and status.

A hub in the connections view is sampled per direction and status, newest first. Its incoming
links came straight off (target_id, status) in id order; its outgoing ones (a country is
``part_of`` or ``member_of`` hundreds of things) meant reading every outgoing row to find the
few of one status and sort them: ~7 ms of a 300-node view at 100,000 articles. Nothing else
changes; going down drops the index.

Revision ID: 0010_graph_index
Revises: 0009_lean_links
"""

from alembic import op

revision = "0010_graph_index"
down_revision = "0009_lean_links"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_link_source_status", "link", ["source_id", "status"])


def downgrade() -> None:
    op.drop_index("ix_link_source_status", table_name="link")
