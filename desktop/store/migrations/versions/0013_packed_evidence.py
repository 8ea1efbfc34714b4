"""Fewer evidence rows (issue 22): one row per (link, article) for spans that differ only by
where they are.

An entity mentioned three times in an article had three evidence rows; now the first row keeps
its span and packs the others (``evidence.more_spans``, counted by ``evidence.span_count``:
``desktop.store.spans``). Rows are packed only when they are consecutive among their link's
rows (in id order), come from the same article and read their sentence from the body, so every
reader lists the same sentences in the same order and counts the same number. The packed row
keeps the first row's id; the others are deleted. The library is backed up before any
migration runs, and compacted after this one (``migrate.FREES_SPACE``).

Downgrading gives every packed span its row back, in the same place in id order, under the id
it had when the ids after a packed row are free (as the import leaves them); where they are
not, the rows after it move up to make room (through negative ids: no two rows share an id).

Revision ID: 0013_packed_evidence
Revises: 0012_lean_indexes
"""

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0013_packed_evidence"
down_revision = "0012_lean_indexes"
branch_labels = None
depends_on = None

#: links (upgrade) or packed rows (downgrade) handled per round trip (bounds memory)
_CHUNK = 2000
_SO_FAR = "ORDER BY id ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW"


def _packed(rows: Any, pack: Any) -> tuple[list[dict[str, Any]], list[int]]:
    """The updates that pack each run of a link's rows (in id order) from one article whose
    sentences are in the body, and the ids of the rows they make redundant."""
    updates: list[dict[str, Any]] = []
    gone: list[int] = []
    run: list[Any] = []

    def flush() -> None:
        if len(run) > 1:
            pieces = [(r[3], r[4], r[5], r[6]) for r in run]
            updates.append({"n": len(run), "m": pack(pieces[0], pieces[1:]), "id": run[0][0]})
            gone.extend(r[0] for r in run[1:])
        run.clear()

    for row in rows:
        if row[7] is not None or row[5] is None or row[6] is None:
            flush()  # a copied sentence keeps its own row
            continue
        if run and (run[0][1], run[0][2]) != (row[1], row[2]):
            flush()
        run.append(row)
    flush()
    return updates, gone


def upgrade() -> None:
    from desktop.store.spans import pack

    op.add_column(
        "evidence", sa.Column("span_count", sa.Integer, nullable=False, server_default="1")
    )
    op.add_column("evidence", sa.Column("more_spans", sa.LargeBinary, nullable=True))
    conn = op.get_bind()
    links = sa.text("SELECT id FROM link WHERE id > :last ORDER BY id LIMIT :n")
    rows = sa.text(
        'SELECT id, link_id, article_id, start, "end", sent_start, sent_end, sentence '
        "FROM evidence WHERE link_id >= :lo AND link_id <= :hi ORDER BY link_id, id"
    )
    packed = sa.text("UPDATE evidence SET span_count = :n, more_spans = :m WHERE id = :id")
    last = -1
    while ids := [int(r[0]) for r in conn.execute(links, {"last": last, "n": _CHUNK})]:
        last = ids[-1]
        updates, gone = _packed(conn.execute(rows, {"lo": ids[0], "hi": last}), pack)
        if updates:
            conn.execute(packed, updates)
        for i in range(0, len(gone), 500):
            conn.execute(
                sa.text("DELETE FROM evidence WHERE id IN :ids").bindparams(
                    sa.bindparam("ids", expanding=True)
                ),
                {"ids": gone[i : i + 500]},
            )


def downgrade() -> None:
    from desktop.store import dialect
    from desktop.store.spans import unpack

    conn = op.get_bind()
    # each row's new id: its own, unless the spans of rows before it need that room
    # (new = max(id, previous new + previous count), as prefix sums: s + max(id - s))
    # only the rows that move, keyed by id: each moved row finds its new id by the key
    conn.exec_driver_sql(
        "CREATE TEMPORARY TABLE evidence_shift (id INTEGER PRIMARY KEY, new_id INTEGER NOT NULL)"
    )
    conn.exec_driver_sql(
        "INSERT INTO evidence_shift (id, new_id) SELECT id, new_id FROM "
        f"(SELECT id, s + max(id - s) OVER ({_SO_FAR}) AS new_id FROM "
        f"(SELECT id, sum(span_count) OVER ({_SO_FAR}) - span_count AS s FROM evidence) t) u "
        "WHERE new_id > id"
    )
    conn.exec_driver_sql(
        "UPDATE evidence SET id = -(SELECT s.new_id FROM evidence_shift s "
        "WHERE s.id = evidence.id) WHERE id IN (SELECT id FROM evidence_shift)"
    )
    conn.exec_driver_sql("UPDATE evidence SET id = -id WHERE id < 0")
    conn.exec_driver_sql("DROP TABLE evidence_shift")
    select = sa.text(
        'SELECT id, link_id, article_id, start, "end", sent_start, sent_end, more_spans '
        "FROM evidence WHERE span_count > 1 AND id > :last ORDER BY id LIMIT :n"
    )
    insert = sa.text(
        'INSERT INTO evidence (id, link_id, article_id, start, "end", sent_start, sent_end, '
        "span_count) VALUES (:id, :link, :article, :s, :e, :ss, :se, 1)"
    )
    last = -1
    while found := conn.execute(select, {"last": last, "n": _CHUNK}).all():
        last = int(found[-1][0])
        extra = [
            {"id": ev_id + k, "link": link, "article": art, "s": s, "e": e, "ss": ss, "se": se}
            for ev_id, link, art, start, end, sent_s, sent_e, more in found
            for k, (s, e, ss, se) in enumerate(
                unpack((start, end, sent_s, sent_e), bytes(more))[1:], start=1
            )
        ]
        if extra:
            conn.execute(insert, extra)
    dialect.sync_ids(conn, "evidence")  # PostgreSQL's sequence moves past the new ids
    op.drop_column("evidence", "more_spans")
    op.drop_column("evidence", "span_count")
