"""The Inbox says when watch-list hits wait for review (issue 21): a line above the Inbox's
list with the number of hits to review, those the last import found, and a button to review
them. Plain text: it holds only counts, but it sits among untrusted titles."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from desktop.ui.icons import icon


class InboxHitsNotice(QWidget):
    """Shown in the Inbox while hits wait: "⚑ 3 watch-list hits to review (2 new from the
    last import)" and "Review hits"."""

    sig_review = Signal()

    def __init__(self, flag_colour: str) -> None:
        super().__init__()
        self.setObjectName("InboxHitsNotice")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.label = QLabel()
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setWordWrap(True)
        self.button = QPushButton(icon("hit", flag_colour), "Review hits")
        self.button.setObjectName("InboxReviewHits")
        self.button.clicked.connect(self.sig_review.emit)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.button)
        self.to_review = 0  # new hits of every list
        self.from_import = 0  # new hits the last import found
        self.in_inbox = False
        self.hide()

    def set_counts(self, *, to_review: int | None = None, from_import: int | None = None) -> None:
        if to_review is not None:
            self.to_review = to_review
        if from_import is not None:
            self.from_import = from_import
        self._update()

    def set_section(self, section: str) -> None:
        self.in_inbox = section == "inbox"
        self._update()

    def _update(self) -> None:
        n, fresh = self.to_review, min(self.from_import, self.to_review)
        text = f"⚑ {n} watch-list hit{'s' if n != 1 else ''} to review"
        if fresh:
            text += f" ({fresh} new from the last import)"
        self.label.setText(text)
        self.setVisible(self.in_inbox and n > 0)
