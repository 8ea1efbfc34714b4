"""The case page shown in the centre when a case is selected: title, status, a Markdown
summary, the items (pinned first, drag to reorder, drop items in) and a note on each item.

Every edit is an undoable command (desktop/ui/cases/commands.py) on the window's QUndoStack;
the view reloads from the library whenever a change on the bus names its case or its items.

Embedding (the main window)::

    window.set_case_widget_factory(
        lambda library, bus, win: CaseView(library, undo_stack=win.undo_stack, bus=bus))

The window then calls ``show_case(id)``, ``on_changed(changes)``, ``select_item(id)``,
``selected_ids()``, ``current_item_id()`` and listens to ``sig_current_item_changed``; connect
``sig_item_activated`` to ``window.select_item`` as well if double-click should open an item.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QDragMoveEvent,
    QDropEvent,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.services.cases import CaseNotFound, get_case
from desktop.services.changes import Changes
from desktop.services.date_filter import ENTITY_DATES, case_item_days
from desktop.services.dto import CaseItemView
from desktop.services.dto import CaseView as CaseData
from desktop.services.views import read
from desktop.store.db import Library
from desktop.ui.cases.commands import (
    AddItemsCommand,
    PinItemsCommand,
    RemoveItemsCommand,
    ReorderItemsCommand,
    SetItemNoteCommand,
    UpdateCaseCommand,
)
from desktop.ui.cases.delegate import CaseItemDelegate
from desktop.ui.cases.itemlist import CaseItemListView, context_actions
from desktop.ui.cases.mime import has_item_ids, ids_from_mime
from desktop.ui.cases.model import CaseItemListModel, moved_order
from desktop.ui.cases.notes import NoteEditor
from desktop.ui.cases.widgets import InlineMessage, edited_text
from desktop.ui.date_range import DateRangeBar
from desktop.ui.icons import icon
from desktop.ui.models.roles import ItemIdRole
from desktop.ui.undo import Editor
from desktop.vocab import CASE_STATUSES

EMPTY_TEXT = (
    "This case is empty — drag articles, people or organizations here, "
    "or select them and press Ctrl+D (Add to case)."
)
STATUS_LABELS = {"open": "Open", "on hold": "On hold", "closed": "Closed"}
STATUS_COLORS = {"open": "#2f855a", "on hold": "#b7791f", "closed": "#718096"}
#: how the items can be ordered: (key, label)
ORDERS = (("yours", "Your order"), ("oldest", "Oldest first"), ("newest", "Newest first"))
#: the item filters show from this many items on (fewer fit on the page anyway)
FILTER_FROM = 6


class CaseView(QWidget):
    #: the item whose row is current (None when none), for the detail view
    sig_current_item_changed = Signal(object)
    #: an item double-clicked or opened with Enter
    sig_item_activated = Signal(int)

    def __init__(self, library: Library, *, undo_stack: QUndoStack | None = None, bus=None,  # noqa: ANN001
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.setObjectName("CaseView")
        self.setAcceptDrops(True)
        self.library = library
        self.editor = Editor(library, undo_stack, bus, self)
        self.case_id: int | None = None
        self.data: CaseData | None = None
        self._last_changes: Changes | None = None
        self._note_item: int | None = None
        self._order = "yours"
        self._days: dict[int, date] = {}  # item -> the date it sorts by (see date_filter)
        self._in_range: set[int] | None = None  # items in the date range; None: no range
        if bus is not None:
            bus.subscribe(self, self.on_changed)  # deferred while another page is shown
        self._build()
        self.editor.sig_error.connect(self.message.show_message)

    # --- construction -------------------------------------------------------------------------
    def _build(self) -> None:
        self.title_edit = QLineEdit()
        self.title_edit.setObjectName("CaseTitleEdit")
        self.title_edit.setPlaceholderText("Case title")
        self.title_edit.setToolTip("The case title: edit it here (Enter to save)")
        self.title_edit.editingFinished.connect(lambda: self.set_title(self.title_edit.text()))
        self.status_combo = QComboBox()
        self.status_combo.setObjectName("CaseStatus")
        self.status_combo.setToolTip("Status of the case file")
        for status in CASE_STATUSES:
            self.status_combo.addItem(icon("case", STATUS_COLORS[status]),
                                      STATUS_LABELS[status], status)  # fmt: skip
        self.status_combo.activated.connect(
            lambda i: self.set_status(str(self.status_combo.itemData(i)))
        )
        self.meta = QLabel()
        self.meta.setTextFormat(Qt.TextFormat.PlainText)
        self.meta.setObjectName("CaseMeta")
        head = QHBoxLayout()
        head.setSpacing(8)
        head.addWidget(self.title_edit, 1)
        head.addWidget(self.status_combo)
        self.message = InlineMessage()

        self.summary = NoteEditor("Summary", "What is this case about? What do we know so far? "
                                  "(Markdown; saved as you type)")  # fmt: skip
        self.summary.sig_save_requested.connect(self.set_summary)

        self.model = CaseItemListModel(self)
        self.model.sig_reorder_requested.connect(self.reorder)
        self.model.sig_add_requested.connect(self.add_items)
        self.list = CaseItemListView(self)
        self.list.setModel(self.model)
        self.list.setItemDelegate(CaseItemDelegate(self.list))
        self.list.setMinimumHeight(150)  # three rows, however small the page
        self.list.selectionModel().currentChanged.connect(self._on_current_changed)
        self.list.doubleClicked.connect(
            lambda index: self.sig_item_activated.emit(int(index.data(ItemIdRole)))
        )
        self.list.customContextMenuRequested.connect(self.on_context_menu)
        self.empty = QLabel(EMPTY_TEXT)
        self.empty.setObjectName("EmptyState")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.items_heading = QLabel("Items")
        self.items_heading.setObjectName("NoteHeading")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.list)
        self.stack.addWidget(self.empty)
        items_box = QWidget()
        items_layout = QVBoxLayout(items_box)
        items_layout.setContentsMargins(0, 0, 0, 0)
        items_layout.setSpacing(3)
        self.filter = QLineEdit()
        self.filter.setObjectName("CaseItemFilter")
        self.filter.setPlaceholderText("Filter items…")
        self.filter.setClearButtonEnabled(True)
        self.filter.setMaximumWidth(260)
        self.filter.addAction(icon("filter", "#8a8f98"), QLineEdit.ActionPosition.LeadingPosition)
        self.filter.textChanged.connect(self.apply_filter)
        self.dates = DateRangeBar("items", self)
        self.dates.setToolTip(ENTITY_DATES)
        for edit in (self.dates.from_edit, self.dates.to_edit):
            edit.setToolTip(f"{edit.toolTip()}\n{ENTITY_DATES}")
        self.dates.sig_changed.connect(self.apply_dates)
        self.order_combo = QComboBox()
        self.order_combo.setObjectName("CaseItemOrder")
        self.order_combo.setToolTip(f"Show the items in your order or by date.\n{ENTITY_DATES}")
        self.order_combo.setAccessibleName("Order of the items")
        for key, label in ORDERS:
            self.order_combo.addItem(label, key)
        self.order_combo.activated.connect(
            lambda i: self.set_order(str(self.order_combo.itemData(i)))
        )
        items_head = QHBoxLayout()
        items_head.addWidget(self.items_heading)
        items_head.addStretch(1)
        items_head.addWidget(self.order_combo)
        items_head.addWidget(self.dates)
        items_head.addWidget(self.filter)
        items_layout.addLayout(items_head)
        self.dates.chain(self.order_combo, self.filter)
        QWidget.setTabOrder(self.filter, self.list)
        items_layout.addWidget(self.stack, 1)

        self.note = NoteEditor("Note", "Why does this item matter here? (saved as you type)")
        self.note.sig_save_requested.connect(self._save_note)
        self.note.setEnabled(False)

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setChildrenCollapsible(False)
        for part, stretch in ((self.summary, 1), (items_box, 6), (self.note, 1)):
            self.splitter.addWidget(part)
            self.splitter.setStretchFactor(self.splitter.count() - 1, stretch)
        self.splitter.setSizes([110, 420, 100])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 6, 6)
        layout.setSpacing(6)
        layout.addLayout(head)
        layout.addWidget(self.meta)
        layout.addWidget(self.message)
        layout.addWidget(self.splitter, 1)
        self._set_enabled(False)

    def hideEvent(self, event) -> None:  # noqa: ANN001
        self.flush()  # leaving the page (or closing the window) never loses typing
        super().hideEvent(event)

    def _set_enabled(self, on: bool) -> None:
        for widget in (self.title_edit, self.status_combo, self.summary, self.list):
            widget.setEnabled(on)

    # --- showing a case -----------------------------------------------------------------------
    def show_case(self, case_id: int | None) -> None:
        """Shows a case; arriving at another case selects its first item, so the reader
        and the connections panel have something to show."""
        arriving = case_id != self.case_id
        if arriving:
            self.flush()
            self.case_id = case_id
            self._note_item = None
            self.clear_selection()
        self.reload()
        if arriving and self.current_item_id() is None and self.model.rowCount():
            self.select_item(self.model.ids()[0])

    def reload(self) -> None:
        """Everything from the library; the selection and anything still being typed stay."""
        selected, current = self.selected_ids(), self.current_item_id()
        data = None
        if self.case_id is not None:
            try:
                data = read(self.library, get_case, self.case_id)
            except CaseNotFound:
                data = None
        self.data = data
        self._set_enabled(data is not None)
        if data is None:
            self.title_edit.setText("")
            self.meta.setText("This case file no longer exists." if self.case_id else "")
            self.model.set_case(None)
            self.stack.setCurrentWidget(self.empty)
            self._show_note(None)
            return
        if not self.title_edit.hasFocus() or not self.title_edit.isModified():
            self.title_edit.setText(data.title)
            self.title_edit.setCursorPosition(0)  # a long title shows its start
            self.title_edit.setModified(False)
        blocked = self.status_combo.blockSignals(True)
        self.status_combo.setCurrentIndex(max(0, self.status_combo.findData(data.status)))
        self.status_combo.blockSignals(blocked)
        self.summary.set_note(data.summary, data.summary_edited_at)
        n = len(data.items)
        pinned = sum(1 for e in data.items if e.pinned)
        self.meta.setText(" · ".join(p for p in (
            f"{n} item{'s' if n != 1 else ''}", f"{pinned} pinned" if pinned else "",
            edited_text(data.updated_at, "updated"),
        ) if p))  # fmt: skip
        self._read_dates(data)
        blocked = self.list.selectionModel().blockSignals(True)
        try:
            self.model.set_case(data, self._ordered(data.items), self._days)
            self._restore_selection(selected, current)
        finally:
            self.list.selectionModel().blockSignals(blocked)
        self.stack.setCurrentWidget(self.list if n else self.empty)
        many = n >= FILTER_FROM
        self.filter.setVisible(many or bool(self.filter.text()))
        self.dates.setVisible(many or self.dates.active)
        self.order_combo.setVisible(many or self._order != "yours")
        self.apply_filter(self.filter.text())
        now = self.current_item_id()
        self._show_note(now, force=now != self._note_item)
        if now != current:
            self.sig_current_item_changed.emit(now)

    def apply_filter(self, text: str | None = None) -> int:
        """Hides the items whose name, detail and note do not contain ``text`` (the filter
        field's by default), or that are outside the date range; returns how many are shown.
        (Rows are hidden, not proxied, so dragging to reorder stays exact.)"""
        needle = " ".join((self.filter.text() if text is None else text).lower().split())
        in_range = self._in_range
        shown = 0
        for row in range(self.model.rowCount()):
            entry = self.model.entry(row)
            hay = f"{entry.item.name} {entry.detail} {entry.note}".lower() if entry else ""
            hidden = (bool(needle) and needle not in hay) or (
                in_range is not None and (entry is None or entry.item.id not in in_range)
            )
            self.list.setRowHidden(row, hidden)
            shown += not hidden
        n = self.model.rowCount()
        self.items_heading.setText(
            "Items" if not n else f"Items ({n})" if shown == n else f"Items ({shown} of {n})"
        )
        return shown

    # --- dates: a range and an order ------------------------------------------------------------
    def apply_dates(self, date_from: date | None, date_to: date | None) -> None:
        """Only the items dated in the range (the date fields changed): see ENTITY_DATES.
        The dates items sort by depend on the range, so the list is laid out again."""
        self.reload()

    def set_order(self, order: str) -> None:
        """ "yours" (the analyst's order, drag to change it), "oldest" or "newest" first: by
        the date each item sorts by, undated items last in the analyst's order."""
        self._order = order
        self.order_combo.setCurrentIndex(max(0, self.order_combo.findData(order)))
        self.model.reorder_enabled = order == "yours"
        self.reload()

    def _read_dates(self, data: CaseData) -> None:
        """The items dated in the range and their dates: read only when a range or a date
        order asks for them (two queries for the whole case)."""
        ranged = self.dates.active
        if not ranged and self._order == "yours":
            self._days, self._in_range = {}, None
            return
        self._days = read(
            self.library, case_item_days, data.id, self.dates.date_from, self.dates.date_to
        )
        self._in_range = set(self._days) if ranged else None

    def _ordered(self, items: Sequence[CaseItemView]) -> list[CaseItemView] | None:
        if self._order == "yours":
            return None
        days, sign = self._days, -1 if self._order == "newest" else 1
        # on one day, an article before the items it mentions; then the analyst's order
        dated = sorted(
            (e for e in items if e.item.id in days),
            key=lambda e: (sign * days[e.item.id].toordinal(), e.item.kind != "article"),
        )
        return dated + [e for e in items if e.item.id not in days]

    def _restore_selection(self, selected: Sequence[int], current: int | None) -> None:
        sel = self.list.selectionModel()
        for item_id in selected:
            row = self.model.row_of(item_id)
            if row is not None:
                sel.select(self.model.index(row), QItemSelectionModel.SelectionFlag.Select)
        row = self.model.row_of(current) if current is not None else None
        if row is not None:
            sel.setCurrentIndex(self.model.index(row), QItemSelectionModel.SelectionFlag.NoUpdate)

    def on_changed(self, changes: Changes) -> None:
        """Reload when a change names this case, one of its items, or everything."""
        if changes is self._last_changes or self.case_id is None:
            return
        self._last_changes = changes
        if (changes.everything or self.case_id in changes.cases
                or changes.items & set(self.model.ids())):  # fmt: skip
            self.reload()

    # --- selection (the window's protocol) ------------------------------------------------------
    def current_item_id(self) -> int | None:
        index = self.list.currentIndex()
        return int(index.data(ItemIdRole)) if index.isValid() else None

    def selected_ids(self) -> list[int]:
        rows = sorted(self.list.selectionModel().selectedRows(), key=lambda i: i.row())
        ids = [int(i.data(ItemIdRole)) for i in rows]
        current = self.current_item_id()
        return ids or ([current] if current is not None else [])

    def select_item(self, item_id: int) -> bool:
        row = self.model.row_of(item_id)
        if row is None:
            return False
        index = self.model.index(row)
        self.list.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        self.list.scrollTo(index)
        return True

    def clear_selection(self) -> None:
        self.list.selectionModel().clearCurrentIndex()
        self.list.clearSelection()

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        item_id = int(current.data(ItemIdRole)) if current.isValid() else None
        self._show_note(item_id, force=True)
        self.sig_current_item_changed.emit(item_id)

    # --- edits --------------------------------------------------------------------------------
    def _seen(self) -> int | None:
        """The case version shown: a save based on it never overwrites someone else's newer
        one (another window or analyst on a shared library); it is refused with a message."""
        return self.data.version if self.data is not None else None

    def _title(self) -> str:
        return self.data.title if self.data is not None else ""

    def set_title(self, title: str) -> bool:
        title = " ".join(title.split())
        if self.case_id is None or self.data is None or title == self.data.title:
            return False
        if not title:
            self.title_edit.setText(self.data.title)
            return False
        ok = self.editor.push(
            UpdateCaseCommand(self.editor, self.case_id, "title", title, self._seen())
        )
        if not ok:
            self.title_edit.setText(self.data.title)
        self.title_edit.setModified(False)
        return ok

    def set_status(self, status: str) -> bool:
        if self.case_id is None:
            return False
        return self.editor.push(
            UpdateCaseCommand(self.editor, self.case_id, "status", status, self._seen())
        )

    def set_summary(self, text: str) -> bool:
        if self.case_id is None:
            return False
        return self.editor.push(
            UpdateCaseCommand(self.editor, self.case_id, "summary", text, self._seen())
        )

    def add_items(self, item_ids: Sequence[int], row: int = -1) -> bool:
        """Adds items (those not yet in the case); dropped at ``row``, they go there."""
        if self.case_id is None or not item_ids:
            return False
        order = self.model.ids()
        with self.editor.macro(f"Add items to “{self._title()}”"):
            command = AddItemsCommand(self.editor, self.case_id, list(item_ids), self._title())
            ok = self.editor.push(command)
            if ok and command.added and 0 <= row < len(order):
                new_order = order[:row] + command.added + order[row:]
                self.editor.push(ReorderItemsCommand(self.editor, self.case_id, new_order))
        if ok and command.added:
            self.select_item(command.added[0])
        return ok

    def remove_items(self, item_ids: Sequence[int]) -> bool:
        if self.case_id is None or not item_ids:
            return False
        self.note.flush()
        return self.editor.push(RemoveItemsCommand(self.editor, self.case_id, item_ids))

    def remove_selected(self) -> bool:
        return self.remove_items(self.selected_ids())

    def reorder(self, order: Sequence[int]) -> bool:
        if self.case_id is None:
            return False
        return self.editor.push(ReorderItemsCommand(self.editor, self.case_id, list(order)))

    def move_item(self, item_id: int, row: int) -> bool:
        """Moves one item so it sits before the item now at ``row`` (-1: the end)."""
        return self.reorder(moved_order(self.model.ids(), [item_id], row))

    def set_pinned(self, item_ids: Sequence[int], pinned: bool) -> bool:
        if self.case_id is None or not item_ids:
            return False
        return self.editor.push(PinItemsCommand(self.editor, self.case_id, item_ids, pinned))

    def toggle_pin_selected(self) -> bool:
        ids = self.selected_ids()
        if not ids:
            return False
        all_pinned = all(bool((e := self._entry(i)) and e.pinned) for i in ids)
        return self.set_pinned(ids, not all_pinned)

    def _entry(self, item_id: int):  # noqa: ANN202
        row = self.model.row_of(item_id)
        return self.model.entry(row) if row is not None else None

    def set_item_note(self, item_id: int, note: str) -> bool:
        if self.case_id is None:
            return False
        row = self.model.row_of(item_id)
        entry = self.model.entry(row) if row is not None else None
        old = entry.note if entry is not None else None
        return self.editor.push(SetItemNoteCommand(self.editor, self.case_id, item_id, note, old))

    def edit_note(self, item_id: int | None = None) -> None:
        """Puts the cursor in the note of the item (the current one by default)."""
        if item_id is not None:
            self.select_item(item_id)
        if self.current_item_id() is not None:
            self.note.set_preview(False)
            self.note.editor.setFocus()

    def flush(self) -> None:
        """Saves whatever is still waiting on an autosave timer (switching case, closing)."""
        self.summary.flush()
        self.note.flush()

    # --- the note of the current item -------------------------------------------------------------
    def _show_note(self, item_id: int | None, *, force: bool = False) -> None:
        if force and self._note_item is not None and item_id != self._note_item:
            self.note.flush()
        self._note_item = item_id
        row = self.model.row_of(item_id) if item_id is not None else None
        entry = self.model.entry(row) if row is not None else None
        self.note.setEnabled(entry is not None)
        if entry is None:
            self.note.set_heading("Note")
            self.note.set_note("", None, force=True)
            self.note.editor.setPlaceholderText("Select an item to write a note on it.")
            return
        self.note.set_heading(f"Note on {entry.item.name}")
        self.note.editor.setPlaceholderText("Why does this item matter here? (saved as you type)")
        self.note.set_note(entry.note, entry.note_edited_at, force=force)

    def _save_note(self, text: str) -> None:
        if self._note_item is not None:
            self.set_item_note(self._note_item, text)

    # --- menus and drops ------------------------------------------------------------------------
    def context_actions(self) -> list[QAction]:
        """Open, pin/unpin, edit note, remove: for the selection."""
        return context_actions(self)

    def on_context_menu(self, pos: QPoint) -> None:
        index = self.list.indexAt(pos)
        if index.isValid() and not self.list.selectionModel().isSelected(index):
            self.list.setCurrentIndex(index)
        menu = QMenu(self)
        for action in self.context_actions():
            menu.addAction(action)
        menu.exec(self.list.viewport().mapToGlobal(pos))

    def dragEnterEvent(self, event: QDragMoveEvent) -> None:  # also answers dragMoveEvent
        if self.case_id is not None and self.data is not None and has_item_ids(event.mimeData()):
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        self.dragEnterEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        """Drops outside the list (the empty state, the header) add at the end."""
        ids = ids_from_mime(event.mimeData())
        if ids and self.add_items(ids):
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
        else:
            event.ignore()
