"""The centre list of a library section: ids from SQL, rows fetched a page at a time.

``list_item_ids`` gives every id in display order (cheap); ``item_rows`` fills a page of rows
when the view scrolls (``canFetchMore``/``fetchMore``), so 100,000 articles never load at
once. Sorting and filtering re-query the ids in SQL.

At start-up the window is painted before the library is open (desktop/ui/app.py): the model
then has no library, and the first page is read on the worker (``read_first_page``) and
handed over with ``offer``. The services (SQLAlchemy) are imported where they are used.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple

from PySide6.QtCore import (
    QAbstractTableModel,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont

from desktop.services.changes import Changes
from desktop.ui import theme
from desktop.ui.icons import kind_icon
from desktop.ui.models.roles import ItemIdRole, KindRole, RowRole
from desktop.ui.plain import tooltip

if TYPE_CHECKING:
    from desktop.services.library import ItemRow
    from desktop.store.db import Library

PAGE = 200
PLACEHOLDER_MARK = "cited, not yet imported"

ModelIndex = QModelIndex | QPersistentModelIndex


class ListQuery(NamedTuple):
    """What a list shows: the arguments of ``list_item_ids``."""

    section: str
    sort: str = "name"
    descending: bool = False
    text_filter: str = ""
    case_id: int | None = None


@dataclass(frozen=True)
class FirstPage:
    """A query's ids and its first page of rows, read ahead (on the start-up worker)."""

    query: ListQuery
    ids: list[int]
    rows: list[ItemRow] = field(default_factory=list)


def query_ids(session: Any, query: ListQuery) -> list[int]:
    from desktop.services.library import list_item_ids

    return list_item_ids(session, section=query.section, sort=query.sort,
                         descending=query.descending, text_filter=query.text_filter,
                         case_id=query.case_id)  # fmt: skip


def read_first_page(session: Any, query: ListQuery) -> FirstPage:
    from desktop.services.library import item_rows

    ids = query_ids(session, query)
    return FirstPage(query, ids, item_rows(session, ids[:PAGE]))


