"""Views refresh only what a change touches and defer while hidden (issue 17, Anki's rule).

Observed through what the window shows and the read counters the views expose
(``ItemListModel.id_reads``, ``NavigatorPanel.count_reads``), over a real library file.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QStackedWidget

from desktop.services import cases
from desktop.services.changes import Changes
from desktop.ui.bus import ChangeBus
from desktop.ui.cases.commands import AddItemsCommand, SetItemNoteCommand
from desktop.ui.edit.commands import CreateLinkCommand, RenameEntityCommand

from .conftest import Built


def _stored_note(library, case_id: int, item_id: int) -> str:  # noqa: ANN001
    with library.session() as session:
        view = cases.get_case(session, case_id)
    return next(e.note for e in view.items if e.item.id == item_id)


def _show_articles(window, qtbot) -> tuple[int, int]:  # noqa: ANN001
    """The article list on show; the list's and the navigator's read counters."""
    window.navigator.select_section("articles")
    qtbot.waitUntil(lambda: "·" in window.list_page.title.text())
    return window.list_page.model.id_reads, window.navigator.count_reads


def test_a_case_note_save_rereads_neither_the_list_nor_the_counts(
    built: Built, window, library, qtbot  # noqa: ANN001
) -> None:  # fmt: skip
    _show_articles(window, qtbot)
    model, nav = window.list_page.model, window.navigator
    reads, counts = model.id_reads, nav.count_reads
    editor = window.case_commands.editor
    a1 = built.articles["main"]
    assert editor.push(SetItemNoteCommand(editor, built.case_id, a1, "Seoul wants a say"))
    assert _stored_note(library, built.case_id, a1) == "Seoul wants a say"
    assert (model.id_reads, nav.count_reads) == (reads, counts)
    assert window.list_page.title.text().endswith("·  3")  # still shown as it was
    # adding to a case moves the case's count in the navigator, still without a re-count
    older = built.articles["older"]
    assert editor.push(AddItemsCommand(editor, built.case_id, [older]))
    node = nav.model.node_for(f"case:{built.case_id}")
    assert node is not None and "3" in str(node.index().data())
    assert (model.id_reads, nav.count_reads) == (reads, counts)
    # a change of the library itself does re-read both
    person = built.entities["person"]
    assert editor.push(RenameEntityCommand(editor, person, "Liz Economy"))
    assert model.id_reads > reads and nav.count_reads > counts


def test_typing_a_case_note_leaves_the_library_list_alone(
    built: Built, window, library, qtbot  # noqa: ANN001
) -> None:  # fmt: skip
    reads, counts = _show_articles(window, qtbot)
    window.navigator.select_case(built.case_id)
    page = window.case_page
    person = built.entities["person"]
    assert page.select_item(person)
    page.note.set_text("Speaks for Commerce")
    qtbot.waitUntil(lambda: _stored_note(library, built.case_id, person) == "Speaks for Commerce")
    window.navigator.select_case(built.case_id)  # shown again: nothing was kept for it
    assert (window.list_page.model.id_reads, window.navigator.count_reads) == (reads, counts)


def test_a_hidden_page_refreshes_once_when_shown() -> None:
    """The subscription itself: kept while the stack shows another page, merged on show."""
    bus, stack = ChangeBus(), QStackedWidget()
    first, second = QLabel("first"), QLabel("second")
    stack.addWidget(first)
    stack.addWidget(second)
    got: list[Changes] = []
    sub = bus.subscribe(second, got.append, lambda c: bool(c.entities or c.everything))
    bus.announce(Changes(entities={1}))
    bus.announce(Changes(cases={9}))  # not its concern: never kept
    bus.announce(Changes(entities={2}))
    assert got == [] and sub.stale is not None
    stack.setCurrentWidget(second)
    assert len(got) == 1 and got[0].entities == {1, 2} and not got[0].cases
    bus.announce(Changes(entities={3}))  # visible: at once
    assert got[-1].entities == {3}
    stack.deleteLater()


def test_the_closed_connections_panel_catches_up_when_shown(
    built: Built,
    window,
    qtbot,  # noqa: ANN001
) -> None:
    window.attach_connections()
    panel = window.connections_panel
    panel.animation_ms = 0
    person, older = built.entities["person"], built.articles["older"]
    window.select_item(person)
    qtbot.waitUntil(lambda: not panel.busy and bool(panel.scene.nodes), timeout=10000)
    names = lambda: {item.node.name for item in panel.scene.nodes.values()}  # noqa: E731
    window.connections_dock.close()
    editor = window.case_commands.editor
    assert editor.push(CreateLinkCommand(editor, person, older, "related_to"))
    assert not panel.busy and "Older news on chips" not in names()  # hidden: not redrawn
    window.connections_dock.show()
    qtbot.waitUntil(lambda: "Older news on chips" in names(), timeout=10000)


def test_a_hidden_search_searches_again_when_shown(
    built: Built,
    window,
    qtbot,  # noqa: ANN001
) -> None:
    window.show_search()
    panel = window.search_panel
    panel.query_edit.setText("Liz")
    panel.search_now()
    qtbot.waitUntil(lambda: panel.status_label.text() not in ("", "Searching…"), timeout=10000)
    assert panel.model.rowCount() == 0
    window.close_search()  # back to the list: the results page is hidden
    editor = window.case_commands.editor
    assert editor.push(RenameEntityCommand(editor, built.entities["person"], "Liz Economy"))
    assert panel.status_label.text() != "Searching…"  # hidden: no search started
    window.show_search()
    qtbot.waitUntil(lambda: panel.model.rowCount() > 0, timeout=10000)
