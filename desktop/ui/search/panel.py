"""The search panel: a query field, filters and ranked results that update as you type.

Typing restarts a short timer; when it fires the search runs on a worker thread with its own
session, and only the newest search's results are shown. Enter opens the current (or first)
result; results drag into a case. The panel never runs SQL on the GUI thread.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QVBoxLayout,
    QWidget,
)

from desktop.services.search import CASE, SearchResult
from desktop.ui.date_range import DateRangeBar
from desktop.ui.search.results import SearchResultsModel, SnippetDelegate
from desktop.ui.workers import LatestJobRunner

KIND_CHOICES = (
    ("Everything", None),
    ("Articles", "article"),
    ("People, organizations, places…", "entity"),
    ("People", "person"),
    ("Organizations", "organization"),
    ("Countries", "country"),
    ("Places", "place"),
    ("Working groups", "group"),
    ("Regulations and lists", "regulation"),
    ("Notes", "note"),
)
ORDER_CHOICES = (("Best match", "rank"), ("Newest first", "newest"), ("Oldest first", "oldest"))


def _search_job(library: Any, params: dict[str, Any]) -> SearchResult:
    """Runs on the worker: its own short read session, plain dataclasses back."""
    from desktop.services.views import read, search_results

    return read(library, search_results, **params)


def _cases_job(library: Any) -> list[Any]:
    from desktop.services.cases import list_cases
    from desktop.services.views import read

    return read(library, list_cases)


class SearchPanel(QWidget):
    """Search everything. ``library`` is an open ``desktop.store.db.Library``."""

    sig_item_activated = Signal(int)  # an article, an entity, or the item a note is about
    sig_case_activated = Signal(int)  # a case whose summary matched
    sig_searched = Signal(object)  # the SearchResult now shown (None when cleared)

    DEBOUNCE_MS = 180
    LIMIT = 100

    def __init__(self, library: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("SearchPanel")
        self._library = library
        self._result: SearchResult | None = None
        self._open_when_ready = False
        self._runner = LatestJobRunner(self)
        self._runner.sig_result.connect(self.on_result)
        self._runner.sig_failed.connect(self.on_failed)
        self._case_runner = LatestJobRunner(self)
        self._case_runner.sig_result.connect(self._on_cases)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(self.DEBOUNCE_MS)
        self._timer.timeout.connect(self.search_now)
        self._build()
        self.refresh_cases()

    # --- building -----------------------------------------------------------------------
    def _build(self) -> None:
        self.query_edit = QLineEdit(self)
        self.query_edit.setPlaceholderText('Search… words, "a phrase", export*, AND / OR / NOT')
        self.query_edit.setClearButtonEnabled(True)
        self.query_edit.textChanged.connect(self._schedule)
        self.query_edit.returnPressed.connect(self.activate_current)
        self.query_edit.installEventFilter(self)
        self.kind_combo = QComboBox(self)
        for label, kind in KIND_CHOICES:
            self.kind_combo.addItem(label, kind)
        self.case_combo = QComboBox(self)
        self.case_combo.addItem("Any case file", None)
        self.order_combo = QComboBox(self)
        self.order_combo.setObjectName("SearchOrder")
        self.order_combo.setAccessibleName("Order of the results")
        self.order_combo.setToolTip(
            "Best match first, or the best matches by published date (undated results last)"
        )
        for label, order in ORDER_CHOICES:
            self.order_combo.addItem(label, order)
        self.dates = DateRangeBar("articles published", self)
        self.dates.setToolTip("A date range finds articles only: people, places and notes "
                              "have no published date")  # fmt: skip
        self.dates.sig_changed.connect(lambda _f, _t: self._filters_changed())
        for combo in (self.kind_combo, self.case_combo, self.order_combo):
            combo.currentIndexChanged.connect(self._filters_changed)
            # long case titles must not widen the page: the popup shows them whole
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(6)
        self.notice_label = QLabel(self)
        self.notice_label.setObjectName("SearchNotice")
        self.notice_label.setWordWrap(True)
        self.notice_label.setTextFormat(Qt.TextFormat.PlainText)
        self.notice_label.hide()
        self.status_label = QLabel(self)
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.model = SearchResultsModel(self)
        self.results_view = QListView(self)
        self.results_view.setModel(self.model)
        self.results_view.setItemDelegate(SnippetDelegate(self.results_view))
        self.results_view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.results_view.setDragEnabled(True)
        self.results_view.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.results_view.setDefaultDropAction(Qt.DropAction.CopyAction)
        self.results_view.setUniformItemSizes(True)
        self.results_view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.results_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.results_view.activated.connect(self._on_activated)
        self.results_view.installEventFilter(self)
        filters = QHBoxLayout()
        filters.addWidget(self.kind_combo, 1)
        filters.addWidget(self.case_combo, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.query_edit)
        layout.addLayout(filters)
        layout.addWidget(self.dates)
        layout.addWidget(self.notice_label)
        layout.addWidget(self.results_view, 1)
        status = QHBoxLayout()  # how many, and in what order
        status.addWidget(self.status_label, 1)
        status.addWidget(self.order_combo)
        layout.addLayout(status)
        QWidget.setTabOrder(self.kind_combo, self.case_combo)
        self.dates.chain(self.case_combo, self.results_view)
        QWidget.setTabOrder(self.results_view, self.order_combo)
        self.setFocusProxy(self.query_edit)

    # --- public API ---------------------------------------------------------------------
    @property
    def result(self) -> SearchResult | None:
        return self._result

    def set_query(self, text: str) -> None:
        """Put text in the field; the search follows after the debounce."""
        self.query_edit.setText(text)

    def set_kind(self, kind: str | None) -> None:
        self.kind_combo.setCurrentIndex(max(self.kind_combo.findData(kind), 0))

    def set_case(self, case_id: int | None) -> None:
        self.case_combo.setCurrentIndex(max(self.case_combo.findData(case_id), 0))

    def set_date_range(self, date_from: date | None, date_to: date | None) -> None:
        self.dates.set_range(date_from, date_to)

    def set_order(self, order: str) -> None:
        """ "rank" (best match first), "newest" or "oldest" first."""
        self.order_combo.setCurrentIndex(max(self.order_combo.findData(order), 0))

    def filters(self) -> dict[str, Any]:
        return {
            "kind": self.kind_combo.currentData(),
            "case_id": self.case_combo.currentData(),
            "date_from": self.dates.date_from,
            "date_to": self.dates.date_to,
            "order": self.order_combo.currentData(),
        }

    def search_now(self) -> None:
        """Search for what is in the field right away (the debounce timer calls this)."""
        self._timer.stop()
        query = self.query_edit.text()
        if not query.strip():
            self._runner.cancel()
            self.on_result(None)
            return
        params = {"query": query, "limit": self.LIMIT, **self.filters()}
        self.status_label.setText("Searching…")
        self._runner.submit(lambda: _search_job(self._library, params))

    def refresh_cases(self) -> None:
        """Reload the case filter's choices (after cases were created, renamed or deleted)."""
        self._case_runner.submit(lambda: _cases_job(self._library))

    def on_changes(self, changes: Any) -> None:
        """The app-wide change record: search again so results show the library as it is."""
        if getattr(changes, "cases", None) or getattr(changes, "everything", False):
            self.refresh_cases()
        if changes and self.query_edit.text().strip():
            self.search_now()

    def activate_current(self) -> None:
        """Enter: open the selected result, or the first; wait for a search still running."""
        if self._timer.isActive() or self._runner.busy:
            self._open_when_ready = True
            if self._timer.isActive():
                self.search_now()
            return
        index = self.results_view.currentIndex()
        if not index.isValid():
            index = self.model.index(0, 0)
        if index.isValid():
            self._on_activated(index)

    # --- slots --------------------------------------------------------------------------
    def on_result(self, result: SearchResult | None) -> None:
        self._result = result
        self.model.set_result(result)
        notice = result.notice if result is not None else None
        self.notice_label.setText(notice or "")
        self.notice_label.setVisible(bool(notice))
        if result is None:
            self.status_label.setText("")
        else:
            n = len(result.hits)
            more = "+" if n >= self.LIMIT else ""
            self.status_label.setText(
                f"{n}{more} result{'s' if n != 1 else ''}" if n else "Nothing found"
            )
            if n:
                self.results_view.setCurrentIndex(self.model.index(0, 0))
        self.sig_searched.emit(result)
        if self._open_when_ready:
            self._open_when_ready = False
            if self.model.rowCount():
                self._on_activated(self.model.index(0, 0))

    def on_failed(self, message: str) -> None:
        self._open_when_ready = False
        self.status_label.setText("The search failed: " + message)

    def _on_cases(self, cases: list[Any]) -> None:
        current = self.case_combo.currentData()
        self.case_combo.blockSignals(True)
        self.case_combo.clear()
        self.case_combo.addItem("Any case file", None)
        for case in cases:
            self.case_combo.addItem(case.title, case.id)
        self.case_combo.setCurrentIndex(max(self.case_combo.findData(current), 0))
        self.case_combo.blockSignals(False)
        if self.case_combo.currentData() != current:
            self._filters_changed()

    def _schedule(self) -> None:
        self._timer.start()

    def _filters_changed(self) -> None:
        if self.query_edit.text().strip():
            self.search_now()

    def _on_activated(self, index: QModelIndex) -> None:
        hit = self.model.hit(index.row())
        if hit is None:
            return
        if hit.kind == CASE:
            self.sig_case_activated.emit(hit.id)
        else:
            self.sig_item_activated.emit(hit.id)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Up/Down in the field move through the results; Enter in the list opens."""
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if watched is self.query_edit and key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                self._step(1 if key == Qt.Key.Key_Down else -1)
                return True
            if watched is self.results_view and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.activate_current()
                return True
        return super().eventFilter(watched, event)

    def _step(self, delta: int) -> None:
        rows = self.model.rowCount()
        if rows:
            row = min(max(self.results_view.currentIndex().row() + delta, 0), rows - 1)
            self.results_view.setCurrentIndex(self.model.index(row, 0))

    def closeEvent(self, event: Any) -> None:
        self._timer.stop()
        self._runner.shutdown()
        self._case_runner.shutdown()
        super().closeEvent(event)
