"""Choose an item by typing its name: articles, people, organizations… (quick-open matching
over names and aliases), optionally narrowed to some kinds and excluding some ids."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from desktop.services.library import SECTIONS, get_ref
from desktop.services.views import most_mentioned, name_index, quick_matches, read
from desktop.store.db import Library
from desktop.ui.cases.widgets import steer_list
from desktop.ui.icons import KIND_LABELS, kind_icon
from desktop.ui.theme import style_as

LIMIT = 30


class ItemPicker(QWidget):
    #: the chosen item id (None when nothing is chosen)
    sig_chosen = Signal(object)

    def __init__(self, library: Library, *, kinds: Iterable[str] | None = None,
                 exclude: Iterable[int] = (), placeholder: str = "Type a name…",
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self._library = library
        self._kinds = set(kinds) if kinds else None
        self._exclude = set(exclude)
        self._names = read(library, name_index)
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(placeholder)
        self.edit.setClearButtonEnabled(True)
        self.edit.textChanged.connect(self.refill)
        self.edit.installEventFilter(self)
        self.list = QListWidget()
        self.list.setObjectName("PickerList")
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setUniformItemSizes(True)
        style_as(self.list, "cards")
        self.list.currentItemChanged.connect(lambda *_: self.sig_chosen.emit(self.chosen_id()))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.edit)
        layout.addWidget(self.list, 1)

    def eventFilter(self, obj, event) -> bool:  # noqa: ANN001
        if obj is self.edit and steer_list(event, self.list):
            return True
        return super().eventFilter(obj, event)

    def refill(self, text: str, seed: str = "") -> None:
        """Matches for ``text`` (or, when empty, names like ``seed``)."""
        query = text.strip() or seed
        self.list.clear()
        if not query:
            return
        matches = read(self._library, quick_matches, query, LIMIT * 2, self._names)
        for match in matches:
            if match.kind in ("case", "command") or match.id in self._exclude:
                continue
            if self._kinds is not None and match.kind not in self._kinds:
                continue
            label = match.name
            if match.matched != match.name:
                label += f"   (also “{match.matched}”)"
            row = QListWidgetItem(kind_icon(match.kind), label)
            row.setToolTip(KIND_LABELS.get(match.kind, match.kind))
            row.setData(Qt.ItemDataRole.UserRole, match.id)
            self.list.addItem(row)
            if self.list.count() >= LIMIT:
                break
        if self.list.count():
            self.list.setCurrentRow(0)

    def suggest_like(self, name: str) -> None:
        """Nothing typed yet: the names most like ``name``, else the most mentioned of the
        kinds asked for (so the list is never blank before typing)."""
        self.refill("", seed=name)
        if self.list.count() or self._kinds is None:
            return
        sections = [s for s, kinds in SECTIONS.items() if set(kinds) & self._kinds]
        rows = read(self._library, most_mentioned, sections, LIMIT * 2)
        for row in rows:
            if row.kind in self._kinds and row.id not in self._exclude:
                item = QListWidgetItem(kind_icon(row.kind), row.name)
                item.setData(Qt.ItemDataRole.UserRole, row.id)
                self.list.addItem(item)
            if self.list.count() >= LIMIT:
                break

    def chosen_id(self) -> int | None:
        row = self.list.currentItem()
        return int(row.data(Qt.ItemDataRole.UserRole)) if row is not None else None

    def choose(self, item_id: int) -> bool:
        """Select an item by id (it is added to the list when not there)."""
        for row in range(self.list.count()):
            if self.list.item(row).data(Qt.ItemDataRole.UserRole) == item_id:
                self.list.setCurrentRow(row)
                return True
        ref = read(self._library, get_ref, item_id)
        if self._kinds is not None and ref.kind not in self._kinds or item_id in self._exclude:
            return False
        row_item = QListWidgetItem(kind_icon(ref.kind), ref.name)
        row_item.setData(Qt.ItemDataRole.UserRole, ref.id)
        self.list.insertItem(0, row_item)
        self.list.setCurrentRow(0)
        return True
