"""Search results get the room of the main area (issue 20): full titles, a preview beside them,
and the open case left alone (its selection, the reader, the graph) until "Open in reader";
Escape goes back to where the user was."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QStyleOptionViewItem

from .conftest import Built


def _search(qtbot, window, text: str) -> None:  # noqa: ANN001
    panel = window.search_panel
    panel.set_query(text)
    panel.search_now()
    qtbot.waitUntil(lambda: panel.status_label.text() not in ("", "Searching…"), timeout=10000)


def test_picking_a_result_leaves_the_case_alone(qtbot, built: Built, window) -> None:  # noqa: ANN001
    window.resize(1280, 720)
    window.navigator.select_case(built.case_id)
    qtbot.waitUntil(lambda: window.case_page.current_item_id() is not None)
    case_item = window.case_page.current_item_id()
    qtbot.waitUntil(
        lambda: window.connections is not None and window.connections.item_id == case_item
    )
    shown = window.detail.item_id
    list_width = window.navigator.width()
    window.activateWindow()
    window.case_page.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    was = QApplication.focusWidget()

    window.registry.trigger("edit.find")
    assert QApplication.focusWidget() is window.search_panel.query_edit
    page = window.search_page
    assert window.search_shown() and page.isVisible()
    assert page.panel.width() > 2 * list_width  # the room of the main area, not a side dock
    _search(qtbot, window, "Commerce")
    model = page.panel.model
    assert model.rowCount() >= 2
    target = next(
        model.hit(r) for r in range(model.rowCount()) if model.hit(r).item_id != case_item
    )
    row = next(r for r in range(model.rowCount()) if model.hit(r) == target)
    page.panel.results_view.setCurrentIndex(model.index(row, 0))  # select
    assert window.current_item_ids() == [target.item_id]  # Add to case (Ctrl+D) works on it
    qtbot.keyClick(page.panel.results_view, Qt.Key.Key_Return)  # and open (Enter)
    qtbot.waitUntil(lambda: page.preview.item_id == target.item_id)
    # the case is undisturbed: selection, reader and graph centre
    assert window.case_page.current_item_id() == case_item
    assert window.detail.item_id == shown
    assert window.connections.item_id == case_item
    assert window.navigator.current_case_id() == built.case_id

    qtbot.keyClick(page.panel.results_view, Qt.Key.Key_Escape)  # back to where the user was
    assert not window.search_shown()
    assert window.centre.currentWidget() is window.case_page
    assert window.case_page.current_item_id() == case_item
    assert QApplication.focusWidget() is was  # the keyboard is back where it was

    window.show_search()
    page.open_current()  # "Open in reader": now the user asked
    assert not window.search_shown()
    assert window.detail.item_id == target.item_id


def test_the_results_page_shows_full_titles(qtbot, built: Built, window) -> None:  # noqa: ANN001
    window.resize(1280, 720)
    window.show_search()
    _search(qtbot, window, "Commerce")
    view = window.search_panel.results_view
    delegate = view.itemDelegate()
    option = QStyleOptionViewItem()
    option.initFrom(view)
    width = view.viewport().width() - view.iconSize().width() - 30
    model = window.search_panel.model
    titles = [model.hit(r).title for r in range(model.rowCount())]
    assert titles
    for title in titles:
        assert delegate.title_shown(option, title, width) == title
    long = "A very long headline about semiconductor export controls " * 3
    assert delegate.title_shown(option, long, 200) != long  # a title too long is cut, visibly


def test_a_narrow_results_page_puts_the_preview_below(qtbot, built: Built, window) -> None:  # noqa: ANN001
    """At 1280x720 with the side panel open the page is ~490 px: side by side, the preview's
    heading broke mid-word. Narrow, the preview goes under the results; wide, beside them."""
    window.show_search()
    page = window.search_page
    page.resize(480, 600)
    qtbot.waitUntil(lambda: page.splitter.orientation() == Qt.Orientation.Vertical)
    page.resize(1100, 600)
    qtbot.waitUntil(lambda: page.splitter.orientation() == Qt.Orientation.Horizontal)
