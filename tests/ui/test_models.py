"""The item models: Qt's model tester, lazy paging, SQL sorting and filtering."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt

from desktop.services.cases import case_item_counts, list_cases
from desktop.services.changes import Changes
from desktop.services.library import section_counts
from desktop.ui.list_page import ListPage
from desktop.ui.models.item_list import CACHED_PAGES, PAGE, ItemListModel
from desktop.ui.models.navigator_model import NavigatorModel, case_key, section_key
from desktop.ui.models.roles import CountRole, ItemIdRole, KindRole, NodeRole


def test_item_list_model_passes_the_model_tester(qtmodeltester, library, built) -> None:  # noqa: ANN001
    for section in ("articles", "people", "inbox"):
        model = ItemListModel(library)
        model.set_query(section)
        qtmodeltester.check(model)
        assert model.rowCount() > 0


def test_rows_are_fetched_a_page_at_a_time(qtmodeltester, library, builders) -> None:  # noqa: ANN001
    with library.write() as s:
        for i in range(PAGE + 50):
            builders.add_entity(s, "person", f"Person {i:04d}")
    model = ItemListModel(library)
    model.set_query("people")
    assert model.total == PAGE + 50
    assert model.rowCount() == PAGE
    assert model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == PAGE + 50
    assert not model.canFetchMore(QModelIndex())
    qtmodeltester.check(model)


LONG = 3_000  # rows of a long list: fifteen pages


def fill_people(library) -> list[str]:  # noqa: ANN001
    """LONG people named so that name order is insertion order; their names in that order."""
    from desktop.store.models import Entity, Item

    names = [f"Person {i:05d}" for i in range(LONG)]
    with library.write() as s:
        items = [Item(kind="person", name=name) for name in names]
        s.add_all(items)
        s.flush()
        s.add_all([Entity(item_id=item.id) for item in items])
    return names


def test_a_long_list_is_read_a_page_at_a_time_as_it_is_drawn(qtmodeltester, library) -> None:  # noqa: ANN001
    names = fill_people(library)
    model = ItemListModel(library)
    model.set_query("people")
    assert (model.total, model.rowCount(), model.rows_read) == (LONG, PAGE, PAGE)
    while model.canFetchMore(QModelIndex()):  # the view scrolled to the end
        model.fetchMore(QModelIndex())
    assert model.rowCount() == LONG
    assert model.rows_read == PAGE  # lengthening the list read no rows
    shown = [model.index(r, ItemListModel.NAME).data() for r in range(LONG - 30, LONG)]
    assert shown == names[-30:]  # the rows drawn at the bottom: one page read
    assert model.rows_read == 2 * PAGE
    every = [model.index(r, ItemListModel.NAME).data() for r in range(LONG)]
    assert every == names  # every row right, read again when it had been forgotten
    assert model.cached_rows <= CACHED_PAGES * PAGE < LONG  # memory: a window, not the list
    qtmodeltester.check(model)


def test_selecting_an_item_deep_in_a_long_list_reads_only_its_page(qtbot, library) -> None:  # noqa: ANN001
    names = fill_people(library)
    page = ListPage(library)
    qtbot.addWidget(page)
    page.resize(600, 400)
    page.show_section("people")
    model = page.model
    deep = model.item_id(0) + 2_345  # ids follow names: row 2,345
    before = model.rows_read
    assert page.select_item(deep)
    assert page.current_item_id() == deep
    assert page.table.currentIndex().data() == names[2_345]
    assert model.rowCount() < LONG  # lengthened to the item's page, no further
    assert model.rows_read - before <= 2 * PAGE  # its page (and a neighbour on screen)
    assert model.row_of(10**9) is None  # not in the list


def test_a_long_list_sorts_and_refreshes_on_the_worker(
    qtbot, library, builders, monkeypatch
) -> None:  # noqa: ANN001
    from desktop.ui.models import item_list

    monkeypatch.setattr(item_list, "BACKGROUND_ABOVE", 1_000)  # LONG rows count as long
    names = fill_people(library)
    page = ListPage(library)
    qtbot.addWidget(page)
    page.show_section("people")  # a section change reads at once
    model = page.model
    assert model.total == LONG and not model.reading
    with qtbot.waitSignal(model.sig_requeried):
        model.sort(ItemListModel.NAME, Qt.SortOrder.DescendingOrder)
        assert model.reading  # the GUI thread did not read 3,000 ids
        assert model.index(0, 0).data() == names[0]  # the rows shown until the answer
    assert not model.reading and model.index(0, 0).data() == names[-1]
    deep = model.item_id(0) - 2_000  # ids follow names: "Person 00999"
    assert page.select_item(deep)
    with library.write() as s:
        new = builders.add_entity(s, "person", "Person 99999")
    with qtbot.waitSignal(model.sig_requeried):
        page.on_changed(Changes(entities={new}))
    assert model.total == LONG + 1 and model.index(0, 0).data() == "Person 99999"
    assert page.current_item_id() == deep  # still the item being read
    assert page.table.currentIndex().data() == names[999]


def test_section_counts_are_the_list_totals(library, built, builders) -> None:  # noqa: ANN001
    from desktop.services.library import SECTIONS, count_items

    with library.write() as s:  # reviewed, unreviewed and placeholder articles
        builders.add_article(s, "Unread brief", "Body.", reviewed=False)
        builders.add_article(s, "Cited later", "", reviewed=False, placeholder=True)
    with library.session() as s:
        counts = section_counts(s)
    for section in SECTIONS:
        model = ItemListModel(library)
        model.set_query(section)
        assert counts[section] == model.total, section
        model.set_filter("brief")
        with library.session() as s:
            assert count_items(s, section=section, text_filter="brief") == model.total


def test_sorting_and_filtering_requery_in_sql(library, built) -> None:  # noqa: ANN001
    model = ItemListModel(library)
    model.set_query("articles")
    titles = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert titles == sorted(titles, key=str.lower)
    model.sort(ItemListModel.DATE, Qt.SortOrder.DescendingOrder)
    dates = [model.index(r, ItemListModel.DATE).data() for r in range(model.rowCount())]
    assert dates == sorted(dates, reverse=True)
    model.set_filter("chips")
    assert model.rowCount() == 1
    assert model.index(0, 0).data(ItemIdRole) == built.articles["older"]
    assert model.index(0, 0).data(KindRole) == "article"


def test_mentions_column_counts_articles_and_sorts(library, built) -> None:  # noqa: ANN001
    model = ItemListModel(library)
    model.set_query("organizations")
    assert model.index(0, ItemListModel.NAME).data() == "Department of Commerce"
    assert model.index(0, ItemListModel.MENTIONS).data() == "1"
    model.set_filter("commerce")  # aliases count too
    assert model.total == 1


def test_refresh_picks_up_new_rows(library, built, builders) -> None:  # noqa: ANN001
    model = ItemListModel(library)
    model.set_query("people")
    assert model.total == 1
    with library.write() as s:
        new = builders.add_entity(s, "person", "Xi Jinping")
    model.refresh(Changes(entities={new}))
    assert model.total == 2
    assert model.row_of(new) is not None


def test_navigator_model(qtmodeltester, library, built) -> None:  # noqa: ANN001
    model = NavigatorModel()
    qtmodeltester.check(model)
    assert model.node_for("new-case") is not None  # empty state: offer to create one
    with library.session() as s:
        model.set_counts(section_counts(s))
        model.set_cases(list_cases(s), case_item_counts(s))
    qtmodeltester.check(model)
    assert model.node_for("new-case") is None
    case = model.node_for(case_key(built.case_id))
    assert case is not None and case.data(CountRole) == 2
    articles = model.node_for(section_key("articles"))
    assert articles.data(CountRole) == 3 and "(3)" in articles.text()
    assert model.node_for(section_key("inbox")).data(CountRole) == 1
    assert articles.data(NodeRole) == "section:articles"


def test_item_list_drags_item_ids_in_every_format(library, built) -> None:  # noqa: ANN001
    from desktop.ui.cases.mime import ITEM_IDS_MIME, ITEMS_MIME, ids_from_mime

    model = ItemListModel(library)
    model.set_query("articles")
    indexes = [model.index(r, c) for r in range(model.rowCount()) for c in range(2)]
    mime = model.mimeData(indexes)
    assert mime.hasFormat(ITEMS_MIME) and mime.hasFormat(ITEM_IDS_MIME)
    assert ids_from_mime(mime) == [model.item_id(r) for r in range(model.rowCount())]
