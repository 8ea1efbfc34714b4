"""The neighbourhood as a plain list: keyboard and screen-reader friendly, same data as the graph."""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from desktop.services.graph import Neighbourhood
from desktop.ui.connections import style

ItemIdRole = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex


class NeighbourListModel(QAbstractListModel):
    """Linked items, nearest first, each with how it is linked to the items nearer the centre."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[int, str, str, int, str]] = []  # id, kind, name, hop, via

    def set_view(self, view: Neighbourhood | None) -> None:
        self.beginResetModel()
        self._rows = []
        if view is not None:
            via: dict[int, set[str]] = {}
            hop = {n.id: n.hop for n in view.nodes}
            for e in view.edges:
                for near, far in ((e.source, e.target), (e.target, e.source)):
                    if hop.get(near, 99) < hop.get(far, 99):
                        via.setdefault(far, set()).add(style.link_label(e.kind, e.label))
            center = view.center.id if view.center else None
            nodes = sorted(
                (n for n in view.nodes if n.id != center),
                key=lambda n: (n.hop, n.kind, n.name.casefold()),
            )
            self._rows = [
                (n.id, n.kind, n.name, n.hop, ", ".join(sorted(via.get(n.id, ())))) for n in nodes
            ]
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        nid, kind, name, hop, via = self._rows[index.row()]
        kind_text = style.KIND_SINGULAR.get(kind, kind)
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{name}  ·  {kind_text}" + (f" · {via}" if via else "")
        plain = f"{name} ({kind_text}), {hop} hop{'s' if hop > 1 else ''} away" + (
            f", {via}" if via else ""
        )
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return plain
        if role == Qt.ItemDataRole.ToolTipRole:  # tooltips may render rich text: escape the name
            return f"<p>{html.escape(plain)}</p>"
        if role == Qt.ItemDataRole.DecorationRole:
            return style.kind_icon(kind)
        if role == ItemIdRole:
            return nid
        return None

    def item_ids(self) -> list[int]:
        return [r[0] for r in self._rows]
