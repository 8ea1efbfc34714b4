"""Starting the window: the QApplication, the library, the main window, the demo on first start.

The database stack and the window modules are imported only after QApplication exists and
only when the library is to be shown, so ``casefile --help`` and the CLI never pay for Qt.
(A separate splash window was tried: it painted in 0.4 s, but the real window then replaced
it seconds later on a loaded machine, which reads as flicker; one window it is.)
"""

from __future__ import annotations

import sys
from pathlib import Path

RESOURCES = Path(__file__).resolve().parents[2] / "resources"
STYLE_FILE = RESOURCES / "style.qss"


def load_style() -> str:
    try:
        return STYLE_FILE.read_text(encoding="utf-8")
    except OSError:
        return ""


def run_app(db: str | None = None) -> int:
    from PySide6.QtWidgets import QApplication, QMessageBox

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Casefile")
    app.setOrganizationName("Casefile")
    app.setApplicationDisplayName("Casefile")
    app.setStyle("Fusion")
    app.setStyleSheet(load_style())

    from desktop.store.db import Library, LibraryError, resolve_db_url

    try:
        library = Library.open(resolve_db_url(db))
    except LibraryError as exc:
        QMessageBox.critical(None, "Casefile cannot open the library", str(exc))
        return 2

    from desktop.ui.icons import icon
    from desktop.ui.main_window import MainWindow

    app.setWindowIcon(icon("case", "#2b6cb0"))
    window = MainWindow(library)
    if window.settings.geometry.isEmpty():  # first start: use the screen
        window.setGeometry(window.screen().availableGeometry())
        window.showMaximized()
    else:
        window.show()
    if library.created:
        window.seed_demo()
    try:
        return int(app.exec())
    finally:
        window.writes.wait()
        library.close()
