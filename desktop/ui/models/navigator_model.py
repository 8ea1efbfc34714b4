"""The navigator's tree: "Case files" (each case with its item count) and "Library" (the
sections with counts, and the Inbox). Nodes are updated in place when counts change, so the
user's selection survives a refresh.

This module is part of the window's first paint, which comes before the database stack is
imported: it must not import desktop.services modules that pull in SQLAlchemy (dto is plain
dataclasses).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QFont, QStandardItem, QStandardItemModel

from desktop.services.dto import CaseRef
from desktop.ui.icons import icon
from desktop.ui.models.roles import CountRole, NodeRole
from desktop.ui.plain import tooltip

#: library sections in navigator order, with their icon keys
LIBRARY_NODES: tuple[tuple[str, str], ...] = (
    ("articles", "article"),
    ("people", "person"),
    ("organizations", "organization"),
    ("places", "country"),
    ("groups", "group"),
    ("regulations", "regulation"),
    ("inbox", "inbox"),
)

#: section -> title, the words the window uses (the sections themselves, and which kinds each
#: lists, are ``desktop.services.library.SECTIONS``). Kept here, not in the services: the
#: navigator and the list title are drawn before SQLAlchemy is loaded.
SECTION_TITLES: dict[str, str] = {
    "articles": "Articles",
    "people": "People",
    "organizations": "Organizations",
    "places": "Countries & places",
    "groups": "Working groups",
    "regulations": "Regulations & lists",
    "inbox": "Inbox",
}

NEW_CASE = "new-case"


def section_key(section: str) -> str:
    return f"section:{section}"


def case_key(case_id: int) -> str:
    return f"case:{case_id}"


def watch_key(list_id: int) -> str:
    """A watch list's node; 0 is "All hits"."""
    return f"watch:{list_id}"


def parse_key(key: str | None) -> tuple[str, str | int | None]:
    """("section", name) | ("case", id) | ("watch", list id) | ("new-case", None) | ("", None)."""
    if not key:
        return "", None
    if key == NEW_CASE:
        return NEW_CASE, None
    kind, _, value = key.partition(":")
    if kind in ("case", "watch"):
        return kind, int(value)
    return kind, value


class NavigatorModel(QStandardItemModel):
    def __init__(self, parent: QObject | None = None, *, loading: bool = False) -> None:
        """``loading``: the library is still being opened, so "Case files" stays empty (no
        "New case…" that would vanish a moment later) until ``set_cases``."""
        super().__init__(parent)
        self.setHorizontalHeaderLabels(["Navigator"])
        self._cases_root = self._header("Case files", "cases")
        self._library_root = self._header("Library", "library")
        self._sections: dict[str, QStandardItem] = {}
        for section, icon_key in LIBRARY_NODES:
            node = QStandardItem(icon(icon_key), SECTION_TITLES[section])
            node.setData(section_key(section), NodeRole)
            node.setData(SECTION_TITLES[section], Qt.ItemDataRole.ToolTipRole)
            node.setEditable(False)
            self._sections[section] = node
            self._library_root.appendRow(node)
        self._watch_root = self._header("Watch lists", "watch")
        self._watch_signature: tuple = ()
        self._case_signature: tuple = ()
        if not loading:
            self.set_cases([], {})

    def _header(self, title: str, icon_key: str) -> QStandardItem:
        node = QStandardItem(icon(icon_key, "#5a6270"), title)
        node.setEditable(False)
        node.setSelectable(False)
        font = QFont()
        font.setBold(True)
        node.setFont(font)
        self.appendRow(node)
        return node

    # --- updates -------------------------------------------------------------------------
    def set_counts(self, counts: Mapping[str, int]) -> None:
        for section, node in self._sections.items():
            n = int(counts.get(section, 0))
            title = SECTION_TITLES[section]
            text = f"{title}  ({n})" if n or section != "inbox" else title
            if node.text() != text:
                node.setText(text)
            if node.data(CountRole) != n:
                node.setData(n, CountRole)
            font = node.font()
            if section == "inbox" and font.bold() != bool(n):
                font.setBold(bool(n))  # unreviewed imports draw the eye
                node.setFont(font)

    def set_cases(self, cases: Sequence[CaseRef], counts: Mapping[int, int]) -> None:
        signature = tuple((c.id, c.title, c.status) for c in cases)
        if signature != self._case_signature or self._cases_root.rowCount() == 0:
            self._case_signature = signature
            self._cases_root.removeRows(0, self._cases_root.rowCount())
            for case in cases:
                node = QStandardItem(icon("case"), case.title)
                node.setData(case_key(case.id), NodeRole)
                node.setEditable(False)
                self._cases_root.appendRow(node)
            if not cases:
                node = QStandardItem(icon("new-case", "#2b6cb0"), "New case…")
                node.setData(NEW_CASE, NodeRole)
                node.setData("Create your first case file (Ctrl+N)", Qt.ItemDataRole.ToolTipRole)
                node.setEditable(False)
                self._cases_root.appendRow(node)
        for row in range(self._cases_root.rowCount()):
            node = self._cases_root.child(row)
            kind, case_id = parse_key(node.data(NodeRole))
            if kind != "case":
                continue
            case = next(c for c in cases if c.id == case_id)
            n = int(counts.get(int(case_id or 0), 0))
            text = f"{case.title}  ({n})"
            if node.text() != text:
                node.setText(text)
            node.setData(n, CountRole)
            tip = f"{case.title} — {case.status}, {n} item{'s' if n != 1 else ''}"
            node.setData(tooltip(tip), Qt.ItemDataRole.ToolTipRole)

    def set_watch_lists(self, rows: Sequence[tuple[int, str, str, int]]) -> None:
        """Watch-list nodes: (list id, text, tooltip, new hits); id 0 is "All hits". Text and
        tooltips are set as data, which the tree draws as plain text."""
        signature = tuple(r[0] for r in rows)
        if signature != self._watch_signature:
            self._watch_signature = signature
            self._watch_root.removeRows(0, self._watch_root.rowCount())
            for list_id, *_ in rows:
                node = QStandardItem(icon("hit" if list_id == 0 else "watch"), "")
                node.setData(watch_key(list_id), NodeRole)
                node.setEditable(False)
                self._watch_root.appendRow(node)
        for row, (_, text, tip, new) in enumerate(rows):
            node = self._watch_root.child(row)
            if node.text() != text:
                node.setText(text)
            node.setData(tip, Qt.ItemDataRole.ToolTipRole)
            node.setData(new, CountRole)
            font = node.font()
            if font.bold() != bool(new):
                font.setBold(bool(new))  # hits to review draw the eye, as the Inbox does
                node.setFont(font)

    @property
    def watch_root(self) -> QStandardItem:
        return self._watch_root

    # --- lookups -------------------------------------------------------------------------
    def node_for(self, key: str) -> QStandardItem | None:
        for root in (self._cases_root, self._library_root, self._watch_root):
            for row in range(root.rowCount()):
                node = root.child(row)
                if node.data(NodeRole) == key:
                    return node
        return None

    @property
    def cases_root(self) -> QStandardItem:
        return self._cases_root

    @property
    def library_root(self) -> QStandardItem:
        return self._library_root
