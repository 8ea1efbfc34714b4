"""Issue 14, item 2 in the window: merge, then an import mentioning the kept entity, a note
and a hand-drawn link (by another analyst on the same library), then Ctrl+Z: the merge is
undone and nothing done since is lost."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from sqlalchemy import text

from desktop.services import cases, editing
from desktop.services.library import get_entity, resolve_item
from desktop.store.db import Library
from desktop.ui.edit.merge import MergeDialog

DATA = Path(__file__).resolve().parents[1] / "data" / "undo"


def _id(library: Library, name: str) -> int:
    with library.session() as session:
        return resolve_item(session, name).id


def _import(window, qtbot, path: Path) -> None:  # noqa: ANN001
    with qtbot.waitSignal(window.importer.sig_finished, timeout=60000) as done:
        window.import_paths([path])
    assert done.args[0].imported == 1
    window.importer.summary_dialog.accept()  # the user closes the import summary


def test_ctrl_z_undoes_the_merge_and_keeps_later_work(window, qtbot, monkeypatch, db_url) -> None:  # noqa: ANN001
    library = window.library
    _import(window, qtbot, DATA / "first.txt")
    keep = _id(library, "Department of Commerce")
    gone = _id(library, "Bureau of Industry and Security")

    def choose_and_accept(dialog: MergeDialog) -> int:
        dialog.picker.choose(keep)
        dialog.accept()
        return int(dialog.result())

    monkeypatch.setattr(MergeDialog, "exec", choose_and_accept)
    window.select_item(gone)
    window.registry.trigger("edit.merge")
    assert window.undo_stack.count() == 1
    with library.session() as s:
        assert resolve_item(s, "Bureau of Industry and Security").id == keep

    _import(window, qtbot, DATA / "later.txt")  # imports do not enter the undo stack
    other = Library.open(db_url)  # another analyst's window on the same library
    try:
        case_id = cases.create_case(library=other, title="Enforcement").value
        cases.add_items(library=other, case_id=case_id, item_ids=[keep])
        cases.set_item_note(library=other, case_id=case_id, item_id=keep, note="staff doubled")
        person = _id(other, "Gina Raimondo")
        link_id = editing.create_link(
            library=other, source_id=person, target_id=keep, kind="related_to"
        ).value
    finally:
        other.close()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.navigator.setFocus()  # (a text field's Ctrl+Z undoes its own typing)
    qtbot.keyClick(window.navigator, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.undo_stack.index() == 0)

    with library.session() as s:
        assert resolve_item(s, "Bureau of Industry and Security").id == gone
        kept = get_entity(s, keep)
        assert "Bureau of Industry and Security" not in kept.aliases
        assert [i.note for i in cases.get_case(s, case_id).items] == ["staff doubled"]
        # the later article's mentions of the kept entity stay
        assert any("Lawmakers" in m.article_title for m in kept.mentioned_in)
        assert get_entity(s, gone).mentioned_in  # the merged one's mentions went back
    with library.engine.connect() as conn:
        assert conn.execute(text(f"SELECT 1 FROM link WHERE id = {link_id}")).first()
