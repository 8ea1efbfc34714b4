"""The centre list of a library section: ids from SQL, rows fetched a page at a time.

``list_item_ids`` gives every id in display order (cheap: 8 bytes an id, in an array);
``fetchMore`` only lengthens the list as the view scrolls, and ``item_rows`` reads the page of
rows the view draws when it first asks for one. At most ``CACHED_PAGES`` pages of rows are
kept (the least recently drawn go first), so scrolling 100,000 articles to the end holds a few
thousand rows, and selecting an item deep in the list reads its page, not the rows before it.
Sorting and filtering re-query the ids in SQL.

At start-up the window is painted before the library is open (desktop/ui/app.py): the model
then has no library, and the first page is read on the worker (``desktop.services.views.first_page``) and
handed over with ``offer``. The services (SQLAlchemy) are imported where they are used.
"""

from __future__ import annotations

import logging
from array import array
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

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
from desktop.services.views import PAGE, FirstPage, ListQuery, first_page, query_ids, read
from desktop.ui import theme
from desktop.ui.icons import kind_icon
from desktop.ui.models.roles import ItemIdRole, KindRole, RowRole
from desktop.ui.plain import tooltip

if TYPE_CHECKING:
    from desktop.services.library import ItemRow
    from desktop.store.db import Library

log = logging.getLogger(__name__)

#: pages of rows kept in memory: what the view shows and what it showed last, not the list
CACHED_PAGES = 12
#: with ``background``, a list that holds more rows than this re-reads its ids on a worker
#: when it is sorted, filtered or refreshed (sorting 100,000 articles by title took 0.7 s of
#: CPU); smaller lists answer at once
BACKGROUND_ABOVE = 20_000
PLACEHOLDER_MARK = "cited, not yet imported"

ModelIndex = QModelIndex | QPersistentModelIndex


