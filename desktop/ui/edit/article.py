"""Edit an article's details: published date, outlet, dateline place, byline — one undo step.

``ArticleDetailsDialog(editor, article_id).exec()``; tests set the fields and call ``accept()``.
Import reads these from the text (dateline, page metadata, front matter, the ID); this is
where the analyst corrects them.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.services import article_details
from desktop.ui.cases.widgets import edit_dialog_end
from desktop.ui.detail.html import published_text
from desktop.ui.edit.commands import SetArticleDetailsCommand
from desktop.ui.icons import kind_icon
from desktop.ui.undo import Editor


class ArticleDetailsDialog(QDialog):
    def __init__(self, editor: Editor, article_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ArticleDetailsDialog")
        self.editor, self.article_id = editor, article_id
        self.old = article_details.get_article_details(
            library=editor.library, article_id=article_id
        )
        self.setWindowTitle("Article details")
        self.setWindowIcon(kind_icon("article"))
        self.published = QLineEdit(self.old.published.isoformat() if self.old.published else "")
        self.published.setPlaceholderText("YYYY-MM-DD, or empty when unknown")
        self.outlet = QLineEdit(self.old.outlet or "")
        self.outlet.setPlaceholderText("e.g. Trade Wire")
        self.dateline = QLineEdit(self.old.dateline or "")
        self.dateline.setPlaceholderText("e.g. Seoul")
        self.byline = QLineEdit(self.old.byline or "")
        said = QLabel(published_text(self.old.published, self.old.published_from) or "no date")
        said.setTextFormat(Qt.TextFormat.PlainText)
        said.setObjectName("PublishedFrom")
        form = QFormLayout()
        form.addRow("Published", self.published)
        form.addRow("", said)
        form.addRow("Outlet", self.outlet)
        form.addRow("Dateline", self.dateline)
        form.addRow("Byline", self.byline)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        self.message, _buttons = edit_dialog_end(layout, self, editor.sig_error, save=True)

    def accept(self) -> None:
        """Pushes one undo step when something changed; stays open on a bad date."""
        if self.apply():
            super().accept()

    def apply(self) -> bool:
        raw = self.published.text().strip()
        try:
            published = date.fromisoformat(raw) if raw else None
        except ValueError:
            self.message.show_message(f"“{raw}” is not a date: write it as YYYY-MM-DD.")
            return False
        try:
            details = article_details.edited(
                self.old,
                published=published,
                outlet=self.outlet.text(),
                dateline=self.dateline.text(),
                byline=self.byline.text(),
            )
        except ValueError as exc:
            self.message.show_message(str(exc))
            return False
        if details == self.old:
            return True
        return self.editor.push(SetArticleDetailsCommand(self.editor, self.article_id, details))


def ask_edit_article(parent: QWidget, editor: Editor, article_id: int) -> bool:
    return ArticleDetailsDialog(editor, article_id, parent).exec() == QDialog.DialogCode.Accepted
