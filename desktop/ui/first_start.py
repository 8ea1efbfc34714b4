"""The first start, and the demo after it (issue 20: offer the demo, do not impose it).

A brand-new library opens on a small dialog: "Open the demo library" (the demo case and its
articles, ``services.demo``), "Import articles…" or "Start empty". It is window-modal but does
not block start-up (``open``, not ``exec``), so the window is ready behind it. File › Remove
demo data takes the demo out again, after asking, and leaves the analyst's own data alone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.plain import plain_label

if TYPE_CHECKING:
    from desktop.store.db import Library
    from desktop.ui.main_window import MainWindow
    from desktop.ui.workers import TaskHandle

DEMO, IMPORT, EMPTY = "demo", "import", "empty"
WELCOME = (
    "This library is empty. Open the demo library to look around first: a case file about "
    "export-control talks, with its articles and suggestions already reviewed (File › Remove "
    "demo data takes it out again). Or import your own articles, or start empty."
)


class FirstStartDialog(QDialog):
    """The three ways to begin; ``sig_chosen`` says which (also when closed: "empty")."""

    sig_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("FirstStartDialog")
        self.setWindowTitle("Welcome to Casefile")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        text = plain_label(WELCOME)
        text.setWordWrap(True)
        text.setMinimumWidth(420)
        self.buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        for key, label in ((DEMO, "Open the demo library"), (IMPORT, "Import articles…"),
                           (EMPTY, "Start empty")):  # fmt: skip
            button = self.buttons[key] = QPushButton(label)
            button.setObjectName(f"FirstStart-{key}")
            button.clicked.connect(lambda _c=False, k=key: self.choose(k))
            row.addWidget(button)
        self.buttons[DEMO].setDefault(True)
        self.buttons[DEMO].setFocus()
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addLayout(row)
        self.chosen = ""
        self.rejected.connect(self._closed)

    def _closed(self) -> None:
        if not self.chosen:  # Escape or the window's close button: start empty
            self.chosen = EMPTY
            self.sig_chosen.emit(EMPTY)

    def choose(self, key: str) -> None:
        self.chosen = key
        self.accept()
        self.sig_chosen.emit(key)


def offer_first_start(window: MainWindow) -> FirstStartDialog:
    """Shown once, on a library this start created; acts on the choice."""
    dialog = FirstStartDialog(window)

    def chosen(key: str) -> None:
        if key == DEMO:
            window.seed_demo()
        elif key == IMPORT:
            window.registry.trigger("file.import")
        dialog.deleteLater()

    dialog.sig_chosen.connect(chosen)
    dialog.open()
    return dialog


def ask_remove_demo(parent: QWidget, articles: int, cases: int) -> bool:
    """The confirmation (a seam tests replace)."""
    answer = QMessageBox.question(
        parent,
        "Remove demo data",
        f"Remove the demo's {articles} article{'' if articles == 1 else 's'} and "
        f"{cases} case{'' if cases == 1 else 's'}, with the people, organizations and places "
        "only they mention? Your own articles, cases and notes stay. This cannot be undone.",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    return answer == QMessageBox.StandardButton.Yes


def remove_demo_data(window: MainWindow) -> TaskHandle | None:
    """File › Remove demo data: asks, then removes on the write worker."""
    from desktop.services import demo, views
    from desktop.ui.workers import wait_off_gui

    library: Library = window.attached_library()

    def find() -> demo.DemoData:
        return views.read(library, demo.find_demo)

    found: demo.DemoData = wait_off_gui(find)
    if not found:
        window.status.message("This library holds no demo data.", 6000)
        return None
    if not ask_remove_demo(window, len(found.article_ids), len(found.case_ids)):
        return None
    window.undo_stack.clear()  # the demo's items may be named by steps on the stack

    def done(result: object) -> None:
        if isinstance(result, demo.DemoRemoved):
            window.bus.announce(result.changes)
            window.status.message(
                f"Demo data removed: {result.articles} articles, {result.entities} entities, "
                f"{result.cases} case.",
                8000,
            )

    return window.writes.submit(
        lambda _ctx: demo.remove_demo(library=library), done, window.show_error
    )


def install_demo_features(window: MainWindow) -> None:
    window.registry.set_handler("file.remove_demo", lambda: remove_demo_data(window))
