"""The Timeline tab (issue 19): the case's events in order, grouped, zoomable, filterable,
a click opens the article at its sentence, and an empty state that says what to do."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent

from desktop.services.cases import add_items, create_case
from desktop.services.importer import import_paths
from desktop.ui.timeline.layout import GAP, HEADER
from desktop.ui.timeline.panel import NOTHING_SELECTED

DATA = Path(__file__).resolve().parents[1] / "data" / "timeline"


def _case(library) -> int:  # noqa: ANN001
    report = import_paths(library=library, paths=sorted(DATA.iterdir()))
    case_id = create_case(library=library, title="Tools").value
    add_items(library=library, case_id=case_id, item_ids=[a.id for a in report.articles])
    return case_id


def test_case_timeline_in_the_tab_and_a_click_opens_the_sentence(qtbot, library, window) -> None:  # noqa: ANN001
    panel = window.timeline.panel
    assert panel.is_empty() and panel.empty_text() == NOTHING_SELECTED
    assert window.registry.action("view.timeline") is not None
    case_id = _case(library)
    window.show_case(case_id)
    panel.set_case(case_id)
    qtbot.waitUntil(lambda: not panel.is_empty(), timeout=5000)
    events = panel.view.events
    assert [e.date for e in events] == sorted(e.date for e in events)
    assert [e.title for e in events if e.kind == "article"] == [
        "Brief on Unverified List additions",
        "SEOUL PRESSES WASHINGTON FOR EARLIER NOTICE ON CHIP CONTROLS",
        "Dutch Tool Rules Near",
    ]
    kinds = [r.kind for r in panel.view.rows]
    assert kinds[0] == HEADER and GAP not in kinds[:2]
    assert "October 2022" in panel.view.rows[0].text
    # zoom in with Ctrl+wheel: weeks, and a gap between weeks shows
    view = panel.view
    wheel = QWheelEvent(QPointF(200, 20), QPointF(200, 20), QPoint(0, 0), QPoint(0, 120),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.ControlModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)  # fmt: skip
    view.wheelEvent(wheel)
    assert view.zoom == 2 and view.rows[0].text.startswith("Week of")
    assert any(r.kind == GAP and "without events" in r.text for r in view.rows)
    # filter: only events naming a regulation
    panel.kind_box.setCurrentIndex(panel.kind_box.findData("regulation"))
    assert all(any(i.kind == "regulation" for i in e.items) for e in panel.view.events)
    panel.kind_box.setCurrentIndex(0)
    # click the statement "on Nov. 10": the reader shows the article, the sentence selected
    index = next(i for i, e in enumerate(view.events) if "on Nov. 10" in e.sentence)
    assert view.event_row(index) is not None
    qtbot.waitUntil(lambda: window.detail.item_id is not None and not window.detail.is_loading())
    view.activate(index)
    target = view.events[index].article_id
    qtbot.waitUntil(lambda: window.detail.item_id == target and not window.detail.is_loading())
    qtbot.waitUntil(lambda: "Nov. 10" in window.detail.reader.textCursor().selectedText())
    # the timeline stayed on the case
    assert panel.case_id == case_id and panel.view.events


def test_selected_item_timeline_and_empty_state_for_undated(qtbot, library, built, window) -> None:  # noqa: ANN001
    panel = window.timeline.panel
    window.select_item(built.entities["person"])
    qtbot.waitUntil(
        lambda: panel.timeline is not None and panel.timeline.subject == "Elizabeth Economy"
    )
    assert [e.kind for e in panel.view.events] == ["article"]
    window.show_section("articles")
    panel.kind_box.setCurrentIndex(panel.kind_box.findData("group"))
    assert panel.is_empty() and "filters" in panel.empty_text()
