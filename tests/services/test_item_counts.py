"""The maintained mention counts (issue 22): ``item_count`` is kept by triggers on ``link``, so
after every kind of write the count each entity list shows equals a fresh count of the
links, on both back ends, and the lists read and sort by it."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import Connection

from desktop.services import review, structure
from desktop.services.importer import import_paths
from desktop.services.library import get_entity, item_rows, list_item_ids, resolve_item
from desktop.store import item_counts, migrate
from desktop.store.db import Library
from desktop.store.models import MENTIONS

DATA = Path(__file__).resolve().parents[1] / "data" / "undo"
FIRST, LATER = DATA / "first.txt", DATA / "later.txt"


def _counts(conn: Connection, sql: str) -> dict[int, int]:
    return {int(i): int(n) for i, n in conn.execute(text(sql))}


def _fresh(conn: Connection) -> dict[int, int]:
    """Counted from the link rows now, as the lists counted before the counter existed."""
    return _counts(conn, item_counts.FRESH_COUNTS)


def _stored_and_fresh(library: Library) -> tuple[dict[int, int], dict[int, int]]:
    with library.engine.connect() as conn:
        stored = _counts(conn, f"SELECT item_id, mentioned_in FROM {item_counts.TABLE}")
        return stored, _fresh(conn)


def _assert_counts_right(library: Library) -> dict[int, int]:
    stored, fresh = _stored_and_fresh(library)
    assert stored == fresh
    return stored


def _id(library: Library, name: str) -> int:
    with library.session() as session:
        return resolve_item(session, name).id


def _mention_links(library: Library, target: int) -> list[int]:
    with library.engine.connect() as conn:
        rows = conn.execute(
            text("SELECT id FROM link WHERE kind = :k AND target_id = :t ORDER BY id"),
            {"k": MENTIONS, "t": target},
        )
        return [int(r[0]) for r in rows]


def test_the_counter_equals_a_fresh_count_after_every_kind_of_write(library: Library) -> None:
    assert import_paths(library=library, paths=[FIRST, LATER]).imported == 2
    counts = _assert_counts_right(library)
    commerce = _id(library, "Department of Commerce")
    assert counts[commerce] == 2  # both articles mention it

    # review: rejecting a suggestion takes it out of the count; undo puts it back
    rejected = _mention_links(library, commerce)[:1]
    previous = review.reject(library=library, link_ids=rejected).value
    assert _assert_counts_right(library)[commerce] == 1
    review.restore_statuses(library=library, previous=previous)
    assert _assert_counts_right(library)[commerce] == 2
    review.confirm(library=library, link_ids=rejected)  # counted before and after
    assert _assert_counts_right(library)[commerce] == 2

    # merge moves the other entity's mentions; undo moves them back
    bis = _id(library, "Bureau of Industry and Security")
    both = counts[commerce] + counts.get(bis, 0)
    merged = structure.merge_entities(library=library, keep_id=commerce, merge_id=bis).value
    after_merge = _assert_counts_right(library)
    assert bis not in after_merge
    assert 2 <= after_merge[commerce] <= both  # an article mentioning both counts once
    structure.undo_edit(library=library, record=merged)
    assert _assert_counts_right(library) == counts

    # delete takes the entity's counter away; undo brings it back
    deleted = structure.delete_entity(library=library, entity_id=commerce).value
    assert commerce not in _assert_counts_right(library)
    structure.undo_edit(library=library, record=deleted)
    assert _assert_counts_right(library) == counts


def test_lists_and_pages_show_and_sort_by_the_counter(library: Library) -> None:
    assert import_paths(library=library, paths=[FIRST, LATER]).imported == 2
    counts = _assert_counts_right(library)
    with library.session() as session:
        ids = list_item_ids(session, section="organizations", sort="mentions", descending=True)
        rows = item_rows(session, ids)
        shown = [row.mentions for row in rows]
        assert shown == sorted(shown, reverse=True)
        assert shown == [counts.get(row.id, 0) for row in rows]
        assert shown[0] == 2
        commerce = resolve_item(session, "Department of Commerce").id
        assert get_entity(session, commerce).mention_total == 2


def test_the_migration_backfills_the_counter_and_drops_it_going_down(db_url: str) -> None:
    lib = Library.open(db_url)
    try:
        assert import_paths(library=lib, paths=[FIRST, LATER]).imported == 2
        expected = _assert_counts_right(lib)
        migrate.downgrade(lib.engine, "0010_graph_index")
        with lib.engine.begin() as conn:  # a write under the old schema: no trigger runs
            conn.execute(
                text("DELETE FROM link WHERE id = (SELECT min(id) FROM link WHERE kind = :k)"),
                {"k": MENTIONS},
            )
            fresh = _fresh(conn)
    finally:
        lib.close()
    assert fresh != expected
    lib = Library.open(db_url)  # opening migrates to the head and backfills
    try:
        assert migrate.current_and_head(lib.engine)[0] == migrate.SCHEMA_HEAD
        assert _stored_and_fresh(lib) == (fresh, fresh)
        assert fresh
    finally:
        lib.close()


def test_a_copied_library_counts_the_same(library: Library, tmp_path: Path) -> None:
    from desktop.store.copy import copy_library
    from desktop.store.db import resolve_db_url

    assert import_paths(library=library, paths=[FIRST, LATER]).imported == 2
    counts = _assert_counts_right(library)
    target = Library.open(resolve_db_url(tmp_path / "copy.casefile"))
    try:
        copy_library(library, target)
        assert _assert_counts_right(target) == counts
    finally:
        target.close()
