"""Edit › Settings: the library's own settings, one page each (today: the names never to
suggest). What is set here is stored in the library, so the CLI and a colleague's window on a
shared library honour it too; each change is written at once (nothing to "apply").

Reads and writes run on the edit thread (``run_edit`` / ``wait_off_gui``): a shared library
can wait on a lock, and the dialog keeps painting meanwhile.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.services import never_suggest, views
from desktop.services.changes import Edited
from desktop.store.db import Library, LibraryError
from desktop.ui.plain import ask, plain_label
from desktop.ui.workers import edit_pool, wait_off_gui

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow

NEVER_HELP = (
    "Imports and re-extraction into this library never suggest these names (case, accents, "
    "punctuation and spacing do not matter). Add one here, or press N on a suggestion in "
    "the Review panel. Removing a name lets the next import suggest it again."
)


class NeverSuggestPage(QWidget):
    """The list of names never to suggest: add, remove."""

    def __init__(self, library: Library, bus=None, parent: QWidget | None = None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.setObjectName("NeverSuggestPage")
        self.library, self.bus = library, bus
        about = plain_label(NEVER_HELP)
        about.setWordWrap(True)
        self.names = QListWidget()
        self.names.setObjectName("NeverSuggestList")
        self.names.setAccessibleName("Names never suggested")
        self.names.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        self.entry = QLineEdit()
        self.entry.setObjectName("NeverSuggestEntry")
        self.entry.setPlaceholderText("A name never to suggest…")
        self.entry.setAccessibleName("Name to add")
        self.entry.returnPressed.connect(self.add_entry)
        self.add_button = QPushButton("Add")
        self.add_button.clicked.connect(lambda _c=False: self.add_entry())
        self.remove_button = QPushButton("Remove")
        self.remove_button.setObjectName("NeverSuggestRemove")
        self.remove_button.clicked.connect(lambda _c=False: self.remove_selected())
        self.names.itemSelectionChanged.connect(self._update_buttons)
        add_row = QHBoxLayout()
        add_row.addWidget(self.entry, 1)
        add_row.addWidget(self.add_button)
        add_row.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(about)
        layout.addWidget(self.names, 1)
        layout.addLayout(add_row)
        self.reload()

    def _read(self) -> list[str]:
        return views.read(self.library, never_suggest.list_names)

    def reload(self) -> None:
        self.names.clear()
        for name in wait_off_gui(self._read, pool=edit_pool()):
            self.names.addItem(QListWidgetItem(name))  # a list item shows text as text
        self._update_buttons()

    def listed(self) -> list[str]:
        return [self.names.item(i).text() for i in range(self.names.count())]

    def _update_buttons(self) -> None:
        self.remove_button.setEnabled(bool(self.names.selectedItems()))

    def _write(self, fn: Callable[[], Edited[list[str]]]) -> bool:
        try:
            changes = wait_off_gui(fn, pool=edit_pool()).changes
        except (ValueError, LibraryError) as exc:
            ask(self, "Settings", str(exc) or type(exc).__name__)
            return False
        if self.bus is not None and changes:
            self.bus.announce(changes)
        self.reload()
        return True

    def add_name(self, name: str) -> bool:
        if not " ".join(name.split()):
            return False
        return self._write(lambda: never_suggest.add_names(library=self.library, names=[name]))

    def add_entry(self) -> None:
        if self.add_name(self.entry.text()):
            self.entry.clear()

    def remove_names(self, names: list[str]) -> bool:
        if not names:
            return False
        return self._write(lambda: never_suggest.remove_names(library=self.library, names=names))

    def remove_selected(self) -> bool:
        return self.remove_names([i.text() for i in self.names.selectedItems()])


class SettingsDialog(QDialog):
    """Pages on the left, the page on the right."""

    def __init__(self, library: Library, bus=None, parent: QWidget | None = None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.setObjectName("SettingsDialog")
        self.setWindowTitle("Settings")
        self.resize(620, 440)
        self.pages = QListWidget()
        self.pages.setObjectName("SettingsPages")
        self.pages.setAccessibleName("Settings pages")
        self.pages.setMaximumWidth(170)
        self.stack = QStackedWidget()
        self.never = NeverSuggestPage(library, bus)
        for title, page in (("Never suggest", self.never),):
            self.pages.addItem(title)
            self.stack.addWidget(page)
        self.pages.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.pages.setCurrentRow(0)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        body = QHBoxLayout()
        body.addWidget(self.pages)
        body.addWidget(self.stack, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(buttons)
        self.never.entry.setFocus(Qt.FocusReason.OtherFocusReason)


def install_settings(window: MainWindow) -> None:
    """Edit › Settings… (Ctrl+,) opens the dialog on the window's library."""
    from desktop.ui.actions import restore_focus

    def open_settings() -> None:
        back = window.focusWidget()
        dialog = SettingsDialog(window.attached_library(), window.bus, window)
        dialog.exec()
        dialog.deleteLater()
        restore_focus(back)

    window.registry.set_handler("edit.settings", open_settings)
