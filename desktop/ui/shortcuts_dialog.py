"""Help › Keyboard shortcuts: every command of the action registry with its keys, filtered as
you type. Read from the registry, so it cannot drift from what the keys really do."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QHeaderView,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.actions import MENUS, ActionRegistry

#: keys handled inside panels rather than by window commands
PANEL_KEYS: tuple[tuple[str, str, str], ...] = (
    ("Review", "Confirm the suggestion", "C, Enter"),
    ("Review", "Reject the suggestion", "R, Delete"),
    ("Review", "Confirm / reject every suggestion of that kind", "Shift+C, Shift+R"),
    ("Review", "Confirm all remaining", "A"),
    ("Review", "Never suggest this name again (Edit › Settings lists them)", "N"),
    ("Review", "Rename / merge the entity", "F2, M"),
    ("Review", "Mark reviewed and go to the next Inbox article", "Ctrl+Enter"),
    ("New case", "Create the case from the summary field", "Ctrl+Enter"),
)


def shortcut_rows(registry: ActionRegistry) -> list[tuple[str, str, str]]:
    """(menu, command, keys) for every command, then the keys panels handle."""
    menus = {key: title.replace("&", "") for key, title in MENUS}
    rows = []
    for action_id in registry.ids():
        spec, action = registry.spec(action_id), registry.action(action_id)
        keys = ", ".join(
            s.toString(QKeySequence.SequenceFormat.NativeText) for s in action.shortcuts()
        )
        rows.append((menus.get(spec.menu, spec.menu), spec.plain_text, keys))
    return rows + list(PANEL_KEYS)


class ShortcutsDialog(QDialog):
    def __init__(self, registry: ActionRegistry, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ShortcutsDialog")
        self.setWindowTitle("Keyboard shortcuts")
        self.resize(560, 520)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Find a command or a key…")
        self.filter.setClearButtonEnabled(True)
        self.filter.setAccessibleName("Find a shortcut")
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(["Where", "Command", "Keys"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for row, values in enumerate(shortcut_rows(registry)):
            self.table.insertRow(row)
            for column, text in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.filter.textChanged.connect(self.apply_filter)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.table, 1)
        self.setFocusProxy(self.filter)

    def apply_filter(self, text: str) -> None:
        needle = text.strip().lower()
        for row in range(self.table.rowCount()):
            cells = " ".join(self._text(row, c) for c in range(3)).lower()
            self.table.setRowHidden(row, bool(needle) and needle not in cells)

    def visible_commands(self) -> list[str]:
        return [
            self._text(r, 1) for r in range(self.table.rowCount()) if not self.table.isRowHidden(r)
        ]

    def _text(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text() if item is not None else ""


def show_shortcuts(registry: ActionRegistry, parent: QWidget) -> None:
    ShortcutsDialog(registry, parent).exec()
