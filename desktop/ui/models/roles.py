"""Custom item-data roles shared by every model, so views and panels ask for ids, not text."""

from __future__ import annotations

from PySide6.QtCore import Qt

ItemIdRole = Qt.ItemDataRole.UserRole + 1  # int: the item's id
KindRole = Qt.ItemDataRole.UserRole + 2  # str: article | person | organization | ...
RowRole = Qt.ItemDataRole.UserRole + 3  # the read model behind the row (ItemRow, CaseItemView)
NodeRole = Qt.ItemDataRole.UserRole + 4  # navigator: "section:<name>" | "case:<id>" | "new-case"
CountRole = Qt.ItemDataRole.UserRole + 5  # navigator: the count shown next to a node
