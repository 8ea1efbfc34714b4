"""The left navigator (case files and library sections with counts) and the case-file
operations behind the Case menu, each an undoable command on the window's QUndoStack.

The case commands run their writes on the serial write queue, so an undo queued right after
its redo always sees the redo's result (e.g. the id of the case it created).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QUndoCommand, QUndoStack
from PySide6.QtWidgets import QAbstractItemView, QMenu, QTreeView, QVBoxLayout, QWidget

from desktop.services import cases as case_service
from desktop.services.changes import Changes
from desktop.services.library import section_counts
from desktop.store.db import Library
from desktop.ui.bus import ChangeBus, changes_in
from desktop.ui.models.navigator_model import (
    NEW_CASE,
    NavigatorModel,
    case_key,
    parse_key,
    section_key,
)
from desktop.ui.models.roles import NodeRole
from desktop.ui.workers import TaskContext, WriteQueue


class NavigatorPanel(QWidget):
    sig_section_selected = Signal(str)
    sig_case_selected = Signal(int)
    sig_new_case_requested = Signal()

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("NavigatorPanel")
        self._library = library
        self.model = NavigatorModel(self)
        self.tree = QTreeView()
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
        self.refresh()

    # --- state ---------------------------------------------------------------------------
    def refresh(self) -> None:
        """Counts and cases from the library; the selection is kept by key."""
        with self._library.session() as session:
            counts = section_counts(session)
            cases = case_service.list_cases(session)
            case_counts = case_service.case_item_counts(session)
        key = self.current_key()
        blocked = self.tree.selectionModel().blockSignals(True)
        try:
            self.model.set_counts(counts)
            self.model.set_cases(cases, case_counts)
            self.tree.expandAll()
            if key and self.model.node_for(key) is not None and self.current_key() != key:
                self._select_key(key, emit=False)
        finally:
            self.tree.selectionModel().blockSignals(blocked)
        self.counts = counts

    def on_changed(self, _changes: Changes) -> None:
        self.refresh()

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

    def on_context_menu(self, pos: QPoint) -> None:
        index = self.tree.indexAt(pos)
        if parse_key(index.data(NodeRole))[0] != "case" or not self._case_actions:
            return
        self.tree.setCurrentIndex(index)
        menu = QMenu(self)
        for action in self._case_actions:
            menu.addAction(action)
        menu.exec(self.tree.viewport().mapToGlobal(pos))


# --- case operations, undoable ---------------------------------------------------------


class CaseOps:
    """Case-file writes behind the Case menu; every one is an undo command."""

    def __init__(
        self,
        *,
        library: Library,
        writes: WriteQueue,
        bus: ChangeBus,
        undo_stack: QUndoStack,
        on_error: Callable[[BaseException], None],
        on_created: Callable[[int], None] | None = None,
    ) -> None:
        self.library, self.writes, self.bus, self.undo_stack = library, writes, bus, undo_stack
        self.on_error = on_error
        self.on_created = on_created

    def submit(self, fn: Callable[[], object], then: Callable[[object], None] | None = None):  # type: ignore[no-untyped-def]
        """One write on the queue; its Changes are announced when it is done."""

        def done(result: object) -> None:
            self.bus.announce(changes_in(result))  # views first, so ``then`` finds the result
            if then is not None:
                then(result)

        return self.writes.submit(lambda _ctx: fn(), done, self.on_error)

    def new_case(self, title: str) -> None:
        self.undo_stack.push(_CreateCase(self, title))

    def rename_case(self, case_id: int, old: str, new: str) -> None:
        self.undo_stack.push(_RenameCase(self, case_id, old, new))

    def delete_case(self, case_id: int, title: str) -> None:
        self.undo_stack.push(_DeleteCase(self, case_id, title))

    def add_items(self, case_id: int, title: str, item_ids: Sequence[int]) -> None:
        self.undo_stack.push(_AddItems(self, case_id, title, list(item_ids)))


class _CreateCase(QUndoCommand):
    def __init__(self, ops: CaseOps, title: str) -> None:
        super().__init__(f"New case “{title}”")
        self.ops, self.title, self.case_id = ops, title, 0

    def redo(self) -> None:
        def write() -> object:
            case_id, changes = case_service.create_case(library=self.ops.library, title=self.title)
            self.case_id = case_id
            return changes

        def created(_result: object) -> None:
            if self.ops.on_created is not None and self.case_id:
                self.ops.on_created(self.case_id)

        self.ops.submit(write, created)

    def undo(self) -> None:
        self.ops.submit(
            lambda: case_service.delete_case(library=self.ops.library, case_id=self.case_id)
        )


class _RenameCase(QUndoCommand):
    def __init__(self, ops: CaseOps, case_id: int, old: str, new: str) -> None:
        super().__init__(f"Rename case “{old}”")
        self.ops, self.case_id, self.old, self.new = ops, case_id, old, new

    def _set(self, title: str) -> None:
        self.ops.submit(
            lambda: case_service.update_case(
                library=self.ops.library, case_id=self.case_id, title=title
            )
        )

    def redo(self) -> None:
        self._set(self.new)

    def undo(self) -> None:
        self._set(self.old)


class _DeleteCase(QUndoCommand):
    def __init__(self, ops: CaseOps, case_id: int, title: str) -> None:
        super().__init__(f"Delete case “{title}”")
        self.ops, self.case_id = ops, case_id
        self.snapshot: case_service.CaseSnapshot | None = None

    def redo(self) -> None:
        def write() -> object:
            self.snapshot, changes = case_service.delete_case(
                library=self.ops.library, case_id=self.case_id
            )
            return changes

        self.ops.submit(write)

    def undo(self) -> None:
        def write() -> object:
            assert self.snapshot is not None
            return case_service.restore_case(library=self.ops.library, snapshot=self.snapshot)

        self.ops.submit(write)


class _AddItems(QUndoCommand):
    def __init__(self, ops: CaseOps, case_id: int, title: str, item_ids: list[int]) -> None:
        n = len(item_ids)
        super().__init__(f"Add {n} item{'s' if n != 1 else ''} to “{title}”")
        self.ops, self.case_id, self.item_ids = ops, case_id, item_ids
        self.added: list[int] = []

    def redo(self) -> None:
        def write() -> object:
            self.added, changes = case_service.add_items(
                library=self.ops.library, case_id=self.case_id, item_ids=self.item_ids
            )
            return changes

        self.ops.submit(write)

    def undo(self) -> None:
        self.ops.submit(
            lambda: case_service.remove_items(
                library=self.ops.library, case_id=self.case_id, item_ids=self.added
            )
        )


__all__ = ["CaseOps", "NavigatorPanel", "TaskContext"]
