"""Undo of merge, split alias, delete and remove-from-case restores exactly what the edit
changed: work done since (by this or another connection) stays; where it makes the exact
undo impossible, undo refuses and changes nothing (issue 14, item 2)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from desktop.services import cases, editing, review, structure
from desktop.services.importer import import_paths
from desktop.services.library import resolve_item
from desktop.services.structure import UndoConflict
from desktop.store import search_backend
from desktop.store.db import Library

DATA = Path(__file__).resolve().parents[1] / "data" / "undo"
FIRST, LATER = DATA / "first.txt", DATA / "later.txt"
TABLES = ("item", "entity", "alias", "link", "evidence", "case_item", "case_file")


def dump(library: Library) -> dict[str, set[tuple]]:
    out: dict[str, set[tuple]] = {}
    with library.engine.connect() as conn:
        for table in TABLES:
            out[table] = {tuple(r) for r in conn.execute(text(f"SELECT * FROM {table}"))}
        out["entity_index"] = set(search_backend.entity_index_rows(conn).items())
    return out


def _id(library: Library, name: str) -> int:
    with library.session() as session:
        return resolve_item(session, name).id


@pytest.fixture
def imported(library: Library) -> Library:
    assert import_paths(library=library, paths=[FIRST]).imported == 1
    return library


@pytest.fixture
def other(db_url: str):
    """A second connection to the same library (another window or analyst)."""
    lib = Library.open(db_url)
    yield lib
    lib.close()


def test_undo_merge_keeps_work_done_since_by_another_connection(imported, other) -> None:
    library = imported
    keep = _id(library, "Department of Commerce")
    gone = _id(library, "Bureau of Industry and Security")
    case_id = cases.create_case(library=library, title="Chips").value
    cases.add_items(library=library, case_id=case_id, item_ids=[gone])
    cases.set_item_note(library=library, case_id=case_id, item_id=gone, note="licensing")
    before = dump(library)
    record = structure.merge_entities(library=library, keep_id=keep, merge_id=gone).value
    merged = dump(library)

    # Work done since, by another connection: an import mentioning the kept entity, a note,
    # a link drawn by hand.
    report = import_paths(library=other, paths=[LATER])
    assert report.imported == 1
    article = report.articles[0].id
    later_case = cases.create_case(library=other, title="Enforcement").value
    cases.add_items(library=other, case_id=later_case, item_ids=[keep])
    cases.set_item_note(library=other, case_id=later_case, item_id=keep, note="staff doubled")
    person = _id(other, "Gina Raimondo")
    link_id = editing.create_link(
        library=other, source_id=person, target_id=keep, kind="affiliated_with"
    ).value
    later = dump(other)
    added = {t: later[t] - merged[t] for t in TABLES}
    assert any(row[1] == article and row[2] == keep for row in added["link"])  # a new mention

    structure.undo_edit(library=library, record=record)
    after = dump(library)
    for table in TABLES:
        assert after[table] == before[table] | added[table], table
    with library.session() as session:
        assert resolve_item(session, "Bureau of Industry and Security").id == gone
        note = [i.note for i in cases.get_case(session, later_case).items if i.item.id == keep]
        assert note == ["staff doubled"]
    with library.engine.connect() as conn:
        assert conn.execute(text(f"SELECT 1 FROM link WHERE id = {link_id}")).first()


def test_undo_delete_brings_the_entity_back_when_its_id_was_reused(imported) -> None:
    library = imported
    last = _id(library, "Gina Raimondo")  # the highest id: the next import takes it again
    with library.engine.connect() as conn:
        assert conn.execute(text("SELECT max(id) FROM item")).scalar() == last
    record = structure.delete_entity(library=library, entity_id=last).value
    import_paths(library=library, paths=[LATER])
    with library.engine.connect() as conn:
        assert conn.execute(text(f"SELECT name FROM item WHERE id = {last}")).scalar() != (
            "Gina Raimondo"
        )
    between = dump(library)
    moved = structure.undo_edit(library=library, record=record).value
    back = _id(library, "Gina Raimondo")
    assert back != last and moved == {last: back}
    after = dump(library)
    assert between["item"] <= after["item"] and between["link"] <= after["link"]
    with library.engine.connect() as conn:
        mentions = conn.execute(text(f"SELECT count(*) FROM link WHERE target_id = {back}"))
        assert mentions.scalar() == 1


def test_undo_split_refuses_when_the_new_entity_was_used_since(imported) -> None:
    library = imported
    commerce = _id(library, "Department of Commerce")
    editing.set_aliases(library=library, entity_id=commerce, aliases=["Department of Commerce",
                                                                      "Commerce"])  # fmt: skip
    split = structure.split_alias(library=library, entity_id=commerce, alias="Commerce").value
    new_id, record = split.new_id, split.record
    case_id = cases.create_case(library=library, title="Split").value
    cases.add_items(library=library, case_id=case_id, item_ids=[new_id])
    between = dump(library)
    with pytest.raises(UndoConflict, match="used since"):
        structure.undo_edit(library=library, record=record)
    assert dump(library) == between
    cases.remove_items(library=library, case_id=case_id, item_ids=[new_id])
    structure.undo_edit(library=library, record=record)
    with library.session() as session:
        assert resolve_item(session, "Commerce").id == commerce


def test_undo_remove_from_case_refuses_when_the_item_was_added_again(imported) -> None:
    library = imported
    commerce = _id(library, "Department of Commerce")
    case_id = cases.create_case(library=library, title="Chips").value
    cases.add_items(library=library, case_id=case_id, item_ids=[commerce])
    cases.set_item_note(library=library, case_id=case_id, item_id=commerce, note="first")
    removed = cases.remove_items(library=library, case_id=case_id, item_ids=[commerce]).value
    cases.add_items(library=library, case_id=case_id, item_ids=[commerce])
    cases.set_item_note(library=library, case_id=case_id, item_id=commerce, note="second")
    between = dump(library)
    with pytest.raises(UndoConflict):
        cases.restore_items(library=library, case_id=case_id, items=removed)
    assert dump(library) == between


def test_undo_merge_refuses_when_a_moved_link_was_deleted_since(imported, other) -> None:
    library = imported
    keep = _id(library, "Department of Commerce")
    gone = _id(library, "Bureau of Industry and Security")
    record = structure.merge_entities(library=library, keep_id=keep, merge_id=gone).value
    moved = [op.key for op in record.ops if op.table == "link" and op.action == "update"]
    assert moved
    editing.delete_link(library=other, link_id=moved[0])  # someone removes it meanwhile
    between = dump(library)
    with pytest.raises(UndoConflict, match="deleted since"):
        structure.undo_edit(library=library, record=record)
    assert dump(library) == between


def test_edits_return_their_before_image_read_in_the_write(imported) -> None:
    """One typed result per edit (issue 17): the value an undo restores comes from the same
    transaction as the change, not from a read made before it."""
    library = imported
    keep = _id(library, "Department of Commerce")
    case_id = cases.create_case(library=library, title="Chips", summary="first summary").value
    cases.add_items(library=library, case_id=case_id, item_ids=[keep])
    first = cases.set_item_note(library=library, case_id=case_id, item_id=keep, note="one")
    second = cases.set_item_note(library=library, case_id=case_id, item_id=keep, note="two")
    assert (first.value, second.value) == ("", "one")
    assert second.changes.cases == {case_id}
    updated = cases.update_case(library=library, case_id=case_id, title="Chips 2", summary="s2")
    assert updated.value == {"title": "Chips", "summary": "first summary"}
    article = _id(library, "Commerce Tightens Chip Rules After Review of Exports to China")
    marked = review.mark_reviewed(library=library, article_ids=[article], reviewed=False)
    again = review.mark_reviewed(library=library, article_ids=[article], reviewed=True)
    assert (article in marked.changes.articles, again.value) == (True, {article: False})
