"""Search results in the room of the main area (issue 20): the search panel on the left, full
titles and snippets at full width, and a preview of the current result on the right.

Reading a result here leaves the open case alone: its selected item, the reader below it and
the connections graph stay where they were. Only "Open in reader" (Ctrl+Enter, or the button)
makes the result the window's selection; a matching case summary opens only when asked the
same way. Escape goes back to where the user was.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QResizeEvent, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop.services.search import CASE, SearchHit
from desktop.ui.detail.panel import DetailPanel
from desktop.ui.search.panel import SearchPanel


class SearchPage(QWidget):
    """The Search results page of the central area."""

    #: the user asked to open a result in the window: an item id / a case id
    sig_open_item = Signal(int)
    sig_open_case = Signal(int)
    #: Escape (or Back): return to where the user was
    sig_closed = Signal()

    def __init__(self, library: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("SearchPage")
        self.panel = SearchPanel(library)
        self.preview = DetailPanel(library)
        self.preview.setObjectName("SearchPreview")
        self.preview.sig_item_activated.connect(self.preview.show_item)  # browse in place
        self.preview.sig_case_activated.connect(self.sig_open_case)
        self.back_button = QPushButton("Back")
        self.back_button.setToolTip("Back to where you were (Escape)")
        self.back_button.setAccessibleName("Back to where you were")
        self.back_button.clicked.connect(lambda _c=False: self.sig_closed.emit())
        self.open_button = QPushButton("Open in reader")
        self.open_button.setObjectName("SearchOpenInReader")
        self.open_button.setToolTip(
            "Make this result the window's selection: the reader and the connections "
            "graph follow it (Ctrl+Enter)"
        )
        self.open_button.clicked.connect(lambda _c=False: self.open_current())
        bar = QHBoxLayout()
        bar.addWidget(self.back_button)
        bar.addStretch(1)
        bar.addWidget(self.open_button)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addLayout(bar)
        right_layout.addWidget(self.preview, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("SearchSplitter")
        self.splitter.addWidget(self.panel)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 5)
        self.splitter.setStretchFactor(1, 4)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)
        # picking a result previews it here; the panel's "activated" means the same
        self.panel.sig_item_activated.connect(self.preview.show_item)
        self.panel.sig_case_activated.connect(lambda _case: None)  # opened only when asked
        selection = self.panel.results_view.selectionModel()
        selection.currentChanged.connect(lambda cur, _prev: self._preview(cur))
        self.panel.model.modelReset.connect(self._update_buttons)
        for keys, slot in (("Escape", self.sig_closed.emit),
                           ("Ctrl+Return", self.open_current), ("Ctrl+Enter", self.open_current)):  # fmt: skip
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        self.setFocusProxy(self.panel)
        self._sized = False
        self._update_buttons()

    def selected_ids(self) -> list[int]:
        """The items of the selected results (Add to case works on them, here too)."""
        view, model = self.panel.results_view, self.panel.model
        rows = sorted(i.row() for i in view.selectionModel().selectedRows())
        ids = [h.item_id for r in rows if (h := model.hit(r)) is not None and h.item_id is not None]
        return list(dict.fromkeys(ids))

    def current_hit(self) -> SearchHit | None:
        return self.panel.model.hit(self.panel.results_view.currentIndex().row())

    def _preview(self, index: QModelIndex) -> None:
        hit = self.panel.model.hit(index.row())
        if hit is not None:  # a case summary has nothing to read here: Open case shows it
            self.preview.show_item(hit.item_id)
        self._update_buttons()

    def _update_buttons(self) -> None:
        hit = self.current_hit()
        self.open_button.setEnabled(hit is not None)
        self.open_button.setText("Open case" if hit is not None and hit.kind == CASE
                                 else "Open in reader")  # fmt: skip

    #: narrower than this (the side panel open on a 1280 px screen), the preview goes under
    #: the results: side by side, each got ~240 px and the preview's heading broke mid-word
    SIDE_BY_SIDE_FROM = 760

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        wide = event.size().width() >= self.SIDE_BY_SIDE_FROM
        wanted = Qt.Orientation.Horizontal if wide else Qt.Orientation.Vertical
        if self.splitter.orientation() != wanted:
            self.splitter.setOrientation(wanted)
            self._sized = False
            if self.isVisible():
                self._share()

    def _share(self) -> None:
        """Results and preview share the page (about 11:9)."""
        self._sized = True
        vertical = self.splitter.orientation() == Qt.Orientation.Vertical
        total = sum(self.splitter.sizes()) or (self.height() if vertical else self.width())
        self.splitter.setSizes([total * 11 // 20, total - total * 11 // 20])

    def showEvent(self, event: QShowEvent) -> None:
        """The first time: the results and the preview share the width (about 11:9)."""
        super().showEvent(event)
        if not self._sized and self.width() > 0:
            self._share()

    def open_current(self) -> None:
        """Ctrl+Enter / Open in reader: the one way a result changes the window's selection."""
        hit = self.current_hit()
        if hit is None:
            return
        if hit.kind == CASE:
            self.sig_open_case.emit(hit.id)
        elif hit.item_id is not None:
            self.sig_open_item.emit(hit.item_id)
