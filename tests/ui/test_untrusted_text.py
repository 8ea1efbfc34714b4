"""Untrusted text stays text: names, titles, case titles, notes and file names go through
every widget that shows them (labels, tooltips, item models, the reader, the entity page,
the note preview, the import summary) and none is interpreted as markup or loads a file."""

from __future__ import annotations

from collections.abc import Iterator
from types import SimpleNamespace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QModelIndex, Qt, QUrl
from PySide6.QtGui import QImage, QTextDocument
from PySide6.QtGui import Qt as QtGui  # Qt.mightBeRichText lives in QtGui's Qt namespace
from PySide6.QtWidgets import QAbstractItemView, QLabel, QTextEdit, QWidget
from sqlmodel import select

from desktop.store.db import Library
from desktop.store.models import CaseFile, CaseItem, Item
from desktop.ui.bus import ChangeBus
from desktop.ui.cases import CaseView
from desktop.ui.detail.panel import DetailPanel
from desktop.ui.import_dialog import ImportSummaryDialog
from desktop.ui.navigator import NavigatorPanel

from .conftest import Built

HOSTILE_HTML = [
    '<img src="file:///dev/zero">',
    "<b>bold</b>",
    "<i>",
    "</p><h1>big",
    "<a href='file:///etc/passwd'>link</a>",
    "<style>*{color:red}</style>",
    "<qt>",
    "<table><tr><td>cell",
]
HOSTILE = [*HOSTILE_HTML, "&amp;", "&lt;b&gt;", "a < b > c"]
_ANY = st.characters(
    blacklist_categories=("Cc", "Cs", "Cf", "Co", "Cn", "Zl", "Zp"),
    blacklist_characters="\u00a0\ufffc⟪⟫",
)
_WORDS = st.text(st.sampled_from("abcxyz XYZ0123"), max_size=8)


def _marked(tag: str, parts: st.SearchStrategy[str], hostile: list[str]) -> st.SearchStrategy:
    """``⟪tag:…⟫`` around some text with a hostile piece in it, so the test can find every
    place it is shown and compare the whole of it."""
    return st.builds(lambda a, h, b: f"⟪{tag}:{a}{h}{b}⟫", parts, st.sampled_from(hostile), parts)


def _norm(text: str) -> str:
    return " ".join(text.split())


class _RecordingDocument(QTextDocument):
    """Renders rich text as a label or tooltip would, remembering any resource asked for."""

    loads: list[str] = []

    def loadResource(self, type_: int, name: QUrl) -> object:  # noqa: ARG002
        _RecordingDocument.loads.append(name.toString())
        return None


def _rendered(text: str, fmt: Qt.TextFormat = Qt.TextFormat.AutoText) -> str:
    """What the user reads: Qt treats AutoText (labels, tooltips) as HTML when it looks so."""
    if fmt == Qt.TextFormat.PlainText or (
        fmt == Qt.TextFormat.AutoText and not QtGui.mightBeRichText(text)
    ):
        return text
    doc = _RecordingDocument()
    doc.setHtml(text)
    doc.size()  # lay it out: images are loaded here
    return doc.toPlainText()


def _model_texts(model, parent: QModelIndex = QModelIndex()) -> Iterator[str]:  # noqa: ANN001, B008
    try:
        columns = model.columnCount(parent)
    except TypeError:  # a list model's columnCount (and children) are private in PySide6
        columns = 1
    for row in range(model.rowCount(parent)):
        for column in range(columns):
            index = model.index(row, column, parent)
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                value = index.data(role)
                if isinstance(value, str):
                    yield value if role == Qt.ItemDataRole.DisplayRole else _rendered(value)
        if columns > 1 or hasattr(model, "itemFromIndex"):  # tables and trees
            first = model.index(row, 0, parent)
            if model.rowCount(first):
                yield from _model_texts(model, first)


def shown_texts(*roots: QWidget) -> list[str]:
    """Every text these widgets show: labels, tooltips, item views, rich text views."""
    out: list[str] = []
    for root in roots:
        widgets = [root, *root.findChildren(QWidget)]
        for widget in widgets:
            if widget.toolTip():
                out.append(_rendered(widget.toolTip()))
            if isinstance(widget, QLabel):
                out.append(_rendered(widget.text(), widget.textFormat()))
            elif isinstance(widget, QTextEdit):
                out.append(widget.toPlainText())
            elif isinstance(widget, QAbstractItemView) and widget.model() is not None:
                out.extend(_model_texts(widget.model()))
    for view in (r for r in roots if hasattr(r, "refused")):  # the summary's QTreeWidget items
        tree = view.refused  # type: ignore[attr-defined]
        for i in range(tree.topLevelItemCount()):
            item = tree.topLevelItem(i)
            out += [
                item.text(0),
                item.text(1),
                _rendered(item.toolTip(0)),
                _rendered(item.toolTip(1)),
            ]
    return [_norm(t) for t in out]


