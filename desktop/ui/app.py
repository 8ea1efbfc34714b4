"""Starting the window: the QApplication, the window at once, the library opened behind it, the
demo offered on first start.

Importing the database stack (SQLAlchemy and SQLModel, ~0.7 s here) and opening a library of
100,000 articles took most of start-up, and the window waited for it (issue 8: first paint
under 1.5 s). So the real window is shown first, with its menus, toolbar, docks where they
were left, the navigator's sections and a "Loading library…" list: none of that needs the
library. A worker thread meanwhile imports the stack, opens the library (refusing damaged,
newer or foreign files as before) and reads what the window shows first; the window then
builds the panels that read the library (``MainWindow.attach_library``). The connections
panel, which loads numpy and networkx, follows once a second worker step has imported them.

Nothing here imports the database stack on the GUI thread before the first paint, and the
CLI never pays for Qt. (A separate splash window was tried: it painted in 0.4 s, but the real
window then replaced it seconds later on a loaded machine, which reads as flicker; the frame
shown first is the real window, filled in place.)
"""

from __future__ import annotations

import gc
import importlib
import logging
import os
import sys
import traceback
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from desktop.store.db import Library
    from desktop.ui.main_window import MainWindow, ReadAhead

OPEN_FAILED = "Casefile cannot open the library"
#: services the panels built by ``attach_library`` import: the worker imports them after
#: opening the library, so the GUI thread does not (a warm-up only; the rest loads on use)
PANEL_SERVICES = (
    "desktop.services.cases",
    "desktop.services.review",
    "desktop.services.editing",
    "desktop.services.search",
    "desktop.services.report",
    "desktop.services.export",
)
#: what the connections panel imports that is slow: numpy and networkx (layout). Not
#: qtawesome (its node glyphs): qtpy star-imports PySide6, whose types are then created on
#: first use, and that belongs on the GUI thread
CONNECTIONS_IMPORTS = ("desktop.services.graph", "desktop.services.graph_layout")
#: set (to anything) to quit once the window shows the library, printing "ready": the smoke
#: test of an installed or bundled Casefile, which cannot run a test driver inside the bundle
SMOKE_ENV = "CASEFILE_SMOKE_TEST"
log = logging.getLogger(__name__)


def make_application() -> QApplication:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Casefile")
    app.setOrganizationName("Casefile")
    app.setApplicationDisplayName("Casefile")
    app.setDesktopFileName("casefile")  # ties the window to the launcher's entry and icon
    app.setStyle("Fusion")
    from desktop.ui import theme
    from desktop.ui.settings import Settings

    theme.install(app, Settings().theme)  # palette and style sheet, light or dark
    return app


def warm_up(modules: Iterable[str]) -> None:
    """Import modules off the GUI thread (only ones that do not import Qt)."""
    for name in modules:
        importlib.import_module(name)


#: young objects allowed before a collection (Python's default is 700); see ``settle_gc``
GC_YOUNG_THRESHOLD = 20_000


def settle_gc() -> None:
    """Once start-up is over: keep the garbage collector off the long-lived start-up heap.

    Everything made while starting (Qt wrappers, SQLAlchemy, the models, ~130,000 objects)
    lives as long as the window, yet every older-generation collection walked all of it. A
    300-node connections view allocates tens of thousands of short-lived tuples, and those
    collections were ~15-25% of its time at 100,000 articles. ``gc.freeze`` moves the
    start-up heap out of the collector's sight, and a higher young threshold collects less
    often (cycles are still collected; memory grows by a few MiB at most).
    """
    gc.collect()
    gc.freeze()
    gc.set_threshold(GC_YOUNG_THRESHOLD, 10, 10)


class Startup:
    """One start of the window: show it, open the library on a worker, attach it.

    ``start`` returns the shown window; ``shutdown`` (after the event loop) waits for the
    worker and closes the library. ``exit_code`` is set when the library could not be opened.
    """

    def __init__(self, db: str | None = None) -> None:
        from PySide6.QtCore import QThreadPool

        self.db = db
        self.window: MainWindow | None = None
        self.exit_code: int | None = None
        self._pool = QThreadPool()  # our own, so shutdown can wait for exactly this work
        self._opened: list[Library] = []  # appended on the worker; closed by shutdown

    def start(self) -> MainWindow:
        from PySide6.QtWidgets import QApplication

        from desktop.ui.app_icon import app_icon
        from desktop.ui.main_window import MainWindow
        from desktop.ui.workers import run_task

        QApplication.setWindowIcon(app_icon())
        window = self.window = MainWindow()
        if window.settings.geometry.isEmpty():  # first start: use the screen
            window.setGeometry(window.screen().availableGeometry())
            window.showMaximized()
        else:
            window.show()
        section = window.loading_section()
        run_task(lambda ctx: self._open(section, ctx.progress), self._on_opened,
                 self._on_failed, self._on_upgrading, pool=self._pool)  # fmt: skip
        return window

    # --- on the worker ---------------------------------------------------------------------
    def _open(
        self, section: str | None, upgrading: Callable[[str], None]
    ) -> tuple[Library, ReadAhead]:
        from desktop.store.db import Library, resolve_db_url
        from desktop.ui.main_window import read_ahead

        library = Library.open(resolve_db_url(self.db), on_upgrade=upgrading)
        self._opened.append(library)
        ahead = read_ahead(library, section)
        warm_up(PANEL_SERVICES)
        return library, ahead

    # --- back on the GUI thread ------------------------------------------------------------
    def _on_upgrading(self, name: str) -> None:
        if self.window is not None and self.window.library is None:
            self.window.list_page.show_upgrading(name)

    def _on_opened(self, result: tuple[Library, ReadAhead]) -> None:
        from desktop.ui.workers import run_task

        library, ahead = result
        window = self.window
        if window is None or not window.isVisible():
            return  # closed while the library was opening; shutdown closes it
        window.attach_library(library, ahead, connections=False)
        if library.created:  # offered, not imposed: demo, import or empty
            from desktop.ui.first_start import offer_first_start

            offer_first_start(window)

        def attach(_result: Any = None) -> None:
            window.attach_connections()
            settle_gc()
            if os.environ.get(SMOKE_ENV):
                from PySide6.QtWidgets import QApplication

                print(f"ready: {library.name}", flush=True)
                QApplication.quit()

        run_task(lambda _ctx: warm_up(CONNECTIONS_IMPORTS), attach, lambda _exc: attach(),
                 pool=self._pool)  # fmt: skip

    def _on_failed(self, exc: BaseException) -> None:
        from PySide6.QtWidgets import QApplication, QMessageBox

        db = sys.modules.get("desktop.store.db")
        expected = db is not None and isinstance(exc, db.LibraryError)
        if not expected:
            log.error("opening the library failed:\n%s",
                      "".join(traceback.format_exception(type(exc), exc, exc.__traceback__)))  # fmt: skip
        QMessageBox.critical(self.window, OPEN_FAILED, str(exc) or type(exc).__name__)
        self.exit_code = 2 if expected else 1
        QApplication.exit(self.exit_code)
        if self.window is not None:
            self.window.discard()

    def shutdown(self) -> None:
        if self.window is not None:
            self.window.writes.wait()
        self._pool.waitForDone()
        for library in self._opened:
            library.close()


def run_app(db: str | None = None) -> int:
    from desktop.ui import crash

    app = make_application()
    startup = Startup(db)
    hook = crash.install(startup.start())
    try:
        code = int(app.exec())
    finally:
        hook.uninstall()
        startup.shutdown()
    return startup.exit_code if startup.exit_code is not None else code
