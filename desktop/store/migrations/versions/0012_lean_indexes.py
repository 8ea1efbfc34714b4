"""Drop the (target_id, status) index on links; article texts compress against a dictionary.

A link's incoming side is read through the (target_id, kind, status) index, which answers
every question the dropped one did (the connections view's hub sample reads it per link kind:
``store.graph_sql``): 38 MiB fewer at 100,000 articles. From this revision bodies written to a
SQLite library use the preset dictionary of ``store.packed`` (a fifth smaller); the bodies
already stored are left as they are (they read back either way), so the upgrade is quick at any
size. The freed index pages are reused by the articles imported next.

Going down recreates the index and rewrites the bodies compressed with the dictionary in the
format the revisions before read (plain zlib).

Revision ID: 0012_lean_indexes
Revises: 0011_item_counts
"""

import sqlalchemy as sa
from alembic import op

revision = "0012_lean_indexes"
down_revision = "0011_item_counts"
branch_labels = None
depends_on = None

_CHUNK = 2000


def upgrade() -> None:
    op.drop_index("ix_link_target_status", table_name="link")


def downgrade() -> None:
    op.create_index("ix_link_target_status", "link", ["target_id", "status"])
    conn = op.get_bind()
    if conn.dialect.name != "sqlite":
        return  # PostgreSQL keeps bodies as text
    from desktop.store.packed import pack_body, unpack_body, uses_preset

    last = -1
    select = sa.text(
        "SELECT item_id, body FROM article WHERE item_id > :last AND typeof(body) = 'blob'"
        " ORDER BY item_id LIMIT :n"
    )
    update = sa.text("UPDATE article SET body = :b WHERE item_id = :id")
    while rows := conn.execute(select, {"last": last, "n": _CHUNK}).all():
        last = int(rows[-1][0])
        changed = [
            {"b": pack_body(unpack_body(stored), preset=False), "id": item_id}
            for item_id, stored in rows
            if uses_preset(stored)
        ]
        if changed:
            conn.execute(update, changed)
