"""Create or edit a link between any two items by hand: a kind from a list (or the analyst's
own label), a note, and optionally the article and sentence that support it.

New link: ``LinkEditorDialog(editor, source_id=..., target_id=...)``; existing link:
``LinkEditorDialog(editor, link_id=...)`` (with a Delete button). Tests set the fields and
call ``accept()``.
"""

from __future__ import annotations

import html

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.services.dto import LinkView
from desktop.services.edit_support import get_link
from desktop.services.views import read
from desktop.ui.cases.widgets import edit_dialog_end
from desktop.ui.edit.commands import CreateLinkCommand, DeleteLinkCommand, UpdateLinkCommand
from desktop.ui.edit.picker import ItemPicker
from desktop.ui.icons import icon
from desktop.ui.undo import Editor
from desktop.vocab import (
    AFFILIATED_WITH,
    CUSTOM,
    MEMBER_OF,
    MET_WITH,
    PART_OF,
    RELATED_TO,
)

#: the kinds an analyst can choose, in the order offered, with their words
LINK_CHOICES: dict[str, str] = {
    AFFILIATED_WITH: "affiliated with",
    MEMBER_OF: "member of",
    PART_OF: "part of",
    MET_WITH: "met with",
    RELATED_TO: "related to",
    CUSTOM: "custom label…",
}


