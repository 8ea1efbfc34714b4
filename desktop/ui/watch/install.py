"""Watch lists in the window (issue 21): the navigator's "Watch lists" section and page, the
flag on hit items in the lists, the case's items and the reader, "Import watch list…" and
"Watch this entity", and new hits after an import announced in the status bar and the Inbox.

``install_watch_features(window)`` plugs everything in from outside: the window itself only
calls it. Reads run on worker threads, writes (imports of lists, screening, verdicts) on the
window's write queue, one at a time; screening a whole library against a changed list is
background work the user can go on working beside.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QRect, Qt
from PySide6.QtGui import QAction, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QInputDialog,
    QLabel,
    QMenu,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from desktop.services.changes import Changes
from desktop.services.views import read
from desktop.ui import file_dialogs
from desktop.ui.bus import touches_library
from desktop.ui.cases.delegate import CaseItemDelegate
from desktop.ui.icons import NEUTRAL, icon
from desktop.ui.models.roles import ItemIdRole
from desktop.ui.watch.inbox import InboxHitsNotice
from desktop.ui.watch.page import WatchPage
from desktop.ui.workers import TaskContext, run_task

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow

LIST_FILTER = "Watch lists (*.json *.csv *.tsv *.txt);;All files (*)"
FLAG_COLOUR = "#c53030"


class FlagDelegate(QStyledItemDelegate):
    """Draws the item as usual, then a red flag at the right edge of flagged rows."""

    def __init__(self, flags: WatchFlags, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._flags = flags
        self._icon = icon("hit", FLAG_COLOUR)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        super().paint(painter, option, index)
        if index.data(ItemIdRole) in self._flags.ids:
            rect: QRect = option.rect
            size = min(16, rect.height() - 2)
            box = QRect(rect.right() - size - 3, rect.top() + (rect.height() - size) // 2,
                        size, size)  # fmt: skip
            self._icon.paint(painter, box)


class WatchFlags(QObject):
    """The ids of flagged items (entities with live hits, articles mentioning them), read on
    a worker after every change; views repaint when the set changes."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.ids: set[int] = set()
        self.views: list[QAbstractItemView] = []

    def refresh(self) -> None:
        library = self._window.attached_library()

        def work(_ctx: TaskContext) -> set[int]:
            from desktop.services.watchlists import flagged_ids

            return read(library, flagged_ids)

        run_task(work, self._set, owner=self)

    def _set(self, ids: set[int]) -> None:
        if ids != self.ids:
            self.ids = ids
            for view in self.views:
                view.viewport().update()


