"""Undo commands: each edit is stored, undone exactly and redone, and announced on the bus."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtGui import QUndoStack

from desktop.services import cases as case_service
from desktop.services.library import get_entity, resolve_item
from desktop.services.review import article_suggestions
from desktop.store.db import Library
from desktop.ui.bus import ChangeBus
from desktop.ui.cases.commands import (
    AddItemsCommand,
    CreateCaseCommand,
    DeleteCaseCommand,
    PinItemsCommand,
    RemoveItemsCommand,
    ReorderItemsCommand,
    SetItemNoteCommand,
    UpdateCaseCommand,
)
from desktop.ui.edit.commands import (
    ChangeKindCommand,
    CreateLinkCommand,
    DeleteLinkCommand,
    MarkReviewedCommand,
    MergeEntitiesCommand,
    RenameEntityCommand,
    SetAliasesCommand,
    SetDetailsCommand,
    SetSuggestionStatusCommand,
    SplitAliasCommand,
    UpdateLinkCommand,
)
from desktop.ui.undo import Editor

from .conftest import Built


@pytest.fixture
def editor(library: Library, qapp) -> Editor:  # noqa: ANN001
    return Editor(library, QUndoStack(), ChangeBus())


def case_items(library: Library, case_id: int) -> list[tuple[int, bool, str]]:
    with library.session() as s:
        return [(e.item.id, e.pinned, e.note) for e in case_service.get_case(s, case_id).items]


def entity(library: Library, entity_id: int):  # noqa: ANN201
    """The entity's content; its edit counter (version) moves on with undo too, so it is left out."""
    with library.session() as s:
        return replace(get_entity(s, entity_id), version=0)


def test_add_items_undo_redo_and_announces(editor: Editor, built: Built, qtbot) -> None:  # noqa: ANN001
    org = built.entities["org"]
    with qtbot.waitSignal(editor.bus.sig_changed) as signal:
        assert editor.push(AddItemsCommand(editor, built.case_id, [org], "Korea"))
    assert built.case_id in signal.args[0].cases
    assert org in [i for i, _, _ in case_items(editor.library, built.case_id)]
    assert editor.undo_stack.undoText() == "Add 1 item to “Korea”"
    editor.undo_stack.undo()
    assert org not in [i for i, _, _ in case_items(editor.library, built.case_id)]
    editor.undo_stack.redo()
    assert org in [i for i, _, _ in case_items(editor.library, built.case_id)]


def test_adding_what_is_there_pushes_nothing(editor: Editor, built: Built) -> None:
    assert editor.push(AddItemsCommand(editor, built.case_id, [built.articles["main"]]))
    assert editor.undo_stack.count() == 0


def test_remove_undo_restores_position_and_note(editor: Editor, built: Built) -> None:
    before = case_items(editor.library, built.case_id)
    assert editor.push(RemoveItemsCommand(editor, built.case_id, [built.articles["main"]]))
    assert [i for i, _, _ in case_items(editor.library, built.case_id)] == [
        built.entities["person"]
    ]
    editor.undo_stack.undo()
    assert case_items(editor.library, built.case_id) == before  # "Key quote" is back, first
    editor.undo_stack.redo()
    assert len(case_items(editor.library, built.case_id)) == 1


def test_reorder_pin_and_note(editor: Editor, built: Built) -> None:
    a, p = built.articles["main"], built.entities["person"]
    editor.push(ReorderItemsCommand(editor, built.case_id, [p, a]))
    assert [i for i, _, _ in case_items(editor.library, built.case_id)] == [p, a]
    editor.push(PinItemsCommand(editor, built.case_id, [a], True))
    assert case_items(editor.library, built.case_id)[0] == (a, True, "Key quote")
    editor.push(SetItemNoteCommand(editor, built.case_id, p, "Why she matters"))
    editor.push(SetItemNoteCommand(editor, built.case_id, p, "Why she matters here"))
    assert editor.undo_stack.count() == 3  # two autosaves of one sitting merged
    editor.undo_stack.undo()
    assert dict((i, n) for i, _, n in case_items(editor.library, built.case_id))[p] == ""
    editor.undo_stack.undo()
    editor.undo_stack.undo()
    assert [i for i, _, _ in case_items(editor.library, built.case_id)] == [a, p]
    assert not any(pin for _, pin, _ in case_items(editor.library, built.case_id))


