"""Reviewing one article's suggestions from the keyboard: Up/Down move; C or Enter confirm;
R or Delete reject; Shift+C / Shift+R confirm or reject every suggestion of the current one's
kind; N never suggest this name again (the library's list, editable under Settings); F2 rename; M merge; A confirm all remaining; Ctrl+Enter mark the article
reviewed (it leaves the Inbox). Every action is an undoable command.

Embedding (the main window)::

    review = ReviewPanel(library, undo_stack=window.undo_stack, bus=window.bus)
    dock = window._dock("Review", "ReviewDock", review, Qt.DockWidgetArea.RightDockWidgetArea)
    # when an article is shown:      review.set_article(article_id)   (None for an entity)
    review.sig_item_activated.connect(window.select_item)
    review.sig_reviewed.connect(...)  # e.g. go to the next Inbox article

``sig_current_suggestion_changed(Suggestion | None)`` lets the reader scroll to the mention.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QKeyEvent, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListView,
    QMenu,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.services.changes import Changes
from desktop.services.library import ItemNotFound
from desktop.services.review import Suggestion
from desktop.services.views import article_review, read
from desktop.store.db import Library
from desktop.ui.cases.widgets import InlineMessage
from desktop.ui.edit.commands import (
    MarkReviewedCommand,
    MergeEntitiesCommand,
    NeverSuggestCommand,
    RenameEntityCommand,
    SetSuggestionStatusCommand,
)
from desktop.ui.icons import NEUTRAL, icon
from desktop.ui.models.roles import ItemIdRole, RowRole
from desktop.ui.review.model import SuggestionDelegate, SuggestionModel
from desktop.ui.theme import style_as
from desktop.ui.undo import Editor
from desktop.vocab import ARTICLE, CONFIRMED, MENTIONS, REJECTED, SUGGESTED

REVIEW_KEYS = (Qt.Key.Key_C, Qt.Key.Key_R, Qt.Key.Key_M, Qt.Key.Key_A, Qt.Key.Key_F2,
               Qt.Key.Key_N, Qt.Key.Key_Delete, Qt.Key.Key_Backspace)  # fmt: skip
HINT = (
    "C confirm · R reject · Shift+C/Shift+R all of that kind · N never suggest this name · "
    "F2 rename · M merge · A confirm all · Ctrl+Enter reviewed"
)
EMPTY_NONE = "Select an article to review what was found in it."
EMPTY_ARTICLE = (
    "Nothing was suggested in this article. Mark it reviewed to clear it from the Inbox."
)


def triage_kind(suggestion: Suggestion) -> str:
    """What "all of this kind" means for bulk triage: the entity kind for a mention, else
    the link kind (citations), as a plural for messages."""
    kind = suggestion.item.kind if suggestion.kind == MENTIONS else suggestion.kind
    return {"person": "people", "country": "countries", "cites": "citations"}.get(kind, f"{kind}s")


def ask_name(parent: QWidget, current: str) -> str | None:
    """The new name for F2 (a seam tests replace)."""
    text, ok = QInputDialog.getText(parent, "Rename", "New name:", text=current)
    text = " ".join(text.split())
    return text if ok and text else None


def ask_merge_target(parent: QWidget, editor: Editor, entity_id: int) -> bool:
    """M: the merge dialog (a seam tests replace)."""
    from desktop.ui.edit.merge import ask_merge

    return ask_merge(parent, editor, entity_id)


class ReviewPanel(QWidget):
    #: an item double-clicked (the entity, or the cited article)
    sig_item_activated = Signal(int)
    #: the article was marked reviewed (or back to unreviewed): article id
    sig_reviewed = Signal(int)
    #: the suggestion under the cursor (Suggestion | None), e.g. to scroll the reader to it
    sig_current_suggestion_changed = Signal(object)

    def __init__(self, library: Library, *, undo_stack: QUndoStack | None = None, bus=None,  # noqa: ANN001
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.setObjectName("ReviewPanel")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.library = library
        self.editor = Editor(library, undo_stack, bus, self)
        self.article_id: int | None = None
        self.reviewed = False
        self._last_changes: Changes | None = None
        self.title = QLabel()
        self.title.setObjectName("ReviewTitle")
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.progress = QLabel()
        self.progress.setObjectName("ReviewProgress")
        self.message = InlineMessage()
        self.model = SuggestionModel(self)
        self.list = QListView()
        self.list.setObjectName("SuggestionList")
        self.list.setModel(self.model)
        self.list.setItemDelegate(SuggestionDelegate(self.list))
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.setUniformItemSizes(True)
        self.list.setAlternatingRowColors(True)
        style_as(self.list, "cards")
        self.list.installEventFilter(self)
        self.list.doubleClicked.connect(
            lambda i: self.sig_item_activated.emit(int(i.data(ItemIdRole)))
        )
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list.customContextMenuRequested.connect(self._show_menu)
        self.list.selectionModel().currentChanged.connect(
            lambda cur, _prev: self.sig_current_suggestion_changed.emit(cur.data(RowRole))
        )
        self.setFocusProxy(self.list)
        self.empty = QLabel(EMPTY_NONE)
        self.empty.setObjectName("EmptyState")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.list)
        self.stack.addWidget(self.empty)
        self.buttons: dict[str, QToolButton] = {}
        bar = QHBoxLayout()
        bar.setSpacing(2)
        for key, text, icon_key, color, tip, slot in (
            ("confirm", "Confirm", "confirm", "#2f855a", "Confirm (C or Enter)", self.confirm_selected),
            ("reject", "Reject", "reject", "#c53030", "Reject (R or Delete)", self.reject_selected),
            ("rename", "Rename", "rename", NEUTRAL, "Rename the entity (F2)", self.rename_current),
            ("merge", "Merge", "merge", NEUTRAL, "Merge into another entity (M)", self.merge_current),
            ("all", "All", "confirm", "#2b6cb0", "Confirm all remaining (A)", self.confirm_all),
        ):  # fmt: skip
            self.buttons[key] = self._button(text, icon(icon_key, color), tip, slot)
            bar.addWidget(self.buttons[key])
        bar.addStretch(1)
        self.reviewed_button = self._button("Mark reviewed", icon("inbox", "#2b6cb0"),
                                            "Mark the article reviewed (Ctrl+Enter)",
                                            self.toggle_reviewed)  # fmt: skip
        self.reviewed_button.setObjectName("MarkReviewed")
        head = QHBoxLayout()  # beside the progress, not the buttons: the dock fits narrow
        head.addWidget(self.progress, 1)
        head.addWidget(self.reviewed_button)
        self.hint = QLabel(HINT)
        self.hint.setObjectName("ReviewHint")
        self.hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(5)
        layout.addWidget(self.title)
        layout.addLayout(head)
        layout.addWidget(self.message)
        layout.addLayout(bar)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.hint)
        if bus is not None:
            bus.sig_changed.connect(self.on_changed)
        self.editor.sig_error.connect(self.message.show_message)
        self.set_article(None)

    def _button(self, text: str, ic, tip: str, slot) -> QToolButton:  # noqa: ANN001
        button = QToolButton()
        button.setText(text)
        button.setIcon(ic)
        button.setToolTip(tip)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.clicked.connect(lambda _c=False: slot())
        return button

    # --- what is shown ------------------------------------------------------------------------
    def set_article(self, article_id: int | None) -> None:
        if article_id != self.article_id:
            self.article_id = article_id
            self.reload(keep=False)
        else:
            self.reload()

    def reload(self, *, keep: bool = True) -> None:
        current = self.current_suggestion() if keep else None
        row = self.list.currentIndex().row() if keep else 0
        rows: list[Suggestion] = []
        article = None
        if self.article_id is not None:
            try:
                article, rows = read(self.library, article_review, self.article_id)
            except ItemNotFound:
                article = None
        self.model.set_suggestions(rows)
        self.reviewed = bool(article and article.reviewed)
        enabled = article is not None and not article.placeholder
        for button in self.buttons.values():
            button.setEnabled(enabled and bool(rows))
        self.reviewed_button.setEnabled(enabled)
        self.reviewed_button.setText("Back to Inbox" if self.reviewed else "Mark reviewed")
        if article is None:
            self.title.setText("Review")
            self.progress.setText("")
            self.empty.setText(EMPTY_NONE)
            self.stack.setCurrentWidget(self.empty)
            return
        self.title.setText(article.item.name)
        counts = self.model.counts()
        done = counts[CONFIRMED] + counts[REJECTED]
        state = "reviewed" if self.reviewed else "in the Inbox"
        self.progress.setText(
            f"{done} of {len(rows)} decided · {counts[CONFIRMED]} confirmed · "
            f"{counts[REJECTED]} rejected · {state}"
        )
        self.empty.setText(EMPTY_ARTICLE if not article.placeholder else
                           "A cited article not imported yet: nothing to review.")  # fmt: skip
        self.stack.setCurrentWidget(self.list if rows else self.empty)
        target = self.model.row_of_link(current.link_id) if current is not None else None
        if target is None and rows:
            target = min(max(row, 0), len(rows) - 1)
        if target is not None:
            self._set_row(target)

    def on_changed(self, changes: Changes) -> None:
        if changes is self._last_changes or self.article_id is None:
            return
        self._last_changes = changes
        ids = {s.item.id for s in self.model.suggestions()}
        links = {s.link_id for s in self.model.suggestions()}
        if (changes.everything or self.article_id in changes.articles
                or changes.links & links or changes.entities & ids):  # fmt: skip
            self.reload()

    # --- the cursor ---------------------------------------------------------------------------
    def _set_row(self, row: int) -> None:
        index = self.model.index(row)
        self.list.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        self.list.scrollTo(index)

    def current_suggestion(self) -> Suggestion | None:
        return self.model.suggestion(self.list.currentIndex().row())

    def selected_suggestions(self) -> list[Suggestion]:
        rows = sorted(i.row() for i in self.list.selectionModel().selectedRows())
        chosen = [s for r in rows if (s := self.model.suggestion(r)) is not None]
        current = self.current_suggestion()
        return chosen or ([current] if current is not None else [])

    def step_selection(self, step: int) -> None:
        if self.model.rowCount():
            row = self.list.currentIndex().row()
            self._set_row(max(0, min(self.model.rowCount() - 1, row + step)))

    def select_link(self, link_id: int) -> bool:
        row = self.model.row_of_link(link_id)
        if row is not None:
            self._set_row(row)
        return row is not None

    def _advance(self, after: int) -> None:
        """The next suggestion still to decide after ``after`` (or stay)."""
        rows = self.model.suggestions()
        for row in [*range(after + 1, len(rows)), *range(0, after + 1)]:
            if rows[row].status == SUGGESTED:
                self._set_row(row)
                return
        if rows:
            self._set_row(min(after + 1, len(rows) - 1))

    # --- actions ------------------------------------------------------------------------------
    def set_status(self, suggestions: Sequence[Suggestion], status: str) -> bool:
        if not suggestions:
            return False
        last = max(self.model.row_of_link(s.link_id) or 0 for s in suggestions)
        ids = [s.link_id for s in suggestions]
        ok = self.editor.push(SetSuggestionStatusCommand(self.editor, ids, status))
        if ok and len(ids) < self.model.rowCount():
            self._advance(last)
        return ok

    def confirm_selected(self) -> bool:
        return self.set_status(self.selected_suggestions(), CONFIRMED)

    def reject_selected(self) -> bool:
        return self.set_status(self.selected_suggestions(), REJECTED)

    def confirm_all(self) -> bool:
        """Confirms every suggestion still to decide (rejected ones stay rejected)."""
        todo = [s for s in self.model.suggestions() if s.status == SUGGESTED]
        if not todo:
            return False
        return self.editor.push(
            SetSuggestionStatusCommand(self.editor, [s.link_id for s in todo], CONFIRMED)
        )

    def set_status_of_kind(self, status: str) -> bool:
        """Shift+C / Shift+R: every suggestion of the current one's kind (all places, all
        citations…) still to decide, in one undo step."""
        current = self.current_suggestion()
        if current is None:
            return False
        kind = triage_kind(current)
        todo = [s for s in self.model.suggestions()
                if s.status == SUGGESTED and triage_kind(s) == kind]  # fmt: skip
        if not todo:
            self.message.show_message(f"No {kind} left to decide in this article.")
            return False
        return self.editor.push(
            SetSuggestionStatusCommand(self.editor, [s.link_id for s in todo], status)
        )

    def _entity(self, done: str = "renamed or merged") -> Suggestion | None:
        s = self.current_suggestion()
        if s is None:
            return None
        if s.kind != MENTIONS or s.item.kind == ARTICLE:
            self.message.show_message(f"Only people, organizations, places and groups can be "
                                      f"{done} here.")  # fmt: skip
            return None
        return s

    def rename_current(self, name: str | None = None) -> bool:
        s = self._entity()
        if s is None:
            return False
        name = name if name is not None else ask_name(self, s.item.name)
        if not name or name == s.item.name:
            return False
        return self.editor.push(RenameEntityCommand(self.editor, s.item.id, name))

    def merge_current(self, into_id: int | None = None) -> bool:
        """Merge the current suggestion's entity into ``into_id`` (asks when not given)."""
        s = self._entity()
        if s is None:
            return False
        if into_id is None:
            return ask_merge_target(self, self.editor, s.item.id)
        return self.editor.push(MergeEntitiesCommand(self.editor, into_id, s.item.id))

    def never_suggest_current(self) -> bool:
        """N: the current suggestion's name goes on the library's "never suggest" list, and
        what this article suggests about it (the mention, its links) is rejected; one undo
        step restores both."""
        s = self._entity("kept from being suggested")
        if s is None:
            return False
        entity = s.item.id
        links = [x.link_id for x in self.model.suggestions()
                 if x.status == SUGGESTED and entity in (x.item.id, x.other and x.other.id)]  # fmt: skip
        if s.link_id not in links:
            links.append(s.link_id)
        row = self.list.currentIndex().row()
        ok = self.editor.push(NeverSuggestCommand(self.editor, s.item.name, links))
        if ok:
            self._advance(row)
        return ok

    def menu(self) -> QMenu:
        """The suggestion list's context menu (the same commands as the keys)."""
        menu = QMenu(self)
        current = self.current_suggestion()
        for text, slot in (("Confirm\tC", self.confirm_selected),
                           ("Reject\tR", self.reject_selected)):  # fmt: skip
            menu.addAction(text).triggered.connect(lambda _c=False, f=slot: f())
        entity = current is not None and current.kind == MENTIONS and current.item.kind != ARTICLE
        name = current.item.name.replace("&", "&&") if entity and current else "this name"
        never = menu.addAction(f"Never suggest “{name}”\tN")  # "&" shown, not a mnemonic
        never.setObjectName("NeverSuggest")
        never.setEnabled(bool(entity))
        never.triggered.connect(lambda _c=False: self.never_suggest_current())
        menu.addSeparator()
        for text, slot in (("Rename…\tF2", self.rename_current),
                           ("Merge into…\tM", self.merge_current)):  # fmt: skip
            action = menu.addAction(text)
            action.setEnabled(bool(entity))
            action.triggered.connect(lambda _c=False, f=slot: f())
        return menu

    def _show_menu(self, pos: QPoint) -> None:
        if self.current_suggestion() is not None:
            self.menu().exec(self.list.viewport().mapToGlobal(pos))

    def mark_reviewed(self, reviewed: bool = True) -> bool:
        if self.article_id is None:
            return False
        ok = self.editor.push(MarkReviewedCommand(self.editor, [self.article_id], reviewed))
        if ok:
            self.sig_reviewed.emit(self.article_id)
        return ok

    def toggle_reviewed(self) -> bool:
        return self.mark_reviewed(not self.reviewed)

    # --- keyboard -----------------------------------------------------------------------------
    def handle_key(self, event: QKeyEvent) -> bool:
        key, mods = event.key(), event.modifiers()
        ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
        enter = key in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if ctrl and enter:
            self.toggle_reviewed()
        elif ctrl or mods & Qt.KeyboardModifier.AltModifier:
            return False
        elif mods & Qt.KeyboardModifier.ShiftModifier and key in (Qt.Key.Key_C, Qt.Key.Key_R):
            self.set_status_of_kind(CONFIRMED if key == Qt.Key.Key_C else REJECTED)
        elif key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.step_selection(-1 if key == Qt.Key.Key_Up else 1)
        elif key == Qt.Key.Key_C or enter:
            self.confirm_selected()
        elif key in (Qt.Key.Key_R, Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.reject_selected()
        elif key == Qt.Key.Key_F2:
            self.rename_current()
        elif key == Qt.Key.Key_M:
            self.merge_current()
        elif key == Qt.Key.Key_N:
            self.never_suggest_current()
        elif key == Qt.Key.Key_A:
            self.confirm_all()
        else:
            return False
        return True

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self.handle_key(event):
            super().keyPressEvent(event)

    @staticmethod
    def _is_review_key(event: QKeyEvent) -> bool:
        """Keys the panel claims from the window's shortcuts (F2 is "Rename case" there)."""
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if mods == Qt.KeyboardModifier.ControlModifier:
            return enter
        if mods == Qt.KeyboardModifier.ShiftModifier:
            return event.key() in (Qt.Key.Key_C, Qt.Key.Key_R)
        return mods == Qt.KeyboardModifier.NoModifier and (enter or event.key() in REVIEW_KEYS)

    def event(self, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and self._is_review_key(event)
        ):
            event.accept()
            return True
        return super().event(event)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is not self.list or not isinstance(event, QKeyEvent):
            return super().eventFilter(obj, event)
        if event.type() == QEvent.Type.ShortcutOverride:
            if self._is_review_key(event):
                event.accept()
                return True
            return False
        if event.type() == QEvent.Type.KeyPress:
            key = event.key()
            if key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
                return False  # the list moves itself (and extends with Shift)
            return self.handle_key(event)
        return super().eventFilter(obj, event)
