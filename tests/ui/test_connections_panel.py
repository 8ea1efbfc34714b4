"""The Connections panel over a real library file: selection sync, controls, paths, export."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date

import pytest
from PySide6.QtCore import QEvent, QPointF, QSize, Qt
from PySide6.QtGui import QHelpEvent, QImage
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QToolTip

from desktop.store.models import MENTIONS, SUGGESTED
from desktop.ui.connections import ConnectionsPanel, render_case_diagram
from desktop.ui.connections.scene import MoreItem
from tests.services.test_graph import TITLE, _article, _link, build_sample_graph


@pytest.fixture
def sample(library):  # type: ignore[no-untyped-def]
    return build_sample_graph(library)


@pytest.fixture
def panel(qtbot, library):  # type: ignore[no-untyped-def]
    widget = ConnectionsPanel(library)
    widget.animation_ms = 0
    widget.resize(520, 760)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def _wait(qtbot, panel) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: not panel.busy, timeout=5000)


def _names(panel) -> set[str]:  # type: ignore[no-untyped-def]
    """Every item the graph stands for, the members of a group ("3 items") included."""
    nodes = [item.node for item in panel.scene.nodes.values()]
    return {m.name for n in nodes for m in (n.members or (n,))}


def test_set_item_draws_the_neighbourhood_and_lists_it(qtbot, qtmodeltester, panel, sample) -> None:
    panel.set_item(sample.ids["Elizabeth Economy"])
    _wait(qtbot, panel)
    assert _names(panel) == {"Elizabeth Economy", TITLE, "Commerce Department"}
    listed = {panel.list_model.index(r).data() for r in range(panel.list_model.rowCount())}
    assert any(text.startswith("Commerce Department") for text in listed)
    qtmodeltester.check(panel.list_model)
    panel.set_item(None)
    assert not panel.scene.nodes and panel.list_model.rowCount() == 0


def test_clicking_a_node_selects_it_everywhere_and_recentres(qtbot, panel, sample) -> None:
    panel.set_item(sample.ids["Elizabeth Economy"])
    _wait(qtbot, panel)
    commerce = sample.ids["Commerce Department"]
    stays = panel.scene.nodes[sample.article].pos()
    point = panel.view.mapFromScene(panel.scene.nodes[commerce].pos())
    with qtbot.waitSignal(panel.sig_item_selected) as signal:
        qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert signal.args == [commerce]
    _wait(qtbot, panel)
    assert panel.scene.center_id == commerce
    moved = panel.scene.nodes[sample.article].pos() - stays
    assert (moved.x() ** 2 + moved.y() ** 2) ** 0.5 < 30  # nodes that stay, stay


def test_context_menu_opens_and_adds_to_case(qtbot, panel, sample) -> None:
    panel.set_item(sample.ids["Elizabeth Economy"])
    _wait(qtbot, panel)
    menu = panel.build_context_menu(sample.article)
    actions = {a.text(): a for a in menu.actions()}
    assert {"Open", "Hide", "Add to case"} <= set(actions)
    with qtbot.waitSignal(panel.sig_add_to_case) as added:
        actions["Add to case"].trigger()
    assert added.args == [[sample.article]]


def test_hops_and_filters_change_what_is_drawn(qtbot, panel, sample) -> None:
    panel.set_item(sample.ids["Elizabeth Economy"])
    _wait(qtbot, panel)
    one_hop = _names(panel)
    panel.set_hops(2)
    _wait(qtbot, panel)
    assert {"South Korea", "China", "Wilson Center"} <= _names(panel) and one_hop < _names(panel)
    panel.kind_actions["country"].setChecked(False)
    _wait(qtbot, panel)
    assert not {"South Korea", "China"} & _names(panel)
    panel.kind_actions["country"].setChecked(True)
    panel.suggested.setChecked(False)
    _wait(qtbot, panel)
    statuses = {e.edge.status for e in panel.scene.edges.values() if e.edge}
    assert statuses == {"confirmed"}
    assert "China" not in _names(panel)
    panel.suggested.setChecked(True)
    panel.link_actions["mentions"].setChecked(False)
    _wait(qtbot, panel)
    assert _names(panel) == {"Elizabeth Economy", "Commerce Department"}


def test_case_toggle_limits_to_the_case(qtbot, panel, sample) -> None:
    panel.set_item(sample.article)
    _wait(qtbot, panel)
    assert "China" in _names(panel)
    panel.set_case(sample.case_id)
    _wait(qtbot, panel)
    panel.case_only.setChecked(True)
    _wait(qtbot, panel)
    assert _names(panel) == {TITLE, "Elizabeth Economy", "South Korea"}


def test_edge_tooltip_shows_escaped_evidence(qtbot, library, panel, sample) -> None:
    with library.write() as s:
        a = _article(s, "<b>Bold</b> & <script>x</script>", "2301010001", date(2023, 1, 2))
        _link(
            s, a, sample.ids["Xi Jinping"], MENTIONS, SUGGESTED, a, "Xi said <i>nothing</i> & left."
        )
    panel.set_item(sample.ids["Xi Jinping"])
    _wait(qtbot, panel)
    edge = next(e for e in panel.scene.edges.values() if e.edge and e.edge.source == a)
    assert not edge.edge.evidence_loaded  # read when hovered, not with the view
    mid = panel.view.mapFromScene(edge.line.center())
    hover = QHelpEvent(QEvent.Type.ToolTip, mid, panel.view.viewport().mapToGlobal(mid))
    panel.view.viewportEvent(hover)
    assert "Loading the evidence" in QToolTip.text()
    qtbot.waitUntil(lambda: "nothing" in QToolTip.text(), timeout=5000)
    tip = panel.scene.tooltip_at(edge)
    assert "Xi said &lt;i&gt;nothing&lt;/i&gt; &amp; left." in tip
    assert "&lt;b&gt;Bold&lt;/b&gt; &amp; &lt;script&gt;" in tip and "<script>" not in tip
    assert "02 Jan 2023" in tip
    node = panel.scene.nodes[a]
    assert node.label.startswith("<b>Bold</b>")  # drawn with drawText: plain text, never markup


def test_hub_shows_more_and_expands_on_request(qtbot, panel, sample) -> None:
    panel.set_item(sample.ids["China"])
    _wait(qtbot, panel)
    china = sample.ids["China"]
    assert isinstance(panel.scene.mores.get(china), MoreItem)
    before = len(panel.scene.nodes)
    point = panel.view.mapFromScene(panel.scene.mores[china].pos())
    qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    _wait(qtbot, panel)
    assert len(panel.scene.nodes) == 32 > before
    assert china not in panel.scene.mores


def test_path_mode_draws_and_lists_paths_with_evidence(qtbot, panel, sample) -> None:
    panel.set_item(sample.ids["Elizabeth Economy"])
    _wait(qtbot, panel)
    panel.set_path(sample.ids["Elizabeth Economy"], sample.ids["South Korea"])
    _wait(qtbot, panel)
    text = panel.path_text.toPlainText()
    assert "Path 1" in text and "South Korea has joined Western sanctions" in text
    assert panel.scene.nodes[sample.ids["South Korea"]].highlighted
    assert not panel.scene.nodes[sample.ids["Commerce Department"]].highlighted
    assert any(e.highlighted for e in panel.scene.edges.values())
    panel.set_path(sample.ids["Elizabeth Economy"], sample.ids["Lonely Entity"])
    _wait(qtbot, panel)
    assert "No connection found" in panel.path_text.toPlainText()


def test_path_chooser_completes_names(qtbot, panel, sample) -> None:
    panel.set_item(sample.ids["Elizabeth Economy"])
    _wait(qtbot, panel)
    panel.path_edit.setText("South")
    panel._request_suggestions()
    choice = "South Korea — country"
    qtbot.waitUntil(lambda: choice in panel._completion.stringList(), timeout=5000)
    panel._on_path_target_chosen(choice)
    _wait(qtbot, panel)
    assert panel.paths and panel.paths[0].nodes[-1].name == "South Korea"


def test_find_anything_by_alias_says_when_nothing_matches_and_enter_picks_the_best(
    qtbot, panel, sample
) -> None:
    panel.set_item(sample.ids["Elizabeth Economy"])
    _wait(qtbot, panel)
    panel.path_edit.setText("commerce")  # an alias, and part of an article's title
    panel._request_suggestions()
    qtbot.waitUntil(lambda: bool(panel._completion.stringList()), timeout=5000)
    listed = panel._completion.stringList()
    assert listed[0] == "Commerce Department (also: Commerce) — organization"
    assert any(c.endswith("— article") for c in listed)  # every kind of item
    panel.path_edit.setText("Zanzibar Widgets")
    panel._request_suggestions()
    qtbot.waitUntil(lambda: panel.find_note.isVisible(), timeout=5000)
    assert panel.find_note.text() == "Nothing matches “Zanzibar Widgets”."
    assert not panel._completion.stringList()
    panel.path_edit.setText("korea")  # Enter before any completion: the best match is taken
    qtbot.keyClick(panel.path_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(panel.paths), timeout=5000)
    _wait(qtbot, panel)
    assert panel.paths[0].nodes[-1].name == "South Korea"
    assert not panel.find_note.isVisible()


def test_export_png_and_svg_and_case_diagram(qtbot, tmp_path, library, panel, sample) -> None:
    panel.set_item(sample.ids["Elizabeth Economy"])
    _wait(qtbot, panel)
    png, svg = tmp_path / "g.png", tmp_path / "g.svg"
    panel.export(str(png))
    panel.export(str(svg))
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    image = QImage(str(png))
    assert not image.isNull() and image.width() > 100
    assert ET.parse(svg).getroot().tag.endswith("svg")
    assert QSvgRenderer(str(svg)).isValid()
    panel.copy_image()
    diagram = render_case_diagram(library, sample.case_id, QSize(400, 300))
    assert diagram.size() == QSize(400, 300)
    assert len({diagram.pixel(x, y) for x in range(0, 400, 7) for y in range(0, 300, 7)}) > 3


def test_zoom_and_fit(qtbot, panel, sample) -> None:
    panel.set_item(sample.article)
    _wait(qtbot, panel)
    panel.view.zoom(2.0)
    zoomed = panel.view.transform().m11()
    panel.on_fit()
    fitted = panel.view.transform().m11()
    assert zoomed != fitted
    rect = panel.view.mapToScene(panel.view.viewport().rect()).boundingRect()
    center = panel.scene.nodes[sample.article].pos()
    assert rect.contains(QPointF(center))


def test_path_mode_on_the_imported_sample_article(qtbot, library, panel) -> None:
    from desktop.services.importer import import_paths
    from desktop.services.library import resolve_item
    from tests.conftest import SAMPLE

    import_paths(library=library, paths=[SAMPLE])
    with library.session() as s:
        economy = resolve_item(s, "Marisa Okonkwo").id
        korea = resolve_item(s, "Japan").id
    panel.set_hops(2)
    panel.set_item(economy)
    _wait(qtbot, panel)
    assert korea in panel.scene.nodes
    panel.set_path(economy, korea)
    _wait(qtbot, panel)
    assert panel.paths and all(e.evidence for e in panel.paths[0].edges)
    assert "Marisa Okonkwo, a deputy assistant secretary" in panel.path_text.toPlainText()


def _import_connections(library) -> None:  # type: ignore[no-untyped-def]
    from pathlib import Path

    from desktop.services.importer import import_paths

    files = sorted(Path(__file__).parents[1].joinpath("data", "connections").glob("*.txt"))
    import_paths(library=library, paths=files, workers=1)


def _id_of(library, name: str) -> int:  # type: ignore[no-untyped-def]
    from desktop.services.graph import suggest_items

    with library.session() as s:
        return next(r.id for r in suggest_items(session=s, prefix=name) if r.name == name)


def test_path_mode_goes_through_the_company_and_clears_with_the_centre(
    qtbot, library, panel
) -> None:
    _import_connections(library)
    voss, santos = _id_of(library, "Harlan Voss"), _id_of(library, "Mirela Santos")
    panel.set_item(voss)
    _wait(qtbot, panel)
    panel.set_path(voss, santos)
    qtbot.waitUntil(lambda: bool(panel.paths) and not panel.busy, timeout=5000)
    first = [n.name for n in panel.paths[0].nodes]
    assert "Quillmark Corp." in first and "United States" not in first
    text = panel.path_text.toPlainText()
    assert "Why this path" in text and "United States (a country)" in text
    assert not panel.through_countries.isChecked()
    panel.through_countries.setChecked(True)  # allowed: the country may show, still ranked below
    qtbot.waitUntil(lambda: not panel.busy, timeout=5000)
    assert "Quillmark Corp." in [n.name for n in panel.paths[0].nodes]
    panel.path_edit.setText("Mirela")
    panel.set_item(santos)  # a new centre: the old paths go with the old centre
    _wait(qtbot, panel)
    assert panel.path_ends is None and not panel.paths
    assert panel.path_text.isHidden() and panel.path_edit.text() == ""
    assert not any(n.highlighted for n in panel.scene.nodes.values())
