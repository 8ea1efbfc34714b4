"""Index links by target and status, so hub neighbourhoods can pick confirmed links first.

Revision ID: 0002
Revises: 0001
"""

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_link_target_status", "link", ["target_id", "status"])


def downgrade() -> None:
    op.drop_index("ix_link_target_status", table_name="link")
