"""The left navigator: case files and library sections with counts.

Case nodes are drop targets: items dragged from any list, the reader, search results or a
case page onto a case are announced with ``sig_items_dropped`` (ids, case id); dropped on
"New case…" or the "Case files" heading with ``sig_items_dropped_on_new``. The window turns
them into undoable edits (desktop/ui/cases/install.py); the navigator itself never writes.

The navigator is drawn in the window's first paint, before the library is open and before
the database stack is imported (desktop/ui/app.py): without a library it shows the sections
without counts, and ``set_library`` fills it. Modules that import SQLAlchemy (the services,
desktop.ui.cases) are therefore imported where they are used, not at the top.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, QMimeData, QModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QAbstractItemView, QMenu, QTreeView, QVBoxLayout, QWidget

from desktop.services.changes import Changes
from desktop.services.views import NavigatorState, navigator_state, read
from desktop.ui.bus import touches_library
from desktop.ui.models.navigator_model import (
    NEW_CASE,
    NavigatorModel,
    case_key,
    parse_key,
    section_key,
)
from desktop.ui.models.roles import NodeRole

if TYPE_CHECKING:
    from desktop.store.db import Library


def _has_item_ids(mime: QMimeData | None) -> bool:
    from desktop.ui.cases.mime import has_item_ids

    return has_item_ids(mime)


class NavigatorTree(QTreeView):
    """The tree, with case nodes as drop targets for dragged item ids."""

    def __init__(self, panel: NavigatorPanel) -> None:
        super().__init__(panel)
        self._panel = panel
        self.setAcceptDrops(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
        self.setDropIndicatorShown(True)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._panel.library is not None and _has_item_ids(event.mimeData()):
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        target = self._panel.drop_target(event.position().toPoint())
        if target is not None and _has_item_ids(event.mimeData()):
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept(self.visualRect(self.indexAt(event.position().toPoint())))
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        if self._panel.drop(event.position().toPoint(), event.mimeData()):
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
        else:
            event.ignore()


class NavigatorPanel(QWidget):
    sig_section_selected = Signal(str)
    sig_case_selected = Signal(int)
    sig_watch_selected = Signal(int)  # a watch list's id; 0: all hits
    sig_new_case_requested = Signal()
    #: item ids dropped on a case: (ids, case id)
    sig_items_dropped = Signal(list, int)
    #: item ids dropped on "New case…" or the "Case files" heading
    sig_items_dropped_on_new = Signal(list)

    def __init__(self, library: Library | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("NavigatorPanel")
        self._library = library
        self.model = NavigatorModel(self, loading=library is None)
        self.tree = NavigatorTree(self)
        self.tree.setObjectName("NavigatorTree")
        self.tree.setModel(self.model)
        self.tree.setHeaderHidden(True)
        self.tree.setIndentation(14)
        self.tree.setUniformRowHeights(True)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self.on_context_menu)
        self.tree.expandAll()
        self.tree.selectionModel().currentChanged.connect(self.on_current_changed)
        self.tree.clicked.connect(self.on_clicked)
        self.tree.activated.connect(self.on_clicked)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tree)
        self._case_actions: list[QAction] = []
        self.counts: dict[str, int] = {}
        #: how often the section counts were read from the library (they cost a scan each)
        self.count_reads = 0
        self.refresh()

    # --- state ---------------------------------------------------------------------------
    @property
    def library(self) -> Library | None:
        return self._library

    def set_library(self, library: Library, state: NavigatorState | None = None) -> None:
        """The library is open: show its counts and cases (``state`` when already read)."""
        self._library = library
        self.refresh(state)

    def refresh(self, state: NavigatorState | None = None) -> None:
        """Counts and cases from the library; the selection is kept by key."""
        if state is None:
            if self._library is None:
                return
            state = read(self._library, navigator_state)
            self.count_reads += 1
        counts = dict(state.counts)
        key = self.current_key()
        blocked = self.tree.selectionModel().blockSignals(True)
        try:
            self.model.set_counts(counts)
            self.model.set_cases(state.cases, state.case_counts)
            self.tree.expandAll()
            if key and self.model.node_for(key) is not None and self.current_key() != key:
                self._select_key(key, emit=False)
        finally:
            self.tree.selectionModel().blockSignals(blocked)
        self.counts = counts

    def on_changed(self, changes: Changes) -> None:
        """Articles, entities or links: counts and cases again; case files alone (a note, a
        title, items added): only the cases, the section counts cannot have moved."""
        if touches_library(changes):
            self.refresh()
        elif changes.cases and self._library is not None:
            self.refresh(read(self._library, navigator_state, self.counts))

    def current_key(self) -> str | None:
        index = self.tree.currentIndex()
        return index.data(NodeRole) if index.isValid() else None

    def current_case_id(self) -> int | None:
        kind, value = parse_key(self.current_key())
        return int(value) if kind == "case" and value is not None else None

    def select_section(self, section: str) -> bool:
        return self._select_key(section_key(section))

    def select_case(self, case_id: int) -> bool:
        return self._select_key(case_key(case_id))

    def select_watch(self, list_id: int) -> bool:
        return self._select_key(f"watch:{list_id}")

    def _select_key(self, key: str, *, emit: bool = True) -> bool:
        node = self.model.node_for(key)
        if node is None:
            return False
        index = node.index()
        if emit and self.tree.currentIndex() == index:
            self._emit_for(index)
            return True
        self.tree.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        return True

    def set_case_actions(self, actions: Sequence[QAction]) -> None:
        """Actions offered by the context menu of a case (rename, delete...)."""
        self._case_actions = list(actions)

    # --- slots ---------------------------------------------------------------------------
    def on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._emit_for(current)

    def on_clicked(self, index: QModelIndex) -> None:
        if index.data(NodeRole) == NEW_CASE:
            self.sig_new_case_requested.emit()

    def _emit_for(self, index: QModelIndex) -> None:
        kind, value = parse_key(index.data(NodeRole) if index.isValid() else None)
        if kind == "section" and isinstance(value, str):
            self.sig_section_selected.emit(value)
        elif kind == "case" and value is not None:
            self.sig_case_selected.emit(int(value))
        elif kind == "watch" and value is not None:
            self.sig_watch_selected.emit(int(value))

    # --- drops ---------------------------------------------------------------------------
    def drop_target(self, pos: QPoint) -> int | None:
        """The case id under a viewport position; 0 for "New case…" or the heading; None
        where nothing can be dropped."""
        index = self.tree.indexAt(pos)
        if not index.isValid():
            return None
        kind, value = parse_key(index.data(NodeRole))
        if kind == "case" and value is not None:
            return int(value)
        if kind == NEW_CASE or self.model.itemFromIndex(index) is self.model.cases_root:
            return 0
        return None

    def drop(self, pos: QPoint, mime: QMimeData | None) -> bool:
        """Announces items dropped at ``pos``; False when nothing there takes them."""
        from desktop.ui.cases.mime import ids_from_mime

        target = self.drop_target(pos)
        ids = ids_from_mime(mime)
        if target is None or not ids:
            return False
        if target:
            self.sig_items_dropped.emit(ids, target)
        else:
            self.sig_items_dropped_on_new.emit(ids)
        return True

    def case_rect(self, case_id: int):  # noqa: ANN201 - QRect
        """Where a case's node is drawn (viewport coordinates), e.g. to drop on it."""
        node = self.model.node_for(case_key(case_id))
        return self.tree.visualRect(node.index()) if node is not None else None

    def on_context_menu(self, pos: QPoint) -> None:
        index = self.tree.indexAt(pos)
        if parse_key(index.data(NodeRole))[0] != "case" or not self._case_actions:
            return
        self.tree.setCurrentIndex(index)
        menu = QMenu(self)
        for action in self._case_actions:
            menu.addAction(action)
        menu.exec(self.tree.viewport().mapToGlobal(pos))