class LinkEditorDialog(QDialog):
    def __init__(self, editor: Editor, *, source_id: int | None = None,
                 target_id: int | None = None, link_id: int | None = None,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.setObjectName("LinkEditorDialog")
        self.editor = editor
        self.link: LinkView | None = None
        self.link_id = link_id
        self.created_id: int | None = None
        if link_id is not None:
            self.link = read(editor.library, get_link, link_id)
        self.setWindowTitle("Edit link" if self.link else "New link")
        self.setWindowIcon(icon("link", "#2b6cb0"))
        self.resize(680, 560 if self.link is None else 260)
        layout = QVBoxLayout(self)
        self.source = self.target = None
        if self.link is None:
            self.source = ItemPicker(editor.library, placeholder="From: type a name or title…")
            self.target = ItemPicker(editor.library, placeholder="To: type a name or title…")
            for picker, item_id in ((self.source, source_id), (self.target, target_id)):
                if item_id is not None:
                    picker.choose(item_id)
            swap = QPushButton("⇄")
            swap.setToolTip("Swap the two ends")
            swap.setFixedWidth(32)
            swap.clicked.connect(self.swap)
            ends = QHBoxLayout()
            for title, picker in (("From", self.source), ("To", self.target)):
                column = QVBoxLayout()
                heading = QLabel(title)
                heading.setObjectName("LinkHeading")
                column.addWidget(heading)
                column.addWidget(picker, 1)
                ends.addLayout(column, 1)
                if picker is self.source:
                    ends.addWidget(swap)
            layout.addLayout(ends, 1)
        else:
            ends_label = QLabel(
                f"<b>{html.escape(self.link.source.name)}</b> → "
                f"<b>{html.escape(self.link.target.name)}</b>"
            )
            layout.addWidget(ends_label)
        self.kind = QComboBox()
        for kind, words in LINK_CHOICES.items():
            self.kind.addItem(words, kind)
        self.kind.currentIndexChanged.connect(self._on_kind)
        self.label = QLineEdit()
        self.label.setPlaceholderText("Your own words, e.g. “negotiated with”")
        self.note = QLineEdit()
        self.note.setPlaceholderText("Optional: why you say so")
        form = QFormLayout()
        form.addRow("Kind", self.kind)
        form.addRow("Label", self.label)
        form.addRow("Note", self.note)
        layout.addLayout(form)
        self.evidence_box = QGroupBox("Evidence (optional): the article and sentence that say so")
        self.evidence_box.setCheckable(True)
        self.evidence_box.setChecked(False)
        self.article = ItemPicker(editor.library, kinds=["article"],
                                  placeholder="Type words of the article's title…")  # fmt: skip
        self.sentence = QPlainTextEdit()
        self.sentence.setPlaceholderText("Paste the supporting sentence")
        self.sentence.setMaximumHeight(70)
        self.article.list.setMaximumHeight(90)
        ev_layout = QVBoxLayout(self.evidence_box)
        ev_layout.addWidget(self.article, 1)
        ev_layout.addWidget(self.sentence)
        if self.link is None:
            layout.addWidget(self.evidence_box, 1)
        else:
            self.evidence_box.hide()
        self.message, buttons = edit_dialog_end(layout, self, editor.sig_error, save=True)
        if self.link is not None:
            delete = buttons.addButton("Delete link", QDialogButtonBox.ButtonRole.DestructiveRole)
            delete.setIcon(icon("delete", "#c53030"))
            delete.clicked.connect(self.delete_link)
        if self.link is not None:
            self.set_kind(self.link.kind, self.link.label)
            self.note.setText(self.link.note or "")
        self._on_kind()

    # --- fields ---------------------------------------------------------------------------
    def set_kind(self, kind: str, label: str = "") -> None:
        index = self.kind.findData(kind)
        self.kind.setCurrentIndex(index if index >= 0 else self.kind.findData(CUSTOM))
        self.label.setText(label)

    def _on_kind(self) -> None:
        custom = self.kind.currentData() == CUSTOM
        self.label.setEnabled(custom)
        if custom:
            self.label.setFocus()

    def swap(self) -> None:
        if self.source is None or self.target is None:
            return
        a, b = self.source.chosen_id(), self.target.chosen_id()
        if b is not None:
            self.source.choose(b)
        if a is not None:
            self.target.choose(a)

    def set_evidence(self, article_id: int, sentence: str) -> None:
        self.evidence_box.setChecked(True)
        self.article.choose(article_id)
        self.sentence.setPlainText(sentence)

    # --- saving -----------------------------------------------------------------------------
    def accept(self) -> None:
        if self.apply():
            super().accept()

    def apply(self) -> bool:
        kind = str(self.kind.currentData())
        label = self.label.text().strip() if kind == CUSTOM else ""
        note = self.note.text().strip()
        if kind == CUSTOM and not label:
            self.message.show_message("A custom link needs a label: say in your words what it is.")
            return False
        if self.link is not None:
            fields = {"kind": kind, "label": label, "note": note}
            old = {"kind": self.link.kind, "label": self.link.label, "note": self.link.note or ""}
            changed = {k: v for k, v in fields.items() if v != old[k]}
            if not changed:
                return True
            return self.editor.push(UpdateLinkCommand(self.editor, self.link.id, **changed))
        assert self.source is not None and self.target is not None
        source, target = self.source.chosen_id(), self.target.chosen_id()
        if source is None or target is None:
            self.message.show_message("Choose both ends of the link (type a name in each list).")
            return False
        evidence = None
        if self.evidence_box.isChecked():
            article, sentence = self.article.chosen_id(), self.sentence.toPlainText().strip()
            if article is None or not sentence:
                self.message.show_message("Evidence needs an article and its sentence.")
                return False
            evidence = (article, sentence)
        command = CreateLinkCommand(self.editor, source, target, kind, label=label,
                                    note=note or None, evidence=evidence)  # fmt: skip
        if not self.editor.push(command):
            return False
        self.created_id = command.link_id
        return True

    def delete_link(self) -> None:
        if self.link is not None and self.editor.push(DeleteLinkCommand(self.editor, self.link.id)):
            self.done(QDialog.DialogCode.Accepted)


def ask_new_link(parent: QWidget, editor: Editor, source_id: int | None = None,
                 target_id: int | None = None) -> int | None:  # fmt: skip
    dialog = LinkEditorDialog(editor, source_id=source_id, target_id=target_id, parent=parent)
    return dialog.created_id if dialog.exec() == QDialog.DialogCode.Accepted else None


def ask_edit_link(parent: QWidget, editor: Editor, link_id: int) -> bool:
    dialog = LinkEditorDialog(editor, link_id=link_id, parent=parent)
    return dialog.exec() == QDialog.DialogCode.Accepted
