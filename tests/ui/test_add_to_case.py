"""Adding items to a case from anywhere, as a user would: a drop on a case in the navigator,
"Add to" in the list's context menu, the reader's menu, the connections panel, Ctrl+D with a
multi-selection. Each is stored, and one Ctrl+Z takes it back. Also: where the user was is
remembered, and the demo opens on its case with an item to read."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QInputDialog, QMenu

from desktop.services import cases as case_service
from desktop.store.db import Library
from desktop.ui.cases import install
from desktop.ui.cases.mime import item_ids_mime
from desktop.ui.main_window import MainWindow


def stored_ids(library: Library, case_id: int) -> list[int]:
    with library.session() as s:
        return [e.item.id for e in case_service.get_case(s, case_id).items]


def drop_on(window: MainWindow, pos: QPoint, ids: list[int]) -> QDropEvent:
    mime = item_ids_mime(ids)
    event = QDropEvent(QPointF(pos), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)  # fmt: skip
    window.navigator.tree.dropEvent(event)
    return event


def test_drop_on_a_case_in_the_navigator_adds_and_undo_removes(library, built, window) -> None:  # noqa: ANN001
    org, country = built.entities["org"], built.entities["country"]
    rect = window.navigator.case_rect(built.case_id)
    event = drop_on(window, rect.center(), [org, country])
    assert event.isAccepted()
    assert stored_ids(library, built.case_id)[-2:] == [org, country]
    assert window.undo_stack.count() == 1  # one drop, one undo step
    window.registry.trigger("edit.undo")
    assert org not in stored_ids(library, built.case_id)
    assert country not in stored_ids(library, built.case_id)
    window.registry.trigger("edit.redo")
    assert stored_ids(library, built.case_id)[-2:] == [org, country]


def test_drop_on_a_section_is_refused_and_on_the_heading_makes_a_new_case(  # noqa: ANN001
    library, built, window, monkeypatch
) -> None:
    nav = window.navigator
    people = nav.model.node_for("section:people")
    assert not drop_on(window, nav.tree.visualRect(people.index()).center(), [1]).isAccepted()

    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Chips", True))
    heading = nav.tree.visualRect(nav.model.cases_root.index()).center()
    assert drop_on(window, heading, [built.entities["org"]]).isAccepted()
    new_id = nav.current_case_id()
    assert new_id not in (None, built.case_id)
    assert stored_ids(library, new_id) == [built.entities["org"]]
    window.registry.trigger("edit.undo")  # the case and its item, in one step
    with library.session() as s:
        assert "Chips" not in [c.title for c in case_service.list_cases(s)]


def test_list_context_menu_adds_the_selection_to_a_case(library, built, window) -> None:  # noqa: ANN001
    window.navigator.select_section("people")
    page = window.list_page
    page.table.selectAll()
    menu = page.context_menu()
    texts = [a.text() for a in menu.actions()]
    assert any("Add to case" in t for t in texts)  # the registry's command, with Ctrl+D
    sub = menu.findChild(QMenu, "AddToMenu")
    target = next(a for a in sub.actions() if a.data() == built.case_id)
    target.trigger()
    assert built.entities["person"] in stored_ids(library, built.case_id)
    window.registry.trigger("edit.undo")
    assert stored_ids(library, built.case_id) == [built.articles["main"], built.entities["person"]]


def test_ctrl_d_adds_the_multi_selection_in_one_step(library, built, window, monkeypatch) -> None:  # noqa: ANN001
    asked: list[list[int]] = []

    def choose(_parent, editor, ids, _current):  # noqa: ANN001, ANN202 - the dialog, answered
        asked.append(list(ids))
        return install.add_to_case(editor, ids, built.case_id)

    monkeypatch.setattr(install, "ask_add_to_case", choose)
    window.navigator.select_section("articles")
    window.list_page.table.selectAll()
    window.registry.trigger("case.add")
    assert len(asked[0]) == 3
    assert set(asked[0]) <= set(stored_ids(library, built.case_id))
    window.registry.trigger("edit.undo")
    assert stored_ids(library, built.case_id) == [built.articles["main"], built.entities["person"]]


def test_reader_and_connections_panel_add_to_case(
    qtbot, library, built, window, monkeypatch
) -> None:  # noqa: ANN001
    chosen: list[list[int]] = []
    monkeypatch.setattr(install, "ask_add_to_case",
                        lambda _p, _e, ids, _c: chosen.append(list(ids)) or None)  # fmt: skip
    window.navigator.select_section("articles")
    window.list_page.select_item(built.articles["older"])
    reader = window.detail.reader
    qtbot.waitUntil(
        lambda: (
            window.detail.currentWidget() is reader
            and window.detail.item_id == built.articles["older"]
            and not window.detail.is_loading()
        )
    )
    menu = reader.context_menu(QPoint(30, 30))
    add = next(a for a in menu.actions() if a.text().startswith("Add this page to case"))
    add.trigger()
    assert chosen == [[built.articles["older"]]]
    assert reader.draggable_item_at(QPoint(30, 30)) == built.articles["older"]  # the heading

    window.navigator.select_case(built.case_id)
    window.connections_panel.sig_add_to_case.emit([built.entities["country"]])
    assert built.entities["country"] in stored_ids(library, built.case_id)  # the case open
    window.registry.trigger("edit.undo")
    assert built.entities["country"] not in stored_ids(library, built.case_id)


def test_current_case_and_selection_are_restored(qtbot, library, built) -> None:  # noqa: ANN001
    first = MainWindow(library)
    qtbot.addWidget(first)
    first.show()
    first.navigator.select_case(built.case_id)
    assert first.case_page.current_item_id() == built.articles["main"]  # arrives on an item
    first.case_page.select_item(built.entities["person"])
    first.close()

    second = MainWindow(library)
    qtbot.addWidget(second)
    second.show()
    assert second.navigator.current_case_id() == built.case_id
    assert second.centre.currentWidget() is second.case_page
    assert second.case_page.current_item_id() == built.entities["person"]
    assert second.detail.item_id == built.entities["person"]


def test_first_start_opens_the_demo_case_on_its_first_item(qtbot, window) -> None:  # noqa: ANN001
    handle = window.seed_demo()
    assert handle is not None
    # while it is being filled, the empty library says so rather than "import some articles"
    assert window.list_page.empty.text() == "Setting up the demo library…"
    qtbot.waitUntil(lambda: window.navigator.current_case_id() is not None, timeout=30000)
    page = window.case_page
    assert window.centre.currentWidget() is page
    first = page.model.ids()[0]
    assert page.current_item_id() == first
    assert window.detail.item_id == first
    assert window.review_panel.article_id == first
    assert window.list_page.busy_text == ""
