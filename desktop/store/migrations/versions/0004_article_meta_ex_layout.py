"""Article metadata (where the published date came from, outlet, dateline place, byline), and
mention offsets of older imports moved onto the stored text.

The stored text is the title line, one line break and the body. Older imports measured offsets
in the file as read, so every article with a blank line (or more) after its title had each
highlight in its body shifted; ``title_line`` kept where the body started in that file, which
is exactly the shift to take off the body's evidence. Mentions in the title line are left
alone (the title line started at 0 unless the file began with blank lines).

Revision ID: 0004el
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004el"
down_revision = "0003"
branch_labels = None
depends_on = None

_COLUMNS = (("published_from", 20), ("outlet", 200), ("dateline", 200), ("byline", 200))


def upgrade() -> None:
    # plain ALTER TABLE (a batch copy of the table would break the search views over it)
    for name, size in _COLUMNS:
        op.add_column("article", sa.Column(name, sa.String(length=size), nullable=True))
    # older imports did not keep where a date came from: published_from stays NULL (unknown)
    shifted = (
        "SELECT a.item_id, a.title_line - length(i.name) - 1, a.title_line FROM article a "
        "JOIN item i ON i.id = a.item_id WHERE NOT a.placeholder AND a.body <> '' "
        "AND a.title_line > length(i.name) + 1"
    )
    conn = op.get_bind()
    for article_id, shift, body in conn.execute(sa.text(shifted)).all():
        conn.execute(
            sa.text(
                'UPDATE evidence SET start = start - :shift, "end" = "end" - :shift '
                "WHERE article_id = :id AND start >= :body"
            ),
            {"shift": int(shift), "id": article_id, "body": int(body)},
        )
        conn.execute(
            sa.text("UPDATE article SET title_line = title_line - :shift WHERE item_id = :id"),
            {"shift": int(shift), "id": article_id},
        )


def downgrade() -> None:
    for name, _ in reversed(_COLUMNS):
        op.drop_column("article", name)
