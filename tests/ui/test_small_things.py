"""Small things an analyst trips over (issue 20): "&" in Undo texts, a toolbar that keeps
still, the window title, the case Add to case offers first, the list's count column."""

from __future__ import annotations

from PySide6.QtWidgets import QToolBar, QToolButton

from desktop.services import cases as case_service
from desktop.ui.cases import install
from desktop.ui.cases.commands import CreateCaseCommand


def _undo_button(window) -> QToolButton:  # noqa: ANN001
    toolbar = window.findChild(QToolBar, "MainToolbar")
    return toolbar.widgetForAction(window.registry.action("edit.undo"))


def test_undo_text_keeps_its_ampersand_and_the_toolbar_keeps_still(library, built, window) -> None:  # noqa: ANN001
    button = _undo_button(window)
    width = button.sizeHint().width()
    editor = window.case_commands.editor
    assert install.add_to_case(editor, [built.entities["org"]], None, "R&D export rules")
    undo = window.registry.action("edit.undo")
    assert undo.text() == "&Undo Add to “R&&D export rules”"  # the menu shows "R&D"
    assert undo.toolTip().startswith("Undo Add to “R&D export rules”")  # the full text
    assert button.text() == "Undo"
    assert button.sizeHint().width() == width  # the toolbar does not shift


def test_window_title_names_the_library_once(window) -> None:  # noqa: ANN001
    title = window.windowTitle()
    assert "Casefile" not in title  # Qt adds " — Casefile" (the application's display name)
    assert title


def test_add_to_case_offers_the_case_last_used(library, built, window, monkeypatch) -> None:  # noqa: ANN001
    editor = window.case_commands.editor
    assert editor.push(CreateCaseCommand(editor, "AAA demo case"))  # first alphabetically
    offered: list[int | None] = []

    def choose(_parent, editor, ids, current):  # noqa: ANN001, ANN202
        offered.append(current)
        return None

    monkeypatch.setattr(install, "ask_add_to_case", choose)
    window.navigator.select_case(built.case_id)  # the analyst works in a case
    window.navigator.select_section("people")  # then looks for someone to add
    window.registry.trigger("case.add")
    assert offered == [built.case_id]


def test_count_column_says_what_it_counts(built, window) -> None:  # noqa: ANN001
    from PySide6.QtCore import Qt

    page = window.list_page
    window.navigator.select_section("people")
    model = page.model
    assert model.headerData(model.MENTIONS, Qt.Orientation.Horizontal) == "Articles"
    window.navigator.select_section("articles")
    assert model.headerData(model.MENTIONS, Qt.Orientation.Horizontal) == "Found"


def test_case_page_gets_the_larger_share_of_the_height(built, window) -> None:  # noqa: ANN001
    window.navigator.select_section("articles")
    window.navigator.select_case(built.case_id)
    top, bottom = window.splitter.sizes()
    assert top > bottom
    with window.library.session() as s:
        assert case_service.get_case(s, built.case_id).title


def test_keyboard_shortcuts_sheet_lists_every_command_and_filters(qtbot, window) -> None:  # noqa: ANN001
    from desktop.ui.shortcuts_dialog import ShortcutsDialog

    sheet = ShortcutsDialog(window.registry, window)
    qtbot.addWidget(sheet)
    shown = sheet.visible_commands()
    for action_id in window.registry.ids():
        assert window.registry.spec(action_id).plain_text in shown
    rows = {sheet.table.item(r, 1).text(): sheet.table.item(r, 2).text()
            for r in range(sheet.table.rowCount())}  # fmt: skip
    assert rows["Connections panel"] == "F9"
    sheet.filter.setText("f9")
    assert sheet.visible_commands() == ["Connections panel"]
    sheet.filter.setText("undo")
    assert sheet.visible_commands() == ["Undo"]
