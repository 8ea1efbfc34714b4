"""Small pieces of the main window kept out of it: the status line, the file dialogs behind
the menu handlers, and reading dropped file URLs. (Case dialogs: desktop/ui/cases/.)"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData
from PySide6.QtWidgets import QFileDialog, QInputDialog, QLabel, QMessageBox, QWidget

from desktop.services import cases as case_service
from desktop.services.changes import Changes
from desktop.services.library import section_counts
from desktop.store.db import Library
from desktop.ui.import_dialog import FILE_FILTER
from desktop.ui.workers import run_task

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow


class StatusLine:
    """The status bar: messages on the left; counts and the library file on the right."""

    def __init__(self, window: MainWindow, library: Library) -> None:
        self._window = window
        self._library = library
        bar = window.statusBar()
        bar.setObjectName("StatusBar")
        self.counts = QLabel()
        self.counts.setObjectName("StatusCounts")
        self.path = QLabel(str(library.path or library.url))
        self.path.setObjectName("StatusPath")
        self.path.setToolTip(f"Library file: {library.path or library.url}")
        bar.addPermanentWidget(self.counts)
        bar.addPermanentWidget(self.path)
        self.refresh()

    def refresh(self) -> None:
        with self._library.session() as session:
            counts = section_counts(session)
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


def dropped_paths(mime: QMimeData) -> list[str]:
    """Local files and folders in a drop (other URLs are ignored)."""
    if not mime.hasUrls():
        return []
    return [url.toLocalFile() for url in mime.urls() if url.isLocalFile() and url.toLocalFile()]


def ask_import_files(window: MainWindow) -> list[str]:
    paths, _ = QFileDialog.getOpenFileNames(
        window, "Import articles", window.settings.last_import_dir, FILE_FILTER
    )
    if paths:
        window.settings.last_import_dir = str(Path(paths[0]).parent)
    return paths


def ask_import_folder(window: MainWindow) -> str:
    folder = QFileDialog.getExistingDirectory(
        window, "Import every article in a folder", window.settings.last_import_dir
    )
    if folder:
        window.settings.last_import_dir = folder
    return folder


def backup_library(window: MainWindow) -> None:
    library = window.library
    default = f"{library.path.stem if library.path else 'library'}-{library.stamp()}.casefile"
    start = str(Path(window.settings.last_import_dir or Path.home()) / default)
    target, _ = QFileDialog.getSaveFileName(
        window, "Back up library", start, "Casefile library (*.casefile)"
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
    with library.session() as session:
        cases = case_service.list_cases(session)
    return cases[0].id if cases else None


def about(parent: QWidget) -> None:
    QMessageBox.about(
        parent,
        "About Casefile",
        "<h3>Casefile</h3><p>Case files for trade-policy analysts: import articles, review "
        "the people, organizations, countries and working groups they mention, and gather "
        "what matters into case files.</p>",
    )