class ReaderFlag(QLabel):
    """A line above the reader when the item shown is flagged: which list names it, how sure,
    and its status. Plain text: names come from lists and articles."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__()
        self.setObjectName("ReaderWatchFlag")
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.hide()
        self._window = window
        self._item: int | None = None

    def show_for(self, item_id: object) -> None:
        self._item = item_id if isinstance(item_id, int) else None
        if self._item is None:
            self.hide()
            return
        library, wanted = self._window.attached_library(), self._item

        def work(_ctx: TaskContext) -> dict[int, str]:
            from desktop.services.watchlists import flags

            return read(library, flags, [wanted])

        def done(found: dict[int, str]) -> None:
            if self._item != wanted:
                return
            line = found.get(wanted)
            self.setText(f"⚑ Watch list: {line}" if line else "")
            self.setVisible(bool(line))

        run_task(work, done, owner=self)


class WatchFeatures(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.page = WatchPage(window.attached_library())
        window.centre.addWidget(self.page)
        self.flags = WatchFlags(window)
        self._select_after = 0  # a list just imported, shown once the navigator has its node
        self.reader_flag = ReaderFlag(window)
        self._wrap_reader()
        table = window.list_page.table
        self._delegate = FlagDelegate(self.flags, table)
        table.setItemDelegateForColumn(0, self._delegate)
        self.flags.views.append(table)
        case_list = window.case_page.list
        case_delegate = case_list.itemDelegate()
        if isinstance(case_delegate, CaseItemDelegate):  # hit items flagged in cases too
            case_delegate.flag_icon = icon("hit", FLAG_COLOUR)
            case_delegate.flagged = lambda item_id: item_id in self.flags.ids
            self.flags.views.append(case_list)
        self.inbox_notice = InboxHitsNotice(FLAG_COLOUR)
        self.inbox_notice.sig_review.connect(lambda: window.navigator.select_watch(0))
        page_layout = window.list_page.layout()
        assert isinstance(page_layout, QVBoxLayout)
        page_layout.insertWidget(2, self.inbox_notice)  # under the filter
        window.list_page.model.sig_requeried.connect(
            lambda _n: self.inbox_notice.set_section(window.list_page.section)
        )
        self.import_action = QAction(icon("watch", NEUTRAL), "Import &watch list…", window)
        self.import_action.setObjectName("action:watch.import")
        self.import_action.setStatusTip(
            "Import a screening list (CSL JSON/CSV, OFAC sdn.csv, a list of names)"
        )
        self.import_action.triggered.connect(self.ask_import)
        self.watch_action = QAction(icon("hit", FLAG_COLOUR), "&Watch this entity", window)
        self.watch_action.setObjectName("action:watch.entity")
        self.watch_action.triggered.connect(self.watch_selected)
        self._add_to_menus()
        window.navigator.sig_watch_selected.connect(self.show_list)
        self.page.sig_item_shown.connect(self._show_item)
        self.page.sig_write.connect(self.run_write)
        self.page.sig_import_requested.connect(self.ask_import)
        self.page.sig_add_requested.connect(self.ask_add)
        window.detail.sig_shown.connect(self.reader_flag.show_for)
        window.bus.sig_changed.connect(self.on_changed)
        window.importer.sig_finished.connect(self.on_import_finished)
        self.refresh()

    # --- wiring -----------------------------------------------------------------------------
    def _wrap_reader(self) -> None:
        """The reader, with the flag line above it, in the splitter's lower pane."""
        holder = QWidget()
        holder.setObjectName("ReaderHolder")
        layout = QVBoxLayout(holder)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        splitter, detail = self.window.splitter, self.window.detail
        sizes = splitter.sizes()
        index = splitter.indexOf(detail)
        splitter.insertWidget(index, holder)
        layout.addWidget(self.reader_flag)
        layout.addWidget(detail, 1)  # takes the reader out of the splitter, into the holder
        detail.show()
        splitter.setSizes(sizes)

    def _add_to_menus(self) -> None:
        menus = {m.objectName(): m for m in self.window.menuBar().findChildren(QMenu)}
        file_menu, edit_menu = menus.get("menu:file"), menus.get("menu:edit")
        if file_menu is not None:
            anchor = self.window.registry.action("file.import_folder")
            actions = file_menu.actions()
            if anchor in actions[:-1]:
                file_menu.insertAction(actions[actions.index(anchor) + 1], self.import_action)
            else:
                file_menu.addAction(self.import_action)
        if edit_menu is not None:
            edit_menu.addSeparator()
            edit_menu.addAction(self.watch_action)
        page = self.window.list_page
        page.set_menu_actions([*getattr(page, "_menu_actions", []), self.watch_action])

    def refresh(self) -> None:
        """The navigator's watch-list nodes and the flags, read on a worker."""
        library = self.window.attached_library()

        def work(_ctx: TaskContext) -> list[Any]:
            from desktop.services.watchlists import list_lists

            return read(library, list_lists)

        run_task(work, self._show_lists, owner=self)
        self.flags.refresh()

    def _show_lists(self, lists: list[Any]) -> None:
        rows: list[tuple[int, str, str, int]] = []
        total_new = sum(i.new_hits for i in lists)
        self.inbox_notice.set_counts(to_review=total_new)
        if lists:
            rows.append((0, f"Hits to review  ({total_new})" if total_new else "All hits",
                         "Every list's hits", total_new))  # fmt: skip
        for info in lists:
            dated = info.list_date.isoformat() if info.list_date else "undated"
            text = f"{info.name}  ({info.new_hits})" if info.new_hits else info.name
            tip = f"{info.name} — {dated}, {info.entries} entries, {info.hits} hit(s)"
            rows.append((info.id, text, tip, info.new_hits))
        self.window.navigator.model.set_watch_lists(rows)
        self.window.navigator.tree.expandAll()
        if self._select_after and self.window.navigator.select_watch(self._select_after):
            self._select_after = 0

    def on_changed(self, changes: Changes) -> None:
        if not touches_library(changes):
            return  # a case file's note or title: no hit, flag or list moved
        self.refresh()
        self.page.on_changed(changes)
        self.reader_flag.show_for(self.window.detail.item_id)

    def show_list(self, list_id: int) -> None:
        self.window._panel_call("set_case", None)
        self.window.centre.setCurrentWidget(self.page)
        self.page.show_list(list_id)

    def _show_item(self, item_id: object) -> None:
        if isinstance(item_id, int):
            self.window.on_item_shown(item_id)

    def on_import_finished(self, report: object) -> None:
        n = int(getattr(report, "watch_hits", 0) or 0)
        self.inbox_notice.set_counts(from_import=n)
        if n:
            self.window.status.message(
                f"{n} new watch-list hit{'s' if n != 1 else ''} in the imported articles: "
                "see Watch lists › Hits to review.",
                15000,
            )

    # --- writes -------------------------------------------------------------------------------
    def run_write(self, work: Callable[[TaskContext], Changes], message: str) -> None:
        def done(changes: Changes) -> None:
            self.window.bus.announce(changes or Changes(everything=True))
            self.window.status.message(message, 6000)

        def failed(exc: BaseException) -> None:
            self.window.status.message(str(exc) or type(exc).__name__, 10000)

        self.window.writes.submit(work, done, failed)

    def ask_import(self) -> None:
        start = self.window.settings.last_import_dir
        path = file_dialogs.open_file_name(
            self.window, "Import a watch list", start, LIST_FILTER, library=self.window.library
        )
        if path:
            self.import_file(path)

    def import_file(self, path: str, name: str | None = None) -> None:
        """Imports a list, then screens the library against it, on the write queue."""
        library = self.window.attached_library()
        self.window.status.message(f"Importing {Path(path).name} and screening the library…")

        def work(ctx: TaskContext) -> Any:
            from desktop.services import screening, watchlists

            result = watchlists.import_list_file(library=library, path=path, name=name)
            screened = screening.screen(
                library=library, list_ids=[result.list_id], should_cancel=ctx.is_cancelled
            )
            return result, screened

        def done(out: Any) -> None:
            result, screened = out
            self.window.bus.announce(result.changes | screened.changes | Changes(everything=True))
            verb = "Imported" if result.created else "Updated"
            self.window.status.message(
                f"{verb} '{result.name}': {len(result.added)} added, {len(result.removed)} "
                f"removed; {screened.new_hits} new hit(s).",
                15000,
            )
            self._select_after = result.list_id  # its node comes with the next refresh
            self.refresh()

        def failed(exc: BaseException) -> None:
            self.window.status.message(str(exc) or type(exc).__name__, 15000)

        self.window.writes.submit(work, done, failed)

    def ask_add(self) -> None:
        text, ok = QInputDialog.getText(
            self.window, "Add a name to your watch list",
            "Name (aliases after |, e.g. \"Omar Haddad | HADDAD, Omar\"):",
        )  # fmt: skip
        if ok and text.strip():
            self.add_name(text)

    def add_name(self, text: str) -> None:
        names = [n.strip() for n in text.split("|") if n.strip()]
        if not names:
            return
        library = self.window.attached_library()

        def work(_ctx: TaskContext) -> Changes:
            from desktop.services import screening, watchlists

            watchlists.add_own_entry(library=library, name=names[0], aliases=names[1:])
            return screening.screen(library=library).changes | Changes(everything=True)

        self.run_write(work, f"'{names[0]}' is on your watch list.")

    def watch_selected(self) -> None:
        ids = self.window.current_item_ids()
        if not ids:
            self.window.status.message("Select a person or organization to watch first.", 5000)
            return
        library = self.window.attached_library()

        def work(_ctx: TaskContext) -> Changes:
            from desktop.services import screening, watchlists

            changes = Changes(everything=True)
            for item_id in ids:
                changes = (
                    changes | watchlists.watch_entity(library=library, item_id=item_id).changes
                )
            return changes | screening.screen(library=library).changes

        self.run_write(work, f"{len(ids)} item(s) added to your watch list.")


def install_watch_features(window: MainWindow) -> WatchFeatures:
    return WatchFeatures(window)
