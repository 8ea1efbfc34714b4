"""The centre list of a library section: filter as you type, a lazy sortable table, an empty
state that says what to do, and a context menu to add the selection to a case. (A case's
own page is desktop/ui/cases/view.py.)

The page is part of the window's first paint, before the library is open: it then shows
"Loading library…" (``show_loading``) until ``set_library``. The services are imported where
they are used: they pull in SQLAlchemy, which is loaded on the start-up worker.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.services.changes import Changes
from desktop.services.views import FirstPage, ListQuery, read
from desktop.ui.bus import touches_library
from desktop.ui.date_range import DateRangeBar
from desktop.ui.icons import NEUTRAL, icon
from desktop.ui.models.item_list import ItemListModel
from desktop.ui.models.navigator_model import SECTION_TITLES
from desktop.ui.models.roles import ItemIdRole

if TYPE_CHECKING:
    from desktop.store.db import Library

FILTER_DELAY_MS = 200

EMPTY_TEXTS = {
    "articles": "No articles yet — drop article files here or press Ctrl+I to import.",
    "inbox": "The Inbox is empty: every imported article has been reviewed.",
    "people": "No people yet. They are suggested from the articles you import (Ctrl+I).",
    "organizations": "No organizations yet. They are suggested from imported articles.",
    "places": "No countries or places yet. They are suggested from imported articles.",
    "groups": "No working groups yet. They are suggested from imported articles.",
    "regulations": "No regulations or lists yet. They are suggested from imported articles.",
}
LOADING_TEXT = "Loading library…"
#: the "Add to" submenu lists at most this many cases (the dialog has them all)
MENU_CASES = 12


def arrival_query(section: str) -> ListQuery:
    """The query a section opens with: newest articles first; entities by name (what a reader
    expects on arrival). The start-up worker reads it ahead."""
    entity_section = section not in ("articles", "inbox")
    column = ItemListModel.NAME if entity_section else ItemListModel.DATE
    return ListQuery(section, ItemListModel.SORT_KEYS[column], not entity_section)


def range_text(date_from: date | None, date_to: date | None) -> str:
    """ "from 2023-01-01 to 2023-03-31", "from 2023-01-01", "until 2023-03-31" or ""."""
    parts = [f"from {date_from.isoformat()}" if date_from else "",
             f"{'to' if date_from else 'until'} {date_to.isoformat()}" if date_to else ""]  # fmt: skip
    return " ".join(p for p in parts if p)


def make_table(name: str) -> QTableView:
    table = QTableView()
    table.setObjectName(name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setShowGrid(False)
    table.setWordWrap(False)
    table.setDragEnabled(True)
    table.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(26)
    table.horizontalHeader().setHighlightSections(False)
    table.horizontalHeader().setDefaultAlignment(
        Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
    )
    return table


def empty_label(name: str = "EmptyState") -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setTextFormat(Qt.TextFormat.PlainText)  # it quotes filters and library names
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setWordWrap(True)
    return label


class ListPage(QWidget):
    """A library section: title, filter-as-you-type (SQL), a lazily fetched table."""

    sig_current_item_changed = Signal(object)  # int | None
    #: an item double-clicked or opened with Enter
    sig_item_activated = Signal(int)
    #: "Add to <case>" chosen in the context menu: (item ids, case id)
    sig_add_to_case = Signal(list, int)

    def __init__(self, library: Library | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ListPage")
        self._library = library
        self._menu_actions: list[QAction] = []
        self.model = ItemListModel(library, self, background=True)
        #: the current item and row while a long list re-reads on the worker (see on_changed)
        self._reselect: tuple[int | None, int] | None = None
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setObjectName("PageTitle")
        self.filter = QLineEdit()
        self.filter.setObjectName("ListFilter")
        self.filter.setClearButtonEnabled(True)
        self.filter.addAction(icon("filter", "#8a8f98"), QLineEdit.ActionPosition.LeadingPosition)
        self._debounce = QTimer(self, singleShot=True, interval=FILTER_DELAY_MS)
        self._debounce.timeout.connect(self.apply_filter)
        self.filter.textChanged.connect(lambda _t: self._debounce.start())
        self.dates = DateRangeBar("articles published", self)
        self.dates.sig_changed.connect(self.apply_dates)
        self.table = make_table("ItemTable")
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(ItemListModel.NAME, Qt.SortOrder.AscendingOrder)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(ItemListModel.NAME, QHeaderView.ResizeMode.Stretch)
        for column, width in ((ItemListModel.DETAIL, 160), (ItemListModel.DATE, 100),
                              (ItemListModel.MENTIONS, 84)):  # fmt: skip
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            self.table.setColumnWidth(column, width)
        self.table.selectionModel().currentRowChanged.connect(self.on_current_row_changed)
        self.table.viewport().installEventFilter(self)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self.on_context_menu)
        self.table.activated.connect(
            lambda index: self.sig_item_activated.emit(int(index.data(ItemIdRole)))
        )
        self.empty = empty_label()
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 6, 6)
        layout.setSpacing(6)
        layout.addWidget(self.title)
        filters = QHBoxLayout()
        filters.setSpacing(6)
        filters.addWidget(self.filter, 1)
        filters.addWidget(self.dates)
        layout.addLayout(filters)
        layout.addWidget(self.stack, 1)
        self.dates.chain(self.filter, self.table)
        self.model.sig_requeried.connect(self.on_requeried)
        self._sorted_once = False
        self.busy_text = ""  # see set_busy

    @property
    def section(self) -> str:
        return self.model.section

    def set_library(self, library: Library, first_page: FirstPage | None = None) -> None:
        """The library is open; ``first_page``: a section's list read ahead, used by the next
        ``show_section`` of that section."""
        self._library = library
        self.model.set_library(library)
        if first_page is not None:
            self.model.offer(first_page)

    def set_busy(self, text: str) -> None:
        """What an empty list says while the library is being filled (the demo on first start):
        not "no articles yet, import some". An empty ``text`` ends it."""
        self.busy_text = text
        if self.stack.currentWidget() is self.empty and not self.model.text_filter:
            self.empty.setText(text or EMPTY_TEXTS.get(self.model.section, ""))

    def show_loading(self, section: str) -> None:
        """Before the library is open: the section's title and a "Loading library…" state."""
        self.title.setText(SECTION_TITLES.get(section, section))
        self.filter.setPlaceholderText(f"Filter {SECTION_TITLES[section].lower()}…")
        self.empty.setText(LOADING_TEXT)
        self.stack.setCurrentWidget(self.empty)

    def show_upgrading(self, name: str) -> None:
        """While an older library is upgraded on opening: say why it takes long."""
        from desktop.store.db import UPGRADE_NOTICE

        self.empty.setText(UPGRADE_NOTICE.format(name=name))
        self.stack.setCurrentWidget(self.empty)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_detail_column()
        return super().eventFilter(watched, event)

    def _fit_detail_column(self) -> None:
        """The detail column takes a share of the width; the name keeps the rest."""
        width = self.table.viewport().width()
        share = 0.22 if self.model.section in ("articles", "inbox") else 0.36
        self.table.setColumnWidth(ItemListModel.DETAIL, max(90, min(280, int(width * share))))

    def show_section(self, section: str, *, case_id: int | None = None) -> None:
        self._debounce.stop()
        self._reselect = None
        if self.filter.text():
            blocked = self.filter.blockSignals(True)
            self.filter.clear()
            self.filter.blockSignals(blocked)
        self.filter.setPlaceholderText(f"Filter {SECTION_TITLES[section].lower()}…")
        entity_section = section not in ("articles", "inbox")
        self.table.setColumnHidden(ItemListModel.DATE, entity_section)
        self.dates.setVisible(not entity_section)  # only articles have dates
        if self.dates.active or self.dates.from_edit.text() or self.dates.to_edit.text():
            blocked = self.dates.blockSignals(True)
            self.dates.clear()
            self.dates.blockSignals(blocked)
        if section != self.model.section or not self._sorted_once:
            arrival = arrival_query(section)
            column = ItemListModel.NAME if entity_section else ItemListModel.DATE
            order = (
                Qt.SortOrder.DescendingOrder if arrival.descending else Qt.SortOrder.AscendingOrder
            )
            self.model.set_sort(arrival.sort, arrival.descending)
            header = self.table.horizontalHeader()
            blocked = header.blockSignals(True)
            header.setSortIndicator(column, order)
            header.blockSignals(blocked)
            self._sorted_once = True
        self.model.set_query(section, case_id=case_id, text_filter="", dates=(None, None))
        self._fit_detail_column()
        if self.model.rowCount():  # arrive with something to read
            self.table.setCurrentIndex(self.model.index(0, ItemListModel.NAME))
        self.sig_current_item_changed.emit(self.current_item_id())

    def apply_filter(self) -> None:
        self._debounce.stop()
        if self._library is None:  # still loading: show_section clears the field anyway
            return
        self.model.set_filter(self.filter.text().strip())

    def apply_dates(self, date_from: date | None, date_to: date | None) -> None:
        """Only the articles published in the range (the date fields changed)."""
        if self._library is not None:
            self.model.set_dates(date_from, date_to)

    def on_requeried(self, total: int) -> None:
        section = self.model.section
        self.title.setText(f"{SECTION_TITLES.get(section, section)}  ·  {total}")
        if total == 0:
            text = self.model.text_filter
            dated = range_text(*self.model.dates)
            if text:
                said = f"Nothing here matches “{text}”{' ' + dated if dated else ''}."
            elif dated:
                said = f"No articles published {dated}. Clear the dates to see them all."
            else:
                said = self.busy_text or EMPTY_TEXTS.get(section, "")
            self.empty.setText(said)
        self.stack.setCurrentWidget(self.empty if total == 0 else self.table)
        if self._reselect is not None and not self.model.reading:
            current, row = self._reselect
            self._reselect = None
            self._keep_current(current, row)

    def concerns(self, changes: Changes) -> bool:
        """Rows show items and their mention counts; a list of a case also its membership."""
        return touches_library(changes) or self.model.case_id in changes.cases

    def on_changed(self, changes: Changes) -> None:
        current = self.current_item_id()
        row = self.table.currentIndex().row()
        self.model.refresh(changes)
        if self.model.reading:  # a long list re-reads on the worker: reselect when it answers
            if self._reselect is None:
                self._reselect = (current, row)
            return
        self._keep_current(current, row)

    def _keep_current(self, current: int | None, row: int) -> None:
        """The item that was current stays current; gone from the list, the next one."""
        gone = current is not None and self.current_item_id() != current
        if gone and current is not None and not self.select_item(current) and self.model.rowCount():
            # the item left the list (reviewed out of the Inbox): on to the next one
            next_row = min(row, self.model.rowCount() - 1)
            self.table.setCurrentIndex(self.model.index(next_row, ItemListModel.NAME))

    # --- selection -----------------------------------------------------------------------
    def current_item_id(self) -> int | None:
        index = self.table.currentIndex()
        return int(index.data(ItemIdRole)) if index.isValid() else None

    def selected_ids(self) -> list[int]:
        rows = self.table.selectionModel().selectedRows()
        ids = [int(i.data(ItemIdRole)) for i in sorted(rows, key=lambda i: i.row())]
        current = self.current_item_id()
        return ids or ([current] if current is not None else [])

    def select_item(self, item_id: int) -> bool:
        row = self.model.row_of(item_id)
        if row is None:
            return False
        index = self.model.index(row, ItemListModel.NAME)
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index)
        return True

    def clear_selection(self) -> None:
        self.table.selectionModel().clearCurrentIndex()
        self.table.clearSelection()

    def on_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._reselect is not None and current.isValid():  # chosen while the list re-reads
            self._reselect = (int(current.data(ItemIdRole)), current.row())
        self.sig_current_item_changed.emit(
            int(current.data(ItemIdRole)) if current.isValid() else None
        )

    # --- context menu ----------------------------------------------------------------------
    def set_menu_actions(self, actions: Sequence[QAction]) -> None:
        """Window commands offered first in the context menu (Add to case…, New link…)."""
        self._menu_actions = list(actions)

    def context_menu(self) -> QMenu:
        """The menu for the selection: the window's commands, then "Add to" each case."""
        ids = self.selected_ids()
        from desktop.services import cases as case_service

        menu = QMenu(self)
        for action in self._menu_actions:
            menu.addAction(action)
        if self._library is None:
            return menu
        cases = read(self._library, case_service.list_cases)[:MENU_CASES]
        sub = menu.addMenu(icon("case", NEUTRAL), "Add to")
        sub.setObjectName("AddToMenu")
        sub.setEnabled(bool(ids and cases))
        for case in cases:
            action = sub.addAction(icon("case", "#2b6cb0"), case.title)
            action.setData(case.id)
            action.triggered.connect(
                lambda _c=False, cid=case.id: self.sig_add_to_case.emit(ids, cid)
            )
        return menu

    def on_context_menu(self, pos: QPoint) -> None:
        index = self.table.indexAt(pos)
        if index.isValid() and not self.table.selectionModel().isRowSelected(index.row()):
            self.table.setCurrentIndex(index)
        self.context_menu().exec(self.table.viewport().mapToGlobal(pos))
