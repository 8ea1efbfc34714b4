"""The main window: composes the navigator, the centre list / case page, the detail view and
the side docks (Connections and Review tabbed on the right), the Search results page, and
routes selection between them. It holds none of their logic: case and entity edits live in
desktop/ui/cases/install.py (``CaseCommands``), every one an ``undo.Editor`` command on
``undo_stack``.

The window is built in two steps so that it can be painted before the library is open (issue
8: first paint under 1.5 s at 100,000 articles). ``MainWindow()`` builds the frame: menus,
toolbar, the docks where they were left, the navigator's sections and a "Loading library…"
list. It needs neither the library nor the database stack (SQLAlchemy, SQLModel), which this
module therefore imports only where used. ``attach_library`` then builds the panels that read
the library; desktop/ui/app.py opens it on a worker and hands it over with what the first
filled paint reads (``read_ahead``). ``MainWindow(library)`` does both at once.

Commands: the window binds its own handlers (``_bind_handlers``); features bind theirs with
``registry.set_handler(id, fn)`` when the library is attached, and ``attach_library`` ends with
``registry.check_handlers()``, so a command left without a handler fails at start-up. The
right dock hosts ``ConnectionsPanel``, the Search results page ``SearchPage``; their signals are wired
in ``_wire_connections`` and ``_wire_search``.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QDragMoveEvent, QDropEvent, QUndoStack
from PySide6.QtWidgets import (
    QDockWidget,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QWidget,
)

from desktop.services.changes import Changes
from desktop.services.views import FirstPage, NavigatorState, read, start_state
from desktop.ui import window_dialogs as dialogs
from desktop.ui.actions import ActionRegistry, set_step_text
from desktop.ui.bus import ChangeBus, touches_library
from desktop.ui.list_page import ListPage, arrival_query, empty_label
from desktop.ui.navigator import NavigatorPanel
from desktop.ui.plain import ask
from desktop.ui.settings import LAYOUT_VERSION, Selection, Settings
from desktop.ui.theme import THEME_ACTIONS, bind_theme_actions
from desktop.ui.workers import TaskHandle, WriteQueue

if TYPE_CHECKING:
    from collections.abc import Callable

    from desktop.store.db import Library
    from desktop.ui.connections.panel import ConnectionsPanel
    from desktop.ui.search import QuickOpenDialog, SearchPanel
    from desktop.ui.search.page import SearchPage

#: commands that work while the library is still being opened (the others are disabled)
FRAME_ACTIONS = frozenset({"file.quit", "help.about", "help.shortcuts", "view.navigator",
                           "view.connections", "view.search", "view.review",
                           "view.reset_layout", *THEME_ACTIONS})  # fmt: skip
#: the right dock's default width asks for the connections panel's minimum width (measured:
#: 439 + 24 px), fixed here because the panel is made after the first paint
CONNECTIONS_WIDTH = 463
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ReadAhead:
    """What the window reads when the library is attached, read before on the worker that
    opened it: the navigator's counts and cases, and the first section's list."""

    navigator: NavigatorState
    first_page: FirstPage | None = None


def read_ahead(library: Library, section: str | None) -> ReadAhead:
    """Runs off the GUI thread (plain reads, plain data back)."""
    state, page = read(library, start_state, arrival_query(section) if section else None)
    return ReadAhead(state, page)


class MainWindow(QMainWindow):
    #: the library is attached: panels in place, lists filled
    sig_library_ready = Signal()

    def __init__(
        self,
        library: Library | None = None,
        *,
        bus: ChangeBus | None = None,
        settings: Settings | None = None,
    ) -> None:
        super().__init__()
        self.library: Library | None = None
        self.bus = bus or ChangeBus(self)
        self.settings = settings or Settings()
        self.writes = WriteQueue(self)
        self.undo_stack = QUndoStack(self)
        self.setObjectName("MainWindow")
        self.setWindowTitle("Casefile")
        self.setAcceptDrops(True)
        screen = self.screen().availableGeometry()
        self.resize(min(1400, int(screen.width() * 0.92)), min(880, int(screen.height() * 0.9)))

        self.registry = ActionRegistry(self)
        self._bind_handlers()
        self.registry.build_menus(self.menuBar())
        bind_theme_actions(self.registry, self.settings, self._on_theme_changed)
        toolbar = QToolBar("Toolbar", self)
        toolbar.setObjectName("MainToolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.registry.build_toolbar(toolbar)
        self.addToolBar(toolbar)

        self.navigator = NavigatorPanel()
        self.list_page = ListPage()
        self.centre = QStackedWidget()
        self.centre.setObjectName("Centre")
        self.centre.addWidget(self.list_page)
        self.splitter = QSplitter(Qt.Orientation.Vertical)  # list above, reader below
        self.splitter.setObjectName("CentreSplitter")
        self.splitter.addWidget(self.centre)
        self.splitter.addWidget(empty_label())  # the detail panel's place
        self.splitter.setStretchFactor(0, 5)
        self.splitter.setStretchFactor(1, 6)
        self.splitter.setChildrenCollapsible(False)
        # the central area: the list or case with the reader, or the Search results page
        self.main_stack = QStackedWidget()
        self.main_stack.setObjectName("MainStack")
        self.main_stack.addWidget(self.splitter)
        self.setCentralWidget(self.main_stack)

        left, right = Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea
        self.nav_dock = dialogs.make_dock(self, "Navigator", "NavigatorDock", self.navigator, left)
        # the panels of the right dock and the search page come when the library is open
        self.connections_panel: QWidget = empty_label()
        self.connections: ConnectionsPanel | None = None  # made with the library
        self.connections_dock = dialogs.make_dock(
            self, "Connections", "ConnectionsDock", self.connections_panel, right, scroll=True
        )
        self.review_dock = dialogs.make_dock(self, "Review", "ReviewDock", empty_label(), right)
        self.tabifyDockWidget(self.connections_dock, self.review_dock)
        self.connections_dock.raise_()  # the graph in front, at full height
        self.search_panel: SearchPanel | None = None  # on the Search results page (issue 20)
        self.search_page: SearchPage | None = None
        self._focus_before_search: QWidget | None = None
        for dock, action_id in ((self.nav_dock, "view.navigator"),
                                (self.connections_dock, "view.connections"),
                                (self.review_dock, "view.review")):  # fmt: skip
            dock.visibilityChanged.connect(self.registry.action(action_id).setChecked)
        side = min(CONNECTIONS_WIDTH, int(self.width() * 0.38))
        self.resizeDocks([self.nav_dock, self.connections_dock], [250, max(side, 320)],
                         Qt.Orientation.Horizontal)  # fmt: skip
        self._default_state = self.saveState(LAYOUT_VERSION)

        self.status = dialogs.StatusLine(self)
        self._quick_open: QuickOpenDialog | None = None
        self._loading_section = "articles"  # the section shown as "Loading library…"
        self._section_chosen = False  # the user picked a section while the library opened
        self._restoring = False
        self._save_on_close = True
        self._connections_made = False
        self._frame_restored = False
        self._split_sizes: dict[bool, list[int]] = {}  # by "is the case page"
        self.navigator.sig_section_selected.connect(self.show_section)
        self.navigator.sig_case_selected.connect(self.show_case)
        for action_id in self.registry.ids():
            self.registry.action(action_id).setEnabled(action_id in FRAME_ACTIONS)
        if library is None:
            self._restore_frame()  # shown before the library is attached
        else:
            self.attach_library(library)

    # --- the library -------------------------------------------------------------------------
    def attached_library(self) -> Library:
        """The open library, for the commands and features that exist only once it is
        attached (the others are disabled while it opens)."""
        if self.library is None:
            raise RuntimeError("the library is not attached yet")
        return self.library

    def loading_section(self) -> str | None:
        """The section whose list ``read_ahead`` should read: the one the window will show
        (None when it will open a case)."""
        if self.settings.selection.case_id and not self._section_chosen:
            return None
        return self._loading_section

    def attach_library(
        self, library: Library, ahead: ReadAhead | None = None, *, connections: bool = True
    ) -> None:
        """Build what reads the library and show where the user was. ``connections=False``
        leaves the connections panel to ``attach_connections`` (it loads numpy and networkx,
        which the start-up worker imports meanwhile)."""
        from desktop.ui.cases.view import CaseView
        from desktop.ui.detail.panel import DetailPanel
        from desktop.ui.import_dialog import ImportController
        from desktop.ui.review import ReviewPanel
        from desktop.ui.search.page import SearchPage

        self.library = library
        name = library.path.name if library.path else library.url
        self.setWindowTitle(name)  # Qt adds the application's display name: "… — Casefile"
        self.navigator.set_library(library, ahead.navigator if ahead else None)
        self.list_page.set_library(library, ahead.first_page if ahead else None)
        self.case_page = CaseView(library, undo_stack=self.undo_stack, bus=self.bus)
        self.centre.addWidget(self.case_page)
        self.detail = DetailPanel(library)
        placeholder = self.splitter.replaceWidget(1, self.detail)
        if placeholder is not None:
            placeholder.deleteLater()
        self.splitter.updateGeometry()  # replaceWidget leaves the window's minimum size stale
        if connections:
            self._make_connections_panel()
        self.review_panel = ReviewPanel(library, undo_stack=self.undo_stack, bus=self.bus)
        dialogs.host(self.review_dock, self.review_panel)
        self.search_page = SearchPage(library)
        self.search_panel = self.search_page.panel
        self.main_stack.addWidget(self.search_page)
        self._wire_search(self.search_page)
        self.status.set_library(library, ahead.navigator.counts if ahead else None)
        self.importer = ImportController(
            library=library, writes=self.writes, bus=self.bus, parent_widget=self,
            on_show_inbox=self._show_inbox,
        )  # fmt: skip
        for action_id in self.registry.ids():
            self.registry.action(action_id).setEnabled(True)  # _wire then disables undo/redo
        self._wire()
        from desktop.ui.library_watcher import LibraryWatcher

        self.watcher = LibraryWatcher(library, self.bus, self)  # writes by other processes
        self.watcher.start()
        self._install_features(library)
        self.registry.check_handlers()  # MissingHandler: a command nothing is bound to
        if not self._frame_restored:  # built in one go: the layout as the panels need it
            self._restore_frame()
        self._restore_selection()
        self.sig_library_ready.emit()

    def _show_inbox(self) -> None:
        self.navigator.select_section("inbox")

    @property
    def connections_attached(self) -> bool:
        """The connections panel is in its dock."""
        return self._connections_made

    def attach_connections(self) -> None:
        """The connections panel, made after the window shows the library: it catches up
        with the case and item shown."""
        if self.library is None or self._connections_made:
            return
        panel = self._make_connections_panel()
        panel.sig_add_to_case.connect(self.case_commands.on_panel_add)
        if self.centre.currentWidget() is self.case_page:
            panel.set_case(self.navigator.current_case_id())
        if self.detail.item_id is not None:
            panel.set_item(self.detail.item_id)

    def _make_connections_panel(self) -> ConnectionsPanel:
        from desktop.ui.connections.panel import ConnectionsPanel

        panel = ConnectionsPanel(self.library)
        panel.sig_item_selected.connect(self.select_item)
        panel.sig_item_activated.connect(self.select_item)
        self.bus.subscribe(panel, panel.on_changed, panel.concerns)
        self._connections_made = True
        self.connections = panel
        self.connections_panel = panel
        dialogs.host(self.connections_dock, panel)
        return panel

    def _wire_search(self, page: SearchPage) -> None:
        """Results are read on their page; only "Open in reader" changes the selection."""
        page.sig_open_item.connect(self.open_search_result)
        page.sig_open_case.connect(self.open_search_case)
        page.sig_closed.connect(self.close_search)
        self.bus.subscribe(page.panel, page.panel.on_changes)
        self.bus.subscribe(page.preview, page.preview.on_changed)
        page.preview.sig_add_to_case.connect(lambda ids: self.case_commands.add_to_case(ids))

    # --- the Search results page (issue 20) -----------------------------------------------
    def search_shown(self) -> bool:
        return self.search_page is not None and self.main_stack.currentWidget() is self.search_page

    def show_search(self) -> None:
        """Edit › Find (Ctrl+F): the results page in the central area, the query focused."""
        if self.search_page is None:
            return
        if not self.search_shown():
            self._focus_before_search = self.focusWidget()
            self.main_stack.setCurrentWidget(self.search_page)
        self.registry.action("view.search").setChecked(True)
        self.search_page.panel.query_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_page.panel.query_edit.selectAll()

    def close_search(self, *, restore_focus: bool = True) -> None:
        """Escape: back to the list or case the user was on, focus where it was."""
        self.registry.action("view.search").setChecked(False)
        if not self.search_shown():
            return
        self.main_stack.setCurrentWidget(self.splitter)
        back, self._focus_before_search = self._focus_before_search, None
        if restore_focus and back is not None and back.isVisible():
            back.setFocus(Qt.FocusReason.OtherFocusReason)

    def _previewed(self) -> list[int]:
        item = self.search_page.preview.item_id if self.search_page is not None else None
        return [item] if item is not None else []

    def open_search_result(self, item_id: int) -> None:
        self.close_search(restore_focus=False)
        self.select_item(item_id)

    def open_search_case(self, case_id: int) -> None:
        self.close_search(restore_focus=False)
        self.navigator.select_case(case_id)

    def _install_features(self, library: Library) -> None:
        """Case files, review and printing plug in through the registry and public hooks."""
        from desktop.ui.cases.install import install_case_features
        from desktop.ui.printing import CasePrinter, install_print_actions

        self.case_commands = install_case_features(self)
        self.printer = CasePrinter(library, self)
        install_print_actions(self.registry, self.printer, self.navigator.current_case_id)
        self.printer.sig_done.connect(lambda message: self.status.message(message, 6000))
        self.printer.sig_failed.connect(lambda message: self.status.message(message, 10000))
        from desktop.ui.watch.install import install_watch_features

        self.watch = install_watch_features(self)  # issue 21: watch lists, flags, hit review

        from desktop.ui.timeline.install import install_timeline_features

        self.timeline = install_timeline_features(self)  # issue 19: the Timeline tab

        from desktop.ui.first_start import install_demo_features
        from desktop.ui.settings_dialog import install_settings

        install_settings(self)  # issue 20: Edit › Settings (the "never suggest" list)
        install_demo_features(self)  # issue 20: File › Remove demo data

    def _wire(self) -> None:
        nav = self.navigator
        nav.sig_new_case_requested.connect(lambda: self.registry.trigger("case.new"))
        nav.set_case_actions([self.registry.action(i) for i in ("case.rename", "case.delete")])
        self.list_page.set_menu_actions(
            [self.registry.action(i) for i in ("case.add", "edit.link")]
        )
        self.list_page.sig_current_item_changed.connect(self.on_item_shown)
        self.case_page.sig_current_item_changed.connect(self.on_item_shown)
        self.detail.sig_item_activated.connect(self.select_item)
        self.detail.sig_case_activated.connect(self.navigator.select_case)
        self.bus.subscribe(nav, nav.on_changed)
        self.bus.subscribe(self.list_page, self.list_page.on_changed, self.list_page.concerns)
        self.bus.subscribe(self.detail, self.detail.on_changed)
        # the status bar shows the counts the navigator just read: one read, the same numbers
        self.bus.sig_changed.connect(
            lambda c: self.status.refresh(nav.counts or None) if touches_library(c) else None
        )
        undo, redo = self.registry.action("edit.undo"), self.registry.action("edit.redo")
        undo.setEnabled(False)
        redo.setEnabled(False)
        self.undo_stack.canUndoChanged.connect(undo.setEnabled)
        self.undo_stack.canRedoChanged.connect(redo.setEnabled)
        self.undo_stack.undoTextChanged.connect(lambda t: set_step_text(undo, "&Undo", t))
        self.undo_stack.redoTextChanged.connect(lambda t: set_step_text(redo, "&Redo", t))

    # --- navigation and selection --------------------------------------------------------
    def show_section(self, section: str) -> None:
        if self.library is None:  # still opening: the list says so; shown when attached
            self._loading_section = section
            self._section_chosen = not self._restoring
            self.list_page.show_loading(section)
            return
        self.close_search(restore_focus=False)
        self._panel_call("set_case", None)
        self._swap_split(self.list_page)
        self.centre.setCurrentWidget(self.list_page)
        self.list_page.show_section(section)

    def show_case(self, case_id: int) -> None:
        self.close_search(restore_focus=False)
        self._panel_call("set_case", case_id)
        self._swap_split(self.case_page)
        self.centre.setCurrentWidget(self.case_page)
        self.case_page.show_case(case_id)
        self.on_item_shown(self.case_page.current_item_id())

    def _swap_split(self, page: QWidget) -> None:
        """A case page and a section list keep their own share of the height: a case gets
        the larger part (its items, summary and note), the reader the rest."""
        current = self.centre.currentWidget()
        if page is current or self.library is None:
            return
        self._split_sizes[current is self.case_page] = self.splitter.sizes()
        sizes = self._split_sizes.get(page is self.case_page)
        if sizes is None and page is self.case_page:
            total = sum(self.splitter.sizes())
            sizes = [int(total * 0.62), total - int(total * 0.62)]
        if sizes:
            self.splitter.setSizes(sizes)

    def select_item(self, item_id: int) -> None:
        """Make an item the selection everywhere: the list row if it is listed, the detail
        view and the connections panel."""
        page = self.centre.currentWidget()
        selector = getattr(page, "select_item", None)
        if selector is not None and selector(item_id):
            return  # the page's current-row signal shows it
        if page is not None and hasattr(page, "clear_selection"):
            page.clear_selection()
        self.on_item_shown(item_id)

    def on_item_shown(self, item_id: int | None) -> None:
        if item_id == self.detail.item_id and item_id is not None:
            return
        self.detail.show_item(item_id)
        if item_id is not None:
            self._panel_call("set_item", item_id)
        self.review_panel.set_article(item_id)

    def _panel_call(self, method: str, item_id: int | None) -> None:
        """``set_case`` or ``set_item`` on the connections panel once it is made."""
        if self.connections is None:
            return
        if method == "set_case":
            self.connections.set_case(item_id)
        elif item_id is not None:
            self.connections.set_item(item_id)

    def current_item_ids(self) -> list[int]:
        if self.search_page is not None and self.search_shown():
            return self.search_page.selected_ids() or self._previewed()
        page = self.centre.currentWidget()
        ids = list(getattr(page, "selected_ids", list)())
        if not ids and self.detail.item_id is not None:
            ids = [self.detail.item_id]
        return ids

    # --- import (issue 3) ----------------------------------------------------------------
    def import_paths(self, paths: Sequence[str | os.PathLike[str]]) -> TaskHandle | None:
        """Import files and folders on the write worker; progress and summary dialogs."""
        if self.importer.running:
            self.status.message("An import is already running.")
            return None
        return self.importer.start(paths)

    def dragEnterEvent(self, event: QDragMoveEvent) -> None:  # also answers dragMoveEvent
        if self.library is not None and dialogs.dropped_paths(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        self.dragEnterEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        paths = dialogs.dropped_paths(event.mimeData())
        if paths and self.library is not None:
            event.acceptProposedAction()
            self.import_paths(paths)

    def seed_demo(self) -> TaskHandle | None:
        """Fill a brand-new library with the demo, on the worker."""
        from desktop.services import demo

        library = self.library
        if library is None:
            return None
        self.status.message("Setting up the demo library…")
        self.list_page.set_busy("Setting up the demo library…")

        def progress(done: int, total: int, _name: str = "") -> None:
            self.status.message(f"Setting up the demo library… {done} of {total}")

        def done(changes: Changes) -> None:
            self.list_page.set_busy("")
            self.bus.announce(changes)
            self.status.message("Demo library ready.", 5000)
            self.open_first_case()

        def failed(exc: BaseException) -> None:
            self.list_page.set_busy("")
            self.show_error(exc)

        return self.writes.submit(
            lambda ctx: demo.seed_demo(library=library, progress=ctx.progress),
            done, failed, progress,
        )  # fmt: skip

    # --- layout ----------------------------------------------------------------------------
    def restore_layout(self) -> None:
        """Geometry, docks and splitter; then where the user was, once the library is open."""
        self._restore_frame()
        if self.library is not None:
            self._restore_selection()

    def _restore_frame(self) -> None:
        """Everything of the saved layout the first paint needs; before the library is open,
        the saved section is selected in the navigator and shown as loading."""
        self._frame_restored = True
        s = self.settings
        if not s.geometry.isEmpty():
            self.restoreGeometry(s.geometry)
        if not s.window_state.isEmpty():
            self.restoreState(s.window_state, LAYOUT_VERSION)
        sizes = s.splitter_sizes
        self.splitter.setSizes(sizes if len(sizes) == 2 else self._default_split())
        if self.library is not None:
            return
        self._restoring = True
        try:
            if not self.navigator.select_section(s.selection.section):
                self.navigator.select_section("articles")
        finally:
            self._restoring = False

    def _restore_selection(self) -> None:
        """The saved case or section and item; a section the user picked while the library
        was opening wins over them."""
        sel = self.settings.selection
        if self._section_chosen:
            sel = Selection(self._loading_section)
        restored = bool(sel.case_id) and self.navigator.select_case(sel.case_id)
        if not restored and not self.navigator.select_section(sel.section):
            self.navigator.select_section("articles")
        if sel.item_id:
            self.select_item(sel.item_id)

    def _default_split(self) -> list[int]:
        total = max(self.splitter.height(), self.height() - 160, 400)
        return [int(total * 0.38), int(total * 0.62)]

    def save_layout(self) -> None:
        s = self.settings
        s.geometry = self.saveGeometry()
        s.window_state = self.saveState(LAYOUT_VERSION)
        s.splitter_sizes = self.splitter.sizes()
        if self.library is not None:  # closed while opening: where the user was stays saved
            case_id = self.navigator.current_case_id()
            section = self.list_page.section
            s.selection = Selection(section, case_id or 0, self.detail.item_id or 0)
        s.sync()

    def discard(self) -> None:
        """Close without saving the layout (the library could not be opened)."""
        self._save_on_close = False
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._save_on_close:
            self.save_layout()
        if self.library is not None:
            self.importer.cancel()
            self.watcher.stop()
        self.writes.wait()
        super().closeEvent(event)

    def show_error(self, exc: BaseException) -> None:
        ask(self, "Casefile", str(exc) or type(exc).__name__)

    def open_first_case(self) -> int | None:
        """After the demo is seeded: open its case with the first item selected, so the
        reader and the connections panel show something from the first second."""
        if self.library is None:
            return None
        case_id = dialogs.first_case_id(self.library)
        if case_id is not None:
            self.navigator.select_case(case_id)  # the case page selects its first item
        return case_id

    # --- action handlers (see desktop/ui/actions.py) ----------------------------------------
    def _bind_handlers(self) -> None:
        """The window's own commands; features bind the others (print: printing.py; cases
        and entity edits: cases/install.py)."""
        own: dict[str, Callable[[], object]] = {
            "file.import": self.on_import_files,
            "file.import_folder": self.on_import_folder,
            "file.open_shared": self.on_open_shared_library,
            "file.backup": self.on_backup,
            "file.quit": self.on_quit,
            "edit.undo": self.on_undo,
            "edit.redo": self.on_redo,
            "edit.find": self.on_find,
            "edit.quick_open": self.on_quick_open,
            "view.navigator": self.on_toggle_navigator,
            "view.connections": self.on_toggle_connections,
            "view.search": self.on_toggle_search,
            "view.review": self.on_toggle_review,
            "view.refresh": self.on_refresh,
            "view.reset_layout": self.on_reset_layout,
            "help.about": self.on_about,
            "help.shortcuts": self.on_shortcuts,
        }
        self.registry.set_handlers(own)

    def on_import_files(self) -> None:
        paths = dialogs.ask_import_files(self)
        if paths:
            self.import_paths(paths)

    def on_import_folder(self) -> None:
        folder = dialogs.ask_import_folder(self)
        if folder:
            self.import_paths([folder])

    # Print, Print preview, Save as PDF and Export are installed by _install_features.

    def on_backup(self) -> None:
        dialogs.backup_library(self)

    def on_open_shared_library(self) -> None:
        from desktop.ui.shared_library_dialog import open_shared_library

        open_shared_library(self)

    def on_quit(self) -> None:
        self.close()

    def on_undo(self) -> None:
        from desktop.ui.undo import step  # the database stack loads after the first paint

        step(self.undo_stack, undo=True)  # a refused undo leaves the stack where it is

    def on_redo(self) -> None:
        from desktop.ui.undo import step

        step(self.undo_stack, undo=False)

    def on_find(self) -> None:
        self.show_search()

    def on_quick_open(self) -> None:
        if self._quick_open is None:
            from desktop.ui.search import QuickOpenDialog

            dialog = QuickOpenDialog(self.library, self.registry.commands(), self)
            dialog.sig_item_chosen.connect(self.select_item)
            dialog.sig_case_chosen.connect(self.navigator.select_case)
            dialog.sig_command_chosen.connect(self.registry.trigger)
            self._quick_open = dialog
        self._quick_open.set_commands(self.registry.commands())
        self._quick_open.popup()

    def on_toggle_navigator(self) -> None:
        self.nav_dock.setVisible(not self.nav_dock.isVisible())

    def toggle_dock(self, dock: QDockWidget) -> None:
        """Show and raise a dock that is closed or behind another tab; else close it."""
        behind = bool(self.tabifiedDockWidgets(dock)) and dock.visibleRegion().isEmpty()
        if dock.isHidden() or behind:
            dock.show()
            dock.raise_()
            if dock.widget() is not None:  # the keys go to what was asked for (no mouse)
                dock.widget().setFocus(Qt.FocusReason.ShortcutFocusReason)
        else:
            dock.hide()

    def on_toggle_connections(self) -> None:
        self.toggle_dock(self.connections_dock)

    def on_toggle_review(self) -> None:
        self.toggle_dock(self.review_dock)

    def on_toggle_search(self) -> None:
        if self.search_shown():
            self.close_search()
        else:
            self.show_search()

    def on_refresh(self) -> None:
        self.watcher.refresh()

    def _on_theme_changed(self) -> None:
        if self.library is not None and self.detail.item_id is not None:  # its colours
            self.detail.show_item(self.detail.item_id, keep_scroll=True)  # are in its HTML

    def on_reset_layout(self) -> None:
        self.restoreState(self._default_state, LAYOUT_VERSION)
        self.splitter.setSizes(self._default_split())

    # New / rename / delete case, Add to case and the entity edits: cases/install.py

    def on_shortcuts(self) -> None:
        from desktop.ui.shortcuts_dialog import show_shortcuts

        show_shortcuts(self.registry, self)

    def on_about(self) -> None:
        dialogs.about(self)
