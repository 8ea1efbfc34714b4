"""The main window: composes the navigator, the centre list / case page, the detail view and
the side docks (Connections and Review tabbed on the right, Search under the navigator), and
routes selection between them. It holds none of their logic: case and entity edits live in
desktop/ui/cases/install.py (``CaseCommands``), every one an ``undo.Editor`` command on
``undo_stack``.

Seams for other features: ``actions.set_handler(id, fn)`` replaces a command's handler; the
right dock hosts ``desktop.ui.connections.panel.ConnectionsPanel`` and the search dock
``desktop.ui.search.SearchPanel`` when those modules exist.
"""

from __future__ import annotations

import importlib
import importlib.util
import logging
import os
from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QUndoStack
from PySide6.QtWidgets import (
    QDockWidget,
    QFrame,
    QLabel,
    QMainWindow,
    QMessageBox,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QWidget,
)

from desktop.services.changes import Changes
from desktop.store.db import Library
from desktop.ui import window_dialogs as dialogs
from desktop.ui.actions import ActionRegistry
from desktop.ui.bus import ChangeBus
from desktop.ui.cases.view import CaseView
from desktop.ui.detail.panel import DetailPanel
from desktop.ui.import_dialog import ImportController
from desktop.ui.list_page import ListPage
from desktop.ui.navigator import NavigatorPanel
from desktop.ui.review import ReviewPanel
from desktop.ui.settings import LAYOUT_VERSION, Selection, Settings
from desktop.ui.workers import TaskHandle, WriteQueue

#: features built elsewhere; a handler whose module is missing says so in the status bar
FEATURE_MODULES = {
    "print": "desktop.ui.printing",
    "search": "desktop.ui.search",
    "connections": "desktop.ui.connections",
    "export": "desktop.ui.export",
}
log = logging.getLogger(__name__)


def feature_available(name: str) -> bool:
    try:
        return importlib.util.find_spec(FEATURE_MODULES[name]) is not None
    except (ImportError, ValueError):
        return False


