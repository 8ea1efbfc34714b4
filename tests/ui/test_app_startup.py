"""Start-up as ``run_app`` does it (desktop.ui.app.Startup): the window is shown at once, the
library opens on a worker and fills it; the demo on first start; damaged, newer and foreign
files refused with a dialog, the window closed and the file untouched."""

from __future__ import annotations

import gc
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.store.db import UPGRADE_NOTICE, Library
from desktop.ui.app import GC_YOUNG_THRESHOLD, OPEN_FAILED, Startup
from desktop.ui.list_page import LOADING_TEXT


@pytest.fixture
def start(qtbot, monkeypatch):  # noqa: ANN001, ANN201
    """Start the window on a library path; yields (startup, window), shut down after."""
    started: list[Startup] = []
    monkeypatch.setattr(QApplication, "exit", lambda *_a: None)  # no event loop to leave
    threshold = gc.get_threshold()

    def run(db: Path) -> tuple[Startup, object]:
        startup = Startup(str(db))
        window = startup.start()
        qtbot.addWidget(window)
        started.append(startup)
        return startup, window

    yield run
    for startup in started:
        if startup.window is not None:
            startup.window.writes.cancel_all()
        startup.shutdown()
    gc.unfreeze()  # the app's settle_gc is for the app's heap, not the test session's
    gc.set_threshold(*threshold)


def wait_open(qtbot, startup: Startup) -> None:  # noqa: ANN001
    qtbot.waitUntil(lambda: startup.window.library is not None or startup.exit_code is not None,
                    timeout=30000)  # fmt: skip


def test_the_window_is_shown_loading_then_filled(qtbot, start, library, built) -> None:  # noqa: ANN001
    assert library.path is not None
    startup, window = start(library.path)
    assert window.isVisible()  # shown before the library is open
    if window.library is None:  # (the worker may already be done on a fast machine)
        assert window.list_page.empty.text() == LOADING_TEXT
        assert not window.registry.action("file.import").isEnabled()
    wait_open(qtbot, startup)
    assert startup.exit_code is None
    assert window.windowTitle() == "library.casefile"  # Qt adds " — Casefile"
    page = window.list_page
    assert page.section == "articles" and page.model.total == 3
    assert page.stack.currentWidget() is page.table
    assert window.navigator.model.node_for(f"case:{built.case_id}") is not None
    assert "3 articles" in window.status.counts.text()
    assert window.registry.action("file.import").isEnabled()
    assert not window.registry.action("edit.undo").isEnabled()
    qtbot.waitUntil(lambda: window.connections_attached)
    qtbot.waitUntil(lambda: window.detail.item_id == page.current_item_id())
    # start-up over: its heap is out of the collector's way (see app.settle_gc)
    assert gc.get_freeze_count() > 0 and gc.get_threshold()[0] == GC_YOUNG_THRESHOLD


def _offer(window):  # noqa: ANN001, ANN202
    from desktop.ui.first_start import FirstStartDialog

    found = window.findChildren(FirstStartDialog)
    return found[0] if found else None


def test_first_start_offers_the_demo_and_seeds_it_when_asked(qtbot, start, tmp_path) -> None:  # noqa: ANN001
    path = tmp_path / "new" / "library.casefile"
    startup, window = start(path)
    wait_open(qtbot, startup)
    assert window.library.created
    offer = _offer(window)
    assert offer is not None and offer.isVisible()
    assert window.navigator.current_case_id() is None  # nothing imposed before the answer
    offer.buttons["demo"].click()
    qtbot.waitUntil(lambda: window.navigator.current_case_id() is not None, timeout=60000)
    assert window.centre.currentWidget() is window.case_page
    window.writes.wait()


def test_first_start_can_start_empty(qtbot, start, tmp_path) -> None:  # noqa: ANN001
    startup, window = start(tmp_path / "empty" / "library.casefile")
    wait_open(qtbot, startup)
    offer = _offer(window)
    assert offer is not None
    offer.buttons["empty"].click()
    window.writes.wait()
    assert window.navigator.current_case_id() is None
    assert "0 articles" in window.status.counts.text()


def test_an_existing_library_is_not_offered_the_demo(qtbot, start, library, built) -> None:  # noqa: ANN001
    startup, window = start(library.path)
    wait_open(qtbot, startup)
    assert _offer(window) is None


def test_the_saved_case_is_reopened(qtbot, start, library, built) -> None:  # noqa: ANN001
    from desktop.ui.settings import Selection, Settings

    Settings().selection = Selection("people", built.case_id, 0)
    startup, window = start(library.path)
    wait_open(qtbot, startup)
    assert window.navigator.current_case_id() == built.case_id
    assert window.centre.currentWidget() is window.case_page


def _newer(path: Path) -> None:
    Library.open(str(path)).close()
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.commit()
    conn.close()


def _foreign(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE contacts (name TEXT)")
    conn.commit()
    conn.close()


@pytest.mark.parametrize(
    "make, message",
    [
        (lambda p: p.write_bytes(b"SQLite format 3\x00" + b"\x00" * 40), "damaged"),
        (_newer, "newer Casefile"),
        (_foreign, "not a Casefile library"),
    ],
)
def test_a_library_that_cannot_be_opened_is_refused(
    qtbot,
    start,
    tmp_path,
    monkeypatch,
    make,
    message,  # noqa: ANN001
) -> None:
    from desktop.ui.settings import Settings

    path = tmp_path / "lib.casefile"
    make(path)
    before = path.read_bytes()
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "critical",
                        lambda _p, title, text, *a: shown.append((title, text)))  # fmt: skip
    startup, window = start(path)
    wait_open(qtbot, startup)
    assert startup.exit_code == 2
    assert shown and shown[0][0] == OPEN_FAILED and message in shown[0][1]
    assert not window.isVisible()
    assert Settings().geometry.isEmpty()  # the failed start saved no layout
    assert path.read_bytes() == before


def test_closing_while_opening_closes_the_library(qtbot, start, library, built) -> None:  # noqa: ANN001
    startup, window = start(library.path)
    window.close()
    startup.shutdown()  # waits for the worker; the library it opened is closed
    qtbot.wait(50)
    assert window.library is None


def test_an_older_library_says_it_is_being_upgraded_while_it_opens(
    qtbot,
    start,
    library,
    built,  # noqa: ANN001
) -> None:
    """A migration of a large library takes minutes (a backup, then the conversion): the
    window says so instead of "Loading library…" the whole time."""
    from desktop.store import migrate

    assert library.path is not None
    migrate.downgrade(library.engine, "0007_never_suggest")
    library.close()
    startup, window = start(library.path)
    shown: list[str] = []
    label = window.list_page.empty
    original = label.setText
    label.setText = lambda text: (shown.append(text), original(text))  # type: ignore[method-assign]
    wait_open(qtbot, startup)
    assert startup.exit_code is None
    assert UPGRADE_NOTICE.format(name=str(library.path)) in shown, shown
    assert library.path.with_name(f"library.casefile.before-{migrate.SCHEMA_HEAD}.bak").exists()
    assert window.list_page.model.total == 3
