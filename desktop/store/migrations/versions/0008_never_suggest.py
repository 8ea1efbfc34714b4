"""The "never suggest this" list (issue 20): one new table, nothing else changes.

``never_suggest`` holds the names the analyst never wants suggested again, keyed by their
normalised form (``desktop.store.text.normalize_name``: case, accents, punctuation and spacing
do not matter). It lives in the library, so an import from the window or the CLI honours it.
Existing data is untouched; a library downgraded past this revision simply forgets the list.

Revision ID: 0007_never_suggest
Revises: 0006_lean
"""

import sqlalchemy as sa
from alembic import op

revision = "0007_never_suggest"
down_revision = "0006_lean"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "never_suggest",
        sa.Column("norm", sa.Text, primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("added_at", sa.DateTime, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("never_suggest")