class MainWindow(QMainWindow):
    def __init__(
        self, library: Library, *, bus: ChangeBus | None = None, settings: Settings | None = None
    ) -> None:
        super().__init__()
        self.library = library
        self.bus = bus or ChangeBus(self)
        self.settings = settings or Settings()
        self.writes = WriteQueue(self)
        self.undo_stack = QUndoStack(self)
        self.setObjectName("MainWindow")
        name = library.path.name if library.path else library.url
        self.setWindowTitle(f"Casefile — {name}")
        self.setAcceptDrops(True)
        screen = self.screen().availableGeometry()
        self.resize(min(1400, int(screen.width() * 0.92)), min(880, int(screen.height() * 0.9)))

        self.actions = ActionRegistry(self)
        self.actions.build_menus(self.menuBar())
        toolbar = QToolBar("Toolbar", self)
        toolbar.setObjectName("MainToolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.actions.build_toolbar(toolbar)
        self.addToolBar(toolbar)

        self.navigator = NavigatorPanel(library)
        self.list_page = ListPage(library)
        self.case_page = CaseView(library, undo_stack=self.undo_stack, bus=self.bus)
        self.centre = QStackedWidget()
        self.centre.setObjectName("Centre")
        self.centre.addWidget(self.list_page)
        self.centre.addWidget(self.case_page)
        self.detail = DetailPanel(library)
        self.splitter = QSplitter(Qt.Orientation.Vertical)  # list above, reader below
        self.splitter.setObjectName("CentreSplitter")
        self.splitter.addWidget(self.centre)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 5)
        self.splitter.setStretchFactor(1, 6)
        self.splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.splitter)

        self.nav_dock = self._dock("Navigator", "NavigatorDock", self.navigator,
                                   Qt.DockWidgetArea.LeftDockWidgetArea)  # fmt: skip
        self.connections_panel = self._optional_panel(
            "desktop.ui.connections.panel", "ConnectionsPanel",
            "The connections panel is not available yet.",
        )  # fmt: skip
        self.connections_dock = self._dock("Connections", "ConnectionsDock",
                                           self.connections_panel,
                                           Qt.DockWidgetArea.RightDockWidgetArea,
                                           scroll=True)  # fmt: skip
        self.review_panel = ReviewPanel(library, undo_stack=self.undo_stack, bus=self.bus)
        self.review_dock = self._dock("Review", "ReviewDock", self.review_panel,
                                      Qt.DockWidgetArea.RightDockWidgetArea)  # fmt: skip
        self.tabifyDockWidget(self.connections_dock, self.review_dock)
        self.connections_dock.raise_()  # the graph in front, at full height
        self.search_panel = self._optional_panel("desktop.ui.search", "SearchPanel", None)
        self.search_dock = self._dock("Search", "SearchDock",
                                      self.search_panel or QLabel(),
                                      Qt.DockWidgetArea.LeftDockWidgetArea,
                                      scroll=True)  # fmt: skip
        self.tabifyDockWidget(self.nav_dock, self.search_dock)
        self.nav_dock.raise_()
        if self.search_panel is None:
            self.search_dock.hide()
        for dock, action_id in ((self.nav_dock, "view.navigator"),
                                (self.connections_dock, "view.connections"),
                                (self.review_dock, "view.review"),
                                (self.search_dock, "view.search")):  # fmt: skip
            dock.visibilityChanged.connect(self.actions.action(action_id).setChecked)
        side = min(self.connections_panel.minimumSizeHint().width() + 24, int(self.width() * 0.38))
        self.resizeDocks([self.nav_dock, self.connections_dock], [250, max(side, 320)],
                         Qt.Orientation.Horizontal)  # fmt: skip
        self._default_state = self.saveState(LAYOUT_VERSION)

        self.status = dialogs.StatusLine(self, library)
        self.importer = ImportController(
            library=library, writes=self.writes, bus=self.bus, parent_widget=self,
            on_show_inbox=lambda: self.navigator.select_section("inbox"),
        )  # fmt: skip
        self._quick_open: QWidget | None = None
        self._wire()
        self._install_features()
        self.restore_layout()

    def _install_features(self) -> None:
        """Case files, review and printing plug in through the registry and public hooks."""
        from desktop.ui.cases.install import install_case_features
        from desktop.ui.printing import CasePrinter, install_print_actions

        self.case_commands = install_case_features(self)
        self.printer = CasePrinter(self.library, self)
        install_print_actions(self.actions, self.printer, self.navigator.current_case_id)
        self.printer.sig_done.connect(lambda message: self.status.message(message, 6000))
        self.printer.sig_failed.connect(lambda message: self.status.message(message, 10000))

    # --- composition ---------------------------------------------------------------------
    def _dock(
        self, title: str, name: str, widget: QWidget, area: Qt.DockWidgetArea, *, scroll=False
    ) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        if scroll:  # a hosted panel's minimum size must never make the window wider
            area_widget = QScrollArea()
            area_widget.setWidgetResizable(True)
            area_widget.setFrameShape(QFrame.Shape.NoFrame)
            area_widget.setWidget(widget)
            widget = area_widget
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    def _optional_panel(self, module: str, cls: str, missing: str | None) -> QWidget | None:
        """A panel from another feature module when it is there; else a placeholder."""
        try:
            found = importlib.util.find_spec(module) is not None
        except ImportError:
            found = False
        panel = None
        if found:
            try:
                panel = getattr(importlib.import_module(module), cls)(self.library)
            except Exception:  # noqa: BLE001 - a broken feature never stops the window
                log.exception("could not load %s.%s", module, cls)
        if panel is not None:
            for name in ("sig_item_selected", "sig_item_activated"):
                if hasattr(panel, name):
                    getattr(panel, name).connect(self.select_item)
            for name in ("on_changed", "on_changes"):
                if hasattr(panel, name):
                    self.bus.sig_changed.connect(getattr(panel, name))
                    break
            if hasattr(panel, "sig_case_activated"):
                panel.sig_case_activated.connect(self.navigator.select_case)
            return panel
        if missing is None:
            return None
        label = QLabel(missing)
        label.setObjectName("EmptyState")
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setWordWrap(True)
        return label

    def _wire(self) -> None:
        nav = self.navigator
        nav.sig_section_selected.connect(self.show_section)
        nav.sig_case_selected.connect(self.show_case)
        nav.sig_new_case_requested.connect(lambda: self.actions.trigger("case.new"))
        nav.set_case_actions([self.actions.action(i) for i in ("case.rename", "case.delete")])
        self.list_page.set_menu_actions([self.actions.action(i) for i in ("case.add", "edit.link")])
        self.list_page.sig_current_item_changed.connect(self.on_item_shown)
        self.case_page.sig_current_item_changed.connect(self.on_item_shown)
        self.detail.sig_item_activated.connect(self.select_item)
        self.detail.sig_case_activated.connect(self.navigator.select_case)
        for view in (nav, self.list_page, self.detail, self.status):
            self.bus.sig_changed.connect(view.on_changed)
        undo, redo = self.actions.action("edit.undo"), self.actions.action("edit.redo")
        undo.setEnabled(False)
        redo.setEnabled(False)
        self.undo_stack.canUndoChanged.connect(undo.setEnabled)
        self.undo_stack.canRedoChanged.connect(redo.setEnabled)
        self.undo_stack.undoTextChanged.connect(lambda t: undo.setText(f"&Undo {t}".strip()))
        self.undo_stack.redoTextChanged.connect(lambda t: redo.setText(f"&Redo {t}".strip()))

    # --- navigation and selection --------------------------------------------------------
    def show_section(self, section: str) -> None:
        self._panel_call("set_case", None)
        self.centre.setCurrentWidget(self.list_page)
        self.list_page.show_section(section)

    def show_case(self, case_id: int) -> None:
        self._panel_call("set_case", case_id)
        self.centre.setCurrentWidget(self.case_page)
        self.case_page.show_case(case_id)
        self.on_item_shown(self.case_page.current_item_id())

    def select_item(self, item_id: int) -> None:
        """Make an item the selection everywhere: the list row if it is listed, the detail
        view and the connections panel."""
        page = self.centre.currentWidget()
        selector = getattr(page, "select_item", None)
        if selector is not None and selector(item_id):
            return  # the page's current-row signal shows it
        if hasattr(page, "clear_selection"):
            page.clear_selection()
        self.on_item_shown(item_id)

    def on_item_shown(self, item_id: int | None) -> None:
        if item_id == self.detail.item_id and item_id is not None:
            return
        self.detail.show_item(item_id)
        if item_id is not None:
            self._panel_call("set_item", item_id)
        self.review_panel.set_article(item_id)

    def _panel_call(self, method: str, *args: object) -> None:
        fn = getattr(self.connections_panel, method, None)
        if fn is not None:
            fn(*args)

    def current_item_ids(self) -> list[int]:
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

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if dialogs.dropped_paths(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragEnterEvent) -> None:  # type: ignore[override]
        self.dragEnterEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        paths = dialogs.dropped_paths(event.mimeData())
        if paths:
            event.acceptProposedAction()
            self.import_paths(paths)

    def seed_demo(self) -> TaskHandle | None:
        """Fill a brand-new library with the demo, on the worker, if the demo module exists."""
        try:
            from desktop.services import demo
        except ImportError:
            return None
        self.status.message("Setting up the demo library…")

        def progress(done: int, total: int, _name: str = "") -> None:
            self.status.message(f"Setting up the demo library… {done} of {total}")

        def done(changes: object) -> None:
            self.bus.announce(changes if isinstance(changes, Changes) else Changes(everything=True))
            self.status.message("Demo library ready.", 5000)
            self.open_first_case()

        return self.writes.submit(
            lambda ctx: demo.seed_demo(library=self.library, progress=ctx.progress),
            done, self.show_error, progress,
        )  # fmt: skip

    # --- layout ----------------------------------------------------------------------------
    def restore_layout(self) -> None:
        s = self.settings
        if not s.geometry.isEmpty():
            self.restoreGeometry(s.geometry)
        if not s.window_state.isEmpty():
            self.restoreState(s.window_state, LAYOUT_VERSION)
        sizes = s.splitter_sizes
        self.splitter.setSizes(sizes if len(sizes) == 2 else self._default_split())
        sel = s.selection
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
        case_id = self.navigator.current_case_id()
        section = self.list_page.section
        s.selection = Selection(section, case_id or 0, self.detail.item_id or 0)
        s.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_layout()
        self.importer.cancel()
        self.writes.wait()
        super().closeEvent(event)

    def show_error(self, exc: BaseException) -> None:
        QMessageBox.warning(self, "Casefile", str(exc) or type(exc).__name__)

    def open_first_case(self) -> int | None:
        """After the demo is seeded: open its case with the first item selected, so the
        reader and the connections panel show something from the first second."""
        case_id = dialogs.first_case_id(self.library)
        if case_id is not None:
            self.navigator.select_case(case_id)  # the case page selects its first item
        return case_id

    def _not_yet(self, feature: str, what: str) -> bool:
        """True (and a status message) when a feature's module is not built yet."""
        if feature_available(feature):
            return False
        self.status.message(f"{what} is not available yet.", 4000)
        return True

    # --- action handlers (see desktop/ui/actions.py) ----------------------------------------
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
        self.undo_stack.undo()

    def on_redo(self) -> None:
        self.undo_stack.redo()

    def on_find(self) -> None:
        if not self._not_yet("search", "Search") and self.search_panel is not None:
            self.search_dock.show()
            self.search_dock.raise_()
            self.search_panel.setFocus()

    def on_quick_open(self) -> None:
        if self._not_yet("search", "Quick open"):
            return
        if self._quick_open is None:
            from desktop.ui.search import QuickOpenDialog

            dialog = QuickOpenDialog(self.library, self.actions.commands(), self)
            dialog.sig_item_chosen.connect(self.select_item)
            dialog.sig_case_chosen.connect(self.navigator.select_case)
            dialog.sig_command_chosen.connect(self.actions.trigger)
            self._quick_open = dialog
        self._quick_open.set_commands(self.actions.commands())
        self._quick_open.popup()

    def on_toggle_navigator(self) -> None:
        self.nav_dock.setVisible(not self.nav_dock.isVisible())

    def toggle_dock(self, dock: QDockWidget) -> None:
        """Show and raise a dock that is closed or behind another tab; else close it."""
        behind = bool(self.tabifiedDockWidgets(dock)) and dock.visibleRegion().isEmpty()
        if dock.isHidden() or behind:
            dock.show()
            dock.raise_()
        else:
            dock.hide()

    def on_toggle_connections(self) -> None:
        self.toggle_dock(self.connections_dock)

    def on_toggle_review(self) -> None:
        self.toggle_dock(self.review_dock)

    def on_toggle_search(self) -> None:
        if not self._not_yet("search", "Search"):
            self.search_dock.setVisible(not self.search_dock.isVisible())

    def on_reset_layout(self) -> None:
        self.restoreState(self._default_state, LAYOUT_VERSION)
        self.splitter.setSizes(self._default_split())

    # New / rename / delete case, Add to case and the entity edits: cases/install.py

    def on_about(self) -> None:
        dialogs.about(self)
