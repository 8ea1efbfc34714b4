"""Lists filter and sort by date (issue 19): the articles list, search results and a case's
items, each narrowed by typing a From/To date and restored by clearing it."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.ui.cases.model import DetailRole
from desktop.ui.cases.view import CaseView
from desktop.ui.list_page import ListPage
from desktop.ui.search import SearchPanel
from tests.ui.conftest import build_dated


@pytest.fixture
def dated(library) -> dict[str, int]:  # noqa: ANN001
    return build_dated(library)


def _list_titles(page: ListPage) -> list[str]:
    model = page.model
    while model.canFetchMore():
        model.fetchMore()
    return [model.index(r, model.NAME).data() for r in range(model.rowCount())]


def test_articles_list_filters_by_a_typed_range_and_clearing_restores(
    qtbot,
    library,
    dated,  # noqa: ANN001
) -> None:
    page = ListPage(library)
    qtbot.addWidget(page)
    page.show()
    page.show_section("articles")
    assert page.dates.isVisible()
    everything = _list_titles(page)
    assert len(everything) == 4
    page.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page, timeout=3000)
    page.filter.setFocus()  # keyboard: Tab from the text filter reaches From, then To
    qtbot.keyClick(page.filter, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is page.dates.from_edit
    qtbot.keyClicks(page.dates.from_edit, "2022-11")
    qtbot.keyClick(page.dates.from_edit, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is page.dates.to_edit
    qtbot.keyClicks(page.dates.to_edit, "2023")
    qtbot.keyClick(page.dates.to_edit, Qt.Key.Key_Return)
    assert _list_titles(page) == ["Dutch chip tool rules near", "Seoul weighs chip talks"]
    assert page.title.text() == "Articles  ·  2"
    page.table.sortByColumn(page.model.DATE, Qt.SortOrder.AscendingOrder)  # oldest first
    assert _list_titles(page) == ["Seoul weighs chip talks", "Dutch chip tool rules near"]
    page.dates.set_range(date(2021, 1, 1), date(2021, 12, 31))
    assert _list_titles(page) == [] and page.stack.currentWidget() is page.empty
    assert "No articles published from 2021-01-01 to 2021-12-31" in page.empty.text()
    qtbot.keyClick(page.dates.clear_button, Qt.Key.Key_Space)  # keyboard: the clear button
    assert sorted(_list_titles(page)) == sorted(everything)
    assert (page.dates.from_edit.text(), page.dates.to_edit.text()) == ("", "")
    page.show_section("people")  # entities have no dates: no date fields
    assert not page.dates.isVisible()


def test_a_half_typed_date_is_marked_and_ignored(qtbot, library, dated) -> None:  # noqa: ANN001
    page = ListPage(library)
    qtbot.addWidget(page)
    page.show()
    page.show_section("articles")
    qtbot.keyClicks(page.dates.from_edit, "2022-1x")
    page.dates.apply()
    assert len(_list_titles(page)) == 4
    assert "not a date yet" in page.dates.from_edit.property("problem")


def _search_titles(panel: SearchPanel) -> list[str]:
    return [panel.model.hit(r).title for r in range(panel.model.rowCount())]


def test_search_results_filter_and_sort_by_date(qtbot, library, dated) -> None:  # noqa: ANN001
    panel = SearchPanel(library)
    qtbot.addWidget(panel)
    panel.show()
    with qtbot.waitSignal(panel.sig_searched, timeout=5000):
        panel.set_query("chips")
    assert len(_search_titles(panel)) == 4
    with qtbot.waitSignal(panel.sig_searched, timeout=5000):
        panel.set_order("newest")
    assert _search_titles(panel) == [
        "Dutch chip tool rules near", "Seoul weighs chip talks", "Brief on Entity List chips",
        "Undated chip memo",
    ]  # fmt: skip
    with qtbot.waitSignal(panel.sig_searched, timeout=5000):
        qtbot.keyClicks(panel.dates.from_edit, "2022-10-08")
        qtbot.keyClick(panel.dates.from_edit, Qt.Key.Key_Return)
    assert _search_titles(panel) == ["Dutch chip tool rules near", "Seoul weighs chip talks"]
    assert panel.results_view.grab().width() > 0  # the rows paint their dates
    with qtbot.waitSignal(panel.sig_searched, timeout=5000):
        panel.set_order("oldest")
    assert _search_titles(panel) == ["Seoul weighs chip talks", "Dutch chip tool rules near"]
    with qtbot.waitSignal(panel.sig_searched, timeout=5000):
        panel.dates.clear()
    assert len(_search_titles(panel)) == 4


def _shown_case_items(view: CaseView) -> list[str]:
    model = view.model
    return [model.index(r).data() for r in range(model.rowCount()) if not view.list.isRowHidden(r)]


def test_case_items_filter_and_sort_by_date(qtbot, library, dated) -> None:  # noqa: ANN001
    view = CaseView(library)
    qtbot.addWidget(view)
    view.show()
    view.show_case(dated["case"])
    everything = _shown_case_items(view)
    assert len(everything) == 6 and view.dates.isVisible()
    assert "mention it" in view.dates.toolTip()
    qtbot.keyClicks(view.dates.from_edit, "2022-11")
    qtbot.keyClicks(view.dates.to_edit, "2022-12")
    qtbot.keyClick(view.dates.to_edit, Qt.Key.Key_Return)
    assert _shown_case_items(view) == ["Seoul weighs chip talks", "Gina Raimondo"]
    assert view.items_heading.text() == "Items (2 of 6)"
    view.dates.set_range(None, date(2022, 10, 31))
    assert _shown_case_items(view) == ["Department of Commerce", "Brief on Entity List chips"]
    view.set_order("oldest")  # by date, an article before what it mentions; undated last
    assert _shown_case_items(view) == ["Brief on Entity List chips", "Department of Commerce"]
    commerce = view.model.index(view.model.row_of(dated["commerce"]))
    assert commerce.data(DetailRole).startswith("mentioned 2022-10-07")  # why it is here
    view.dates.clear()
    assert _shown_case_items(view) == [
        "Brief on Entity List chips", "Department of Commerce", "Seoul weighs chip talks",
        "Gina Raimondo", "Japan", "Undated chip memo",
    ]  # fmt: skip
    view.set_order("newest")
    assert _shown_case_items(view)[:2] == ["Seoul weighs chip talks", "Gina Raimondo"]
    view.set_order("yours")
    assert _shown_case_items(view) == everything
    assert everything[:3] == ["Japan", "Undated chip memo", "Seoul weighs chip talks"]
