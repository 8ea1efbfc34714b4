"""The watch-list page: one list (or every list) with its date, entries and hits, and the hit
review. C or Enter confirms the selected hits, D or Delete dismisses them (a dismissed pair is
never raised again), N reopens them; selecting a hit shows its article in the reader, so the
source sentence is beside it.

The page reads on a worker and writes through the window's write queue; it never matches
names itself (desktop.services.screening does, in the background).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.services.changes import Changes
from desktop.services.views import WatchPageData, read, watch_page
from desktop.services.watchlists import HitRow
from desktop.ui.icons import NEUTRAL, icon
from desktop.ui.watch.models import EntryTableModel, HitTableModel
from desktop.ui.workers import TaskContext, run_task

if TYPE_CHECKING:
    from desktop.store.db import Library

#: status filter choices: (label, statuses shown)
FILTERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("To review", ("new",)),
    ("Confirmed", ("confirmed",)),
    ("Dismissed", ("dismissed",)),
    ("All hits", ("new", "confirmed", "dismissed")),
)


def plain_label(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setTextFormat(Qt.TextFormat.PlainText)  # list and article text is untrusted
    label.setWordWrap(True)
    return label


class HitTable(QTableView):
    """The hits; keys for the review (C/Enter, D/Delete, N)."""

    sig_verdict = Signal(str)

    KEYS = {
        Qt.Key.Key_C: "confirmed",
        Qt.Key.Key_Return: "confirmed",
        Qt.Key.Key_Enter: "confirmed",
        Qt.Key.Key_D: "dismissed",
        Qt.Key.Key_Delete: "dismissed",
        Qt.Key.Key_N: "new",
    }

    def keyPressEvent(self, event: QKeyEvent) -> None:
        status = self.KEYS.get(Qt.Key(event.key()))
        if status is not None and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            self.sig_verdict.emit(status)
            event.accept()
            return
        super().keyPressEvent(event)


class WatchPage(QWidget):
    #: an item to show in the reader (the hit's article, else the entity)
    sig_item_shown = Signal(object)
    #: a write to run on the window's write queue: (work, success message)
    sig_write = Signal(object, str)
    sig_import_requested = Signal()
    sig_add_requested = Signal()

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("WatchPage")
        self._library = library
        self.list_id = 0
        self._loading = False
        self.title = plain_label("WatchTitle")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title.setFont(font)
        self.meta = plain_label("WatchMeta")
        self.threshold = QSpinBox()
        self.threshold.setObjectName("WatchThreshold")
        self.threshold.setRange(50, 100)
        self.threshold.setSuffix(" %")
        self.threshold.setToolTip("A hit of this list scores at least this much")
        self.threshold.editingFinished.connect(self.on_threshold)
        self.filter = QComboBox()
        self.filter.setObjectName("WatchFilter")
        for label, _ in FILTERS:
            self.filter.addItem(label)
        self.filter.currentIndexChanged.connect(lambda _i: self.reload())
        buttons = QHBoxLayout()
        buttons.addWidget(self.filter)
        self.threshold_label = QLabel("Threshold")
        buttons.addWidget(self.threshold_label)
        buttons.addWidget(self.threshold)
        buttons.addStretch(1)
        filters, buttons = buttons, QHBoxLayout()  # two rows: the window fits 1280 px wide
        self.confirm_button = self._button(buttons, "Confirm (C)", "confirm", "confirmed")
        self.dismiss_button = self._button(buttons, "Dismiss (D)", "reject", "dismissed")
        for text, key, signal in (("Import list…", "import", self.sig_import_requested),
                                  ("Add name…", "add", self.sig_add_requested)):  # fmt: skip
            b = QPushButton(icon(key, NEUTRAL), text)
            b.clicked.connect(signal.emit)
            buttons.addWidget(b)
        buttons.insertStretch(2, 1)

        self.hits_model = HitTableModel(self)
        self.hits = HitTable()
        self.hits.setObjectName("WatchHits")
        self.hits.setModel(self.hits_model)
        self.hits.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.hits.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.hits.verticalHeader().hide()
        self.hits.setWordWrap(False)
        # the names and the reason share what is left of the width (elided; the reason in
        # full below), so nothing needs a sideways scroll on a narrow page (1280x720 with the
        # connections panel); a list's own page has no List column
        header = self.hits.horizontalHeader()
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(48)
        for column, width in ((0, 96), (1, 56), (4, 140)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            self.hits.setColumnWidth(column, width)
        for column in (2, 3, 5):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.hits.selectionModel().currentRowChanged.connect(self.on_current_hit)
        self.hits.sig_verdict.connect(self.set_status)
        self.reason = plain_label("WatchReason")
        self.entries_model = EntryTableModel(self)
        self.entries = QTableView()
        self.entries.setObjectName("WatchEntries")
        self.entries.setModel(self.entries_model)
        self.entries.verticalHeader().hide()
        self.entries.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.entries.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.entries.horizontalHeader().setStretchLastSection(True)
        self.entries.setColumnWidth(0, 320)
        self.entries.setColumnWidth(1, 360)
        hits_tab = QWidget()
        hits_layout = QVBoxLayout(hits_tab)
        hits_layout.setContentsMargins(0, 0, 0, 0)
        hits_layout.addWidget(self.hits, 1)
        hits_layout.addWidget(self.reason)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("WatchTabs")
        self.tabs.addTab(hits_tab, "Hits")
        self.tabs.addTab(self.entries, "Entries")
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.meta)
        layout.addLayout(filters)
        layout.addLayout(buttons)
        layout.addWidget(self.tabs, 1)

    def _button(self, layout: QHBoxLayout, text: str, key: str, status: str) -> QPushButton:
        button = QPushButton(icon(key, NEUTRAL), text)
        button.clicked.connect(lambda: self.set_status(status))
        layout.addWidget(button)
        return button

    # --- reading ----------------------------------------------------------------------------
    def show_list(self, list_id: int) -> None:
        self.list_id = list_id
        self.hits.setColumnHidden(4, bool(list_id))  # a list's page names its list
        self.reload()

    def statuses(self) -> tuple[str, ...]:
        return FILTERS[max(0, self.filter.currentIndex())][1]

    def reload(self, done: Callable[[], None] | None = None) -> None:
        library, list_id, statuses = self._library, self.list_id, self.statuses()
        self._loading = True

        def work(_ctx: TaskContext) -> WatchPageData:
            return read(library, watch_page, list_id, statuses)

        def shown(data: WatchPageData) -> None:
            if (self.list_id, self.statuses()) == (list_id, statuses):
                self._fill(data)
            if done is not None:
                done()

        run_task(
            work,
            shown,
            lambda exc: self.meta.setText(f"Could not read the lists: {exc}"),
            owner=self,
        )

    def _fill(self, data: WatchPageData) -> None:
        self._loading = False
        info = data.info
        if info is None:
            self.title.setText("All watch-list hits")
            self.meta.setText(f"{len(data.hits)} hit(s) shown from every list")
        else:
            dated = f"dated {info.list_date.isoformat()}" if info.list_date else "undated"
            self.title.setText(info.name)
            self.meta.setText(
                f"{dated} · {info.entries} entries · {info.hits} hit(s), {info.new_hits} to "
                f"review · imported {info.imported_at:%Y-%m-%d %H:%M}"
            )
            self.threshold.blockSignals(True)
            self.threshold.setValue(info.threshold)
            self.threshold.blockSignals(False)
        for widget in (self.threshold, self.threshold_label):
            widget.setVisible(info is not None)
        self.tabs.setTabVisible(1, info is not None)
        self.tabs.setTabText(1, f"Entries ({len(data.entries)})")
        current = self.hits.currentIndex().row()
        self.hits_model.set_rows(data.hits)
        self.entries_model.set_rows(data.entries)
        if self.hits_model.rowCount():
            row = min(max(current, 0), self.hits_model.rowCount() - 1)
            self.hits.setCurrentIndex(self.hits_model.index(row, 0))
        else:
            self.reason.setText("No hits here." if info is None or info.entries else "")

    @property
    def loading(self) -> bool:
        return self._loading

    def on_changed(self, _changes: Changes) -> None:
        if self.isVisible():
            self.reload()

    def on_current_hit(self, current: QModelIndex, _previous: QModelIndex) -> None:
        hit = self.hits_model.hit(current.row()) if current.isValid() else None
        if hit is None:
            self.reason.setText("")
            return
        self.reason.setText(
            f"{hit.matched} ({hit.item_kind}) ~ {hit.entry} on {hit.list_name}: {hit.reason}"
        )
        self.sig_item_shown.emit(hit.article_id or hit.item_id)

    # --- verdicts ---------------------------------------------------------------------------
    def selected_hits(self) -> list[HitRow]:
        rows = sorted({i.row() for i in self.hits.selectionModel().selectedRows()})
        if not rows and self.hits.currentIndex().isValid():
            rows = [self.hits.currentIndex().row()]
        return [h for h in (self.hits_model.hit(r) for r in rows) if h is not None]

    def set_status(self, status: str) -> None:
        hits = self.selected_hits()
        if not hits:
            return
        library, ids = self._library, [h.id for h in hits]

        def work(_ctx: TaskContext) -> Changes:
            from desktop.services.watchlists import set_hit_status

            return set_hit_status(library=library, hit_ids=ids, status=status)

        self.sig_write.emit(work, f"{len(ids)} hit(s) {status}.")

    def on_threshold(self) -> None:
        if not self.list_id:
            return
        library, list_id, value = self._library, self.list_id, self.threshold.value()

        def work(_ctx: TaskContext) -> Changes:
            from desktop.services import screening, watchlists

            changes = watchlists.set_threshold(library=library, list_id=list_id, threshold=value)
            return changes | screening.screen(library=library, list_ids=[list_id]).changes

        self.sig_write.emit(work, f"Threshold set to {value}%; the list was screened again.")
