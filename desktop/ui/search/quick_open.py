"""Quick open (Ctrl+K): jump to any article, entity, case or command by name or alias.

The palette loads the names once each time it opens (on a worker), then matches every
keystroke on the worker too (a few milliseconds, see tests/bench/bench_search.py); only the
newest keystroke's matches are shown. Enter chooses; the caller reacts to the signals.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QIcon, QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLabel,
    QLineEdit,
    QListView,
    QVBoxLayout,
    QWidget,
)

from desktop.services.search import CASE, COMMAND, NameIndex, QuickMatch
from desktop.ui.actions import restore_focus
from desktop.ui.search.results import KindRole, kind_icon
from desktop.ui.workers import LatestJobRunner

_Index = QModelIndex | QPersistentModelIndex
MatchRole = Qt.ItemDataRole.UserRole + 20


class _Names:
    """The palette's name index, touched only by its (single) worker thread."""

    def __init__(self) -> None:
        self.index: NameIndex | None = None


def _match_job(
    library: Any, names: _Names, commands: Sequence[tuple[str, str]], text: str, limit: int
) -> list[QuickMatch]:
    from desktop.services.views import name_index, quick_matches, read

    if names.index is None:
        names.index = read(library, name_index, commands)
    return read(library, quick_matches, text, limit, names.index)


class QuickOpenModel(QAbstractListModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._matches: list[QuickMatch] = []
        self._icons: dict[str, QIcon] = {}

    def set_matches(self, matches: Sequence[QuickMatch]) -> None:
        self.beginResetModel()
        self._matches = list(matches)
        self.endResetModel()

    def match_at(self, row: int) -> QuickMatch | None:
        return self._matches[row] if 0 <= row < len(self._matches) else None

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._matches)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        m = self.match_at(index.row()) if index.isValid() else None
        if m is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            kind = (
                "Command"
                if m.kind == COMMAND
                else "Case file"
                if m.kind == CASE
                else m.kind.capitalize()
            )
            also = f"  (as “{m.matched}”)" if m.matched != m.name else ""
            return f"{m.name}{also}  —  {kind}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"<b>{html.escape(m.name)}</b>"
        if role == Qt.ItemDataRole.DecorationRole:
            key = "quick-open" if m.kind == COMMAND else m.kind
            if key not in self._icons:
                self._icons[key] = kind_icon(key)
            return self._icons[key]
        if role == KindRole:
            return m.kind
        if role == MatchRole:
            return m
        return None


class QuickOpenDialog(QDialog):
    """The palette. ``commands`` are (command id, text) pairs from the caller's actions."""

    sig_item_chosen = Signal(int)
    sig_case_chosen = Signal(int)
    sig_command_chosen = Signal(str)
    sig_matched = Signal(object)  # the list of QuickMatch now shown

    LIMIT = 30

    def __init__(
        self, library: Any, commands: Sequence[tuple[str, str]] = (), parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("QuickOpenDialog")
        self.setWindowTitle("Quick open")
        self.setModal(True)
        self.resize(560, 420)
        self._library = library
        self._commands = list(commands)
        self._names = _Names()
        self._choose_when_ready = False
        self._return_focus: QWidget | None = None
        self._runner = LatestJobRunner(self)
        self._runner.sig_result.connect(self.on_matches)
        self._runner.sig_failed.connect(self._on_failed)
        self.query_edit = QLineEdit(self)
        self.query_edit.setPlaceholderText(
            "Go to an article, person, organization, case or command…"
        )
        self.query_edit.textChanged.connect(self._match)
        self.query_edit.installEventFilter(self)
        self.model = QuickOpenModel(self)
        self.list_view = QListView(self)
        self.list_view.setModel(self.model)
        self.list_view.setUniformItemSizes(True)
        self.list_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list_view.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.list_view.activated.connect(self._choose)
        self.list_view.installEventFilter(self)
        self.status_label = QLabel(self)
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        layout = QVBoxLayout(self)
        layout.addWidget(self.query_edit)
        layout.addWidget(self.list_view, 1)
        layout.addWidget(self.status_label)
        self.setFocusProxy(self.query_edit)

    def set_commands(self, commands: Sequence[tuple[str, str]]) -> None:
        self._commands = list(commands)
        self._names = _Names()

    def popup(self, text: str = "") -> None:
        """Show the palette with fresh names (renames and new cases since last time)."""
        self._names = _Names()
        focus = QApplication.focusWidget()
        if focus is not None and focus.window() is not self:
            self._return_focus = focus
        self.query_edit.setText(text)
        self._match()
        self.show()
        self.raise_()
        self.activateWindow()
        self.query_edit.setFocus()

    def set_text(self, text: str) -> None:
        self.query_edit.setText(text)

    def on_matches(self, matches: list[QuickMatch]) -> None:
        self.model.set_matches(matches)
        if matches:
            self.list_view.setCurrentIndex(self.model.index(0, 0))
        self.status_label.setText("" if matches or not self.query_edit.text() else "No match")
        self.sig_matched.emit(matches)
        if self._choose_when_ready:
            self._choose_when_ready = False
            self.choose_current()

    def choose_current(self) -> None:
        if self._runner.busy:
            self._choose_when_ready = True
            return
        index = self.list_view.currentIndex()
        if not index.isValid():
            index = self.model.index(0, 0)
        if index.isValid():
            self._choose(index)

    def _match(self) -> None:
        text, names, commands = self.query_edit.text(), self._names, list(self._commands)
        library, limit = self._library, self.LIMIT
        self._runner.submit(lambda: _match_job(library, names, commands, text, limit))

    def _on_failed(self, message: str) -> None:
        self._choose_when_ready = False
        self.status_label.setText("Quick open failed: " + message)

    def _choose(self, index: QModelIndex) -> None:
        m = self.model.match_at(index.row())
        if m is None:
            return
        self.accept()
        if m.kind == COMMAND:
            self.sig_command_chosen.emit(m.command)
        elif m.kind == CASE:
            self.sig_case_chosen.emit(m.id)
        else:
            self.sig_item_chosen.emit(m.id)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.choose_current()
                return True
            if watched is self.query_edit and key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                rows = self.model.rowCount()
                if rows:
                    step = 1 if key == Qt.Key.Key_Down else -1
                    row = min(max(self.list_view.currentIndex().row() + step, 0), rows - 1)
                    self.list_view.setCurrentIndex(self.model.index(row, 0))
                return True
        return super().eventFilter(watched, event)

    def done(self, result: int) -> None:
        self._runner.cancel()
        super().done(result)
        back, self._return_focus = self._return_focus, None
        restore_focus(back)  # F9, Ctrl+1… work at once in the window it came from

    def closeEvent(self, event: Any) -> None:
        self._runner.shutdown()
        super().closeEvent(event)
