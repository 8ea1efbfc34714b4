"""Nothing in the window's process opens the library file except SQLite (issue 14, item 1).

SQLite's POSIX locks belong to the process: one ``open()``/``close()`` of the library file by
anything else in it (a file dialog sniffing the MIME type of ``.casefile``, an icon provider, a
header check) drops them, another process then checkpoints and deletes the WAL, and the window
goes on writing into a deleted file. These tests drive a real, non-native ``QFileDialog`` over
the library's folder, then write from another process and from the window.
"""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QFileSystemModel, QLineEdit

from desktop.services.cases import create_case
from tests.conftest import REPO


def _deleted_library_fds(library_path: Path) -> list[str]:
    """Files of this library (or its -wal/-shm/-journal) this process holds open though they
    were deleted: what the window would write into and lose."""
    held = []
    for fd in Path("/proc/self/fd").iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith(str(library_path)) and target.endswith("(deleted)"):
            held.append(target)
    return held


def _answer_file_dialog_once_loaded(library_path: Path, seen: list[str]) -> QTimer:
    """Polls for the modal file dialog; once its model has listed the library's folder and
    fetched the library file's type (the step that used to read the file), closes it."""
    timer = QTimer()
    timer.setInterval(50)
    state = {"ticks": 0}

    def tick() -> None:
        state["ticks"] += 1
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog):
            return
        if state["ticks"] == 1:  # what a user does to see every file in the folder
            dialog.selectNameFilter("All files (*)")
        model = dialog.findChild(QFileSystemModel)
        loaded = False
        if model is not None:
            index = model.index(str(library_path))
            loaded = index.isValid() and bool(model.type(index))
            if loaded:
                seen.append(model.type(index))
        if loaded or state["ticks"] > 200:
            timer.stop()
            dialog.reject()

    timer.timeout.connect(tick)
    timer.start()
    return timer


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run(
        [sys.executable, "-m", "desktop", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_file_dialog_on_the_library_folder_then_cli_then_window_loses_nothing(
    qtbot,
    library,
    built,
    window,  # noqa: ANN001
) -> None:
    path = library.path
    assert path is not None
    window.settings.last_import_dir = str(path.parent)
    seen: list[str] = []
    timer = _answer_file_dialog_once_loaded(path, seen)
    assert window.on_import_files() is None  # the dialog was shown, then cancelled
    timer.stop()
    assert seen, "the file dialog never listed the library's folder"

    # A second process writes and closes (with our locks gone it would delete the WAL), then
    # the window writes; a third process must see both, in a sound file.
    _assert_cli_and_window_writes_survive(window, path, "after the dialog")


def test_every_file_dialog_is_made_by_the_one_helper() -> None:
    """Only ``desktop/ui/file_dialogs.py`` may construct a QFileDialog (or call its static
    functions): it gives every dialog an icon provider that never reads a file."""
    offenders = []
    for source in (REPO / "desktop").rglob("*.py"):
        if source.name == "file_dialogs.py":
            continue
        text = source.read_text(encoding="utf-8")
        if re.search(r"\bQFileDialog\b|\bQFileSystemModel\b|\bQFileIconProvider\b", text):
            offenders.append(str(source.relative_to(REPO)))
    assert offenders == []


def _assert_cli_and_window_writes_survive(window, path: Path, tag: str) -> None:  # noqa: ANN001
    result = _cli("case", "create", f"CLI {tag}", "--db", str(path))
    assert result.returncode == 0, result.stderr
    create_case(library=window.library, title=f"Window {tag}")
    assert _deleted_library_fds(path) == []
    check = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        titles = {row[0] for row in check.execute("SELECT title FROM case_file")}
        assert check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        check.close()
    assert {f"CLI {tag}", f"Window {tag}"} <= titles


def test_dropping_the_library_or_its_folder_never_reads_it(qtbot, library, built, window) -> None:  # noqa: ANN001
    from desktop.services.importer import LIBRARY_SKIPPED

    path = library.path
    assert path is not None
    (path.parent / "note.txt").write_text("A short note\nThe Department of Commerce met.\n")
    with qtbot.waitSignal(window.importer.sig_finished, timeout=30000) as blocker:
        window.import_paths([path, path.parent])
    report = blocker.args[0]
    skipped = {Path(f).name for f, reason in report.failed if reason == LIBRARY_SKIPPED}
    assert path.name in skipped and report.imported == 1
    _assert_cli_and_window_writes_survive(window, path, "after the drop")


def _accept_file_dialog_with(target: Path) -> QTimer:
    """Answers the next file dialog with ``target``, as a user typing the name and Save."""
    timer = QTimer()
    timer.setInterval(50)

    def tick() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QFileDialog):
            timer.stop()
            name = dialog.findChild(QLineEdit, "fileNameEdit")
            name.setText(str(target))
            dialog.accept()

    timer.timeout.connect(tick)
    timer.start()
    return timer


def test_back_up_library_from_the_file_menu_writes_a_sound_copy(
    qtbot,
    library,
    built,
    window,
    tmp_path,  # noqa: ANN001
) -> None:
    target = tmp_path / "backups" / "copy.casefile"
    target.parent.mkdir()
    timer = _accept_file_dialog_with(target)
    window.registry.trigger("file.backup")
    timer.stop()
    qtbot.waitUntil(lambda: "Backed up to" in window.status.current_message(), timeout=30000)
    assert str(target) in window.status.current_message()
    copy = sqlite3.connect(f"file:{target}?mode=ro", uri=True)
    try:
        assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert copy.execute("SELECT title FROM case_file").fetchall() == [("Korea coordination",)]
    finally:
        copy.close()
    assert sorted(p.name for p in target.parent.iterdir()) == ["copy.casefile"]


def test_save_as_pdf_and_graph_export_onto_the_library_are_refused(
    qtbot,
    library,
    built,
    window,  # noqa: ANN001
) -> None:
    from desktop.ui.printing import CasePrinter

    path = library.path
    assert path is not None
    before = path.stat().st_size
    printer = CasePrinter(library)
    with qtbot.waitSignal(printer.sig_failed, timeout=30000) as blocker:
        printer.save_pdf(built.case_id, path=str(path))
    assert "open library" in blocker.args[0]
    panel = window.connections_panel
    if hasattr(panel, "export"):
        panel.export(str(path) + "-wal")
        assert "open library" in panel.status.text()
    assert path.stat().st_size >= before
    _assert_cli_and_window_writes_survive(window, path, "after the refusals")


def test_opening_the_same_library_again_in_the_process_keeps_the_locks(
    library,
    built,
    window,  # noqa: ANN001
) -> None:
    """A second window on the same file (or `copy` naming it twice) checks its header:
    through SQLite, never a Python open()."""
    from desktop.store.db import Library, resolve_db_url

    path = library.path
    assert path is not None
    again = Library.open(resolve_db_url(path))
    again.close()
    _assert_cli_and_window_writes_survive(window, path, "after a second open")


def test_print_and_preview_offer_no_print_to_file(qtbot, monkeypatch) -> None:  # noqa: ANN001
    """Qt's "print to file" browses with Qt's own file dialog (which reads the files it
    lists): the print dialog, also the one behind the preview's Print button, has none."""
    from PySide6.QtGui import QAction
    from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrinter, QPrintPreviewDialog

    from desktop.ui import printing

    shown: list[bool] = []

    class Recording(printing.QPrintDialog):  # type: ignore[misc, name-defined]
        def exec(self) -> int:
            shown.append(self.testOption(QAbstractPrintDialog.PrintDialogOption.PrintToFile))
            return 0

    monkeypatch.setattr(printing, "QPrintDialog", Recording)
    printer = QPrinter()
    preview = QPrintPreviewDialog(printer)
    qtbot.addWidget(preview)
    printing.print_without_file_option(preview, printer)
    [action] = [a for a in preview.findChildren(QAction) if a.text() == "Print"]
    action.trigger()
    assert printing.print_dialog(printer, None).exec() == 0
    assert shown == [False, False]
