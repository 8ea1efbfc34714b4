"""Every file dialog the app shows is made here, and none of them ever opens a file.

SQLite's POSIX locks belong to the process: a single ``open()``/``close()`` of the library file
by anything else in the window's process drops them, and another process (``casefile import``)
then checkpoints and deletes the WAL while the window goes on writing into the deleted file.
Qt's own file dialog does exactly that: its model asks the icon provider for each file's icon
and type, and Qt's provider reads the first bytes of any file whose extension it does not know
(``.casefile``) to guess its MIME type. A native (GTK) dialog does the same in-process.

So: always Qt's widget dialog, with ``NameOnlyIconProvider`` (icons and types from the name and
``stat`` alone); and when a dialog closes, the library's pooled connections are closed so the
next ones take their locks afresh (belt and braces). A test checks that no other module
constructs a QFileDialog.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QFileInfo
from PySide6.QtGui import QAbstractFileIconProvider, QIcon
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QStyle,
    QWidget,
)

if TYPE_CHECKING:
    from desktop.store.db import Library

Mode = QFileDialog.FileMode


class NameOnlyIconProvider(QAbstractFileIconProvider):
    """Icons and type names from the file name and ``stat`` only: never reads a file."""

    def __init__(self) -> None:
        super().__init__()
        self._icons: dict[str, QIcon] = {}

    def _standard(self, which: str) -> QIcon:
        if which not in self._icons:
            style = QApplication.style()
            pixmap = {
                "folder": QStyle.StandardPixmap.SP_DirIcon,
                "drive": QStyle.StandardPixmap.SP_DriveHDIcon,
                "computer": QStyle.StandardPixmap.SP_ComputerIcon,
                "network": QStyle.StandardPixmap.SP_DriveNetIcon,
                "trash": QStyle.StandardPixmap.SP_TrashIcon,
            }.get(which, QStyle.StandardPixmap.SP_FileIcon)
            self._icons[which] = style.standardIcon(pixmap) if style is not None else QIcon()
        return self._icons[which]

    def icon(self, what: QFileInfo | QAbstractFileIconProvider.IconType) -> QIcon:
        if isinstance(what, QFileInfo):
            if what.isRoot():
                return self._standard("drive")
            return self._standard("folder" if what.isDir() else "file")
        names = {
            QAbstractFileIconProvider.IconType.Computer: "computer",
            QAbstractFileIconProvider.IconType.Desktop: "folder",
            QAbstractFileIconProvider.IconType.Trashcan: "trash",
            QAbstractFileIconProvider.IconType.Network: "network",
            QAbstractFileIconProvider.IconType.Drive: "drive",
            QAbstractFileIconProvider.IconType.Folder: "folder",
        }
        return self._standard(names.get(what, "file"))

    def type(self, info: QFileInfo) -> str:
        if info.isRoot():
            return "Drive"
        if info.isDir():
            return "Folder"
        suffix = info.suffix()
        return f"{suffix.upper()} file" if suffix else "File"


def _empty_folder() -> str:
    """A folder of our own with nothing in it, where each dialog starts before it has its icon
    provider: Qt begins listing the constructor's folder at once, with its own provider."""
    global _EMPTY
    if _EMPTY is None or not os.path.isdir(_EMPTY):
        _EMPTY = tempfile.mkdtemp(prefix="casefile-dialog-")
        atexit.register(shutil.rmtree, _EMPTY, True)
    return _EMPTY


_EMPTY: str | None = None


def make_file_dialog(
    parent: QWidget | None,
    caption: str,
    directory: str = "",
    name_filter: str = "",
    *,
    mode: QFileDialog.FileMode = Mode.ExistingFiles,
    save: bool = False,
) -> QFileDialog:
    """A Qt (never native) file dialog whose model cannot read file contents.

    ``directory`` is a folder, or a folder and a file name to propose (as for Qt's static
    functions); empty means the current folder.
    """
    dialog = QFileDialog(parent, caption, _empty_folder(), name_filter)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    provider = NameOnlyIconProvider()
    dialog.setIconProvider(provider)
    dialog._casefile_icon_provider = provider  # type: ignore[attr-defined]  # kept alive
    dialog.setFileMode(mode)
    if save:
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    start = Path(directory).expanduser() if directory else Path.cwd()
    if start.is_dir():
        dialog.setDirectory(str(start))
    else:
        dialog.setDirectory(str(start.parent))
        dialog.selectFile(start.name)
    return dialog


def run_dialog(dialog: QFileDialog, library: Library | None) -> list[str]:
    """The chosen paths ([] when cancelled); the library's connections are renewed after."""
    try:
        accepted = dialog.exec() == QFileDialog.DialogCode.Accepted
        return list(dialog.selectedFiles()) if accepted else []
    finally:
        dialog.deleteLater()
        if library is not None:
            library.refresh_connections()


def open_file_names(
    parent: QWidget | None,
    caption: str,
    directory: str = "",
    name_filter: str = "",
    *,
    library: Library | None = None,
) -> list[str]:
    """Like ``QFileDialog.getOpenFileNames``, made safe for the library beside it."""
    return run_dialog(make_file_dialog(parent, caption, directory, name_filter), library)


def open_file_name(
    parent: QWidget | None,
    caption: str,
    directory: str = "",
    name_filter: str = "",
    *,
    library: Library | None = None,
) -> str:
    """Like ``QFileDialog.getOpenFileName``: one existing file, "" when cancelled."""
    dialog = make_file_dialog(parent, caption, directory, name_filter, mode=Mode.ExistingFile)
    chosen = run_dialog(dialog, library)
    return chosen[0] if chosen else ""


def existing_directory(
    parent: QWidget | None, caption: str, directory: str = "", *, library: Library | None = None
) -> str:
    dialog = make_file_dialog(parent, caption, directory, mode=Mode.Directory)
    dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    chosen = run_dialog(dialog, library)
    return chosen[0] if chosen else ""


def save_file_name(
    parent: QWidget | None,
    caption: str,
    directory: str = "",
    name_filter: str = "",
    *,
    library: Library | None = None,
) -> tuple[str, str]:
    """Like ``QFileDialog.getSaveFileName``: (path, chosen filter), ("", "") when cancelled."""
    dialog = make_file_dialog(parent, caption, directory, name_filter, mode=Mode.AnyFile, save=True)
    chosen: dict[str, str] = {}
    dialog.filterSelected.connect(lambda text: chosen.__setitem__("filter", text))
    dialog.accepted.connect(lambda: chosen.__setitem__("filter", dialog.selectedNameFilter()))
    paths = run_dialog(dialog, library)
    return (paths[0], chosen.get("filter", "")) if paths else ("", "")
