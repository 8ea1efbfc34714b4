"""Keyboard focus through an analyst's day (issue 20): after Quick open the window's shortcuts
work without a click, Ctrl+Enter submits New case, marking an Inbox article reviewed moves on
to the next one, and a dialog gives focus back where it was."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.services import cases as case_service
from desktop.services.changes import Changes
from desktop.services.library import get_article


def _activate(qtbot, window) -> None:  # noqa: ANN001
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3000)


def test_shortcuts_work_after_quick_open_enter(qtbot, built, window) -> None:  # noqa: ANN001
    _activate(qtbot, window)
    window.navigator.select_section("articles")
    window.list_page.table.setFocus()
    window.registry.trigger("edit.quick_open")
    palette = window._quick_open
    qtbot.waitUntil(lambda: palette.isVisible() and palette.query_edit.hasFocus(), timeout=3000)
    with qtbot.waitSignal(palette.sig_matched, timeout=5000):
        palette.set_text("Elizabeth Econ")
    with qtbot.waitSignal(palette.sig_item_chosen, timeout=5000):
        qtbot.keyClick(palette.query_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3000)
    focus = QApplication.focusWidget()
    assert focus is not None and focus.window() is window  # a key goes somewhere in the window
    assert window.detail.item_id == built.entities["person"]
    shown = (
        window.connections_dock.isVisible()
        and not window.connections_dock.visibleRegion().isEmpty()
    )
    qtbot.keyClick(focus, Qt.Key.Key_F9)  # no click in between
    assert window.connections_dock.isVisible() != shown or not shown
    nav_visible = window.nav_dock.isVisible()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.nav_dock.isVisible() != nav_visible


def test_ctrl_enter_submits_new_case(qtbot, library, window) -> None:  # noqa: ANN001
    from desktop.ui.cases.dialogs import CaseDetailsDialog

    dialog = CaseDetailsDialog(window.case_commands.editor, parent=window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.title.setText("Chip controls")
    dialog.summary.setFocus()
    qtbot.keyClicks(dialog.summary, "Who sells what")
    qtbot.keyClick(dialog.summary, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.result() == dialog.DialogCode.Accepted
    with library.session() as s:
        case = next(c for c in case_service.list_cases(s) if c.title == "Chip controls")
        assert case_service.get_case(s, case.id).summary == "Who sells what"


def test_reviewed_moves_on_to_the_next_inbox_article(qtbot, library, builders, window) -> None:  # noqa: ANN001
    with library.write() as s:
        ids = [
            builders.add_article(
                s, f"Inbox article {n}", "Text.", published=date(2022, 1, 10 - n), reviewed=False
            )  # fmt: skip
            for n in range(3)
        ]
    window.bus.announce(Changes(everything=True))
    window.navigator.select_section("inbox")
    assert window.list_page.current_item_id() == ids[0]  # newest first
    window.review_panel.setFocus()
    qtbot.keyClick(window.review_panel, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    with library.session() as s:
        assert get_article(s, ids[0]).reviewed
    assert window.list_page.current_item_id() == ids[1]
    assert window.review_panel.article_id == ids[1]
    qtbot.keyClick(window.review_panel, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert window.review_panel.article_id == ids[2]


def test_a_dialog_gives_focus_back(qtbot, built, window, monkeypatch) -> None:  # noqa: ANN001
    from desktop.ui.cases import install

    _activate(qtbot, window)
    window.navigator.select_section("articles")
    window.list_page.filter.setFocus()
    qtbot.waitUntil(lambda: window.list_page.filter.hasFocus(), timeout=3000)

    def fake_ask(parent, editor):  # noqa: ANN001, ANN202
        from desktop.ui.cases.dialogs import CaseDetailsDialog

        dialog = CaseDetailsDialog(editor, parent=parent)
        dialog.show()
        dialog.title.setFocus()
        dialog.reject()
        return None

    monkeypatch.setattr(install, "ask_new_case", fake_ask)
    window.registry.trigger("case.new")
    qtbot.waitUntil(lambda: window.list_page.filter.hasFocus(), timeout=3000)
