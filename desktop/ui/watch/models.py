"""Item models of the watch-list page: hits (entry x item) and a list's entries.

Both hold plain rows read on a worker (``HitRow`` and tuples from desktop.services.watchlists)
and hand them to the view a page at a time (``canFetchMore``/``fetchMore``), so a list of
20,000 entries never fills the view at once. Every text is returned as display data, which the
views draw as plain text.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from desktop.services.watchlists import HitRow
from desktop.ui.icons import icon
from desktop.ui.models.roles import ItemIdRole

ModelIndex = QModelIndex | QPersistentModelIndex
PAGE = 500
STATUS_COLOURS = {"new": "#c53030", "confirmed": "#2f855a", "dismissed": "#8a8f98"}


class _PagedModel(QAbstractTableModel):
    HEADERS: tuple[str, ...] = ()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []
        self._shown = 0

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._shown = min(PAGE, len(self._rows))
        self.endResetModel()

    @property
    def total(self) -> int:
        return len(self._rows)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._shown

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def canFetchMore(self, parent: ModelIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._shown < len(self._rows)

    def fetchMore(self, parent: ModelIndex = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or self._shown >= len(self._rows):
            return
        end = min(self._shown + PAGE, len(self._rows))
        self.beginInsertRows(QModelIndex(), self._shown, end - 1)
        self._shown = end
        self.endInsertRows()

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.HEADERS)
        ):
            return self.HEADERS[section]
        return None

    def row(self, row: int) -> Any:
        return self._rows[row] if 0 <= row < self._shown else None


class HitTableModel(_PagedModel):
    STATUS, SCORE, MATCHED, ENTRY, LIST, REASON = range(6)
    HEADERS = ("Status", "Score", "In your library", "On the list as", "List", "Why")

    def hit(self, row: int) -> HitRow | None:
        return self.row(row)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        hit: HitRow | None = self.row(index.row()) if index.isValid() else None
        if hit is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                self.STATUS: hit.status,
                self.SCORE: f"{hit.score}%",
                self.MATCHED: f"{hit.matched} ({hit.item_kind})",
                self.ENTRY: hit.entry,
                self.LIST: hit.list_name,
                self.REASON: hit.reason,
            }[column]
        if role == Qt.ItemDataRole.ToolTipRole and column == self.REASON:
            return None  # the full reason is in the detail line under the table
        if role == ItemIdRole:
            return hit.article_id or hit.item_id
        if role == Qt.ItemDataRole.ForegroundRole and column == self.STATUS:
            return QColor(STATUS_COLOURS.get(hit.status, "#3e4652"))
        if role == Qt.ItemDataRole.DecorationRole and column == self.STATUS:
            return icon("hit", STATUS_COLOURS.get(hit.status, "#3e4652"))
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.SCORE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class EntryTableModel(_PagedModel):
    """(id, name, aliases, countries) rows of one list."""

    HEADERS = ("Name", "Aliases", "Countries")

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row(index.row()) if index.isValid() else None
        if row is None or role != Qt.ItemDataRole.DisplayRole:
            return None
        return row[index.column() + 1]
