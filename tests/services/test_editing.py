"""Entity edits and their undo: merge restores both entities exactly."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from desktop.services import cases, editing, structure
from desktop.services.importer import import_paths
from desktop.services.library import get_entity, resolve_item
from desktop.store import search_backend
from tests.conftest import SAMPLE


def _dump(library) -> dict[str, list]:
    """Every row that an entity edit may touch, for exact before/after comparison."""
    out = {}
    with library.engine.connect() as conn:
        for table in ("item", "entity", "alias", "link", "evidence", "case_item"):
            out[table] = sorted(tuple(r) for r in conn.execute(text(f"SELECT * FROM {table}")))
        out["entity_index"] = sorted(search_backend.entity_index_rows(conn).items())
    return out


@pytest.fixture
def imported(library):
    import_paths(library=library, paths=[SAMPLE])
    return library


def _id(library, name: str) -> int:
    with library.session() as session:
        return resolve_item(session, name).id


def test_merge_moves_everything_and_undo_restores_both_exactly(imported) -> None:
    library = imported
    case_id = cases.create_case(library=library, title="ROK").value
    keep, gone = (
        _id(library, "Department of Commerce"),
        _id(library, "Bureau of Industry and Security"),
    )
    cases.add_items(library=library, case_id=case_id, item_ids=[gone])
    cases.set_item_note(library=library, case_id=case_id, item_id=gone, note="export licensing")
    before = _dump(library)
    record = structure.merge_entities(library=library, keep_id=keep, merge_id=gone).value
    with library.session() as session:
        page = get_entity(session, keep)
        assert "Bureau of Industry and Security" in page.aliases and "BIS" in page.aliases
        assert resolve_item(session, "BIS").id == keep
        assert [i.item.id for i in cases.get_case(session, case_id).items] == [keep]
        assert cases.get_case(session, case_id).items[0].note == "export licensing"
    structure.undo_edit(library=library, record=record)
    assert _dump(library) == before


def test_rename_aliases_and_split(imported) -> None:
    library = imported
    bis = _id(library, "BIS")
    old = editing.rename_entity(
        library=library, entity_id=bis, name="Bureau of Industry & Security"
    ).value
    assert old.old_name == "Bureau of Industry and Security"
    editing.set_aliases(library=library, entity_id=bis, aliases=["BIS", "Commerce BIS"])
    with library.session() as session:
        assert set(get_entity(session, bis).aliases) >= {"BIS", "Commerce BIS"}
    split = structure.split_alias(library=library, entity_id=bis, alias="BIS").value
    new_id, record = split.new_id, split.record
    with library.session() as session:
        split = get_entity(session, new_id)
        assert split.item.name == "BIS" and split.mentioned_in  # the "BIS" mention followed
        assert "BIS" not in get_entity(session, bis).aliases
    structure.undo_edit(library=library, record=record)
    with library.session() as session:
        assert "BIS" in get_entity(session, bis).aliases
        with pytest.raises(LookupError):
            get_entity(session, new_id)


def test_links_by_hand_and_undo(imported) -> None:
    library = imported
    person, group = _id(library, "Marisa Okonkwo"), _id(library, "Hudson Institute")
    link_id = editing.create_link(
        library=library, source_id=person, target_id=group, kind="met_with", note="Jan. 18 forum"
    ).value
    with pytest.raises(editing.EditError):
        editing.create_link(library=library, source_id=person, target_id=group, kind="met_with")
    previous = editing.update_link(
        library=library, link_id=link_id, kind="custom", label="spoke at"
    ).value
    assert previous == {"kind": "met_with", "label": ""}
    snapshot = editing.delete_link(library=library, link_id=link_id).value
    editing.restore_link(library=library, snapshot=snapshot)
    with library.session() as session:
        [link] = [lk for lk in get_entity(session, person).links if lk.id == link_id]
        assert (link.kind, link.label, link.status, link.note) == (
            "custom",
            "spoke at",
            "confirmed",
            "Jan. 18 forum",
        )


def test_rename_and_pins_hand_back_the_before_image_their_undo_restores(imported) -> None:
    """The value of a rename and of a pin change is the state they found in their own write
    transaction: what the undo puts back, on either back end."""
    library = imported
    bis = _id(library, "BIS")
    editing.set_aliases(library=library, entity_id=bis, aliases=["BIS", "Commerce BIS"])
    renamed = editing.rename_entity(library=library, entity_id=bis, name="Commerce BIS").value
    assert (renamed.old_name, renamed.added_alias) == ("Bureau of Industry and Security", None)
    editing.restore_name(library=library, entity_id=bis, name=renamed.old_name,
                         added_alias=renamed.added_alias)  # fmt: skip
    with library.session() as session:
        page = get_entity(session, bis)
    assert page.item.name == "Bureau of Industry and Security" and "Commerce BIS" in page.aliases

    renamed = editing.rename_entity(library=library, entity_id=bis, name="Export Bureau").value
    assert renamed.added_alias == "Export Bureau"
    editing.restore_name(library=library, entity_id=bis, name=renamed.old_name,
                         added_alias=renamed.added_alias)  # fmt: skip
    with library.session() as session:
        assert "Export Bureau" not in get_entity(session, bis).aliases

    case_id = cases.create_case(library=library, title="Pins").value
    commerce = _id(library, "Department of Commerce")
    cases.add_items(library=library, case_id=case_id, item_ids=[bis, commerce])
    assert cases.set_pinned(library=library, case_id=case_id, pins={bis: True}).value == {
        bis: False
    }
    done = cases.set_pinned(library=library, case_id=case_id, pins={bis: False, commerce: True})
    assert done.value == {bis: True, commerce: False} and done.changes.cases == {case_id}
    cases.set_pinned(library=library, case_id=case_id, pins=done.value)
    with library.session() as session:
        pins = {e.item.id: e.pinned for e in cases.get_case(session, case_id).items}
    assert pins == {bis: True, commerce: False}
