"""The detail area: an empty state, the article reader or the entity page, whichever fits
the selected item. It loads the item's read model itself and reloads it when a change
names it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QStackedWidget, QWidget

from desktop.services.changes import Changes
from desktop.services.library import ItemNotFound, get_article, get_entity, get_ref
from desktop.store.db import Library
from desktop.ui.detail.article_reader import ArticleReader
from desktop.ui.detail.entity_page import EntityPage

EMPTY_TEXT = "Select an article, person or organization to read it here."


class DetailPanel(QStackedWidget):
    sig_item_activated = Signal(int)
    sig_case_activated = Signal(int)
    #: "Add to case…" from the reader's or entity page's context menu: item ids
    sig_add_to_case = Signal(list)

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("DetailPanel")
        self._library = library
        self._item_id: int | None = None
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

    @property
    def item_id(self) -> int | None:
        return self._item_id

    def show_item(self, item_id: int | None, *, keep_scroll: bool = False) -> None:
        self._item_id = item_id
        if item_id is None:
            self.setCurrentWidget(self.empty)
            return
        try:
            with self._library.session() as session:
                ref = get_ref(session, item_id)
                if ref.kind == "article":
                    article = get_article(session, item_id)
                else:
                    entity = get_entity(session, item_id)
        except ItemNotFound:
            self._item_id = None
            self.setCurrentWidget(self.empty)
            return
        if ref.kind == "article":
            self.reader.set_article(article, keep_scroll=keep_scroll)
            self.setCurrentWidget(self.reader)
        else:
            self.entity_page.set_entity(entity, keep_scroll=keep_scroll)
            self.setCurrentWidget(self.entity_page)

    def on_changed(self, changes: Changes) -> None:
        if self._item_id is None:
            return
        if changes.everything or self._item_id in changes.items or changes.cases or changes.links:
            self.show_item(self._item_id, keep_scroll=True)
