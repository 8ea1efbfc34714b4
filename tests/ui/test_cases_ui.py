"""The case page, its dialogs and the entity/link dialogs: driven through their public
methods, checked against what the library stores, including undo and redo."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import QMimeData, QModelIndex, QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QUndoStack
from PySide6.QtWidgets import QApplication, QMenu

from desktop.services import cases as case_service
from desktop.services.library import get_entity
from desktop.store.db import Library
from desktop.ui.bus import ChangeBus
from desktop.ui.cases import CaseView, ids_from_mime, item_ids_mime
from desktop.ui.cases.dialogs import AddToCaseDialog, CaseDetailsDialog, add_to_case
from desktop.ui.cases.model import CaseItemListModel
from desktop.ui.edit import EntityEditDialog, LinkEditorDialog, MergeDialog, SplitAliasDialog
from desktop.ui.undo import Editor

from .conftest import Built


@pytest.fixture
def stack(qapp) -> QUndoStack:  # noqa: ANN001
    return QUndoStack()


@pytest.fixture
def view(qtbot, library: Library, built: Built, stack: QUndoStack) -> CaseView:  # noqa: ANN001
    widget = CaseView(library, undo_stack=stack, bus=ChangeBus())
    qtbot.addWidget(widget)
    widget.resize(700, 700)
    widget.show_case(built.case_id)
    widget.show()
    return widget


def stored(library: Library, case_id: int):  # noqa: ANN201
    with library.session() as s:
        return case_service.get_case(s, case_id)


def stored_ids(library: Library, case_id: int) -> list[int]:
    return [e.item.id for e in stored(library, case_id).items]


def test_shows_case_and_model_is_sound(view: CaseView, built: Built, qtmodeltester) -> None:  # noqa: ANN001
    assert view.title_edit.text() == "Korea coordination"
    assert view.model.ids() == [built.articles["main"], built.entities["person"]]
    assert view.summary.text() == "Does Seoul want a say?"
    qtmodeltester.check(view.model)


def test_add_remove_with_undo(view: CaseView, library: Library, built: Built,
                              stack: QUndoStack) -> None:  # fmt: skip
    org = built.entities["org"]
    assert view.add_items([org])
    assert stored_ids(library, built.case_id)[-1] == org
    assert view.model.ids()[-1] == org  # the view refreshed from the bus
    assert view.current_item_id() == org
    view.select_item(built.articles["main"])
    assert view.remove_selected()
    assert built.articles["main"] not in stored_ids(library, built.case_id)
    stack.undo()
    assert stored(library, built.case_id).items[0].note == "Key quote"
    stack.undo()
    assert org not in stored_ids(library, built.case_id)
    stack.redo()
    assert org in view.model.ids()


def test_delete_key_removes_selection(view: CaseView, library: Library, built: Built,
                                      qtbot) -> None:  # noqa: ANN001  # fmt: skip
    view.select_item(built.entities["person"])
    qtbot.keyClick(view.list, Qt.Key.Key_Delete)
    assert stored_ids(library, built.case_id) == [built.articles["main"]]


def test_empty_state_after_removing_everything(view: CaseView, built: Built) -> None:
    view.remove_items(view.model.ids())
    assert view.stack.currentWidget() is view.empty
    assert "Ctrl+D" in view.empty.text()


def test_pin_moves_to_top_and_reorder(view: CaseView, library: Library, built: Built,
                                      stack: QUndoStack) -> None:  # fmt: skip
    person, main = built.entities["person"], built.articles["main"]
    view.select_item(person)
    assert view.toggle_pin_selected()
    assert stored(library, built.case_id).items[0].pinned
    assert view.model.ids() == [person, main]
    stack.undo()
    assert view.model.ids() == [main, person]
    assert view.move_item(person, 0)
    assert stored_ids(library, built.case_id) == [person, main]
    stack.undo()
    assert stored_ids(library, built.case_id) == [main, person]


def test_internal_drag_reorders(view: CaseView, library: Library, built: Built) -> None:
    person = built.entities["person"]
    mime = view.model.mimeData([view.model.index(1)])
    assert view.model.dropMimeData(mime, Qt.DropAction.MoveAction, 0, 0, QModelIndex()) is False
    assert stored_ids(library, built.case_id)[0] == person


def test_dropping_item_ids_adds_them(view: CaseView, library: Library, built: Built) -> None:
    org, country = built.entities["org"], built.entities["country"]
    mime = item_ids_mime([org])
    view.model.dropMimeData(mime, Qt.DropAction.CopyAction, 1, 0, QModelIndex())
    assert stored_ids(library, built.case_id) == [built.articles["main"], org,
                                                  built.entities["person"]]  # fmt: skip
    # A drop anywhere on the page (the empty state, the header), in the search panel's format.
    legacy = QMimeData()
    legacy.setData("application/x-casefile-items", f"[{country}]".encode())
    pos = QPointF(view.rect().center())
    enter = QDragEnterEvent(pos.toPoint(), Qt.DropAction.CopyAction, legacy,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)  # fmt: skip
    QApplication.sendEvent(view, enter)
    assert enter.isAccepted()
    drop = QDropEvent(pos, Qt.DropAction.CopyAction, legacy, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)  # fmt: skip
    QApplication.sendEvent(view, drop)
    assert stored_ids(library, built.case_id)[-1] == country


def test_mime_round_trip_reads_both_formats() -> None:
    assert ids_from_mime(item_ids_mime([3, 1, 3])) == [3, 1]
    other = QMimeData()
    other.setData("application/x-casefile-item-ids", b"5,6")
    assert ids_from_mime(other) == [5, 6]
    garbage = QMimeData()
    garbage.setData("application/x-casefile-items", b"{not json")
    assert ids_from_mime(garbage) == []


def test_title_and_status(view: CaseView, library: Library, built: Built,
                          stack: QUndoStack) -> None:  # fmt: skip
    view.title_edit.setText("Seoul and chips")
    view.title_edit.editingFinished.emit()
    assert stored(library, built.case_id).title == "Seoul and chips"
    view.status_combo.setCurrentIndex(view.status_combo.findData("on hold"))
    view.status_combo.activated.emit(view.status_combo.currentIndex())
    assert stored(library, built.case_id).status == "on hold"
    stack.undo()
    stack.undo()
    assert view.title_edit.text() == "Korea coordination"
    assert view.status_combo.currentData() == "open"


def test_summary_autosaves_and_shows_date(view: CaseView, library: Library, built: Built,
                                          qtbot, stack: QUndoStack) -> None:  # noqa: ANN001  # fmt: skip
    view.summary.set_text("A **new** summary")
    qtbot.waitUntil(lambda: stored(library, built.case_id).summary == "A **new** summary")
    assert view.summary.edited.text().startswith("Edited ")
    view.summary.set_preview(True)
    assert "new" in view.summary.preview.toPlainText()
    stack.undo()
    assert view.summary.text() == "Does Seoul want a say?"


def test_item_note_autosaves(view: CaseView, library: Library, built: Built, qtbot) -> None:  # noqa: ANN001
    person = built.entities["person"]
    view.select_item(person)
    assert view.note.heading.text() == "Note on Elizabeth Economy"
    view.note.set_text("Speaks for Commerce")

    def note() -> str:
        return next(e.note for e in stored(library, built.case_id).items if e.item.id == person)

    qtbot.waitUntil(lambda: note() == "Speaks for Commerce")
    assert view.note.edited.text().startswith("Edited ")
    view.note.set_text("Switching saves at once")
    view.select_item(built.articles["main"])  # no waiting: leaving the item saves it
    assert note() == "Switching saves at once"
    assert view.note.text() == "Key quote"


def test_add_to_case_dialog_existing_and_new(library: Library, built: Built, qtbot) -> None:  # noqa: ANN001
    editor = Editor(library, QUndoStack(), ChangeBus())
    with library.session() as s:
        cases, counts = case_service.list_cases(s), case_service.case_item_counts(s)
    dialog = AddToCaseDialog(cases, counts, 1)
    qtbot.addWidget(dialog)
    dialog.filter.setText("korea")
    assert dialog.choice() == (built.case_id, "")
    start = dialog.list.currentRow()
    qtbot.keyClick(dialog.filter, Qt.Key.Key_Down)  # arrows in the filter steer the list
    assert dialog.list.currentRow() == min(start + 1, dialog.list.count() - 1)
    qtbot.keyClick(dialog.filter, Qt.Key.Key_Up)
    assert dialog.list.currentRow() == max(0, min(start + 1, dialog.list.count() - 1) - 1)
    assert dialog.filter.text() == "korea"  # the keys did not reach the field
    dialog.filter.setText("Chip plants")
    case_id, title = dialog.choice()
    assert (case_id, title) == (None, "Chip plants")
    new_id = add_to_case(editor, [built.entities["org"]], case_id, title)
    assert new_id and stored_ids(library, new_id) == [built.entities["org"]]
    editor.undo_stack.undo()  # one step: the case and its item
    with library.session() as s:
        assert "Chip plants" not in [c.title for c in case_service.list_cases(s)]


def test_new_and_rename_case_dialogs(library: Library, built: Built, qtbot) -> None:  # noqa: ANN001
    editor = Editor(library, QUndoStack(), ChangeBus())
    dialog = CaseDetailsDialog(editor)
    qtbot.addWidget(dialog)
    dialog.title.setText("Korea coordination")
    dialog.accept()
    assert dialog.created_id is None and "already" in dialog.message.text()
    dialog.title.setText("Chips")
    dialog.accept()
    assert dialog.created_id and stored(library, dialog.created_id).title == "Chips"
    rename = CaseDetailsDialog(editor, case_id=dialog.created_id, title="Chips")
    qtbot.addWidget(rename)
    rename.title.setText("Chip plants")
    rename.accept()
    assert stored(library, dialog.created_id).title == "Chip plants"


def test_entity_dialog_merge_split_with_undo(library: Library, built: Built, qtbot) -> None:  # noqa: ANN001
    editor = Editor(library, QUndoStack(), ChangeBus())
    org, country = built.entities["org"], built.entities["country"]

    def ent(i: int):  # noqa: ANN202 - content only: the edit counter moves on with undo too
        with library.session() as s:
            return replace(get_entity(s, i), version=0)

    before = ent(org)
    dialog = EntityEditDialog(editor, org)
    qtbot.addWidget(dialog)
    dialog.name.setText("U.S. Department of Commerce")
    dialog.add_alias("DOC")
    dialog.role.setText("regulator")
    assert dialog.apply()
    after = ent(org)
    assert after.item.name == "U.S. Department of Commerce" and after.role == "regulator"
    assert {"DOC", "Department of Commerce", "Commerce"} <= set(after.aliases)
    assert editor.undo_stack.count() == 1  # one step for the whole dialog
    editor.undo_stack.undo()
    assert ent(org) == before

    split = SplitAliasDialog(editor, org, "Commerce")
    qtbot.addWidget(split)
    assert split.chosen() == "Commerce"
    assert split.apply() and split.new_id
    assert ent(split.new_id).item.name == "Commerce"
    assert "Commerce" not in ent(org).aliases
    after_split = (ent(org), ent(split.new_id))

    merge = MergeDialog(editor, split.new_id)  # and merge it back
    qtbot.addWidget(merge)
    assert merge.picker.choose(org)
    assert not merge.picker.choose(country)  # only entities of the same kind
    assert "will be merged into" in merge.preview.text()
    assert merge.apply()
    assert "Commerce" in ent(org).aliases
    editor.undo_stack.undo()
    assert (ent(org), ent(split.new_id)) == after_split  # both exactly as before
    editor.undo_stack.undo()
    assert ent(org) == before


def test_link_editor_create_edit_delete(library: Library, built: Built, qtbot) -> None:  # noqa: ANN001
    editor = Editor(library, QUndoStack(), ChangeBus())
    person, country = built.entities["person"], built.entities["country"]
    dialog = LinkEditorDialog(editor, source_id=person)
    qtbot.addWidget(dialog)
    dialog.target.edit.setText("south kor")
    assert dialog.target.chosen_id() == country
    dialog.set_kind("custom")
    assert not dialog.apply()  # a custom link needs a label
    dialog.label.setText("negotiated with")
    dialog.set_evidence(built.articles["main"], "She spoke in Seoul.")
    assert dialog.apply() and dialog.created_id

    def links():  # noqa: ANN202
        with library.session() as s:
            return [(lk.kind, lk.label, lk.note) for lk in get_entity(s, person).links
                    if lk.target.id == country]  # fmt: skip

    assert links() == [("custom", "negotiated with", None)]
    edit = LinkEditorDialog(editor, link_id=dialog.created_id)
    qtbot.addWidget(edit)
    edit.set_kind("met_with")
    edit.note.setText("Nov. 29")
    assert edit.apply()
    assert links() == [("met_with", "", "Nov. 29")]
    editor.undo_stack.undo()
    assert links() == [("custom", "negotiated with", None)]
    edit2 = LinkEditorDialog(editor, link_id=dialog.created_id)
    qtbot.addWidget(edit2)
    edit2.delete_link()
    assert links() == []
    editor.undo_stack.undo()
    assert links() == [("custom", "negotiated with", None)]


def test_context_menu_actions(view: CaseView, built: Built, qtbot) -> None:  # noqa: ANN001
    view.select_item(built.entities["person"])
    texts = [a.text() for a in view.context_actions()]
    assert texts == ["Open", "Pin to top", "Edit note", "Remove from case"]
    with qtbot.waitSignal(view.sig_item_activated) as signal:
        view.context_actions()[0].trigger()
    assert signal.args == [built.entities["person"]]
    assert view.list.indexAt(QPoint(5, 5)).isValid()


def test_case_model_standalone(qtmodeltester, library: Library, built: Built) -> None:  # noqa: ANN001
    model = CaseItemListModel()
    qtmodeltester.check(model)
    model.set_case(stored(library, built.case_id))
    qtmodeltester.check(model)


def test_install_into_main_window(built: Built, window, library: Library, monkeypatch) -> None:  # noqa: ANN001
    from desktop.ui.cases import install

    review = window.review_panel
    assert isinstance(window.case_page, CaseView)
    window.navigator.select_case(built.case_id)
    assert window.case_page.case_id == built.case_id
    window.navigator.select_section("people")
    window.list_page.select_item(built.entities["person"])
    assert review.article_id == built.entities["person"]  # an entity: empty state
    assert review.stack.currentWidget() is review.empty
    window.navigator.select_section("articles")
    window.list_page.select_item(built.articles["main"])
    assert review.model.rowCount() > 0

    def fake_ask(_parent, editor, ids, _current):  # noqa: ANN001, ANN202
        return add_to_case(editor, ids, None, "From the window")  # as if typed and chosen

    monkeypatch.setattr(install, "ask_add_to_case", fake_ask)
    window.registry.trigger("case.add")
    with library.session() as s:
        titles = [c.title for c in case_service.list_cases(s)]
    assert "From the window" in titles
    window.registry.trigger("edit.undo")
    with library.session() as s:
        assert "From the window" not in [c.title for c in case_service.list_cases(s)]
    edit_menu = [a.objectName() for a in window.findChild(QMenu, "menu:edit").actions()]
    for key in ("edit.entity", "edit.merge", "edit.split", "edit.link"):
        assert f"action:{key}" in edit_menu  # declared once, in the registry
        assert key in dict(window.registry.commands())  # so quick open offers them too


def test_review_keys_beat_window_shortcuts(built: Built, window, library: Library,
                                           monkeypatch, qtbot) -> None:  # noqa: ANN001  # fmt: skip
    from desktop.ui.cases import install
    from desktop.ui.review import panel as review_panel

    renamed_cases: list[int] = []
    monkeypatch.setattr(install, "ask_rename_case", lambda *a: renamed_cases.append(a[2]))
    monkeypatch.setattr(review_panel, "ask_name", lambda _p, _c: "Seoul")
    window.navigator.select_case(built.case_id)  # F2 would rename this case
    review = window.review_panel
    review.set_article(built.articles["main"])
    window.registry.trigger("view.review")
    assert window.review_dock.isVisible()
    window.activateWindow()
    country = next(s for s in review.model.suggestions() if s.item.name == "South Korea")
    review.select_link(country.link_id)
    review.list.setFocus()
    qtbot.keyClick(review.list, Qt.Key.Key_F2)
    assert renamed_cases == []
    with library.session() as s:
        assert get_entity(s, country.item.id).item.name == "Seoul"


def test_filter_items_as_you_type(view: CaseView, built: Built) -> None:
    assert view.apply_filter("economy") == 1
    assert view.list.isRowHidden(view.model.row_of(built.articles["main"]))
    view.filter.setText("key quote")  # notes count too
    assert not view.list.isRowHidden(view.model.row_of(built.articles["main"]))
    assert view.apply_filter("") == 2
