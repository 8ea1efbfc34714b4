"""Stale and disagreeing views (issue 14, item 7): the window notices writes by another
process or connection, View › Refresh (F5) re-reads everything, every count agrees, and the
connections panel follows edits."""

from __future__ import annotations

import re
from pathlib import Path

from desktop.services.importer import import_paths
from desktop.store.db import Library
from desktop.ui.edit.commands import CreateLinkCommand

from .conftest import Built

DATA = Path(__file__).resolve().parents[1] / "data" / "undo"


def _counts(window) -> tuple[int, int, int]:  # noqa: ANN001
    """Articles as the list header, the navigator and the status bar say."""
    header = window.list_page.title.text()
    status = window.status.counts.text()
    return (
        int(header.rsplit("·", 1)[1]),
        window.navigator.counts["articles"],
        int(re.match(r"(\d+) articles", status).group(1)),  # type: ignore[union-attr]
    )


def _import_elsewhere(db_url: str) -> None:
    other = Library.open(db_url)  # the CLI or another window, on the same library
    try:
        assert import_paths(library=other, paths=[DATA / "first.txt"]).imported == 1
    finally:
        other.close()


def test_an_import_by_another_process_shows_and_every_count_agrees(
    built: Built,
    window,
    db_url: str,
    qtbot,  # noqa: ANN001
) -> None:
    window.navigator.select_section("articles")
    qtbot.waitUntil(lambda: "·" in window.list_page.title.text())
    assert _counts(window) == (3, 3, 3)
    _import_elsewhere(db_url)
    qtbot.waitUntil(lambda: _counts(window) == (4, 4, 4), timeout=10000)
    model = window.list_page.model
    titles = [str(model.index(r, 0).data()) for r in range(model.rowCount())]
    assert any(t.startswith("Commerce Tightens") for t in titles)  # the list shows it too


def test_f5_rereads_everything(built: Built, window, db_url: str, qtbot) -> None:  # noqa: ANN001
    window.watcher.stop()  # only F5 now
    window.navigator.select_section("articles")
    qtbot.waitUntil(lambda: "·" in window.list_page.title.text())
    _import_elsewhere(db_url)
    assert _counts(window) == (3, 3, 3)  # not noticed without the watcher
    window.registry.trigger("view.refresh")
    qtbot.waitUntil(lambda: _counts(window) == (4, 4, 4))


def test_the_connections_panel_follows_an_edit(built: Built, window, qtbot) -> None:  # noqa: ANN001
    window.attach_connections()
    panel = window.connections_panel
    panel.animation_ms = 0
    person, older = built.entities["person"], built.articles["older"]
    window.select_item(person)
    qtbot.waitUntil(lambda: not panel.busy and bool(panel.scene.nodes), timeout=10000)
    names = lambda: {item.node.name for item in panel.scene.nodes.values()}  # noqa: E731
    assert "Older news on chips" not in names()
    editor = window.case_commands.editor
    assert editor.push(CreateLinkCommand(editor, person, older, "related_to"))
    qtbot.waitUntil(lambda: "Older news on chips" in names(), timeout=10000)
