"""Review › "never suggest this name" and Edit › Settings (issue 20): N on a suggestion puts the
name on the library's list and rejects it (one undo step restores both); a later import does
not suggest it; removed under Settings, the next import suggests it again."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack

from desktop.services.importer import import_paths
from desktop.services.review import article_suggestions
from desktop.store.db import Library
from desktop.ui.bus import ChangeBus
from desktop.ui.review import ReviewPanel
from desktop.ui.settings_dialog import SettingsDialog
from desktop.vocab import REJECTED, SUGGESTED
from tests.services.test_never_suggest import BIS as NAME
from tests.services.test_never_suggest import _write


def _import(library: Library, folder: Path, day: str) -> int:
    return import_paths(library=library, paths=[_write(folder, day, day)]).articles[0].id


def _suggested(library: Library, article_id: int) -> dict[str, str]:
    with library.session() as s:
        return {
            x.item.name: x.status
            for x in article_suggestions(s, article_id)
            if x.kind == "mentions"
        }


def test_never_suggest_from_review_then_remove_in_settings(
    qtbot,
    library: Library,
    tmp_path: Path,  # noqa: ANN001
) -> None:
    first = _import(library, tmp_path, "Monday")
    stack, bus = QUndoStack(), ChangeBus()
    panel = ReviewPanel(library, undo_stack=stack, bus=bus)
    qtbot.addWidget(panel)
    panel.set_article(first)
    panel.show()
    assert panel.select_link(
        next(s.link_id for s in panel.model.suggestions() if s.item.name == NAME)
    )
    menu = panel.menu()
    never = next(a for a in menu.actions() if a.objectName() == "NeverSuggest")
    assert never.isEnabled() and NAME in never.text()

    qtbot.keyClick(panel.list, Qt.Key.Key_N)  # the keyboard way
    assert _suggested(library, first)[NAME] == REJECTED
    assert stack.count() == 1 and NAME in stack.undoText()
    stack.undo()  # one step restores both
    assert _suggested(library, first)[NAME] == SUGGESTED
    dialog = SettingsDialog(library, bus)
    qtbot.addWidget(dialog)
    assert dialog.never.listed() == []
    stack.redo()
    assert _suggested(library, first)[NAME] == REJECTED

    second = _import(library, tmp_path, "Tuesday")
    assert NAME not in _suggested(library, second)
    assert "Ministry of Economy, Trade and Industry" in _suggested(library, second)

    dialog.never.reload()
    assert dialog.never.listed() == [NAME]
    dialog.never.names.item(0).setSelected(True)
    assert dialog.never.remove_button.isEnabled()
    qtbot.mouseClick(dialog.never.remove_button, Qt.MouseButton.LeftButton)
    assert dialog.never.listed() == []
    third = _import(library, tmp_path, "Wednesday")
    assert _suggested(library, third)[NAME] == SUGGESTED

    dialog.never.entry.setText("  bureau of industry AND security ")  # added by hand
    qtbot.keyClick(dialog.never.entry, Qt.Key.Key_Return)
    assert dialog.never.listed() == ["bureau of industry AND security"]
    assert NAME not in _suggested(library, _import(library, tmp_path, "Thursday"))
