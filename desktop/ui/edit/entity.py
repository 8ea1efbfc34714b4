"""Edit an entity: rename, change kind, aliases, role and affiliation — one undo step.

``EntityEditDialog(editor, entity_id).exec()``; tests set the fields and call ``accept()``.
Aliases can also be split back out into an entity of their own from here.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.services import editing
from desktop.services.library import get_entity
from desktop.services.views import read
from desktop.store.text import normalize_name
from desktop.ui.cases.widgets import edit_dialog_end
from desktop.ui.edit.commands import (
    ChangeKindCommand,
    MergeEntitiesCommand,
    RenameEntityCommand,
    SetAliasesCommand,
    SetDetailsCommand,
)
from desktop.ui.icons import KIND_LABELS, NEUTRAL, icon, kind_icon
from desktop.ui.undo import Editor
from desktop.vocab import ENTITY_KINDS


class EntityEditDialog(QDialog):
    def __init__(self, editor: Editor, entity_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("EntityEditDialog")
        self.editor, self.entity_id = editor, entity_id
        self.entity = read(editor.library, get_entity, entity_id)
        name = self.entity.item.name
        self.setWindowTitle(f"Edit {name}")
        self.setWindowIcon(kind_icon(self.entity.item.kind))
        self.resize(480, 460)
        self.name = QLineEdit(name)
        self.kind = QComboBox()
        for kind in ENTITY_KINDS:
            self.kind.addItem(kind_icon(kind), KIND_LABELS[kind], kind)
        self.kind.setCurrentIndex(ENTITY_KINDS.index(self.entity.item.kind))
        self.role = QLineEdit(self.entity.role or "")
        self.role.setPlaceholderText("e.g. senior adviser for China")
        self.affiliation = QLineEdit(self.entity.affiliation or "")
        self.affiliation.setPlaceholderText("e.g. Department of Commerce")
        self.aliases = QListWidget()
        self.aliases.setObjectName("AliasList")
        for alias in self.entity.aliases:
            if normalize_name(alias) != normalize_name(name):
                self._add_alias_row(alias)
        self.new_alias = QLineEdit()
        self.new_alias.setPlaceholderText("Add another name or acronym, then Enter")
        self.new_alias.returnPressed.connect(lambda: self.add_alias(self.new_alias.text()))
        remove = QPushButton(icon("remove", NEUTRAL), "Remove")
        remove.clicked.connect(self.remove_current_alias)
        alias_row = QHBoxLayout()
        alias_row.addWidget(self.new_alias, 1)
        alias_row.addWidget(remove)
        form = QFormLayout()
        form.addRow("Name", self.name)
        form.addRow("Kind", self.kind)
        form.addRow("Role", self.role)
        form.addRow("Affiliation", self.affiliation)
        form.addRow(QLabel("Also known as"))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.aliases, 1)
        layout.addLayout(alias_row)
        self.message, _buttons = edit_dialog_end(layout, self, editor.sig_error, save=True)

    # --- aliases ---------------------------------------------------------------------------
    def _add_alias_row(self, alias: str) -> None:
        row = QListWidgetItem(alias)
        row.setFlags(row.flags() | Qt.ItemFlag.ItemIsEditable)
        self.aliases.addItem(row)

    def alias_list(self) -> list[str]:
        out: dict[str, str] = {}
        for row in range(self.aliases.count()):
            text = " ".join(self.aliases.item(row).text().split())
            if text:
                out.setdefault(normalize_name(text), text)
        return list(out.values())

    def add_alias(self, text: str) -> None:
        text = " ".join(text.split())
        if text and normalize_name(text) not in {normalize_name(a) for a in self.alias_list()}:
            self._add_alias_row(text)
        self.new_alias.clear()

    def remove_alias(self, text: str) -> None:
        for row in range(self.aliases.count() - 1, -1, -1):
            if normalize_name(self.aliases.item(row).text()) == normalize_name(text):
                self.aliases.takeItem(row)

    def remove_current_alias(self) -> None:
        row = self.aliases.currentRow()
        if row >= 0:
            self.aliases.takeItem(row)

    # --- saving ------------------------------------------------------------------------------
    def accept(self) -> None:
        """Pushes one undo step with every field that changed; stays open on a refusal."""
        if self.apply():
            super().accept()

    def apply(self) -> bool:
        editor, entity = self.editor, self.entity
        old_name = entity.item.name
        name = " ".join(self.name.text().split())
        if not name:
            self.message.show_message("A name cannot be empty.")
            return False
        kind = str(self.kind.currentData())
        aliases = self.alias_list()
        old_aliases = [a for a in entity.aliases if normalize_name(a) != normalize_name(old_name)]
        details = (self.role.text().strip() or None, self.affiliation.text().strip() or None)
        if name != old_name and normalize_name(name) != normalize_name(old_name):
            clash = read(editor.library, editing.name_clash, self.entity_id, name)
            if clash is not None:
                return self.offer_merge(name, *clash)
        ok = True
        with editor.macro(f"Edit {name}"):
            if name != old_name:
                ok = editor.push(RenameEntityCommand(editor, self.entity_id, name, entity.version))
                if normalize_name(old_name) not in {normalize_name(a) for a in aliases}:
                    aliases.append(old_name)  # the old name keeps resolving mentions
            if ok and kind != entity.item.kind:
                ok = editor.push(ChangeKindCommand(editor, self.entity_id, kind))
            if ok and details != (entity.role, entity.affiliation):
                ok = editor.push(SetDetailsCommand(editor, self.entity_id, *details))
            wanted = [a for a in aliases if normalize_name(a) != normalize_name(name)]
            if ok and sorted(wanted) != sorted(old_aliases):
                ok = editor.push(SetAliasesCommand(editor, self.entity_id, wanted))
        return ok

    def offer_merge(self, name: str, existing_id: int, existing_name: str) -> bool:
        """The new name is another entity's: merging is what the analyst most likely means;
        a second entity of the same name is never made silently."""
        old = self.entity.item.name
        box = QMessageBox(
            QMessageBox.Icon.Question, "Name already used",
            f"“{existing_name}” is already known as “{name}”.\n\nMerge “{old}” into "
            f"“{existing_name}”? Its mentions, links, aliases and case entries move there "
            "(Ctrl+Z undoes it).",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, self,
        )  # fmt: skip
        box.setTextFormat(Qt.TextFormat.PlainText)  # names are untrusted text
        box.setDefaultButton(QMessageBox.StandardButton.Yes)
        if box.exec() != QMessageBox.StandardButton.Yes:
            self.message.show_message(f"“{existing_name}” already has that name; not renamed.")
            return False
        command = MergeEntitiesCommand(
            self.editor, existing_id, self.entity_id, f"Merge “{old}” into “{existing_name}”"
        )
        return self.editor.push(command)


def ask_edit_entity(parent: QWidget, editor: Editor, entity_id: int) -> bool:
    return EntityEditDialog(editor, entity_id, parent).exec() == QDialog.DialogCode.Accepted