class ItemListModel(QAbstractTableModel):
    NAME, DETAIL, DATE, MENTIONS = range(4)
    HEADERS = ("Name", "Detail", "Date", "Mentions")
    #: column -> sort key understood by list_item_ids
    SORT_KEYS = {NAME: "name", DETAIL: "detail", DATE: "published", MENTIONS: "mentions"}

    #: after every re-query, with the new row total (the view shows its empty state on 0)
    sig_requeried = Signal(int)

    def __init__(self, library: Library | None = None, parent: Any = None) -> None:
        super().__init__(parent)
        self._library = library
        self._offered: FirstPage | None = None
        self._section = "articles"
        self._case_id: int | None = None
        self._filter = ""
        self._sort = "name"
        self._descending = False
        self._ids: list[int] = []
        self._queried = (
            False  # no query before the first set_query (a view's sort() calls come early)
        )
        self._fetched = 0
        self._rows: dict[int, ItemRow] = {}
        #: how often the ids were read from the library (every id of the section each time)
        self.id_reads = 0

    # --- the query ----------------------------------------------------------------------
    @property
    def section(self) -> str:
        return self._section

    @property
    def text_filter(self) -> str:
        return self._filter

    @property
    def query(self) -> ListQuery:
        return ListQuery(self._section, self._sort, self._descending, self._filter, self._case_id)

    def set_library(self, library: Library) -> None:
        """The library is open (the model was made before, for the window's first paint)."""
        self._library = library

    def offer(self, page: FirstPage) -> None:
        """Ids and rows read ahead: the next query uses them if it is the same query."""
        self._offered = page

    @property
    def case_id(self) -> int | None:
        return self._case_id

    @property
    def total(self) -> int:
        """Rows matching the query, fetched or not."""
        return len(self._ids)

    def set_query(
        self, section: str, *, case_id: int | None = None, text_filter: str | None = None
    ) -> None:
        self._section, self._case_id = section, case_id
        if text_filter is not None:
            self._filter = text_filter
        if section not in ("articles", "inbox") and self._sort == "published":
            self._sort, self._descending = "name", False
        self._queried = True
        self._requery(reset=True)

    def set_filter(self, text: str) -> None:
        if text != self._filter:
            self._filter = text
            self._requery(reset=True)

    def set_sort(self, key: str, descending: bool = False) -> None:
        """Set the order used by the next query (no query now)."""
        self._sort, self._descending = key, descending

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = self.SORT_KEYS.get(column, "name")
        descending = order == Qt.SortOrder.DescendingOrder
        if (key, descending) != (self._sort, self._descending):
            self._sort, self._descending = key, descending
            if self._queried:
                self._requery(reset=True)

    def refresh(self, changes: Changes | None = None) -> None:
        """Re-query after a write; rows of changed items are fetched again."""
        if not self._queried or self._library is None:
            return
        if changes is not None and not changes.everything:
            for item_id in changes.items:
                self._rows.pop(item_id, None)
        else:
            self._rows.clear()
        self._requery(reset=False)

    def _requery(self, *, reset: bool) -> None:
        offered, self._offered = self._offered, None
        read_ahead: list[ItemRow] = []
        if offered is not None and offered.query == self.query:
            ids, read_ahead = offered.ids, offered.rows
        elif self._library is None:
            ids = []
        else:
            with self._library.session() as session:
                ids = query_ids(session, self.query)
            self.id_reads += 1
        if not reset and ids == self._ids:
            if self._fetched:  # same rows, maybe new content: redraw what is loaded
                self.dataChanged.emit(
                    self.index(0, 0), self.index(self._fetched - 1, len(self.HEADERS) - 1)
                )
            self.sig_requeried.emit(len(ids))
            return
        if reset:
            self._rows.clear()
        self._rows.update((row.id, row) for row in read_ahead)
        first_page = min(PAGE, len(ids))
        self._load(ids[:first_page])  # before the reset: views see rows at once
        self.beginResetModel()
        self._ids = ids
        self._fetched = first_page
        self.endResetModel()
        self.sig_requeried.emit(len(ids))

    # --- lazy fetching -------------------------------------------------------------------
    def canFetchMore(self, parent: ModelIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._fetched < len(self._ids)

    def fetchMore(self, parent: ModelIndex = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid():
            return
        start = self._fetched
        end = min(start + PAGE, len(self._ids))
        if end <= start:
            return
        self._load(self._ids[start:end])
        self.beginInsertRows(QModelIndex(), start, end - 1)
        self._fetched = end
        self.endInsertRows()

    def _load(self, ids: list[int]) -> None:
        missing = [i for i in ids if i not in self._rows]
        if not missing or self._library is None:
            return
        from desktop.services.library import item_rows

        with self._library.session() as session:
            for row in item_rows(session, missing):
                self._rows[row.id] = row

    def _row(self, row: int) -> ItemRow | None:
        item_id = self._ids[row]
        cached = self._rows.get(item_id)
        if cached is None:  # invalidated by a change: refetch its page
            page = row - row % PAGE
            self._load(self._ids[page : min(page + PAGE, self._fetched)])
            cached = self._rows.get(item_id)
        return cached

    # --- QAbstractItemModel ---------------------------------------------------------------
    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._fetched

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.HEADERS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if section == self.NAME:
                return "Title" if self._section in ("articles", "inbox") else "Name"
            if section == self.DETAIL:
                return "ID" if self._section in ("articles", "inbox") else "Role / affiliation"
            if section == self.MENTIONS:  # what the number counts, said truthfully
                return "Found" if self._section in ("articles", "inbox") else "Articles"
            return self.HEADERS[section]
        if role == Qt.ItemDataRole.ToolTipRole and section == self.MENTIONS:
            return ("Suggestions found in the article" if self._section in ("articles", "inbox")
                    else "Articles that mention it")  # fmt: skip
        if role == Qt.ItemDataRole.TextAlignmentRole and section == self.MENTIONS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < self._fetched:
            return None
        if role == ItemIdRole:
            return self._ids[index.row()]
        row = self._row(index.row())
        if row is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == KindRole:
            return row.kind
        if role == RowRole:
            return row
        if role == Qt.ItemDataRole.ToolTipRole and column in (self.NAME, self.DETAIL):
            return tooltip(self._display(row, column)) or None
        if role == Qt.ItemDataRole.DecorationRole and column == self.NAME:
            return kind_icon(row.kind, placeholder=is_placeholder(row))
        if role == Qt.ItemDataRole.ForegroundRole and is_placeholder(row):
            return QColor(theme.current().muted)
        if role == Qt.ItemDataRole.FontRole and is_placeholder(row) and column == self.NAME:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (self.MENTIONS, self.DATE):
            align = (
                Qt.AlignmentFlag.AlignRight
                if column == self.MENTIONS
                else Qt.AlignmentFlag.AlignLeft
            )
            return int(align | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _display(self, row: ItemRow, column: int) -> str:
        if column == self.NAME:
            return row.name
        if column == self.DETAIL:
            return row.detail
        if column == self.DATE:
            return row.published.isoformat() if row.published else ""
        if column == self.MENTIONS:
            return str(row.mentions) if row.mentions else ""
        return ""

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled
        )

    # --- ids -----------------------------------------------------------------------------
    def item_id(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < self._fetched else None

    def row_of(self, item_id: int) -> int | None:
        """The row of an item, fetching pages up to it; None when it is not in the list."""
        try:
            row = self._ids.index(item_id)
        except ValueError:
            return None
        while self._fetched <= row:
            self.fetchMore(QModelIndex())
        return row

    def mimeTypes(self) -> list[str]:
        from desktop.ui.cases.mime import ITEM_MIME_TYPES

        return list(ITEM_MIME_TYPES)

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        from desktop.ui.cases.mime import item_ids_mime

        rows = sorted({i.row() for i in indexes if i.isValid()})
        return item_ids_mime(self._ids[r] for r in rows if r < self._fetched)

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction


def is_placeholder(row: ItemRow) -> bool:
    return row.kind == "article" and row.detail.endswith(PLACEHOLDER_MARK)
