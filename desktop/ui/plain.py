"""Untrusted text stays text: names, titles, notes and file names come from articles and
colleagues, and Qt renders anything that *looks* like HTML in a label or tooltip, loading
``<img src="file:///…">`` from disk. Every widget that shows such text goes through here."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QImage, QTextDocument
from PySide6.QtWidgets import QLabel, QMessageBox, QTextBrowser, QWidget

#: the only schemes a click in a note opens outside the app
WEB_SCHEMES = {"http", "https", "mailto"}


def plain_label(text: str = "", parent: QWidget | None = None) -> QLabel:
    """A QLabel that shows ``text`` exactly as written (never as rich text)."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    return label


def tooltip(text: str) -> str:
    """A tooltip that shows ``text`` exactly: forced rich text with everything escaped (a
    plain string that happens to look like HTML would be rendered as HTML)."""
    if not text:
        return ""
    return f'<p style="white-space:pre-wrap">{html.escape(text, quote=False)}</p>'


def _blank_image() -> QImage:
    image = QImage(1, 1, QImage.Format.Format_ARGB32)
    image.fill(0)
    return image


class InertDocument(QTextDocument):
    """A document that loads nothing: Qt's own loadResource reads local files
    (``<img src="file:///dev/zero">``, ``![x](file:///…)``), and its image handler reads the
    file itself when no resource comes back, so every image it was not given (with
    ``addResource``) is a blank pixel."""

    def loadResource(self, type_: int, name: QUrl | str) -> object:  # noqa: ARG002
        if type_ == QTextDocument.ResourceType.ImageResource:
            return _blank_image()
        return b""


class SafeBrowser(QTextBrowser):
    """A text browser over an InertDocument that opens only web links, outside the app."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDocument(InertDocument(self))
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)

    def loadResource(self, type_: int, name: QUrl | str) -> object:
        return self.document().loadResource(type_, name)

    def open_web_link(self, url: QUrl) -> bool:
        """Opens an http(s)/mailto link in the user's browser; anything else is ignored."""
        if url.scheme().lower() not in WEB_SCHEMES:
            return False
        return QDesktopServices.openUrl(url)


#: Markdown as notes use it, with any raw HTML shown as typed
NOTE_MARKDOWN = (
    QTextDocument.MarkdownFeature.MarkdownDialectGitHub
    | QTextDocument.MarkdownFeature.MarkdownNoHTML
)


class MarkdownPreview(SafeBrowser):
    """A note rendered from Markdown: raw HTML stays text, images and links load nothing."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.anchorClicked.connect(self.open_web_link)

    def show_markdown(self, text: str) -> None:
        self.document().setMarkdown(text, NOTE_MARKDOWN)


def ask(
    parent: QWidget | None,
    title: str,
    text: str,
    *,
    icon: QMessageBox.Icon = QMessageBox.Icon.Warning,
    buttons: QMessageBox.StandardButton = QMessageBox.StandardButton.Ok,
    default: QMessageBox.StandardButton = QMessageBox.StandardButton.NoButton,
) -> QMessageBox.StandardButton:
    """QMessageBox.warning/question with the text shown as plain text: messages quote case
    titles, names and error text, which the static helpers would render as HTML."""
    box = QMessageBox(icon, title, text, buttons, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    if default != QMessageBox.StandardButton.NoButton:
        box.setDefaultButton(default)
    return QMessageBox.StandardButton(box.exec())
