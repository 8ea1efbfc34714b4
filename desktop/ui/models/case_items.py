"""A case's items as a flat list (a CaseView is small: no lazy paging needed). The rich case
view of the cases UI replaces the widget showing this; the model stays useful to it."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from desktop.services.dto import CaseItemView, CaseView
from desktop.ui.icons import icon, kind_icon
from desktop.ui.models.roles import ItemIdRole, KindRole, RowRole

ModelIndex = QModelIndex | QPersistentModelIndex


class CaseItemsModel(QAbstractTableModel):
    NAME, DETAIL, NOTE = range(3)
    HEADERS = ("Name", "Detail", "Note")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._case: CaseView | None = None
        self._items: tuple[CaseItemView, ...] = ()

    @property
    def case(self) -> CaseView | None:
        return self._case

    def set_case(self, case: CaseView | None) -> None:
        self.beginResetModel()
        self._case = case
        self._items = case.items if case is not None else ()
        self.endResetModel()

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

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

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        entry = self._items[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.NAME:
                return entry.item.name
            if column == self.DETAIL:
                return entry.detail
            return " ".join(entry.note.split())
        if role == ItemIdRole:
            return entry.item.id
        if role == KindRole:
            return entry.item.kind
        if role == RowRole:
            return entry
        if role == Qt.ItemDataRole.DecorationRole and column == self.NAME:
            return icon("pin", "#b7791f") if entry.pinned else kind_icon(entry.item.kind)
        if role == Qt.ItemDataRole.ToolTipRole and column == self.NOTE and entry.note:
            return entry.note
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def row_of(self, item_id: int) -> int | None:
        for row, entry in enumerate(self._items):
            if entry.item.id == item_id:
                return row
        return None
