"""Import from the window: on the worker, with progress, cancel, a summary, and drops."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from desktop.services.library import count_items, get_article, list_item_ids
from tests.conftest import SAMPLE

pytest.importorskip("desktop.extract.parse")

SENTENCES = (
    "Officials from the Department of Commerce met counterparts from South Korea in Seoul. "
    "The Bureau of Industry and Security said export controls on China would tighten. "
)


def make_articles(folder: Path, n: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        path = folder / f"article-{i:03d}.txt"
        path.write_text(f"Trade note number {i}\n" + SENTENCES * 12 + f"Closing line {i}.\n")
        paths.append(path)
    return paths


def test_import_files_updates_lists_and_inbox(qtbot, library, window) -> None:  # noqa: ANN001
    with qtbot.waitSignal(window.importer.sig_finished, timeout=30000) as blocker:
        window.import_paths([SAMPLE])
    report = blocker.args[0]
    assert report.imported == 1
    summary = window.importer.summary_dialog
    assert summary is not None and "1 article imported" in summary.headline.text()
    assert window.list_page.model.total >= 1
    assert window.navigator.counts["inbox"] == 1
    window.navigator.select_section("inbox")
    assert window.list_page.model.total == 1

    with qtbot.waitSignal(window.importer.sig_finished, timeout=30000) as blocker:
        window.import_paths([SAMPLE])
    assert blocker.args[0].duplicates == 1
    assert "1 duplicate skipped" in window.importer.summary_dialog.headline.text()


def test_summary_lists_a_refused_binary_file(qtbot, tmp_path, window) -> None:  # noqa: ANN001
    binary = tmp_path / "scan.txt"
    binary.write_bytes(bytes(range(256)) * 20)
    with qtbot.waitSignal(window.importer.sig_finished, timeout=30000):
        window.import_paths([binary])
    rows = window.importer.summary_dialog.refused_rows()
    assert [Path(f).name for f, _ in rows] == ["scan.txt"]
    assert rows[0][1]  # a reason for the user
    assert "1 file refused" in window.importer.summary_dialog.headline.text()


def test_cancel_mid_import_keeps_whole_articles(qtbot, library, tmp_path, window) -> None:  # noqa: ANN001
    make_articles(tmp_path / "batch", 200)
    seen: list[int] = []

    def on_progress(done: int, total: int, _name: str) -> None:
        seen.append(done)
        if len(seen) == 1:
            window.importer.cancel()

    window.importer.sig_progress.connect(on_progress)
    with qtbot.waitSignal(window.importer.sig_finished, timeout=60000) as blocker:
        window.import_paths([tmp_path / "batch"])
    report = blocker.args[0]
    assert report.cancelled
    with library.session() as s:
        stored = count_items(s, section="articles")
        assert stored == report.imported < 200
        for article_id in list_item_ids(s, section="articles"):
            view = get_article(s, article_id)
            assert view.text.rstrip().endswith("Closing line " + view.text.split()[3] + ".")
    assert "cancelled" in window.importer.summary_dialog.headline.text()
    assert window.list_page.model.total == stored


def test_window_stays_responsive_during_import(qtbot, tmp_path, window) -> None:  # noqa: ANN001
    make_articles(tmp_path / "batch", 30)
    ticks: list[int] = []
    window.importer.sig_progress.connect(lambda *_: ticks.append(1))
    with qtbot.waitSignal(window.importer.sig_finished, timeout=60000):
        window.import_paths([tmp_path / "batch"])
        assert window.importer.running  # returned at once: the work is on the worker
    assert len(ticks) >= 30


def test_dropping_files_onto_the_window_imports_them(qtbot, tmp_path, window) -> None:  # noqa: ANN001
    paths = make_articles(tmp_path / "drop", 2)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    enter = QDragEnterEvent(
        QPoint(50, 50), Qt.DropAction.CopyAction, mime,
        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
    )  # fmt: skip
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()  # the window takes file drops
    drop = QDropEvent(
        QPointF(50, 50), Qt.DropAction.CopyAction, mime,
        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
    )  # fmt: skip
    # Qt delivers a Drop only inside a real drag session, so hand it to the handler
    with qtbot.waitSignal(window.importer.sig_finished, timeout=30000) as blocker:
        window.dropEvent(drop)
    assert drop.isAccepted()
    assert blocker.args[0].imported == 2


def test_drops_without_files_are_refused(window) -> None:  # noqa: ANN001
    mime = QMimeData()
    mime.setText("just text")
    enter = QDragEnterEvent(
        QPoint(50, 50), Qt.DropAction.CopyAction, mime,
        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
    )  # fmt: skip
    QApplication.sendEvent(window, enter)
    assert not enter.isAccepted()
