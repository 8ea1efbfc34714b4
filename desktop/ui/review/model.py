"""An article's suggestions as a list model, and the two-line rows that draw them: name and
kind (or "A → affiliated with → B"), the supporting sentence, a status mark on the right."""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QIcon
from PySide6.QtWidgets import QStyleOptionViewItem

from desktop.services.review import Suggestion
from desktop.ui import theme
from desktop.ui.cases.delegate import TwoLineDelegate
from desktop.ui.icons import KIND_LABELS, icon, kind_icon
from desktop.ui.models.roles import ItemIdRole, KindRole, RowRole
from desktop.vocab import CITES, CONFIRMED, MENTIONS, REJECTED

ModelIndex = QModelIndex | QPersistentModelIndex

LinkIdRole = Qt.ItemDataRole.UserRole + 31  # int: the suggestion's link id
StatusRole = Qt.ItemDataRole.UserRole + 32  # str: suggested | confirmed | rejected

STATUS_LABELS = {CONFIRMED: "confirmed", REJECTED: "rejected", "suggested": "to review"}


def link_words(kind: str) -> str:
    return kind.replace("_", " ")


def describe(s: Suggestion) -> tuple[str, str]:
    """(name, detail) for a row."""
    if s.kind == MENTIONS:
        times = f"{s.count} mention{'s' if s.count != 1 else ''}"
        return s.item.name, f"{KIND_LABELS.get(s.item.kind, s.item.kind)} · {times}"
    if s.kind == CITES:
        return s.item.name, "cited article"
    source = s.other.name if s.other is not None else "?"
    return f"{source} → {link_words(s.kind)} → {s.item.name}", "link"


class SuggestionModel(QAbstractListModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Suggestion] = []

    def set_suggestions(self, rows: Sequence[Suggestion]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def suggestions(self) -> list[Suggestion]:
        return list(self._rows)

    def suggestion(self, row: int) -> Suggestion | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of_link(self, link_id: int) -> int | None:
        for row, s in enumerate(self._rows):
            if s.link_id == link_id:
                return row
        return None

    def counts(self) -> dict[str, int]:
        out = {"suggested": 0, CONFIRMED: 0, REJECTED: 0}
        for s in self._rows:
            out[s.status] = out.get(s.status, 0) + 1
        return out

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        s = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return describe(s)[0]
        if role == Qt.ItemDataRole.DecorationRole:
            if s.kind in (MENTIONS, CITES):
                return kind_icon(s.item.kind, placeholder="not yet imported" in s.item.name)
            return icon("link", "#4a5568")
        if role == Qt.ItemDataRole.ToolTipRole:
            name, detail = describe(s)
            sentence = f"<br><i>“{html.escape(s.sentence)}”</i>" if s.sentence else ""
            status = STATUS_LABELS.get(s.status, s.status)
            return f"<b>{html.escape(name)}</b> — {html.escape(detail)}, {status}{sentence}"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{describe(s)[0]}, {STATUS_LABELS.get(s.status, s.status)}"
        if role == ItemIdRole:
            return s.item.id
        if role == KindRole:
            return s.item.kind
        if role == RowRole:
            return s
        if role == LinkIdRole:
            return s.link_id
        if role == StatusRole:
            return s.status
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemNeverHasChildren)  # fmt: skip


class SuggestionDelegate(TwoLineDelegate):
    def first_line(self, index: ModelIndex) -> tuple[str, str]:
        s = index.data(RowRole)
        return describe(s) if s is not None else ("", "")

    def second_line(self, index: ModelIndex) -> tuple[str, bool]:
        s = index.data(RowRole)
        if s is None or not s.sentence.strip():
            return "", False
        text = s.sentence.strip()
        return (text if text[0] in "“\"'‘" else f"“{text}”"), True

    def badge(self, index: ModelIndex) -> QIcon | None:
        status = str(index.data(StatusRole))
        key = {CONFIRMED: "confirm", REJECTED: "reject"}.get(status, "confirm")
        return icon(key, theme.current().status.get(status, theme.current().status["suggested"]))

    def name_color(self, index: ModelIndex, option: QStyleOptionViewItem) -> QColor:
        if index.data(StatusRole) == REJECTED:
            return QColor(theme.current().muted)
        return super().name_color(index, option)

    def strike(self, index: ModelIndex) -> bool:
        return index.data(StatusRole) == REJECTED