class ItemListModel(QAbstractTableModel):
    NAME, DETAIL, DATE, MENTIONS = range(4)
    HEADERS = ("Name", "Detail", "Date", "Mentions")
    #: column -> sort key understood by list_item_ids
    SORT_KEYS = {NAME: "name", DETAIL: "detail", DATE: "published", MENTIONS: "mentions"}

    #: after every re-query, with the new row total (the view shows its empty state on 0)
    sig_requeried = Signal(int)

    def __init__(
        self, library: Library | None = None, parent: Any = None, *, background: bool = False
    ) -> None:
        super().__init__(parent)
        self._library = library
        self._background = background
        #: a re-query is running on the worker (the rows shown are the previous ones)
        self.reading = False
        self._offered: FirstPage | None = None
        self._section = "articles"
        self._case_id: int | None = None
        self._filter = ""
        self._dates: tuple[date | None, date | None] = (None, None)
        self._sort = "name"
        self._descending = False
        self._ids: array[int] = array("q")
        self._queried = (
            False  # no query before the first set_query (a view's sort() calls come early)
        )
        self._fetched = 0
        self._rows: dict[int, ItemRow] = {}
        #: page number -> the ids whose rows that page read, least recently drawn first
        self._pages: OrderedDict[int, list[int]] = OrderedDict()
        #: how often the ids were read from the library (every id of the section each time)
        self.id_reads = 0
        #: rows read from the library so far (pages drawn, not the rows before them)
        self.rows_read = 0

    # --- the query ----------------------------------------------------------------------
    @property
    def section(self) -> str:
        return self._section

    @property
    def text_filter(self) -> str:
        return self._filter

    @property
    def query(self) -> ListQuery:
        return ListQuery(self._section, self._sort, self._descending, self._filter, self._case_id,
                         *self._dates)  # fmt: skip

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
        self,
        section: str,
        *,
        case_id: int | None = None,
        text_filter: str | None = None,
        dates: tuple[date | None, date | None] | None = None,
    ) -> None:
        self._section, self._case_id = section, case_id
        if text_filter is not None:
            self._filter = text_filter
        if dates is not None:
            self._dates = dates
        if section not in ("articles", "inbox"):
            self._dates = (None, None)  # entities have no dates
        if section not in ("articles", "inbox") and self._sort == "published":
            self._sort, self._descending = "name", False
        self._queried = True
        self._requery(reset=True, section_change=True)

    def set_filter(self, text: str) -> None:
        if text != self._filter:
            self._filter = text
            self._requery(reset=True)

    @property
    def dates(self) -> tuple[date | None, date | None]:
        """The date range shown (articles only; (None, None): every date)."""
        return self._dates

    def set_dates(self, date_from: date | None, date_to: date | None) -> None:
        """Only the articles published in the range, re-queried now (if a query ran)."""
        if (date_from, date_to) != self._dates:
            self._dates = (date_from, date_to)
            if self._queried:
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
            self._forget_rows()
        self._requery(reset=False)

    def _forget_rows(self) -> None:
        self._rows.clear()
        self._pages.clear()

    def _requery(self, *, reset: bool, section_change: bool = False) -> None:
        offered, self._offered = self._offered, None
        read_ahead: list[ItemRow] = []
        if offered is not None and offered.query == self.query:
            ids, read_ahead = offered.ids, offered.rows
        elif self._library is None:
            ids = array("q")
        elif self._background and not section_change and len(self._ids) > BACKGROUND_ABOVE:
            self._read_in_background(reset)
            return
        else:
            ids = read(self._library, query_ids, self.query)
            self.id_reads += 1
        self._apply(ids, read_ahead, reset=reset)

    def _read_in_background(self, reset: bool) -> None:
        """Ids and the first page read on a worker; only the newest request is answered.
        (A section change reads at once: the page must not show the old section's rows.)"""
        from desktop.ui.workers import run_task

        library, query = self._library, self.query
        assert library is not None

        def read_ids(_ctx: Any) -> tuple[ListQuery, array[int], list[ItemRow]]:
            page = read(library, first_page, query)  # ids and first rows in one snapshot
            return query, page.ids, page.rows

        def done(result: tuple[ListQuery, array[int], list[ItemRow]]) -> None:
            asked, ids, rows = result
            if asked != self.query or self._library is not library:
                return  # a newer query answered at once (a section change)
            self.id_reads += 1
            self._apply(ids, rows, reset=reset)

        def failed(exc: BaseException) -> None:
            self.reading = False  # the rows shown stay; the next change reads again
            log.error("reading the list failed: %s", exc)

        self.reading = True
        run_task(read_ids, done, failed, owner=self, latest=("item-list", id(self)))

    def _apply(self, ids: array[int], read_ahead: list[ItemRow], *, reset: bool) -> None:
        self.reading = False
        if not reset and ids == self._ids:
            if self._fetched:  # same rows, maybe new content: redraw what is loaded
                self.dataChanged.emit(
                    self.index(0, 0), self.index(self._fetched - 1, len(self.HEADERS) - 1)
                )
            self.sig_requeried.emit(len(ids))
            return
        if reset or len(self._rows) > CACHED_PAGES * PAGE:
            self._forget_rows()
        self._keep(0, read_ahead)
        first_page = min(PAGE, len(ids))
        self._load(0, ids[:first_page])  # before the reset: views see rows at once
        self.beginResetModel()
        self._ids = ids
        self._fetched = first_page
        self.endResetModel()
        self.sig_requeried.emit(len(ids))

    # --- lazy fetching -------------------------------------------------------------------
    def canFetchMore(self, parent: ModelIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._fetched < len(self._ids)

    def fetchMore(self, parent: ModelIndex = QModelIndex()) -> None:  # noqa: B008
        """Lengthen the list by a page; its rows are read when the view draws them."""
        if not parent.isValid():
            self._fetch_to(self._fetched + PAGE)

    def _fetch_to(self, end: int) -> None:
        start, end = self._fetched, min(end, len(self._ids))
        if end <= start:
            return
        self.beginInsertRows(QModelIndex(), start, end - 1)
        self._fetched = end
        self.endInsertRows()

    @property
    def cached_rows(self) -> int:
        """Rows held in memory (at most ``CACHED_PAGES`` pages of them)."""
        return len(self._rows)

    def _load(self, page: int, ids: Iterable[int]) -> None:
        missing = [i for i in ids if i not in self._rows]
        if not missing or self._library is None:
            return
        from desktop.services.library import item_rows

        rows = read(self._library, item_rows, missing)
        self.rows_read += len(rows)
        self._keep(page, rows)

    def _keep(self, page: int, rows: list[ItemRow]) -> None:
        """Cache a page's rows; forget the least recently drawn pages beyond CACHED_PAGES."""
        if not rows:
            return
        self._rows.update((row.id, row) for row in rows)
        self._pages.setdefault(page, []).extend(row.id for row in rows)
        self._pages.move_to_end(page)
        while len(self._pages) > CACHED_PAGES:
            for item_id in self._pages.popitem(last=False)[1]:
                self._rows.pop(item_id, None)

    def _row(self, row: int) -> ItemRow | None:
        item_id = self._ids[row]
        page = row // PAGE
        cached = self._rows.get(item_id)
        if cached is None:  # not drawn yet, forgotten, or changed: read its page
            start = page * PAGE
            self._load(page, self._ids[start : min(start + PAGE, self._fetched)])
            cached = self._rows.get(item_id)
        elif page in self._pages:
            self._pages.move_to_end(page)
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
        """The row of an item, the list lengthened to reach it (no rows read: the view reads
        the page it draws); None when it is not in the list."""
        row = _position(self._ids, item_id)
        if row is None:
            return None
        if self._fetched <= row:
            self._fetch_to((row // PAGE + 1) * PAGE)
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


def _position(ids: array[int], item_id: int) -> int | None:
    """Where ``item_id`` is in ``ids``: a byte search (memchr speed, ~1 ms at a million ids)
    rather than ``array.index``, which makes an int object of every element it passes."""
    data, key, start = ids.tobytes(), array("q", [item_id]).tobytes(), 0
    while (at := data.find(key, start)) >= 0:
        if at % ids.itemsize == 0:
            return at // ids.itemsize
        start = at + 1
    return None


def is_placeholder(row: ItemRow) -> bool:
    return row.kind == "article" and row.detail.endswith(PLACEHOLDER_MARK)
