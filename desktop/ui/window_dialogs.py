"""Small pieces of the main window kept out of it: the status line, docks and the panels of
other features, the file dialogs behind the menu handlers, and reading dropped file URLs.
(Case dialogs: desktop/ui/cases/.)

Imported for the window's first paint, before the database stack: services are imported
where they are used.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData, Qt
from PySide6.QtWidgets import (
    QDockWidget,
    QFrame,
    QInputDialog,
    QLabel,
    QMessageBox,
    QScrollArea,
    QWidget,
)

from desktop.services.changes import Changes
from desktop.ui import file_dialogs
from desktop.ui.workers import run_task

if TYPE_CHECKING:
    from desktop.store.db import Library
    from desktop.ui.main_window import MainWindow

log = logging.getLogger(__name__)


class StatusLine:
    """The status bar: messages on the left; counts and the library file on the right."""

    def __init__(self, window: MainWindow, library: Library | None = None) -> None:
        self._window = window
        self._library: Library | None = None
        bar = window.statusBar()
        bar.setObjectName("StatusBar")
        self.counts = QLabel()
        self.counts.setObjectName("StatusCounts")
        self.path = QLabel()
        self.path.setObjectName("StatusPath")
        bar.addPermanentWidget(self.counts)
        bar.addPermanentWidget(self.path)
        if library is not None:
            self.set_library(library)

    def set_library(self, library: Library, counts: Mapping[str, int] | None = None) -> None:
        """The library is open (``counts``: its section counts when already read)."""
        self._library = library
        self.path.setText(str(library.path or library.url))
        self.path.setToolTip(f"Library file: {library.path or library.url}")
        self.refresh(counts)

    def refresh(self, counts: Mapping[str, int] | None = None) -> None:
        if counts is None:
            if self._library is None:
                return
            from desktop.services.library import section_counts
            from desktop.services.views import read

            counts = read(self._library, section_counts)
        entities = sum(counts[s] for s in ("people", "organizations", "places", "groups",
                                            "regulations"))  # fmt: skip
        text = f"{counts['articles']} articles · {entities} entities"
        if counts["inbox"]:
            text += f" · {counts['inbox']} to review"
        self.counts.setText(text)

    def on_changed(self, _changes: Changes) -> None:
        self.refresh()

    def message(self, text: str, timeout_ms: int = 0) -> None:
        self._window.statusBar().showMessage(text, timeout_ms)

    def current_message(self) -> str:
        return self._window.statusBar().currentMessage()


# --- docks and the panels of other features -------------------------------------------------
def make_dock(
    window: MainWindow,
    title: str,
    name: str,
    widget: QWidget,
    area: Qt.DockWidgetArea,
    *,
    scroll: bool = False,
) -> QDockWidget:
    dock = QDockWidget(title, window)
    dock.setObjectName(name)
    if scroll:  # a hosted panel's minimum size must never make the window wider
        area_widget = QScrollArea()
        area_widget.setWidgetResizable(True)
        area_widget.setFrameShape(QFrame.Shape.NoFrame)
        area_widget.setWidget(widget)
        widget = area_widget
    dock.setWidget(widget)
    window.addDockWidget(area, dock)
    return dock


def host(dock: QDockWidget, widget: QWidget) -> None:
    """Put a panel where its placeholder was (inside the dock's scroll area if any): the
    window is shown with placeholders before the library is open."""
    area = dock.widget()
    if isinstance(area, QScrollArea):
        old = area.takeWidget()
        area.setWidget(widget)
    else:
        old = area
        dock.setWidget(widget)
    if old is not None:
        old.deleteLater()


def dropped_paths(mime: QMimeData) -> list[str]:
    """Local files and folders in a drop (other URLs are ignored)."""
    if not mime.hasUrls():
        return []
    return [url.toLocalFile() for url in mime.urls() if url.isLocalFile() and url.toLocalFile()]


def ask_import_files(window: MainWindow) -> list[str]:
    from desktop.ui.import_dialog import FILE_FILTER

    paths = file_dialogs.open_file_names(
        window,
        "Import articles",
        window.settings.last_import_dir,
        FILE_FILTER,
        library=window.library,
    )
    if paths:
        window.settings.last_import_dir = str(Path(paths[0]).parent)
    return paths


def ask_import_folder(window: MainWindow) -> str:
    folder = file_dialogs.existing_directory(
        window,
        "Import every article in a folder",
        window.settings.last_import_dir,
        library=window.library,
    )
    if folder:
        window.settings.last_import_dir = folder
    return folder


def backup_library(window: MainWindow, target: str | None = None) -> None:
    """File > Back up library…: asks where (unless ``target`` is given), then writes the copy
    on a worker; the status bar says where it went, an error dialog why it did not."""
    library = window.attached_library()
    stamp = datetime.now().strftime("%Y-%m-%d-%H%M")
    default = f"{library.path.stem if library.path else 'library'}-{stamp}.casefile"
    start = str(Path(window.settings.last_import_dir or Path.home()) / default)
    if target is None:
        target, _ = file_dialogs.save_file_name(
            window, "Back up library", start, "Casefile library (*.casefile)", library=library
        )
    if not target:
        return
    window.status.message("Backing up…")
    run_task(
        lambda _ctx: library.backup(target),
        lambda path: window.status.message(f"Backed up to {path}", 6000),
        window.show_error,
    )


def ask_text(parent: QWidget, title: str, label: str, text: str = "") -> str:
    value, ok = QInputDialog.getText(parent, title, label, text=text)
    return " ".join(value.split()) if ok else ""


def first_case_id(library: Library) -> int | None:
    from desktop.services import cases as case_service
    from desktop.services.views import read

    cases = read(library, case_service.list_cases)
    return cases[0].id if cases else None


def about(parent: QWidget) -> None:
    QMessageBox.about(
        parent,
        "About Casefile",
        "<h3>Casefile</h3><p>Case files for trade-policy analysts: import articles, review "
        "the people, organizations, countries and working groups they mention, and gather "
        "what matters into case files.</p>",
    )
