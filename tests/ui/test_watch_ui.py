"""Watch lists in the window: the navigator section, the page and its keyboard review, the
flag in the list and above the reader, list import on the write queue, status-bar news."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from desktop.services import screening, watchlists
from desktop.services.importer import import_paths
from desktop.store.db import Library
from desktop.ui.main_window import MainWindow
from desktop.ui.models.navigator_model import watch_key
from desktop.ui.models.roles import ItemIdRole, NodeRole

DATA = Path(__file__).parents[1] / "data" / "watch"


@pytest.fixture
def loaded(library: Library) -> dict[str, int]:
    report = import_paths(library=library, paths=[DATA / "articles"], workers=0)
    result = watchlists.import_list_file(library=library, path=DATA / "csl.json")
    screening.screen(library=library, list_ids=[result.list_id])
    return {"list": result.list_id, **{a.title: a.id for a in report.articles}}


@pytest.fixture
def window(qtbot, library: Library, loaded) -> MainWindow:  # noqa: ANN001
    win = MainWindow(library)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.navigator.model.node_for(watch_key(loaded["list"])) is not None)
    return win


def _hits(library: Library, **kw) -> list[watchlists.HitRow]:
    with library.session() as session:
        return watchlists.list_hits(session, **kw)


def test_navigator_lists_and_review_by_keyboard(qtbot, window: MainWindow, library, loaded,
                                                qtmodeltester) -> None:  # noqa: ANN001  # fmt: skip
    node = window.navigator.model.node_for(watch_key(loaded["list"]))
    assert node.text() == "Consolidated Screening List  (2)"
    assert "2026-11-20, 4 entries, 2 hit(s)" in node.data(Qt.ItemDataRole.ToolTipRole)
    assert window.navigator.select_watch(loaded["list"])
    page = window.watch.page
    assert window.centre.currentWidget() is page
    qtbot.waitUntil(lambda: page.hits_model.rowCount() == 2)
    qtmodeltester.check(page.hits_model)
    assert page.title.text() == "Consolidated Screening List"
    assert page.meta.text().startswith("dated 2026-11-20 · 4 entries · 2 hit(s), 2 to review")
    assert page.entries_model.total == 4
    first = page.hits_model.hit(0)
    assert first.matched == "HuaYing Semiconductor"
    qtbot.waitUntil(lambda: window.detail.item_id == first.article_id)  # the source, beside it
    page.hits.setFocus()
    qtbot.keyClick(page.hits, Qt.Key.Key_D)
    qtbot.waitUntil(lambda: page.hits_model.rowCount() == 1)
    [dismissed] = _hits(library, statuses=("dismissed",))
    assert dismissed.id == first.id
    qtbot.keyClick(page.hits, Qt.Key.Key_C)
    qtbot.waitUntil(lambda: page.hits_model.rowCount() == 0)
    assert [h.matched for h in _hits(library, statuses=("confirmed",))] == ["Alexander Petrov"]
    qtbot.waitUntil(lambda: node.text() == "Consolidated Screening List")  # none to review


def test_flags_in_the_list_and_above_the_reader(qtbot, window: MainWindow, loaded) -> None:  # noqa: ANN001
    chip = loaded["Shenzhen Chipmaker Expands Despite Listing"]
    gulf = loaded["Gulf Traders Face New Scrutiny"]
    qtbot.waitUntil(lambda: chip in window.watch.flags.ids)
    assert gulf not in window.watch.flags.ids
    window.navigator.select_section("articles")
    window.select_item(chip)
    flag = window.watch.reader_flag
    qtbot.waitUntil(lambda: flag.isVisible())
    assert flag.textFormat() == Qt.TextFormat.PlainText
    assert "Consolidated Screening List" in flag.text() and "HuaYing Semiconductor" in flag.text()
    window.select_item(gulf)
    qtbot.waitUntil(lambda: not flag.isVisible())


def test_import_a_list_from_the_window(qtbot, window: MainWindow, library, tmp_path) -> None:  # noqa: ANN001
    names = tmp_path / "case names.txt"
    names.write_text("Omar Hadad\n<b>Bold</b> Trading\n", encoding="utf-8")
    window.watch.import_file(str(names))
    qtbot.waitUntil(lambda: any(h.list_name == "case names" for h in _hits(library)), timeout=10000)
    qtbot.waitUntil(lambda: "Imported 'case names'" in window.statusBar().currentMessage())
    assert "1 new hit(s)" in window.statusBar().currentMessage()
    qtbot.waitUntil(lambda: window.watch.page.isVisible() and window.watch.page.list_id > 0)
    qtbot.waitUntil(lambda: window.watch.page.entries_model.total == 2)
    keys = [window.navigator.model.watch_root.child(r).data(NodeRole)
            for r in range(window.navigator.model.watch_root.rowCount())]  # fmt: skip
    assert keys[0] == "watch:0" and len(keys) == 3


def _import_kestrel(window: MainWindow, folder: Path) -> None:
    """Imports an article naming a listed party (one new hit)."""
    article = folder / "kestrel.txt"
    article.write_text(
        "Optics Lab Under Review\n\nKestrel Optics Institute said on Monday that its lenses "
        "were sold only to civilian buyers in China.\n",
        encoding="utf-8",
    )
    window.import_paths([str(article)])


def test_new_hits_after_an_import_are_announced(
    qtbot, window: MainWindow, library, tmp_path
) -> None:  # noqa: ANN001
    _import_kestrel(window, tmp_path)
    qtbot.waitUntil(lambda: "new watch-list hit" in window.statusBar().currentMessage(),
                    timeout=15000)  # fmt: skip
    assert window.statusBar().currentMessage().startswith("1 new watch-list hit")


def test_watch_this_entity(qtbot, window: MainWindow, library) -> None:  # noqa: ANN001
    from desktop.services.library import resolve_item

    with library.session() as session:
        omar = resolve_item(session, "Omar Haddad").id
    window.navigator.select_section("people")
    assert window.list_page.select_item(omar)
    assert window.watch.watch_action in window.list_page.context_menu().actions()
    window.watch.watch_action.trigger()
    qtbot.waitUntil(lambda: omar in window.watch.flags.ids, timeout=10000)
    [hit] = _hits(library, item_ids=[omar])
    assert (hit.list_name, hit.status) == ("My watch list", "confirmed")


def test_the_inbox_announces_hits_to_review(qtbot, window: MainWindow, tmp_path) -> None:  # noqa: ANN001
    notice = window.watch.inbox_notice
    window.navigator.select_section("inbox")
    qtbot.waitUntil(lambda: notice.isVisible())
    assert notice.label.textFormat() == Qt.TextFormat.PlainText
    assert notice.label.text() == "⚑ 2 watch-list hits to review"
    _import_kestrel(window, tmp_path)
    qtbot.waitUntil(
        lambda: notice.label.text() == "⚑ 3 watch-list hits to review (1 new from the last import)",
        timeout=15000,
    )
    window.navigator.select_section("articles")
    assert not notice.isVisible()
    window.navigator.select_section("inbox")
    assert notice.isVisible()
    notice.button.click()
    qtbot.waitUntil(lambda: window.centre.currentWidget() is window.watch.page)
    qtbot.waitUntil(lambda: window.watch.page.hits_model.rowCount() == 3)


def test_hit_items_are_flagged_in_a_case(qtbot, window: MainWindow, library, loaded) -> None:  # noqa: ANN001
    from desktop.services import cases
    from desktop.ui.cases.delegate import CaseItemDelegate

    chip = loaded["Shenzhen Chipmaker Expands Despite Listing"]
    gulf = loaded["Gulf Traders Face New Scrutiny"]
    case_id = cases.create_case(library=library, title="Chips").value
    cases.add_items(library=library, case_id=case_id, item_ids=[chip, gulf])
    window.show_case(case_id)
    view = window.case_page
    qtbot.waitUntil(lambda: view.model.rowCount() == 2 and chip in window.watch.flags.ids)
    delegate = view.list.itemDelegate()
    assert isinstance(delegate, CaseItemDelegate)
    flagged = {
        int(view.model.index(r).data(ItemIdRole)): delegate.flag_icon
        in delegate.badges(view.model.index(r))
        for r in range(2)
    }
    assert flagged == {chip: True, gulf: False}


def test_hits_fit_the_page_without_scrolling_sideways(qtbot, window: MainWindow, loaded) -> None:  # noqa: ANN001
    """At 1280x720 with the connections panel open, both names of a hit show (elided), with
    no horizontal scroll bar to reach the list's name."""
    window.resize(1280, 720)
    window.connections_dock.show()
    assert window.navigator.select_watch(loaded["list"])
    page = window.watch.page
    qtbot.waitUntil(lambda: page.hits_model.rowCount() == 2)
    qtbot.wait(50)
    bar = page.hits.horizontalScrollBar()
    assert bar.maximum() == 0
    header = page.hits.horizontalHeader()
    assert header.sectionSize(2) >= 100 and header.sectionSize(3) >= 100  # both names show
    assert page.hits.isColumnHidden(4)  # a list's own page: no List column
