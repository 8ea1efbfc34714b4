"""The article page: its details dialog (date, outlet, dateline, byline; one undo step) and the
reader's paragraphs and metadata line for an imported wire story."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtGui import QUndoStack

from desktop.services.article_details import get_article_details
from desktop.services.importer import import_paths
from desktop.services.library import get_article
from desktop.store.db import Library
from desktop.ui.bus import ChangeBus
from desktop.ui.detail.article_reader import render_article
from desktop.ui.edit import ArticleDetailsDialog
from desktop.ui.undo import Editor

from .conftest import Built

DATA = Path(__file__).resolve().parents[1] / "data" / "layout"


def test_details_dialog_saves_one_undoable_step(library: Library, built: Built, qtbot) -> None:  # noqa: ANN001
    editor = Editor(library, QUndoStack(), ChangeBus())
    article = built.articles["main"]
    before = get_article_details(library=library, article_id=article)
    dialog = ArticleDetailsDialog(editor, article)
    qtbot.addWidget(dialog)
    dialog.published.setText("2022-11-30")
    dialog.outlet.setText("  Trade   Wire ")
    dialog.dateline.setText("Seoul")
    assert dialog.apply()
    after = get_article_details(library=library, article_id=article)
    assert (after.published, after.published_from, after.outlet, after.dateline) == (
        date(2022, 11, 30),
        "user",
        "Trade Wire",
        "Seoul",
    )
    with library.session() as s:
        assert "2022-11-30 (set by you)" in render_article(get_article(s, article))
    assert editor.undo_stack.count() == 1
    editor.undo_stack.undo()
    assert get_article_details(library=library, article_id=article) == before
    editor.undo_stack.redo()
    assert get_article_details(library=library, article_id=article) == after


def test_details_dialog_refuses_a_bad_date(library: Library, built: Built, qtbot) -> None:  # noqa: ANN001
    editor = Editor(library, QUndoStack(), ChangeBus())
    dialog = ArticleDetailsDialog(editor, built.articles["main"])
    qtbot.addWidget(dialog)
    dialog.published.setText("30/11/2022")
    assert not dialog.apply()
    assert "YYYY-MM-DD" in dialog.message.text()
    assert editor.undo_stack.count() == 0


def test_reader_shows_wrapped_copy_as_paragraphs_with_its_details(library: Library) -> None:
    report = import_paths(library=library, paths=[DATA / "wire-seoul.txt"])
    (article,) = report.articles
    with library.session() as s:
        view = get_article(s, article.id)
    page = render_article(view)
    body = page[page.index('<p class="meta">') :]
    assert body.count("<p>") == 3  # three paragraphs, not one per wrapped line
    assert "Trade Wire · dateline Seoul" in page
    # the name across the line break is one highlight
    raimondo = [m for m in view.mentions if m.entity.name == "Gina Raimondo"]
    assert view.text[raimondo[0].start : raimondo[0].end] == "Gina\nRaimondo"
    assert "Gina\nRaimondo</a>" in page
