"""The case's item list view (Delete removes, Enter opens, drags carry item ids) and its
context menu actions."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QListView

from desktop.ui.icons import NEUTRAL, icon
from desktop.ui.models.roles import ItemIdRole
from desktop.ui.theme import style_as

if TYPE_CHECKING:
    from desktop.ui.cases.view import CaseView


class CaseItemListView(QListView):
    """The item list: Delete removes, Enter opens; drags carry item ids."""

    def __init__(self, owner: CaseView) -> None:
        super().__init__()
        self._owner = owner
        self.setObjectName("CaseItemList")
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setUniformItemSizes(True)
        self.setAlternatingRowColors(True)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        style_as(self, "cards")

    def keyPressEvent(self, event) -> None:  # noqa: ANN001
        if event.matches(QKeySequence.StandardKey.Delete) or event.key() == Qt.Key.Key_Backspace:
            self._owner.remove_selected()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self._owner.sig_item_activated.emit(int(self.currentIndex().data(ItemIdRole)))
            return
        super().keyPressEvent(event)


def context_actions(view: CaseView) -> list[QAction]:
    """Open, pin/unpin, edit note, remove: for the view's selection."""
    ids = view.selected_ids()
    one = len(ids) == 1
    actions = []

    def add(text: str, key: str, fn, enabled: bool = True) -> None:  # noqa: ANN001
        action = QAction(icon(key, NEUTRAL), text, view)
        action.setEnabled(enabled)
        action.triggered.connect(fn)
        actions.append(action)

    add("Open", "article", lambda: view.sig_item_activated.emit(ids[0]) if ids else None, one)
    pinned = all(bool((e := view._entry(i)) and e.pinned) for i in ids)
    add("Unpin" if pinned and ids else "Pin to top", "pin", view.toggle_pin_selected, bool(ids))
    add("Edit note", "rename", lambda: view.edit_note(), one)
    add(f"Remove from case ({len(ids)})" if len(ids) > 1 else "Remove from case", "remove",
        view.remove_selected, bool(ids))  # fmt: skip
    return actions
