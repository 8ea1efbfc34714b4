"""The main window on a real temp library: opens, navigates, shows details, keeps its
layout, escapes untrusted text, and offers every command from one registry."""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QFontDatabase, QFontInfo
from PySide6.QtWidgets import QApplication

from desktop.services.dto import ArticleView, ItemRef, MentionSpan
from desktop.ui.detail.article_reader import render_article
from desktop.ui.main_window import MainWindow


def test_qt_sees_a_real_font(qapp) -> None:  # noqa: ANN001
    """Without a system font Qt draws boxes and prints no warning: fail loudly instead."""
    families = QFontDatabase.families()
    assert families, "Qt found no font at all: install fonts-dejavu-core"
    assert QFontInfo(QApplication.font()).family() in families


def test_window_opens_on_an_empty_library_with_empty_states(window) -> None:  # noqa: ANN001
    assert window.windowTitle() == "library.casefile"  # Qt adds " — Casefile"
    assert window.list_page.section == "articles"
    assert window.list_page.stack.currentWidget() is window.list_page.empty
    assert "Ctrl+I" in window.list_page.empty.text()
    assert window.navigator.model.node_for("new-case") is not None
    assert window.detail.currentWidget() is window.detail.empty


def test_navigator_selection_shows_the_list_and_the_detail(qtbot, library, built, window) -> None:  # noqa: ANN001
    window.navigator.select_section("people")
    page = window.list_page
    assert page.section == "people" and page.model.total == 1
    assert page.model.index(0, 0).data() == "Elizabeth Economy"
    page.table.setCurrentIndex(page.model.index(0, 0))
    qtbot.waitUntil(lambda: window.detail.currentWidget() is window.detail.entity_page)
    html = window.detail.entity_page.toPlainText()
    assert "Elizabeth Economy" in html and "Department of Commerce" in html

    window.navigator.select_section("articles")
    assert page.select_item(built.articles["main"])
    qtbot.waitUntil(lambda: window.detail.currentWidget() is window.detail.reader)
    assert "South Korea wants more coordination" in window.detail.reader.toPlainText()


def test_clicking_a_mention_selects_the_entity(qtbot, built, window) -> None:  # noqa: ANN001
    window.navigator.select_section("articles")
    window.list_page.select_item(built.articles["main"])
    person = built.entities["person"]
    with qtbot.waitSignal(window.detail.sig_item_activated) as blocker:
        window.detail.reader.anchorClicked.emit(QUrl(f"item:{person}"))
    assert blocker.args == [person]
    assert window.detail.item_id == person
    qtbot.waitUntil(lambda: window.detail.currentWidget() is window.detail.entity_page)


def test_case_in_navigator_shows_its_items(built, window) -> None:  # noqa: ANN001
    assert window.navigator.select_case(built.case_id)
    assert window.centre.currentWidget() is window.case_page
    assert window.case_page.model.rowCount() == 2
    window.case_page.select_item(built.entities["person"])
    assert window.detail.item_id == built.entities["person"]


def test_layout_and_selection_are_restored(qtbot, library, built) -> None:  # noqa: ANN001
    first = MainWindow(library)
    qtbot.addWidget(first)
    first.show()
    first.resize(700, 520)
    size = first.size()
    first.connections_dock.hide()
    first.navigator.select_section("people")
    first.list_page.select_item(built.entities["person"])
    first.close()

    second = MainWindow(library)
    qtbot.addWidget(second)
    second.show()
    # the offscreen screen is 800 px wide, below the window's minimum: both windows sit at
    # their minimum width (smaller without the Connections dock), at the saved height
    assert second.height() == size.height()
    assert second.width() <= size.width()
    assert second.width() == second.minimumSizeHint().expandedTo(second.minimumSize()).width()
    assert not second.connections_dock.isVisible()
    assert second.list_page.section == "people"
    assert second.detail.item_id == built.entities["person"]
    assert second.list_page.current_item_id() == built.entities["person"]


def test_reader_escapes_hostile_text(library, qtbot, builders) -> None:  # noqa: ANN001
    body = 'Officials <script>alert("x")</script> met <img src=x> at AT&T & <b>BIS</b>.'
    built = builders.build_library(library, title="Hostile <i>title</i>", body=body)
    from desktop.ui.detail.panel import DetailPanel

    panel = DetailPanel(library)
    qtbot.addWidget(panel)
    with qtbot.waitSignal(panel.sig_shown):
        panel.show_item(built.articles["main"])
    shown = panel.reader.toPlainText()
    assert '<script>alert("x")</script>' in shown
    assert "<img src=x>" in shown and "AT&T & <b>BIS</b>" in shown
    assert "Hostile <i>title</i>" in shown


