"""The Timeline tab: when things happened, for the selected item or the current case.

Reads ``services.timeline.timeline_for`` on a worker (never on the GUI thread; only the newest
request is shown) and draws it with :class:`TimelineView`. Filters work on what was read:
the kind of item an event involves, and, for a case, only events about the case's own items.
An empty timeline says why and what to do.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.services.changes import Changes
from desktop.services.timeline import ARTICLE_EVENT, NOTE, Timeline, TimelineEvent, timeline_for
from desktop.ui.connections.style import KIND_LABELS
from desktop.ui.plain import plain_label
from desktop.ui.timeline.layout import ZOOMS
from desktop.ui.timeline.view import TimelineView
from desktop.ui.workers import TaskContext, run_task
from desktop.vocab import ENTITY_KINDS

NOTHING_SELECTED = (
    "Select an article, person or organization, or open a case file, to see when things "
    "happened: articles on their published dates and the dated sentences inside them."
)
NO_DATES = (
    "Nothing dated yet for “{subject}”. Articles take their date from the dateline, the "
    "page's metadata or Markdown front matter; set a missing one with Edit ▸ Edit entity… "
    "on the article, or write a date in a case note (“2023-02-01 called the exporter”)."
)
FILTERED_OUT = "No event matches the filters. Choose “Any item” or clear “Only the case's items”."
CASE, ITEM = "case", "item"


def keep(event: TimelineEvent, kind: str | None, case_items: frozenset[int] | None) -> bool:
    """Whether *event* passes the filters: it involves an item of *kind*; it is about one of
    *case_items* (a case article, or a statement or note naming a case item)."""
    if kind is not None and not any(i.kind == kind for i in event.items):
        return False
    if case_items is None or event.kind == NOTE:
        return True
    if event.kind == ARTICLE_EVENT:
        return event.id in case_items
    return any(i.id in case_items for i in event.items)


class TimelinePanel(QWidget):
    """Emits ``sig_event_activated`` with the event clicked (the window opens its article)."""

    sig_event_activated = Signal(object)

    def __init__(self, library: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("TimelinePanel")
        self._library = library
        self.item_id: int | None = None
        self.case_id: int | None = None
        self.timeline: Timeline | None = None
        self._generation = 0

        self.scope_box = QComboBox()
        self.scope_box.addItem("This case", CASE)
        self.scope_box.addItem("Selected item", ITEM)
        self.scope_box.setToolTip("Whose timeline: the open case file's or the selected item's")
        self.kind_box = QComboBox()
        self.kind_box.addItem("Any item", None)
        for kind in ENTITY_KINDS:
            self.kind_box.addItem(KIND_LABELS.get(kind, kind), kind)
        self.kind_box.setToolTip("Only events that involve an item of this kind")
        self.case_only = QCheckBox("Only the case's items")
        self.case_only.setToolTip(
            "Only the case's articles and the sentences that name one of its items"
        )
        self.subject = plain_label()
        self.subject.setObjectName("TimelineSubject")
        self.status = plain_label()
        self.status.setObjectName("TimelineStatus")
        self.status.setWordWrap(True)
        self.view = TimelineView()
        self.empty = QLabel()
        self.empty.setObjectName("EmptyState")
        self.empty.setTextFormat(Qt.TextFormat.PlainText)
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setMargin(18)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.view)

        filters = QHBoxLayout()
        filters.addWidget(self.scope_box)
        filters.addWidget(self.kind_box)
        filters.addWidget(self.case_only)
        filters.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.subject)
        layout.addLayout(filters)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.status)

        self.scope_box.currentIndexChanged.connect(lambda _i: self._reload())
        self.kind_box.currentIndexChanged.connect(lambda _i: self._apply())
        self.case_only.toggled.connect(lambda _on: self._apply())
        self.view.sig_event_activated.connect(self.sig_event_activated)
        self.view.sig_zoom_changed.connect(lambda _z: self._say_status())
        self._set_case_controls()
        self._show_empty(NOTHING_SELECTED)

    # --- what to show ---------------------------------------------------------------------
    @Slot(object)
    def set_item(self, item_id: int | None) -> None:
        if item_id == self.item_id:
            return
        self.item_id = item_id
        if self._scope() == ITEM:
            self._reload()

    @Slot(object)
    def set_case(self, case_id: int | None) -> None:
        if case_id == self.case_id:
            return
        self.case_id = case_id
        self._set_case_controls()
        self._reload()

    @Slot(object)
    def on_changed(self, _changes: Changes) -> None:
        """An edit, an import or a note may add, move or remove events."""
        if self.item_id is not None or self.case_id is not None:
            self._reload()

    def _scope(self) -> str:
        return CASE if self.case_id is not None and self.scope_box.currentData() == CASE else ITEM

    def _set_case_controls(self) -> None:
        in_case = self.case_id is not None
        self.scope_box.setVisible(in_case)
        self.case_only.setVisible(in_case)
        if not in_case:
            self.case_only.setChecked(False)

    def _reload(self) -> None:
        self._generation += 1
        generation = self._generation
        scope = self._scope()
        item_id, case_id = self.item_id, self.case_id
        if scope == ITEM and item_id is None:
            self.timeline = None
            self.subject.setText("")
            self._show_empty(NOTHING_SELECTED)
            return
        library = self._library

        def work(_ctx: TaskContext) -> Timeline:
            if scope == CASE:
                return timeline_for(library=library, case_id=case_id)
            return timeline_for(library=library, item_id=item_id)

        def done(found: Timeline) -> None:
            if generation == self._generation:
                self.timeline = found
                self.subject.setText(f"Timeline of {found.subject}")
                self._apply()

        def failed(exc: BaseException) -> None:
            if generation == self._generation:
                self.timeline = None
                self._show_empty(f"Could not read the timeline: {exc}")

        run_task(work, done, failed, owner=self)

    def _apply(self) -> None:
        found = self.timeline
        if found is None:
            return
        kind = self.kind_box.currentData()
        case_items = found.case_items if self.case_only.isChecked() and found.case_items else None
        events = [e for e in found.events if keep(e, kind, case_items)]
        if not found.events:
            self._show_empty(NO_DATES.format(subject=found.subject))
        elif not events:
            self._show_empty(FILTERED_OUT)
        else:
            self.view.set_events(events)
            self.stack.setCurrentWidget(self.view)
        self._say_status()

    def _say_status(self) -> None:
        found = self.timeline
        if found is None or not found.events:
            self.status.setText(
                f"{found.undated} article(s) without a date." if found and found.undated else ""
            )
            return
        shown = self.view.events if self.stack.currentWidget() is self.view else ()
        parts = [f"{len(shown)} of {len(found.events)} events"]
        if shown:
            parts.append(f"{shown[0].date.isoformat()} to {shown[-1].date.isoformat()}")
        if found.undated:
            parts.append(f"{found.undated} undated article(s) not shown")
        parts.append(f"zoom: {ZOOMS[self.view.zoom].label} (Ctrl+wheel)")
        self.status.setText(" · ".join(parts))

    def _show_empty(self, text: str) -> None:
        self.empty.setText(text)
        self.stack.setCurrentWidget(self.empty)
        self._say_status()

    def is_empty(self) -> bool:
        return self.stack.currentWidget() is self.empty

    def empty_text(self) -> str:
        return self.empty.text()


__all__ = ["TimelinePanel", "keep"]
