"""Merge two entities: choose the one to merge into by typing (names of the same kind, most
alike first), see what will move, and merge — undoable, restoring both exactly.

``MergeDialog(editor, entity_id).exec()``; tests call ``picker.choose(id)`` then ``accept()``.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from desktop.services.dto import EntityView
from desktop.services.library import ItemNotFound, get_entity
from desktop.services.views import entity_pair, read
from desktop.ui.cases.widgets import edit_dialog_end
from desktop.ui.edit.commands import MergeEntitiesCommand
from desktop.ui.edit.picker import ItemPicker
from desktop.ui.icons import KIND_LABELS, kind_icon
from desktop.ui.undo import Editor


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def moves_text(gone: EntityView, keep: EntityView) -> str:
    """What a merge moves, in words (HTML, escaped)."""
    name, into = html.escape(gone.item.name), html.escape(keep.item.name)
    moving = [
        _count(len(gone.mentioned_in), "article mention") if gone.mentioned_in else "",
        _count(len(gone.links), "link") if gone.links else "",
        _count(len(gone.aliases), "name and alias") if gone.aliases else "",
        _count(len(gone.cases), "case membership") if gone.cases else "",
    ]
    listed = ", ".join(m for m in moving if m) or "nothing but its name"
    return (
        f"<b>{name}</b> will be merged into <b>{into}</b>.<br>"
        f"Moves to {into}: {listed}. “{name}” becomes an alias of {into}.<br>"
        "<span style='color:#6b7380'>You can undo the merge (Ctrl+Z).</span>"
    )


class MergeDialog(QDialog):
    def __init__(self, editor: Editor, entity_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("MergeDialog")
        self.editor, self.entity_id = editor, entity_id
        self.entity = read(editor.library, get_entity, entity_id)
        kind = self.entity.item.kind
        self.setWindowTitle(f"Merge {self.entity.item.name}")
        self.setWindowIcon(kind_icon(kind))
        self.resize(480, 460)
        what = KIND_LABELS.get(kind, kind).lower()
        intro = QLabel(f"Merge <b>{html.escape(self.entity.item.name)}</b> into another {what}:")
        self.picker = ItemPicker(editor.library, kinds=[kind], exclude=[entity_id],
                                 placeholder=f"Type the name of the {what} to keep…")  # fmt: skip
        self.picker.sig_chosen.connect(lambda _id: self.update_preview())
        self.keep_this = QCheckBox(f"Keep “{self.entity.item.name}” and merge the other into it")
        self.keep_this.toggled.connect(lambda _on: self.update_preview())
        self.preview = QLabel()
        self.preview.setTextFormat(Qt.TextFormat.RichText)  # escaped HTML (merge_summary)
        self.preview.setObjectName("MergePreview")
        self.preview.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.picker, 1)
        layout.addWidget(self.keep_this)
        layout.addWidget(self.preview)
        self.message, self.buttons = edit_dialog_end(layout, self, editor.sig_error, "Merge")
        self.picker.suggest_like(self.entity.item.name)
        self.update_preview()

    def ids(self) -> tuple[int, int] | None:
        """(keep, merge) as chosen, or None."""
        other = self.picker.chosen_id()
        if other is None:
            return None
        return (self.entity_id, other) if self.keep_this.isChecked() else (other, self.entity_id)

    def update_preview(self) -> None:
        ids = self.ids()
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ids is not None)
        if ids is None:
            self.preview.setText("Choose the entity to merge with.")
            return
        try:
            keep, gone = read(self.editor.library, entity_pair, ids[0], ids[1])
        except ItemNotFound as exc:
            self.preview.setText(html.escape(str(exc)))
            return
        self.preview.setText(moves_text(gone, keep))

    def accept(self) -> None:
        if self.apply():
            super().accept()

    def apply(self) -> bool:
        ids = self.ids()
        if ids is None:
            return False
        keep, merge = ids
        text = f"Merge into {self.picker.list.currentItem().text().split('   (')[0]}"
        if keep == self.entity_id:
            text = f"Merge into {self.entity.item.name}"
        return self.editor.push(MergeEntitiesCommand(self.editor, keep, merge, text))


def ask_merge(parent: QWidget, editor: Editor, entity_id: int) -> bool:
    return MergeDialog(editor, entity_id, parent).exec() == QDialog.DialogCode.Accepted
