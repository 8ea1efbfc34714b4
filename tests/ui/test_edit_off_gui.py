"""An edit that waits on a lock runs off the GUI thread, and the window shows it (issue 17).

Another connection holds the library's write lock (as another window or a CLI command would);
a timer on the GUI thread releases it. Were the edit made on the GUI thread, the timer could
not fire until SQLite gave up waiting and the edit failed.
"""

from __future__ import annotations

import sqlite3

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication

from desktop.services import cases
from desktop.ui.cases.commands import SetItemNoteCommand

from .conftest import Built


def test_an_edit_waiting_on_a_lock_keeps_the_window_running(
    built: Built,
    window,
    library,
    qtbot,  # noqa: ANN001
) -> None:
    if library.is_postgres:
        pytest.skip("holds SQLite's write lock from a second connection")
    other = sqlite3.connect(str(library.path), isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # the write lock, held elsewhere
    cursors: list[object] = []

    def release() -> None:  # runs on the GUI thread while the edit waits
        cursor = QGuiApplication.overrideCursor()
        cursors.append(cursor.shape() if cursor is not None else None)
        other.execute("COMMIT")

    QTimer.singleShot(600, release)
    editor, a1 = window.case_commands.editor, built.articles["main"]
    try:
        assert editor.push(SetItemNoteCommand(editor, built.case_id, a1, "Waited for the lock"))
    finally:
        other.close()
    assert cursors == [Qt.CursorShape.BusyCursor]  # the window said it was waiting
    assert QGuiApplication.overrideCursor() is None  # and stopped saying so
    with library.session() as session:
        view = cases.get_case(session, built.case_id)
    assert next(e.note for e in view.items if e.item.id == a1) == "Waited for the lock"
    assert window.undo_stack.undoText() == "Edit note"
