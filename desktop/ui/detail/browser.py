"""What the article reader and the entity page share: item links that emit ids, a context
menu with "Add to case…", and dragging items out onto a case.

A drag that starts on a link (a highlighted mention, a citation, a connection) carries that
item; a drag that starts on the heading carries the item shown. Anywhere else the mouse
selects text as usual.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, QUrl, Signal, SignalInstance
from PySide6.QtGui import QContextMenuEvent, QDrag, QMouseEvent
from PySide6.QtWidgets import QApplication, QMenu, QWidget

from desktop.ui.cases.mime import item_ids_mime
from desktop.ui.detail.html import CASE_SCHEME, ITEM_SCHEME
from desktop.ui.icons import NEUTRAL, icon
from desktop.ui.plain import SafeBrowser

#: blocks at the top of the document that make up the heading (kind line, title, meta)
HEADING_BLOCKS = 3


def item_of_href(href: str) -> int | None:
    scheme, _, value = href.partition(":")
    return int(value) if scheme == ITEM_SCHEME and value.isdigit() else None


class ItemBrowser(SafeBrowser):
    sig_item_activated = Signal(int)
    sig_case_activated = Signal(int)
    #: "Add to case…" chosen in the context menu: the item ids to add
    sig_add_to_case = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setAcceptDrops(False)  # files dropped here go to the window's import
        self.document().setDocumentMargin(22)
        self.anchorClicked.connect(self.on_anchor_clicked)
        self._press: QPoint | None = None
        self._drag_id: int | None = None
        self._shown_id: int | None = None

    def shown_item_id(self) -> int | None:
        return self._shown_id

    def show_page(self, item_id: int, html: str, *, keep_scroll: bool = False) -> None:
        """Shows an item's page; ``keep_scroll`` keeps the reading position on a refresh."""
        bar = self.verticalScrollBar()
        position = bar.value()
        self._shown_id = item_id
        self.setHtml(html)
        if keep_scroll:
            bar.setValue(position)

    def on_anchor_clicked(self, url: QUrl) -> None:
        activate(url, self.sig_item_activated, self.sig_case_activated)

    # --- dragging items out -----------------------------------------------------------------
    def draggable_item_at(self, pos: QPoint) -> int | None:
        """The item a drag starting at ``pos`` (viewport coordinates) would carry."""
        linked = item_of_href(self.anchorAt(pos))
        if linked is not None:
            return linked
        block = self.cursorForPosition(pos).block().blockNumber()
        return self.shown_item_id() if block < HEADING_BLOCKS else None

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._press, self._drag_id = None, None
        if event.button() == Qt.MouseButton.LeftButton:
            pos = event.position().toPoint()
            self._drag_id = self.draggable_item_at(pos)
            self._press = pos if self._drag_id is not None else None
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if (
            self._press is not None
            and self._drag_id is not None
            and event.buttons() & Qt.MouseButton.LeftButton
            and (event.position().toPoint() - self._press).manhattanLength()
            >= QApplication.startDragDistance()
        ):
            item_id, self._press = self._drag_id, None
            drag = QDrag(self)
            drag.setMimeData(item_ids_mime([item_id]))
            drag.setPixmap(icon("add-to-case", "#2b6cb0").pixmap(24, 24))
            drag.exec(Qt.DropAction.CopyAction)
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._press = None
        super().mouseReleaseEvent(event)

    # --- context menu -------------------------------------------------------------------------
    def context_menu(self, pos: QPoint) -> QMenu:
        """Copy/select as usual, then add the item under the mouse (a link) or the item
        shown to a case."""
        menu = self.createStandardContextMenu(self.viewport().mapToGlobal(pos))
        menu.addSeparator()
        linked = item_of_href(self.anchorAt(pos))
        if linked is not None:
            name = self._anchor_text(pos)
            open_action = menu.addAction(icon("article", NEUTRAL), f"Open “{name}”")
            open_action.triggered.connect(lambda: self.sig_item_activated.emit(linked))
            add = menu.addAction(icon("add-to-case", NEUTRAL), f"Add “{name}” to case…")
            add.triggered.connect(lambda: self.sig_add_to_case.emit([linked]))
        shown = self.shown_item_id()
        if shown is not None:
            add = menu.addAction(icon("add-to-case", NEUTRAL), "Add this page to case…\tCtrl+D")
            add.triggered.connect(lambda: self.sig_add_to_case.emit([shown]))
        return menu

    def _anchor_text(self, pos: QPoint) -> str:
        cursor = self.cursorForPosition(pos)
        part = cursor.block().begin()
        while not part.atEnd():
            frag = part.fragment()
            part += 1
            start, end = frag.position(), frag.position() + frag.length()
            if start <= cursor.position() <= end and frag.charFormat().isAnchor():
                text = frag.text().strip()
                return text if len(text) <= 40 else text[:39] + "…"
        return "this item"

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        self.context_menu(event.pos()).exec(event.globalPos())


def activate(url: QUrl, item_signal: SignalInstance, case_signal: SignalInstance) -> None:
    """Our own schemes only: item:<id> and case:<id>; anything else is ignored."""
    scheme, value = url.scheme(), url.path()
    if not value.isdigit():
        return
    if scheme == ITEM_SCHEME:
        item_signal.emit(int(value))
    elif scheme == CASE_SCHEME:
        case_signal.emit(int(value))
