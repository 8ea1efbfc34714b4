"""The detail area: an empty state, the article reader or the entity page, whichever fits
the selected item.

The item's read model is loaded on a worker thread, never on the GUI thread: at 100,000
articles an entity page can take from 20 ms (a typical person) to many seconds (a hub
mentioned in most articles), and a selection must never freeze the window. Only the newest
request is shown; while a slow one runs, a "Loading…" state replaces the previous item after a
short delay, so fast loads never flicker.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QStackedWidget, QWidget

from desktop.services.changes import Changes
from desktop.services.dto import ArticleView, EntityView
from desktop.services.views import item_view, read
from desktop.store.db import Library
from desktop.ui.detail.article_reader import ArticleReader
from desktop.ui.detail.entity_page import EntityPage
from desktop.ui.workers import TaskContext, run_task

EMPTY_TEXT = "Select an article, person or organization to read it here."
LOADING_DELAY_MS = 200


class DetailPanel(QStackedWidget):
    sig_item_activated = Signal(int)
    sig_case_activated = Signal(int)
    #: "Add to case…" from the reader's or entity page's context menu: item ids
    sig_add_to_case = Signal(list)
    #: the page now shows this item (None: the empty state), after its load finished
    sig_shown = Signal(object)

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("DetailPanel")
        self._library = library
        self._item_id: int | None = None
        self._generation = 0
        self._pending = False
        self.empty = QLabel(EMPTY_TEXT)
        self.empty.setObjectName("EmptyState")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.reader = ArticleReader()
        self.entity_page = EntityPage()
        for page in (self.empty, self.reader, self.entity_page):
            self.addWidget(page)
        for view in (self.reader, self.entity_page):
            view.sig_item_activated.connect(self.sig_item_activated)
            view.sig_case_activated.connect(self.sig_case_activated)
            view.sig_add_to_case.connect(self.sig_add_to_case)
        self._loading = QTimer(self, singleShot=True, interval=LOADING_DELAY_MS)
        self._loading.timeout.connect(self._show_loading)

    @property
    def item_id(self) -> int | None:
        return self._item_id

    def is_loading(self) -> bool:
        return self._pending

    def show_item(self, item_id: int | None, *, keep_scroll: bool = False) -> None:
        self._item_id = item_id
        self._generation += 1
        generation = self._generation
        if item_id is None:
            self._pending = False
            self._loading.stop()
            self._show_empty(EMPTY_TEXT)
            self.sig_shown.emit(None)
            return
        self._pending = True
        if not keep_scroll:
            self._loading.start()
        library = self._library

        def work(_ctx: TaskContext) -> ArticleView | EntityView | None:
            return read(library, item_view, item_id)

        def done(view: ArticleView | EntityView | None) -> None:
            if generation == self._generation:
                self._show(view, keep_scroll)

        def failed(exc: BaseException) -> None:
            if generation == self._generation:
                self._pending = False
                self._loading.stop()
                self._show_empty(f"Could not read this item: {exc}")

        run_task(work, done, failed, owner=self)

    def _show(self, view: ArticleView | EntityView | None, keep_scroll: bool) -> None:
        self._pending = False
        self._loading.stop()
        if view is None:
            self._item_id = None
            self._show_empty(EMPTY_TEXT)
        elif isinstance(view, ArticleView):
            self.reader.set_article(view, keep_scroll=keep_scroll)
            self.setCurrentWidget(self.reader)
        else:
            self.entity_page.set_entity(view, keep_scroll=keep_scroll)
            self.setCurrentWidget(self.entity_page)
        self.sig_shown.emit(self._item_id)

    def _show_empty(self, text: str) -> None:
        self.empty.setText(text)
        self.setCurrentWidget(self.empty)

    def _show_loading(self) -> None:
        if self._pending:
            self._show_empty("Loading…")

    def on_changed(self, changes: Changes) -> None:
        if self._item_id is None:
            return
        if changes.everything or self._item_id in changes.items or changes.cases or changes.links:
            self.show_item(self._item_id, keep_scroll=True)
