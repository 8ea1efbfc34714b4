"""Edits that half-happen (issue 14, item 8): a refused undo or redo leaves the undo stack
where it was and says why; renaming to a name another entity has offers the merge; the
undo of a rename is one transaction."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QMessageBox

from desktop.services import cases as case_service
from desktop.services import editing
from desktop.services.library import get_entity, resolve_item
from desktop.store.db import Library
from desktop.ui.bus import ChangeBus
from desktop.ui.cases.commands import CreateCaseCommand
from desktop.ui.edit.commands import DeleteEntityCommand, RenameEntityCommand, SplitAliasCommand
from desktop.ui.edit.entity import EntityEditDialog
from desktop.ui.undo import Editor, step

from .conftest import Built, add_entity


@pytest.fixture
def editor(library: Library, qapp) -> Editor:  # noqa: ANN001
    return Editor(library, QUndoStack(), ChangeBus())


def test_a_refused_undo_leaves_the_stack_and_says_why(editor: Editor, built: Built, qtbot) -> None:  # noqa: ANN001
    org = built.entities["org"]
    split = SplitAliasCommand(editor, org, "Commerce")
    assert editor.push(split)
    # another window puts the new entity into a case: undoing the split would lose that
    case_service.add_items(library=editor.library, case_id=built.case_id, item_ids=[split.new_id])
    with qtbot.waitSignal(editor.sig_error) as error:
        assert not step(editor.undo_stack, undo=True)
    assert "Cannot undo" in error.args[0]
    assert editor.undo_stack.index() == 1 and editor.undo_stack.canUndo()
    with editor.library.session() as s:
        assert get_entity(s, split.new_id).item.name == "Commerce"
    case_service.remove_items(library=editor.library, case_id=built.case_id,
                              item_ids=[split.new_id])  # fmt: skip
    assert step(editor.undo_stack, undo=True)
    assert editor.undo_stack.index() == 0
    with editor.library.session() as s:
        assert resolve_item(s, "Commerce").id == org


def test_a_refused_redo_leaves_the_stack(editor: Editor, built: Built, qtbot) -> None:  # noqa: ANN001
    assert editor.push(CreateCaseCommand(editor, "Chips"))
    assert step(editor.undo_stack, undo=True)
    case_service.create_case(library=editor.library, title="Chips")  # someone else took it
    with qtbot.waitSignal(editor.sig_error):
        assert not step(editor.undo_stack, undo=False)
    assert editor.undo_stack.index() == 0 and editor.undo_stack.canRedo()


def test_renaming_to_a_taken_name_is_refused_by_the_service(library: Library, built: Built) -> None:
    org = built.entities["org"]
    with library.write() as s:
        twin = add_entity(s, "organization", "Commerce Dept.")
    with pytest.raises(editing.NameTaken) as taken:
        editing.rename_entity(library=library, entity_id=twin, name="commerce")  # an alias
    assert taken.value.existing_id == org
    with library.session() as s:
        assert get_entity(s, twin).item.name == "Commerce Dept."
    # another kind may share the name: a person is not an organization
    editing.rename_entity(library=library, entity_id=built.entities["person"], name="Commerce")


def test_the_rename_dialog_offers_the_merge(
    editor: Editor, built: Built, qtbot, monkeypatch
) -> None:  # noqa: ANN001
    org, library = built.entities["org"], editor.library
    with library.write() as s:
        twin = add_entity(s, "organization", "Commerce Dept.")
    asked: list[str] = []

    def answer(box: QMessageBox) -> int:
        asked.append(box.text())
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "exec", answer)
    dialog = EntityEditDialog(editor, twin)
    qtbot.addWidget(dialog)
    dialog.name.setText("Department of Commerce")
    assert dialog.apply()
    assert asked and "Merge" in asked[0]
    with library.session() as s:
        assert resolve_item(s, "Commerce Dept.").id == org  # merged, not a second entity
        assert get_entity(s, org).mentioned_in  # the kept entity is intact
    assert step(editor.undo_stack, undo=True)
    with library.session() as s:
        assert get_entity(s, twin).item.name == "Commerce Dept."


def test_undoing_a_rename_is_one_transaction(editor: Editor, built: Built, monkeypatch) -> None:  # noqa: ANN001
    org, library = built.entities["org"], editor.library
    with library.session() as s:
        before = get_entity(s, org)
    assert editor.push(RenameEntityCommand(editor, org, "U.S. Department of Commerce"))
    writes = []
    real_write = library.write

    def counted():  # noqa: ANN202
        writes.append(1)
        return real_write()

    monkeypatch.setattr(library, "write", counted)
    assert step(editor.undo_stack, undo=True)
    assert len(writes) == 1
    with library.session() as s:
        after = get_entity(s, org)
    assert (after.item.name, sorted(after.aliases)) == (before.item.name, sorted(before.aliases))


def test_redo_after_an_undo_that_renumbered_acts_on_the_new_id(
    editor: Editor, built: Built
) -> None:
    library = editor.library
    with library.write() as s:  # the highest id, so the next new item takes it again
        last = add_entity(s, "organization", "Wassenaar Secretariat")
    delete = DeleteEntityCommand(editor, last, "Wassenaar Secretariat")
    assert editor.push(delete)
    with library.write() as s:
        assert add_entity(s, "person", "Someone New") == last
    assert step(editor.undo_stack, undo=True)
    with library.session() as s:
        back = resolve_item(s, "Wassenaar Secretariat").id
    assert back != last and delete.entity_id == back
    assert step(editor.undo_stack, undo=False)  # deletes the entity again, not "Someone New"
    with library.session() as s:
        assert resolve_item(s, "Someone New").id == last
        with pytest.raises(LookupError):
            resolve_item(s, "Wassenaar Secretariat")