def test_case_title_status_summary_and_refused_title(editor: Editor, built: Built) -> None:
    cid = built.case_id
    assert editor.push(UpdateCaseCommand(editor, cid, "title", "Seoul"))
    assert editor.push(UpdateCaseCommand(editor, cid, "status", "on hold"))
    assert editor.push(UpdateCaseCommand(editor, cid, "summary", "New"))
    assert editor.push(UpdateCaseCommand(editor, cid, "summary", "New text"))
    with editor.library.session() as s:
        view = case_service.get_case(s, cid)
    assert (view.title, view.status, view.summary) == ("Seoul", "on hold", "New text")
    assert editor.undo_stack.count() == 3
    for _ in range(3):
        editor.undo_stack.undo()
    with editor.library.session() as s:
        view = case_service.get_case(s, cid)
    assert (view.title, view.status) == ("Korea coordination", "open")
    assert view.summary == "Does Seoul want a say?"
    other = case_service.create_case(library=editor.library, title="Other").value
    errors: list[str] = []
    editor.sig_error.connect(errors.append)
    assert not editor.push(UpdateCaseCommand(editor, other, "title", "korea coordination"))
    assert errors and "already" in errors[0]
    assert editor.undo_stack.index() == 0  # nothing pushed for a refused edit


def test_create_and_delete_case_keep_ids(editor: Editor, built: Built) -> None:
    create = CreateCaseCommand(editor, "Chips")
    editor.push(create)
    editor.push(AddItemsCommand(editor, create.case_id, [built.entities["org"]]))
    editor.undo_stack.undo()
    editor.undo_stack.undo()
    with editor.library.session() as s:
        assert "Chips" not in [c.title for c in case_service.list_cases(s)]
    editor.undo_stack.redo()
    editor.undo_stack.redo()  # the add finds its case under the same id
    assert case_items(editor.library, create.case_id)[0][0] == built.entities["org"]
    editor.push(DeleteCaseCommand(editor, built.case_id, "Korea coordination"))
    with editor.library.session() as s:
        assert resolve_item(s, "Elizabeth Economy").id  # the items stay in the library
    editor.undo_stack.undo()
    assert len(case_items(editor.library, built.case_id)) == 2


def test_entity_edits_undo_exactly(editor: Editor, built: Built) -> None:
    org = built.entities["org"]
    before = entity(editor.library, org)
    editor.push(RenameEntityCommand(editor, org, "U.S. Department of Commerce"))
    editor.push(ChangeKindCommand(editor, org, "group"))
    editor.push(SetAliasesCommand(editor, org, ["DOC", "Commerce"]))
    editor.push(SetDetailsCommand(editor, org, "regulator", None))
    after = entity(editor.library, org)
    assert after.item.name == "U.S. Department of Commerce" and after.item.kind == "group"
    assert "DOC" in after.aliases and after.role == "regulator"
    for _ in range(4):
        editor.undo_stack.undo()
    assert entity(editor.library, org) == before
    for _ in range(4):
        editor.undo_stack.redo()
    assert entity(editor.library, org).item.name == "U.S. Department of Commerce"


def test_merge_and_split_undo(editor: Editor, built: Built) -> None:
    org, country = built.entities["org"], built.entities["country"]
    before = (entity(editor.library, org), entity(editor.library, country))
    editor.push(MergeEntitiesCommand(editor, org, country))
    merged = entity(editor.library, org)
    assert "South Korea" in merged.aliases
    editor.undo_stack.undo()
    assert (entity(editor.library, org), entity(editor.library, country)) == before
    editor.undo_stack.redo()
    split = SplitAliasCommand(editor, org, "Commerce")
    editor.push(split)
    assert entity(editor.library, split.new_id).item.name == "Commerce"
    editor.undo_stack.undo()
    assert "Commerce" in entity(editor.library, org).aliases


