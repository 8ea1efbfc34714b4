"""Revision 0013_packed_evidence going down: a packed row gives each of its spans a row back,
under consecutive ids, and the rows after it move up to make room, in order."""

from __future__ import annotations

from sqlalchemy import text

from desktop.services.importer import import_paths
from desktop.store import migrate
from desktop.store.db import Library
from desktop.store.spans import pack
from tests.conftest import SAMPLE

_ROWS = (
    'SELECT id, link_id, start, "end", sent_start, sent_end FROM evidence WHERE id > :m ORDER BY id'
)


def test_going_down_unpacks_into_consecutive_ids_and_moves_later_rows(db_url: str) -> None:
    lib = Library.open(db_url)
    try:
        assert import_paths(library=lib, paths=[SAMPLE]).imported == 1
        with lib.engine.begin() as conn:
            top = conn.execute(text("SELECT max(id) FROM evidence")).scalar_one()
            # the spans the import packed get ids of their own after ``top`` on the way down
            unpacked = conn.execute(
                text("SELECT sum(span_count) - count(*) FROM evidence")
            ).scalar_one()
            (one, article), (two, _) = conn.execute(
                text("SELECT id, source_id FROM link WHERE kind = 'mentions' ORDER BY id LIMIT 2")
            ).all()
            first, second, third = (0, 5, 0, 40), (20, 26, 0, 40), (50, 55, 41, 90)
            insert = text(
                'INSERT INTO evidence (id, link_id, article_id, start, "end", sent_start, '
                "sent_end, span_count, more_spans) VALUES (:id, :l, :a, :s, :e, :ss, :se, :n, :m)"
            )
            # link one's two spans packed in one row, link two's row right after it
            conn.execute(
                insert,
                [
                    {
                        "id": top + 10,
                        "l": one,
                        "a": article,
                        "s": 0,
                        "e": 5,
                        "ss": 0,
                        "se": 40,
                        "n": 2,
                        "m": pack(first, [second]),
                    },
                    {
                        "id": top + 11,
                        "l": two,
                        "a": article,
                        "s": 50,
                        "e": 55,
                        "ss": 41,
                        "se": 90,
                        "n": 1,
                        "m": None,
                    },
                ],  # fmt: skip
            )
        migrate.downgrade(lib.engine, "0012_lean_indexes")
        with lib.engine.connect() as conn:
            rows = [tuple(r) for r in conn.execute(text(_ROWS), {"m": top})][-3:]
    finally:
        lib.close()
    assert unpacked > 10  # so the rows inserted at top + 10 must move up
    at = top + unpacked + 1
    assert rows == [(at, one, *first), (at + 1, one, *second), (at + 2, two, *third)]
