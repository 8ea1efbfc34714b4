"""A Markdown note editor with a preview, autosaved as the analyst types, showing when it was
last edited. Used for a case's summary and for the note on each item within a case.

It never writes itself: after a pause in typing it emits ``sig_save_requested(text)`` and the
case view turns that into an undoable edit; typing in one sitting merges into one undo step.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QSizePolicy,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.cases.widgets import Autosave, edited_text
from desktop.ui.plain import MarkdownPreview, plain_label, tooltip


class _PlainEdit(QPlainTextEdit):
    """Saves at once when focus leaves, so nothing typed waits on a timer."""

    def __init__(self, owner: NoteEditor) -> None:
        super().__init__()
        self._owner = owner

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self._owner.flush()
        super().focusOutEvent(event)


class NoteEditor(QWidget):
    sig_save_requested = Signal(str)

    def __init__(self, title: str, placeholder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._loading = False
        self._saved_text = ""
        self.heading = plain_label(title)
        self.heading.setObjectName("NoteHeading")
        self.heading.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.heading.setWordWrap(True)  # a long item name wraps instead of being cut off
        self.heading.setMinimumWidth(60)
        self.edited = QLabel()
        self.edited.setObjectName("NoteEdited")
        self.preview_button = QToolButton()
        self.preview_button.setText("Preview")
        self.preview_button.setCheckable(True)
        self.preview_button.setToolTip("Show the note formatted (Markdown)")
        self.preview_button.setObjectName("PreviewToggle")
        self.preview_button.toggled.connect(self.set_preview)
        head = QHBoxLayout()
        head.setContentsMargins(0, 0, 0, 0)
        head.addWidget(self.heading, 1)
        head.addWidget(self.edited)
        head.addWidget(self.preview_button)
        self.editor = _PlainEdit(self)
        self.editor.setObjectName("NoteEditor")
        self.editor.setPlaceholderText(placeholder)
        self.editor.setTabChangesFocus(True)
        self.editor.setMinimumHeight(44)
        self.editor.textChanged.connect(self._on_text_changed)
        self.preview = MarkdownPreview()
        self.preview.setObjectName("NotePreview")
        self.preview.setMinimumHeight(44)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.editor)
        self.stack.addWidget(self.preview)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(3)
        layout.addLayout(head)
        layout.addWidget(self.stack, 1)
        self.autosave = Autosave(self._save, self)

    # --- public -----------------------------------------------------------------------------
    def text(self) -> str:
        return self.editor.toPlainText()

    @property
    def pending(self) -> bool:
        return self.autosave.pending

    def set_heading(self, text: str) -> None:
        self.heading.setText(text)
        self.heading.setToolTip(tooltip(text))

    def set_note(self, text: str, edited_at: datetime | None, *, force: bool = False) -> None:
        """Show a stored note; text still waiting to be saved is not overwritten (unless
        ``force``, used when the editor switches to another note)."""
        self.edited.setText(edited_text(edited_at))
        if self.pending and not force:
            return
        if force:
            self.autosave.cancel()
        self._saved_text = text
        if self.editor.toPlainText() != text:
            self._loading = True
            try:
                self.editor.setPlainText(text)
            finally:
                self._loading = False
        if self.preview_button.isChecked():
            self.preview.show_markdown(text)

    def set_text(self, text: str) -> None:
        """Type into the editor programmatically (tests, paste): autosaves like typing."""
        self.set_preview(False)
        self.editor.setPlainText(text)

    def flush(self) -> None:
        """Save now if anything is waiting."""
        if self.autosave.pending:
            self.autosave.flush()

    def set_preview(self, on: bool) -> None:
        if self.preview_button.isChecked() != on:
            self.preview_button.setChecked(on)
            return
        if on:
            self.flush()
            self.preview.show_markdown(self.text() or "*No note yet.*")
        self.stack.setCurrentWidget(self.preview if on else self.editor)

    # --- internals ----------------------------------------------------------------------------
    def _on_text_changed(self) -> None:
        if not self._loading:
            self.autosave.touch()

    def _save(self) -> None:
        text = self.text()
        if text != self._saved_text:
            self._saved_text = text
            self.sig_save_requested.emit(text)
