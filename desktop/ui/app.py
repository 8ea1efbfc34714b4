"""Starting the window: the QApplication, the library, the main window, the demo on first start.

Start-up is two steps so something is on screen at once: a light start window (Qt only, at the
saved geometry) paints first; then the database stack, icons and panels load, the library
opens, and the main window takes the start window's place.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

RESOURCES = Path(__file__).resolve().parents[2] / "resources"
STYLE_FILE = RESOURCES / "style.qss"


def load_style() -> str:
    try:
        return STYLE_FILE.read_text(encoding="utf-8")
    except OSError:
        return ""


def library_label(db: str | None) -> str:
    """The library's file name for the title, without importing the database stack."""
    import os

    value = db or os.environ.get("CASEFILE_DB") or "library.casefile"
    return Path(value.removeprefix("sqlite:///")).name


def _start_window(title: str, subtitle: str) -> Any:
    """A Qt-only window at the saved geometry, painted before anything heavy loads."""
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QColor, QFont, QLinearGradient, QPainter
    from PySide6.QtWidgets import QMainWindow, QWidget

    from desktop.ui.settings import Settings

    class StartView(QWidget):
        def paintEvent(self, _event: Any) -> None:
            p = QPainter(self)
            p.setRenderHint(QPainter.RenderHint.Antialiasing)
            p.fillRect(self.rect(), QColor("#f5f6f8"))
            mark = QRectF(self.width() / 2 - 40, self.height() / 2 - 90, 80, 80)
            gradient = QLinearGradient(mark.topLeft(), mark.bottomRight())
            gradient.setColorAt(0, QColor("#2b6cb0"))
            gradient.setColorAt(1, QColor("#6b46c1"))
            p.setBrush(gradient)
            p.setPen(Qt.PenStyle.NoPen)
            p.drawRoundedRect(mark, 18, 18)
            p.setPen(QColor("#1f2933"))
            font = QFont(self.font())
            font.setPointSize(20)
            font.setBold(True)
            p.setFont(font)
            text = QRectF(0, mark.bottom() + 16, self.width(), 40)
            p.drawText(text, Qt.AlignmentFlag.AlignCenter, "Casefile")
            font.setPointSize(11)
            font.setBold(False)
            p.setFont(font)
            p.setPen(QColor("#5a6270"))
            p.drawText(text.translated(0, 40), Qt.AlignmentFlag.AlignCenter, subtitle)

    window = QMainWindow()
    window.setObjectName("StartWindow")
    window.setWindowTitle(title)
    window.setCentralWidget(StartView())
    geometry = Settings().geometry
    if geometry.isEmpty() or not window.restoreGeometry(geometry):
        window.setGeometry(window.screen().availableGeometry())
        window.showMaximized()
    else:
        window.show()
    return window


def run_app(db: str | None = None) -> int:
    from PySide6.QtWidgets import QApplication, QMessageBox

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Casefile")
    app.setOrganizationName("Casefile")
    app.setApplicationDisplayName("Casefile")
    app.setStyle("Fusion")
    app.setStyleSheet(load_style())

    name = library_label(db)
    start = _start_window(f"Casefile — {name}", f"Opening {name}…")
    app.processEvents()  # paint it now: the heavy imports follow

    from desktop.store.db import Library, LibraryError, resolve_db_url

    try:
        library = Library.open(resolve_db_url(db))
    except LibraryError as exc:
        start.close()
        QMessageBox.critical(None, "Casefile cannot open the library", str(exc))
        return 2

    from desktop.ui.icons import icon
    from desktop.ui.main_window import MainWindow

    app.setWindowIcon(icon("case", "#2b6cb0"))
    window = MainWindow(library)
    if window.settings.geometry.isEmpty():  # first start: use the screen
        window.setGeometry(start.geometry())
        window.showMaximized()
    else:
        window.show()
    start.close()
    if library.created:
        window.seed_demo()
    try:
        return int(app.exec())
    finally:
        window.writes.wait()
        library.close()
