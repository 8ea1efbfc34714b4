"""A leaner library (issue 22): compressed article bodies, no timestamp on suggested links.

* ``article.body`` is stored zlib-compressed in a SQLite file when that is smaller
  (``desktop.store.packed``: 2.4 KB of text become ~0.9 KB); the search index's content view
  ``article_doc`` reads it back through the SQL function ``cf_body`` that every connection
  registers. A PostgreSQL library keeps plain text (the server compresses long values).
* ``link.created_at`` becomes optional and is dropped from the links the import suggested
  (``origin = 'extract'``, 27 of their ~70 bytes): the article's ``imported_at`` says when.
  The analyst's links keep theirs. Every other link column is untouched.

Links and evidence keep their ids, so every evidence sentence and every link reads back the
same. On SQLite the column is replaced in place (``ALTER TABLE ... DROP COLUMN``), not by
rebuilding the table, which with foreign keys on would cascade into ``evidence``. The library
is backed up before any migration runs, and compacted after it (``Library._migrate``).
Downgrading restores plain bodies and fills the timestamps from the article's import time.

Revision ID: 0009_lean_links
Revises: 0007_never_suggest
"""

import sqlalchemy as sa
from alembic import op

revision = "0009_lean_links"
down_revision = "0007_never_suggest"
branch_labels = None
depends_on = None

#: article bodies rewritten per round trip (bounds memory on a library of a million articles)
_CHUNK = 500
_VIEW = (
    "CREATE VIEW article_doc AS SELECT a.item_id AS item_id, i.name AS title, {body} AS body "
    "FROM article a JOIN item i ON i.id = a.item_id"
)


def _rewrite_bodies(conn: sa.Connection, pack: bool) -> None:
    """Pack (or unpack) every body, in chunks of articles walked by id."""
    from desktop.store.packed import pack_body, unpack_body

    last = -1
    select = sa.text(
        "SELECT item_id, body FROM article WHERE item_id > :last ORDER BY item_id LIMIT :n"
    )
    update = sa.text("UPDATE article SET body = :b WHERE item_id = :id")
    while rows := conn.execute(select, {"last": last, "n": _CHUNK}).all():
        last = int(rows[-1][0])
        changed = []
        for item_id, stored in rows:
            new = (
                pack_body(stored, preset=False)  # the format of 0009-0011
                if pack and isinstance(stored, str)
                else unpack_body(stored)
            )
            if new is not stored and new != stored:
                changed.append({"b": new, "id": item_id})
        if changed:
            conn.execute(update, changed)


def upgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("ALTER TABLE link ADD COLUMN made_at DATETIME")
        conn.exec_driver_sql("UPDATE link SET made_at = created_at WHERE origin <> 'extract'")
        conn.exec_driver_sql("ALTER TABLE link DROP COLUMN created_at")
        conn.exec_driver_sql("ALTER TABLE link RENAME COLUMN made_at TO created_at")
        conn.exec_driver_sql("DROP VIEW IF EXISTS article_doc")
        conn.exec_driver_sql(_VIEW.format(body="cf_body(a.body)"))
        _rewrite_bodies(conn, pack=True)
    else:
        op.alter_column("link", "created_at", existing_type=sa.DateTime, nullable=True)
        conn.execute(sa.text("UPDATE link SET created_at = NULL WHERE origin = 'extract'"))


def downgrade() -> None:
    conn = op.get_bind()
    conn.execute(
        sa.text(
            "UPDATE link SET created_at = coalesce("
            "(SELECT a.imported_at FROM article a WHERE a.item_id = link.source_id), "
            "(SELECT i.created_at FROM item i WHERE i.id = link.source_id)) "
            "WHERE created_at IS NULL"
        )
    )
    if conn.dialect.name == "sqlite":
        # the column stays nullable here: making it NOT NULL again means rebuilding the
        # table, which cascades into evidence; every row has a value again
        _rewrite_bodies(conn, pack=False)
        conn.exec_driver_sql("DROP VIEW IF EXISTS article_doc")
        conn.exec_driver_sql(_VIEW.format(body="a.body"))
    else:
        op.alter_column("link", "created_at", existing_type=sa.DateTime, nullable=False)