def test_link_create_edit_delete(editor: Editor, built: Built) -> None:
    p, c = built.entities["person"], built.entities["country"]
    create = CreateLinkCommand(editor, p, c, "met_with", note="in Seoul",
                               evidence=(built.articles["main"], "She met them."))  # fmt: skip
    assert editor.push(create)

    def links() -> list[tuple[str, str, str | None]]:
        return [(lk.kind, lk.label, lk.note) for lk in entity(editor.library, p).links
                if lk.target.id == c]  # fmt: skip

    assert links() == [("met_with", "", "in Seoul")]
    assert not editor.push(CreateLinkCommand(editor, p, c, "met_with"))  # refused: exists
    editor.push(UpdateLinkCommand(editor, create.link_id, kind="custom", label="visited"))
    assert links() == [("custom", "visited", "in Seoul")]
    editor.undo_stack.undo()
    assert links() == [("met_with", "", "in Seoul")]
    editor.push(DeleteLinkCommand(editor, create.link_id))
    assert links() == []
    editor.undo_stack.undo()
    assert links() == [("met_with", "", "in Seoul")]
    assert entity(editor.library, p).links[-1].evidence[0].sentence == "She met them."
    editor.undo_stack.undo()  # the creation
    assert links() == []
    editor.undo_stack.redo()
    assert links() == [("met_with", "", "in Seoul")]


def test_review_statuses_and_mark_reviewed(editor: Editor, built: Built) -> None:
    main, older = built.articles["main"], built.articles["older"]
    with editor.library.session() as s:
        ids = [x.link_id for x in article_suggestions(s, main)]
    editor.push(SetSuggestionStatusCommand(editor, ids, "rejected"))
    with editor.library.session() as s:
        assert {x.status for x in article_suggestions(s, main)} == {"rejected"}
    editor.undo_stack.undo()
    with editor.library.session() as s:
        statuses = {x.item.name: x.status for x in article_suggestions(s, main)}
    assert statuses["Elizabeth Economy"] == "confirmed"
    assert statuses["South Korea"] == "suggested"
    editor.push(MarkReviewedCommand(editor, [main, older]))
    from desktop.services.library import get_article

    with editor.library.session() as s:
        assert get_article(s, older).reviewed
    editor.undo_stack.undo()
    with editor.library.session() as s:
        assert get_article(s, main).reviewed and not get_article(s, older).reviewed


def test_an_edit_based_on_a_stale_read_is_refused_not_lost(editor: Editor, built: Built) -> None:
    """Another window (or analyst on a shared library) renamed it after we read it."""
    org = built.entities["org"]
    with editor.library.session() as s:
        seen = get_entity(s, org).version
    errors: list[str] = []
    editor.sig_error.connect(errors.append)
    assert editor.push(RenameEntityCommand(editor, org, "Commerce (theirs)", seen))
    assert not editor.push(RenameEntityCommand(editor, org, "Commerce (mine)", seen))
    assert entity(editor.library, org).item.name == "Commerce (theirs)"
    assert errors and "changed by someone else" in errors[0]


def test_a_case_edit_based_on_a_stale_read_is_refused(editor: Editor, built: Built) -> None:
    with editor.library.session() as s:
        seen = case_service.get_case(s, built.case_id).version
    assert editor.push(UpdateCaseCommand(editor, built.case_id, "summary", "theirs", seen))
    assert not editor.push(UpdateCaseCommand(editor, built.case_id, "summary", "mine", seen))
    with editor.library.session() as s:
        assert case_service.get_case(s, built.case_id).summary == "theirs"
