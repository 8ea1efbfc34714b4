"""The Timeline tab in the window (issue 19): a dock tabbed with Connections, following the
selection (the item the reader shows, the case file opened), and a click on an event that
opens its article at the sentence.

``install_timeline_features(window)`` plugs it in from outside, like the watch lists: the
window only calls it. The panel reads on workers; nothing here touches the database.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QTextCursor, QTextDocument
from PySide6.QtWidgets import QDockWidget

from desktop.services.timeline import NOTE, TimelineEvent
from desktop.ui import window_dialogs as dialogs
from desktop.ui.timeline.panel import TimelinePanel

if TYPE_CHECKING:
    from desktop.ui.detail.browser import ItemBrowser
    from desktop.ui.main_window import MainWindow

NEEDLE_CHARS = 80  # the start of a sentence is enough to find it in the reader


def find_sentence(browser: ItemBrowser, sentence: str) -> bool:
    """Select the first place *sentence* (its start) is written in *browser*, scrolled into
    view; False when it is not there."""
    needle = sentence[:NEEDLE_CHARS]
    if len(sentence) > NEEDLE_CHARS and " " in needle:
        needle = needle[: needle.rfind(" ")]
    if not needle.strip():
        return False
    found = browser.document().find(needle, 0, QTextDocument.FindFlag.FindCaseSensitively)
    if found.isNull():
        return False
    start = found.selectionStart()
    end = min(
        found.selectionEnd() + len(sentence) - len(needle), browser.document().characterCount() - 1
    )
    found.setPosition(start)
    found.setPosition(max(end, start), QTextCursor.MoveMode.KeepAnchor)
    browser.setTextCursor(found)
    browser.ensureCursorVisible()
    return True


class TimelineController(QObject):
    """Keeps the panel on the window's selection and opens what is clicked in it."""

    def __init__(self, window: MainWindow, panel: TimelinePanel) -> None:
        super().__init__(window)
        self.window = window
        self.panel = panel
        self._opening: tuple[int, str] | None = None  # (article, sentence) being opened
        self.dock: QDockWidget | None = None

    def on_case(self, case_id: int) -> None:
        self.panel.set_case(case_id)

    def on_section(self, _section: str) -> None:
        self.panel.set_case(None)

    def on_shown(self, item_id: int | None) -> None:
        opening = self._opening
        if opening is not None and item_id == opening[0]:
            self._opening = None
            if opening[1]:
                find_sentence(self.window.detail.reader, opening[1])
            return  # the timeline stays on what it showed
        if item_id is not None:
            self.panel.set_item(item_id)

    def on_event(self, event: TimelineEvent) -> None:
        """Open the event's article at its sentence (a note: its item)."""
        if event.kind == NOTE:
            if event.items:
                self._opening = (event.items[0].id, "")
                self.window.select_item(event.items[0].id)
            return
        if event.article_id is None:
            return
        detail = self.window.detail
        if detail.item_id == event.article_id and not detail.is_loading():
            if event.sentence:
                find_sentence(detail.reader, event.sentence)
            return
        self._opening = (event.article_id, event.sentence)
        self.window.select_item(event.article_id)


def install_timeline_features(window: MainWindow) -> TimelineController:
    assert window.library is not None
    panel = TimelinePanel(window.library)
    dock = dialogs.make_dock(
        window, "Timeline", "TimelineDock", panel, Qt.DockWidgetArea.RightDockWidgetArea
    )
    window.tabifyDockWidget(window.connections_dock, dock)
    window.connections_dock.raise_()
    controller = TimelineController(window, panel)
    controller.dock = dock
    action = window.registry.action("view.timeline")
    dock.visibilityChanged.connect(action.setChecked)
    window.registry.set_handler("view.timeline", lambda: window.toggle_dock(dock))
    window.navigator.sig_case_selected.connect(controller.on_case)
    window.navigator.sig_section_selected.connect(controller.on_section)
    window.detail.sig_shown.connect(controller.on_shown)
    window.bus.subscribe(panel, panel.on_changed)  # all kinds of change; deferred while hidden
    panel.sig_event_activated.connect(controller.on_event)
    if window.centre.currentWidget() is window.case_page:
        panel.set_case(window.navigator.current_case_id())
    if window.detail.item_id is not None:
        panel.set_item(window.detail.item_id)
    return controller


__all__ = ["TimelineController", "find_sentence", "install_timeline_features"]