def test_render_article_only_adds_our_markup() -> None:
    text = "T\n<a href='javascript:x'>Bob</a> met Ann"
    ann = text.index("Ann")
    view = ArticleView(
        item=ItemRef(1, "article", "T"), ref=None, published=None, source_file=None,
        imported_at=None, placeholder=False, reviewed=True, text=text,
        mentions=(MentionSpan(ann, ann + 3, 9, ItemRef(5, "person", "Ann"), "suggested"),),
    )  # fmt: skip
    html = render_article(view)
    assert "<a href='javascript" not in html
    assert "&lt;a href=&#x27;javascript:x&#x27;&gt;Bob&lt;/a&gt;" in html
    assert 'href="item:5"' in html


def test_one_registry_feeds_menus_toolbar_and_palette(window) -> None:  # noqa: ANN001
    commands = dict(window.registry.commands())
    assert commands["file.import"] == "Import"
    assert window.registry.action("file.import").shortcut().toString() == "Ctrl+I"
    assert window.registry.action("edit.quick_open").shortcut().toString() == "Ctrl+K"
    assert window.registry.action("view.connections").shortcut().toString() == "F9"
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus == ["&File", "&Edit", "&View", "&Case", "&Help"]
    window.registry.trigger("view.connections")
    assert not window.connections_dock.isVisible()
    window.registry.trigger("view.connections")
    assert window.connections_dock.isVisible()


def test_handlers_can_be_replaced(window) -> None:  # noqa: ANN001
    calls = []
    window.registry.set_handler("edit.quick_open", lambda: calls.append(1))
    window.registry.trigger("edit.quick_open")
    assert calls == [1]


def test_case_commands_are_undoable(qtbot, library, window, monkeypatch) -> None:  # noqa: ANN001
    from desktop.ui.cases import dialogs, install
    from desktop.ui.cases.commands import CreateCaseCommand

    def create(parent, editor):  # noqa: ANN001, ANN202 - the dialog, as if "Chips" was typed
        command = CreateCaseCommand(editor, "Chips")
        return command.case_id if editor.push(command) else None

    monkeypatch.setattr(install, "ask_new_case", create)
    window.registry.trigger("case.new")
    assert window.navigator.model.node_for("new-case") is None
    case_id = window.navigator.current_case_id()
    assert case_id is not None and window.centre.currentWidget() is window.case_page
    assert "This case is empty" in window.case_page.empty.text()
    assert window.registry.action("edit.undo").isEnabled()
    window.registry.trigger("edit.undo")
    assert window.navigator.model.node_for("new-case") is not None
    window.registry.trigger("edit.redo")
    assert window.navigator.model.node_for("new-case") is None
    assert dialogs  # the real dialogs are covered in test_cases_ui.py


def test_add_to_case_and_undo(qtbot, library, built, window) -> None:  # noqa: ANN001
    from desktop.services.cases import get_case

    assert window.case_commands.add_items([built.entities["org"]], built.case_id)
    with library.session() as s:
        assert len(get_case(s, built.case_id).items) == 3
    assert "Added 1 item to “Korea coordination”" in window.status.current_message()
    window.undo_stack.undo()
    with library.session() as s:
        assert len(get_case(s, built.case_id).items) == 2
    assert window.case_commands.add_items([built.entities["person"]], built.case_id)
    assert "Already in" in window.status.current_message()
    assert not window.undo_stack.canUndo()  # nothing happened, nothing to undo


def test_an_empty_list_quotes_the_filter_as_typed(qtbot, window) -> None:  # noqa: ANN001
    """The "nothing matches" line quotes the filter: a filter that looks like markup is shown
    as the characters typed, not drawn as markup."""
    page = window.list_page
    page.filter.setText("<b>Huawei</b>")
    page.apply_filter()
    qtbot.waitUntil(lambda: page.stack.currentWidget() is page.empty)
    assert page.empty.textFormat() == Qt.TextFormat.PlainText
    assert "“<b>Huawei</b>”" in page.empty.text()


def test_a_file_that_is_not_a_library_is_refused_and_left_untouched(tmp_path, monkeypatch) -> None:  # noqa: ANN001
    from PySide6.QtWidgets import QMessageBox

    from desktop.ui.app import run_app

    # run_app runs and quits the whole application in this process; afterwards pytest-qt's
    # waits no longer deliver queued background results (seen with run_task), so this test
    # stays after every test that needs them (the file sorts last in tests/ui).
    bad = tmp_path / "notes.casefile"
    bad.write_text("my own notes, not a database\n")
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text, *a: shown.append(text))
    assert run_app(str(bad)) == 2
    assert shown and "not a Casefile library" in shown[0]
    assert bad.read_text() == "my own notes, not a database\n"
    assert not [w for w in QApplication.topLevelWidgets() if w.isVisible()]
