"""Case dialogs: add the selection to a case (choose by typing, or create one on the spot),
new case, rename case, delete case. Each ``ask_…`` function shows its dialog and pushes the
edit as an undoable command; tests drive the dialog classes through their methods instead.

Wiring (Ctrl+D from anywhere, with the window's current multi-selection)::

    editor = Editor(window.library, window.undo_stack, window.bus)
    actions.set_handler("case.add", lambda: ask_add_to_case(window, editor,
                        window.current_item_ids(), window.navigator.current_case_id()))
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.services import cases as case_service
from desktop.services.dto import CaseRef
from desktop.services.views import case_choices, read
from desktop.ui.cases.commands import (
    AddItemsCommand,
    CreateCaseCommand,
    DeleteCaseCommand,
    UpdateCaseCommand,
)
from desktop.ui.cases.widgets import (
    dialog_buttons,
    edit_dialog_end,
    steer_list,
)
from desktop.ui.icons import icon
from desktop.ui.plain import ask
from desktop.ui.theme import style_as
from desktop.ui.undo import Editor

NEW = -1  # the id of the "create a new case" row


class AddToCaseDialog(QDialog):
    """Type to narrow the cases; Enter picks the highlighted one. Typing a title no case has
    offers to create it."""

    def __init__(self, cases: Sequence[CaseRef], counts: dict[int, int], n_items: int,
                 current_case_id: int | None = None, parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.setObjectName("AddToCaseDialog")
        self.setWindowTitle("Add to case")
        self.setWindowIcon(icon("add-to-case", "#2b6cb0"))
        self.resize(420, 380)
        self._cases, self._counts = list(cases), counts
        what = "the selected item" if n_items == 1 else f"the {n_items} selected items"
        prompt = QLabel(f"Add {what} to:")
        self.filter = QLineEdit()
        self.filter.setObjectName("CaseFilter")
        self.filter.setPlaceholderText("Type a case title, or a new title to create a case…")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self.refill)
        self.list = QListWidget()
        self.list.setObjectName("CaseChoices")
        style_as(self.list, "cards")
        self.list.itemDoubleClicked.connect(lambda _i: self.accept())
        self.buttons = dialog_buttons(self, "Add")
        layout = QVBoxLayout(self)
        layout.addWidget(prompt)
        layout.addWidget(self.filter)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.buttons)
        self.filter.installEventFilter(self)
        self.refill("")
        if current_case_id is not None:
            for row in range(self.list.count()):
                if self.list.item(row).data(Qt.ItemDataRole.UserRole) == current_case_id:
                    self.list.setCurrentRow(row)

    def eventFilter(self, obj, event) -> bool:  # noqa: ANN001
        """Up/Down in the filter move through the list, as in a quick-open palette."""
        if obj is self.filter and steer_list(event, self.list):
            return True
        return super().eventFilter(obj, event)

    def refill(self, text: str) -> None:
        text = " ".join(text.split())
        needle = text.lower()
        self.list.clear()
        exact = False
        for case in self._cases:
            if needle and needle not in case.title.lower():
                continue
            exact = exact or case.title.lower() == needle
            n = self._counts.get(case.id, 0)
            row = QListWidgetItem(icon("case", "#2b6cb0"),
                                  f"{case.title}   ·  {n} item{'s' if n != 1 else ''}, {case.status}")  # fmt: skip
            row.setData(Qt.ItemDataRole.UserRole, case.id)
            self.list.addItem(row)
        if text and not exact:
            row = QListWidgetItem(icon("new-case", "#2f855a"), f"New case “{text}”")
            row.setData(Qt.ItemDataRole.UserRole, NEW)
            self.list.addItem(row)
        if not self._cases and not text:
            hint = QListWidgetItem("No case files yet: type a title to create one.")
            hint.setFlags(Qt.ItemFlag.NoItemFlags)
            self.list.addItem(hint)
        first = next((r for r in range(self.list.count())
                      if self.list.item(r).flags() & Qt.ItemFlag.ItemIsEnabled), -1)  # fmt: skip
        self.list.setCurrentRow(first)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(first >= 0)

    def choice(self) -> tuple[int | None, str]:
        """(case id, "") for an existing case, (None, title) for a new one, (None, "") none."""
        row = self.list.currentItem()
        if row is None or not row.flags() & Qt.ItemFlag.ItemIsEnabled:
            return None, ""
        case_id = row.data(Qt.ItemDataRole.UserRole)
        if case_id == NEW:
            return None, " ".join(self.filter.text().split())
        return int(case_id), ""


def add_to_case(editor: Editor, item_ids: Sequence[int], case_id: int | None,
                new_title: str = "") -> int | None:  # fmt: skip
    """Adds to an existing case, or creates the case first (one undo step)."""
    if not item_ids or (case_id is None and not new_title):
        return None
    with editor.macro(f"Add to “{new_title}”" if new_title else "Add to case"):
        if case_id is None:
            create = CreateCaseCommand(editor, new_title)
            if not editor.push(create):
                return None
            case_id = create.case_id
        editor.push(AddItemsCommand(editor, case_id, item_ids, new_title))
    return case_id


def ask_add_to_case(parent: QWidget, editor: Editor, item_ids: Sequence[int],
                    current_case_id: int | None = None) -> int | None:  # fmt: skip
    """Ctrl+D: asks which case (or a new one) and adds the items. Returns the case id."""
    if not item_ids:
        return None
    cases, counts = read(editor.library, case_choices)
    dialog = AddToCaseDialog(cases, counts, len(item_ids), current_case_id, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    case_id, title = dialog.choice()
    return add_to_case(editor, item_ids, case_id, title)


class CaseDetailsDialog(QDialog):
    """New case (title and an optional summary) or rename (title only)."""

    def __init__(self, editor: Editor, *, case_id: int | None = None, title: str = "",
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.editor, self.case_id = editor, case_id
        self.created_id: int | None = None
        self.setObjectName("CaseDetailsDialog")
        self.setWindowTitle("Rename case" if case_id else "New case")
        self.resize(440, 260 if case_id is None else 120)
        self.title = QLineEdit(title)
        self.title.setPlaceholderText("e.g. U.S.–ROK export control coordination")
        self.summary = QPlainTextEdit()
        self.summary.setPlaceholderText("What question does this case answer? (optional)")
        form = QFormLayout()
        form.addRow("Title", self.title)
        if case_id is None:
            form.addRow("Summary", self.summary)
        else:
            self.summary.hide()
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        self.message, _buttons = edit_dialog_end(
            layout, self, editor.sig_error, "Rename" if case_id else "Create"
        )
        self.summary.installEventFilter(self)  # Ctrl+Enter submits from its many lines

    def eventFilter(self, obj, event) -> bool:  # noqa: ANN001
        if (obj is self.summary and event.type() == QEvent.Type.KeyPress
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and event.modifiers() & Qt.KeyboardModifier.ControlModifier):  # fmt: skip
            self.accept()
            return True
        return super().eventFilter(obj, event)

    def accept(self) -> None:
        """Stores the edit; stays open with the reason when the library refuses it."""
        title = " ".join(self.title.text().split())
        if self.case_id is None:
            command = CreateCaseCommand(self.editor, title, self.summary.toPlainText().strip())
            if self.editor.push(command):
                self.created_id = command.case_id
                super().accept()
        elif self.editor.push(UpdateCaseCommand(self.editor, self.case_id, "title", title)):
            super().accept()


def ask_new_case(parent: QWidget, editor: Editor) -> int | None:
    dialog = CaseDetailsDialog(editor, parent=parent)
    return dialog.created_id if dialog.exec() == QDialog.DialogCode.Accepted else None


def ask_rename_case(parent: QWidget, editor: Editor, case_id: int) -> bool:
    title = read(editor.library, case_service.get_case, case_id).title
    dialog = CaseDetailsDialog(editor, case_id=case_id, title=title, parent=parent)
    return dialog.exec() == QDialog.DialogCode.Accepted


def delete_question(title: str, n_items: int) -> str:
    held = f"the {n_items} item{'s' if n_items != 1 else ''} it holds" if n_items else "its items"
    return (
        f"Delete the case file “{title}”?\n\nIts summary and notes go with it. The articles, "
        f"people and organizations — {held} — stay in your library.\n\n"
        "You can undo this with Ctrl+Z."
    )


def ask_delete_case(parent: QWidget, editor: Editor, case_id: int) -> bool:
    case = read(editor.library, case_service.get_case, case_id)
    answer = ask(
        parent, "Delete case", delete_question(case.title, len(case.items)),
        icon=QMessageBox.Icon.Question,
        buttons=QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        default=QMessageBox.StandardButton.Cancel,
    )  # fmt: skip
    if answer != QMessageBox.StandardButton.Yes:
        return False
    return editor.push(DeleteCaseCommand(editor, case_id, case.title))
