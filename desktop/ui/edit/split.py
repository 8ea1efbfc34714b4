"""Split an alias back out of an entity into one of its own (mentions written that way
follow it) — the undo for a merge that should not have happened, long after the fact."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.services.library import get_entity
from desktop.services.views import read
from desktop.store.text import normalize_name
from desktop.ui.cases.widgets import edit_dialog_end
from desktop.ui.edit.commands import SplitAliasCommand
from desktop.ui.icons import kind_icon
from desktop.ui.undo import Editor


class SplitAliasDialog(QDialog):
    def __init__(self, editor: Editor, entity_id: int, alias: str | None = None,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.setObjectName("SplitAliasDialog")
        self.editor, self.entity_id = editor, entity_id
        self.new_id: int | None = None
        self.entity = read(editor.library, get_entity, entity_id)
        name = self.entity.item.name
        self.setWindowTitle(f"Split an alias out of {name}")
        self.setWindowIcon(kind_icon(self.entity.item.kind))
        self.resize(420, 340)
        intro = QLabel(
            f"Choose a name to take out of <b>{html.escape(name)}</b>. It becomes an entity of "
            "its own, and the mentions written that way move with it."
        )
        intro.setWordWrap(True)
        self.aliases = QListWidget()
        self.aliases.setObjectName("SplitAliases")
        for text in self.entity.aliases:
            if normalize_name(text) != normalize_name(name):
                row = QListWidgetItem(kind_icon(self.entity.item.kind), text)
                row.setData(Qt.ItemDataRole.UserRole, text)
                self.aliases.addItem(row)
        self.aliases.itemDoubleClicked.connect(lambda _i: self.accept())
        if self.aliases.count() == 0:
            intro.setText(f"<b>{html.escape(name)}</b> has no other names to split out.")
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.aliases, 1)
        self.message, self.buttons = edit_dialog_end(layout, self, editor.sig_error, "Split out")
        self.choose(alias or "")

    def choose(self, alias: str) -> bool:
        for row in range(self.aliases.count()):
            if normalize_name(self.aliases.item(row).text()) == normalize_name(alias):
                self.aliases.setCurrentRow(row)
                return True
        if self.aliases.count():
            self.aliases.setCurrentRow(0)
        return False

    def chosen(self) -> str | None:
        row = self.aliases.currentItem()
        return str(row.data(Qt.ItemDataRole.UserRole)) if row is not None else None

    def accept(self) -> None:
        if self.apply():
            super().accept()

    def apply(self) -> bool:
        alias = self.chosen()
        if alias is None:
            return False
        command = SplitAliasCommand(self.editor, self.entity_id, alias)
        if not self.editor.push(command):
            return False
        self.new_id = command.new_id
        return True


def ask_split_alias(parent: QWidget, editor: Editor, entity_id: int) -> int | None:
    dialog = SplitAliasDialog(editor, entity_id, parent=parent)
    return dialog.new_id if dialog.exec() == QDialog.DialogCode.Accepted else None
