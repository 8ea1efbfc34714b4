"""The window before its library is open: painted without the database stack, a "Loading
library…" list, only the commands that need no library; then ``attach_library`` with what the
start-up worker read ahead."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtGui import QIcon

from desktop.ui.icons import DEFAULT_COLOR, ICONS, KIND_COLORS, icon
from desktop.ui.list_page import LOADING_TEXT
from desktop.ui.main_window import FRAME_ACTIONS, MainWindow, read_ahead
from desktop.ui.settings import Selection, Settings

REPO = Path(__file__).resolve().parents[2]


def test_first_paint_needs_no_database_stack(tmp_path) -> None:  # noqa: ANN001
    """The frame is built and painted in a fresh process without importing SQLAlchemy,
    SQLModel or numpy: that is what makes the first paint fast."""
    script = textwrap.dedent("""
        import sys
        from PySide6.QtWidgets import QApplication
        app = QApplication([])
        from desktop.ui.main_window import MainWindow
        window = MainWindow()
        window.show()
        app.processEvents()
        window.grab()
        print(sorted(m for m in ("sqlalchemy", "sqlmodel", "numpy", "networkx")
                     if m in sys.modules))
    """)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path))
    out = subprocess.run([sys.executable, "-c", script], cwd=REPO, env=env,
                         capture_output=True, text=True, check=True, timeout=60)  # fmt: skip
    assert out.stdout.strip().splitlines()[-1] == "[]"


def test_the_frame_says_it_is_loading(qtbot) -> None:  # noqa: ANN001
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    assert window.windowTitle() == "Casefile"
    page = window.list_page
    assert page.stack.currentWidget() is page.empty and page.empty.text() == LOADING_TEXT
    assert page.title.text() == "Articles"
    assert window.navigator.model.cases_root.rowCount() == 0  # no "New case…" yet
    enabled = {i for i in window.registry.ids() if window.registry.action(i).isEnabled()}
    assert enabled == set(FRAME_ACTIONS)
    window.registry.trigger("view.connections")  # the docks work already
    assert not window.connections_dock.isVisible()


def test_attach_fills_the_window_from_the_read_ahead(qtbot, library, built) -> None:  # noqa: ANN001
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    ahead = read_ahead(library, window.loading_section())
    assert ahead.first_page is not None and len(ahead.first_page.ids) == 3
    with qtbot.waitSignal(window.sig_library_ready):
        window.attach_library(library, ahead, connections=False)
    page = window.list_page
    assert page.model.total == 3 and page.stack.currentWidget() is page.table
    assert page.model.index(0, 0).data() == "Allies weigh export controls"  # newest first
    assert window.navigator.counts["articles"] == 3
    assert window.navigator.model.node_for(f"case:{built.case_id}") is not None
    assert window.windowTitle() == "library.casefile"  # Qt adds " — Casefile"
    assert window.detail.item_id == built.articles["main"]
    window.attach_connections()
    assert window.connections_attached
    assert type(window.connections_panel).__name__ == "ConnectionsPanel"
    window.writes.wait()


def test_a_section_picked_while_loading_wins(qtbot, library, built) -> None:  # noqa: ANN001
    Settings().selection = Selection("articles", built.case_id, built.articles["main"])
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    assert window.loading_section() is None  # a case will be shown: no list to read ahead
    window.navigator.select_section("people")
    assert window.list_page.title.text() == "People"
    assert window.loading_section() == "people"
    window.attach_library(library, read_ahead(library, window.loading_section()))
    assert window.centre.currentWidget() is window.list_page
    assert window.list_page.section == "people" and window.list_page.model.total == 1
    window.writes.wait()


def test_closing_before_the_library_keeps_the_saved_place(qtbot, library, built) -> None:  # noqa: ANN001
    saved = Selection("people", 0, built.entities["person"])
    Settings().selection = saved
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    window.close()
    assert Settings().selection == saved


@pytest.mark.parametrize("key", sorted(ICONS))
def test_icons_are_drawn_as_qtawesome_draws_them(qapp, key: str) -> None:  # noqa: ANN001
    """``icon`` draws the glyphs itself (qtawesome's import is slow): the same pixels."""
    import qtawesome as qta

    for color in (None, "#3e4652"):
        ours = icon(key, color)
        theirs = qta.icon(ICONS[key], color=color or KIND_COLORS.get(key, DEFAULT_COLOR))
        for size in (16, 24):
            for mode in (QIcon.Mode.Normal, QIcon.Mode.Disabled, QIcon.Mode.Selected):
                assert (
                    ours.pixmap(size, size, mode).toImage()
                    == theirs.pixmap(size, size, mode).toImage()
                ), (key, color, size, mode)
