"""The items of one case as a list model: pinned items first, then the analyst's order.

The model never writes. A drop on it asks for an edit through signals (reorder within the
case, or add items dragged in from another view); the case view turns those into undoable
commands, and the refresh that follows the change resets the model from the service.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from desktop.services.dto import CaseItemView
from desktop.services.dto import CaseView as CaseData
from desktop.ui.cases.mime import ITEM_MIME_TYPES, ids_from_mime, item_ids_mime
from desktop.ui.icons import KIND_LABELS, kind_icon
from desktop.ui.models.roles import ItemIdRole, KindRole, RowRole
from desktop.ui.plain import tooltip

ModelIndex = QModelIndex | QPersistentModelIndex

PinnedRole = Qt.ItemDataRole.UserRole + 21  # bool
NoteRole = Qt.ItemDataRole.UserRole + 22  # str: the item's note in this case
DetailRole = Qt.ItemDataRole.UserRole + 23  # str: role/affiliation, or date and ID
NoteEditedRole = Qt.ItemDataRole.UserRole + 24  # datetime | None

#: marks a drag that started in a case list, so a drop back on it is a reorder
CASE_ORDER_MIME = "application/x-casefile-case-order"


def moved_order(order: Sequence[int], moving: Sequence[int], row: int) -> list[int]:
    """``order`` with ``moving`` taken out and put back before the item now at ``row``."""
    moving_set = set(moving)
    row = len(order) if row < 0 else min(row, len(order))
    keep = [i for i in order if i not in moving_set]
    at = sum(1 for i in order[:row] if i not in moving_set)
    moved = [i for i in order if i in moving_set]
    return keep[:at] + moved + keep[at:]


class CaseItemListModel(QAbstractListModel):
    #: the full new order of item ids (a drag within the list)
    sig_reorder_requested = Signal(list)
    #: item ids dragged in from elsewhere, and the row they were dropped at (-1: the end)
    sig_add_requested = Signal(list, int)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._case: CaseData | None = None
        self._items: tuple[CaseItemView, ...] = ()
        self._days: dict[int, date] = {}
        #: False while the list is shown in another order than the analyst's (by date): a
        #: drag within it then changes nothing
        self.reorder_enabled = True

    # --- contents -------------------------------------------------------------------------
    @property
    def case(self) -> CaseData | None:
        return self._case

    def set_case(
        self,
        case: CaseData | None,
        items: Sequence[CaseItemView] | None = None,
        days: Mapping[int, date] | None = None,
    ) -> None:
        """Show a case; ``items``: its items in another order (by date), else the case's;
        ``days``: the date each item is shown by (a date filter or order), which an entity's
        detail then says ("mentioned 2023-01-12")."""
        self.beginResetModel()
        self._case = case
        self._items = tuple(items) if items is not None else case.items if case else ()
        self._days = dict(days or {})
        self.endResetModel()

    def ids(self) -> list[int]:
        return [e.item.id for e in self._items]

    def entry(self, row: int) -> CaseItemView | None:
        return self._items[row] if 0 <= row < len(self._items) else None

    def row_of(self, item_id: int) -> int | None:
        for row, entry in enumerate(self._items):
            if entry.item.id == item_id:
                return row
        return None

    # --- QAbstractItemModel -----------------------------------------------------------------
    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        entry = self._items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return entry.item.name
        if role == Qt.ItemDataRole.DecorationRole:
            return kind_icon(entry.item.kind, placeholder=_is_placeholder(entry))
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [f"{entry.item.name} — {KIND_LABELS.get(entry.item.kind, entry.item.kind)}"]
            if entry.detail:
                lines.append(entry.detail)
            if entry.note:
                lines.append(f"Note: {entry.note}")
            return tooltip("\n".join(lines))
        if role == Qt.ItemDataRole.AccessibleTextRole:
            pinned = "pinned, " if entry.pinned else ""
            return f"{pinned}{entry.item.kind} {entry.item.name}"
        if role == ItemIdRole:
            return entry.item.id
        if role == KindRole:
            return entry.item.kind
        if role == RowRole:
            return entry
        if role == PinnedRole:
            return entry.pinned
        if role == NoteRole:
            return entry.note
        if role == DetailRole:
            day = self._days.get(entry.item.id) if entry.item.kind != "article" else None
            said = f"mentioned {day.isoformat()}" if day else ""  # an article shows its own
            return " · ".join(p for p in (said, entry.detail) if p)
        if role == NoteEditedRole:
            return entry.note_edited_at
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return (
                Qt.ItemFlag.ItemIsDropEnabled if self._case is not None else Qt.ItemFlag.NoItemFlags
            )
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsDragEnabled
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    # --- drag and drop ---------------------------------------------------------------------
    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction

    def mimeTypes(self) -> list[str]:
        return [*ITEM_MIME_TYPES, CASE_ORDER_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        rows = sorted({i.row() for i in indexes if i.isValid()})
        mime = item_ids_mime(self._items[r].item.id for r in rows if r < len(self._items))
        if self._case is not None:
            mime.setData(CASE_ORDER_MIME, json.dumps(self._case.id).encode())
        return mime

    def canDropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,
                        parent: ModelIndex) -> bool:  # fmt: skip
        return self._case is not None and bool(ids_from_mime(data))

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,
                     parent: ModelIndex) -> bool:  # fmt: skip
        """Asks for the edit and returns False, so the view never removes the dragged rows
        itself: the list is rebuilt from the library once the edit is stored."""
        ids = ids_from_mime(data)
        if self._case is None or not ids or action == Qt.DropAction.IgnoreAction:
            return False
        if parent.isValid():  # dropped onto an item: insert before it
            row = parent.row()
        if self._is_own(data):
            if not self.reorder_enabled:
                return False
            order = moved_order(self.ids(), ids, row)
            if order != self.ids():
                self.sig_reorder_requested.emit(order)
        else:
            self.sig_add_requested.emit(ids, row)
        return False

    def _is_own(self, data: QMimeData) -> bool:
        if self._case is None or not data.hasFormat(CASE_ORDER_MIME):
            return False
        try:
            return json.loads(bytes(data.data(CASE_ORDER_MIME).data())) == self._case.id
        except ValueError:
            return False


def _is_placeholder(entry: CaseItemView) -> bool:
    return entry.item.kind == "article" and "not yet imported" in entry.item.name