def assert_shown_exactly(texts: list[str], *expected: str) -> None:
    for value in expected:
        tag = value[: value.index(":") + 1]
        want = _norm(value)
        places = [t for t in texts if tag in t]
        assert places, f"{tag} is shown nowhere"
        for t in places:
            assert t.count(tag) == t.count(want), f"{want!r} shown as {t!r}"


@pytest.fixture
def widgets(qtbot, library: Library, built: Built) -> SimpleNamespace:  # noqa: ANN001
    bus = ChangeBus()
    case_view = CaseView(library, bus=bus)
    detail = DetailPanel(library)
    navigator = NavigatorPanel()
    navigator.set_library(library)
    for w in (case_view, detail, navigator):
        qtbot.addWidget(w)
        w.resize(700, 600)
        w.show()
    return SimpleNamespace(case=case_view, detail=detail, navigator=navigator)


@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    name=_marked("N", st.text(_ANY, max_size=10), HOSTILE),
    title=_marked("T", st.text(_ANY, max_size=10), HOSTILE),
    case_title=_marked("C", st.text(_ANY, max_size=10), HOSTILE),
    note=_marked("M", _WORDS, HOSTILE_HTML),
)
def test_names_titles_and_notes_are_never_markup(
    qtbot, library: Library, built: Built, widgets: SimpleNamespace,  # noqa: ANN001
    name: str, title: str, case_title: str, note: str,
) -> None:  # fmt: skip
    person, article = built.entities["person"], built.articles["main"]
    with library.write() as s:
        s.get(Item, person).name = name
        s.get(Item, article).name = title
        s.get(CaseFile, built.case_id).title = case_title
        entry = s.exec(
            select(CaseItem).where(CaseItem.case_id == built.case_id, CaseItem.item_id == person)
        ).one()
        entry.note = note
    _RecordingDocument.loads.clear()

    widgets.case.show_case(built.case_id)
    assert widgets.case.select_item(person)
    widgets.case.note.set_preview(True)
    widgets.navigator.refresh()
    texts = shown_texts(widgets.case, widgets.navigator)
    assert_shown_exactly(texts, name, title, case_title, note)

    for item_id, page in ((person, "entity_page"), (article, "reader")):
        widgets.detail.show_item(item_id)
        target = getattr(widgets.detail, page)
        qtbot.waitUntil(lambda t=target: widgets.detail.currentWidget() is t, timeout=5000)
        assert_shown_exactly(shown_texts(widgets.detail), name)

    summary = ImportSummaryDialog(
        SimpleNamespace(imported=0, duplicates=0, failed=[(f"/in/{name}.txt", title)])
    )
    qtbot.addWidget(summary)
    assert_shown_exactly(shown_texts(summary), name, title)
    assert _RecordingDocument.loads == []


def test_note_preview_loads_no_image_and_shows_raw_html_as_text(
    qtbot,
    widgets: SimpleNamespace,
    built: Built,
    tmp_path,  # noqa: ANN001
) -> None:
    picture = tmp_path / "pixel.png"
    image = QImage(400, 300, QImage.Format.Format_RGB32)
    image.fill(0)
    assert image.save(str(picture))
    url = QUrl.fromLocalFile(str(picture)).toString()
    editor = widgets.case.summary
    editor.set_text(f'**Seen** <img src="{url}"> and ![photo]({url}) <b>raw</b>')
    editor.set_preview(True)
    editor.preview.viewport().grab()  # paint: a loaded image would be asked for now
    doc = editor.preview.document()
    loaded = doc.resource(QTextDocument.ResourceType.ImageResource, QUrl(url))
    assert not loaded or loaded.width() <= 1  # a blank pixel, never the picture
    shown = editor.preview.toPlainText()
    assert f'<img src="{url}">' in shown and "<b>raw</b>" in shown and "**" not in shown


def test_message_boxes_quote_titles_as_plain_text(
    qtbot,
    library: Library,
    built: Built,
    monkeypatch,  # noqa: ANN001
) -> None:
    from PySide6.QtWidgets import QMessageBox

    from desktop.ui.cases.dialogs import ask_delete_case
    from desktop.ui.undo import Editor

    title = '<img src="file:///dev/zero"> <b>Korea</b>'
    with library.write() as s:
        s.get(CaseFile, built.case_id).title = title
    shown: list[tuple[str, Qt.TextFormat]] = []

    def exec_(box: QMessageBox) -> int:
        shown.append((box.text(), box.textFormat()))
        return int(QMessageBox.StandardButton.Cancel.value)

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    assert not ask_delete_case(None, Editor(library), built.case_id)
    [(text, fmt)] = shown
    assert title in text and _rendered(text, fmt) == text
