"""Expanding in place and groups (issue 18), through the real panel on a real library: a
double-click adds a node's neighbours and keeps the centre and the picture; look-alike outer
items collapse into one group node that names its members in plain text and opens on a click."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QToolTip

from desktop.store.models import AFFILIATED_WITH, CONFIRMED, MENTIONS, SUGGESTED, Entity
from desktop.ui.connections import ConnectionsPanel
from desktop.ui.connections.labels import overlapping
from tests.services.test_graph import TITLE, _article, _item, _link, build_sample_graph

HOSTILE = "<img src=file:///etc/passwd> Widgets & Co"


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
    return {item.name for item in panel.scene.nodes.values()}


def _at(panel, node_id: int):  # type: ignore[no-untyped-def]
    return panel.view.mapFromScene(panel.scene.nodes[node_id].pos())


def _fitted(panel) -> bool:  # type: ignore[no-untyped-def]
    shown = panel.view.mapToScene(panel.view.viewport().rect()).boundingRect()
    return shown.adjusted(-1, -1, 1, 1).contains(panel.scene.content_rect())


def test_double_click_expands_in_place_and_enter_opens(qtbot, panel, library) -> None:
    sample = build_sample_graph(library)
    economy = sample.ids["Elizabeth Economy"]
    panel.set_item(economy)
    _wait(qtbot, panel)
    assert _names(panel) == {"Elizabeth Economy", TITLE, "Commerce Department"}
    before = {nid: item.pos() for nid, item in panel.scene.nodes.items()}
    selected: list[int] = []
    panel.sig_item_selected.connect(selected.append)
    qtbot.mouseDClick(
        panel.view.viewport(), Qt.MouseButton.LeftButton, pos=_at(panel, sample.article)
    )
    _wait(qtbot, panel)
    # the article's own neighbours joined the picture; the centre and the old nodes stayed
    assert {"South Korea", "China", "Xi Jinping", "Wilson Center"} <= _names(panel)
    assert panel.scene.center_id == economy and panel.item_id == economy and selected == []
    for nid, was in before.items():
        moved = panel.scene.nodes[nid].pos() - was
        assert (moved.x() ** 2 + moved.y() ** 2) ** 0.5 < 30
    assert _fitted(panel)
    listed = {panel.list_model.index(r).data() for r in range(panel.list_model.rowCount())}
    assert any(text.startswith("South Korea") for text in listed)
    # opening stays one key or one menu away, and says so
    with qtbot.waitSignal(panel.sig_item_activated) as opened:
        qtbot.keyClick(panel.view, Qt.Key.Key_Return)
    assert opened.args == [economy]
    actions = {a.text(): a for a in panel.build_context_menu(sample.article).actions()}
    assert {"Open", "Expand here (double-click)", "Add to case"} <= set(actions)
    with qtbot.waitSignal(panel.sig_item_activated) as opened:
        actions["Open"].trigger()
    assert opened.args == [sample.article]
    hover = QHelpEvent(
        QEvent.Type.ToolTip,
        _at(panel, sample.article),
        panel.view.viewport().mapToGlobal(_at(panel, sample.article)),
    )
    panel.view.viewportEvent(hover)
    assert "Double-click: expand here" in QToolTip.text()
    # Reset (and a new centre) forget the expansion
    panel.reset()
    _wait(qtbot, panel)
    assert _names(panel) == {"Elizabeth Economy", TITLE, "Commerce Department"}
    assert _fitted(panel)
    panel.expand_here(sample.article)
    _wait(qtbot, panel)
    assert "China" in _names(panel)
    panel.set_item(sample.ids["Commerce Department"])
    _wait(qtbot, panel)
    panel.set_item(economy)
    _wait(qtbot, panel)
    assert _names(panel) == {"Elizabeth Economy", TITLE, "Commerce Department"}


def test_expanding_a_leaf_with_nothing_more_says_so(qtbot, panel, library) -> None:
    sample = build_sample_graph(library)
    panel.set_item(sample.article)
    _wait(qtbot, panel)
    count = len(panel.scene.nodes)
    panel.on_node_double_clicked(sample.ids["Wilson Center"])
    _wait(qtbot, panel)
    assert len(panel.scene.nodes) == count
    assert panel.status.text().startswith("Wilson Center has no other links to show here.")


def _grouped_library(library) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """Dana Whitfield in two articles; the first names six companies (five by itself, one
    hostile name) and two colleagues, both name the same four countries; one colleague
    works for Tessaly Group (a stated relation, never grouped away)."""
    ids: dict[str, int] = {}
    with library.write() as s:

        def entity(kind: str, name: str) -> int:
            ids[name] = _item(s, kind, name)
            s.add(Entity(item_id=ids[name]))
            return ids[name]

        a = ids["first"] = _article(s, "Chipmakers brief Congress", "2401010001", date(2024, 1, 1))
        b = ids["second"] = _article(
            s, "Whitfield returns to Seoul", "2401020001", date(2024, 1, 2)
        )
        dana = entity("person", "Dana Whitfield")
        for art in (a, b):
            _link(s, art, dana, MENTIONS, CONFIRMED, art, "Dana Whitfield said so.")
        companies = ["Arvo Semiconductor", "Brightline Fab", "Corvane Devices",
                     "Delmar Optics", HOSTILE]  # fmt: skip
        for name in companies:
            _link(s, a, entity("organization", name), MENTIONS, SUGGESTED, a, f"{name} attended.")
        for name in ("Ines Moreau", "Tomas Lind"):
            _link(s, a, entity("person", name), MENTIONS, SUGGESTED, a, f"{name} testified.")
        tessaly = entity("organization", "Tessaly Group")
        _link(s, a, tessaly, MENTIONS, SUGGESTED, a, "Tessaly Group attended.")
        _link(s, ids["Ines Moreau"], tessaly, AFFILIATED_WITH, CONFIRMED, a, "Moreau of Tessaly.")
        for name in ("Chile", "Norway", "Kenya", "Vietnam"):
            country = entity("country", name)
            for art in (a, b):
                _link(s, art, country, MENTIONS, SUGGESTED, art, f"{name} was named.")
    return ids


def test_two_hops_group_look_alikes_by_kind_and_shared_articles(qtbot, panel, library) -> None:
    ids = _grouped_library(library)
    panel.set_item(ids["Dana Whitfield"])
    _wait(qtbot, panel)
    assert not any(n.is_group for n in panel.scene.nodes.values())  # one hop: nothing grouped
    panel.set_hops(2)
    _wait(qtbot, panel)
    groups = {n.name: n for n in panel.scene.nodes.values() if n.is_group}
    # five companies only the first article names; four countries both articles name
    assert set(groups) == {"5 organizations", "4 countries"}
    companies, countries = groups["5 organizations"], groups["4 countries"]
    around = {nid for e in countries.edges for nid in (e.edge.source, e.edge.target)}
    assert around == {countries.node.id, ids["first"], ids["second"]}
    # Tessaly Group is related to a colleague: its relation keeps its own node and label
    assert {"Tessaly Group", "Ines Moreau", "Tomas Lind", "Dana Whitfield"} <= _names(panel)
    assert HOSTILE not in _names(panel)
    assert overlapping(panel.scene.label_boxes()) == []
    assert companies.label_at is not None and countries.label_at is not None
    assert _fitted(panel)
    # the list under the graph still has every item, one by one
    listed = [panel.list_model.index(r).data() for r in range(panel.list_model.rowCount())]
    assert any(t.startswith(HOSTILE) for t in listed) and any(t.startswith("Chile") for t in listed)
    # the tooltip names the members as plain text: a name that looks like HTML stays text
    tip = panel.scene.tooltip_at(companies)
    assert "&lt;img src=file:///etc/passwd&gt; Widgets &amp; Co" in tip and "<img" not in tip
    assert "Arvo Semiconductor" in tip and "Chipmakers brief Congress" in tip
    assert "5 organizations" in panel.scene.tooltip_at(companies.edges[0])
    # a click opens the group in place: its members appear, the rest stays put
    kept = panel.scene.nodes[ids["first"]].pos()
    qtbot.mouseClick(
        panel.view.viewport(), Qt.MouseButton.LeftButton, pos=_at(panel, companies.node.id)
    )
    qtbot.waitUntil(lambda: "Arvo Semiconductor" in _names(panel), timeout=5000)
    _wait(qtbot, panel)
    assert {"Arvo Semiconductor", HOSTILE} <= _names(panel)
    assert panel.item_id == ids["Dana Whitfield"]
    assert "4 countries" in _names(panel) and "5 organizations" not in _names(panel)
    moved = panel.scene.nodes[ids["first"]].pos() - kept
    assert (moved.x() ** 2 + moved.y() ** 2) ** 0.5 < 30
    assert overlapping(panel.scene.label_boxes()) == []
    # a path to a grouped item draws that item on its own; Reset groups them again
    panel.set_path(ids["Dana Whitfield"], ids["Kenya"])
    qtbot.waitUntil(lambda: bool(panel.paths) and not panel.busy, timeout=5000)
    assert "Kenya" in _names(panel) and panel.scene.nodes[ids["Kenya"]].highlighted
    assert "4 countries" not in _names(panel)  # three left: drawn one by one
    panel.reset()
    _wait(qtbot, panel)
    assert {"5 organizations", "4 countries"} <= _names(panel) and not panel.paths


def test_double_click_on_a_group_opens_it(qtbot, panel, library) -> None:
    ids = _grouped_library(library)
    panel.set_hops(2)
    panel.set_item(ids["Dana Whitfield"])
    _wait(qtbot, panel)
    group = next(n for n in panel.scene.nodes.values() if n.name == "4 countries")
    menu = {a.text() for a in panel.build_context_menu(group.node.id).actions()}
    assert menu == {"Show the 4 one by one", "Add the 4 to case"}
    qtbot.mouseDClick(
        panel.view.viewport(),
        Qt.MouseButton.LeftButton,
        pos=QPointF(_at(panel, group.node.id)).toPoint(),
    )
    qtbot.waitUntil(lambda: "Chile" in _names(panel), timeout=5000)
    _wait(qtbot, panel)
    assert {"Chile", "Norway", "Kenya", "Vietnam"} <= _names(panel)
    assert panel.item_id == ids["Dana Whitfield"]


def test_labels_are_placed_where_the_nodes_come_to_rest(qtbot, panel, library) -> None:
    """Going from one hop to two animates the nodes out; the labels were placed where the
    animation started (everything bunched up), so most of them hid for good."""
    ids = _grouped_library(library)
    panel.animation_ms = 350
    panel.set_item(ids["Dana Whitfield"])
    _wait(qtbot, panel)
    panel.set_hops(2)
    _wait(qtbot, panel)
    qtbot.waitUntil(lambda: not panel.scene.animating, timeout=5000)
    shown = {nid for nid, n in panel.scene.nodes.items() if n.label_at is not None}
    panel.scene.place_labels()  # at rest: where they are now is where they were headed
    assert shown == {nid for nid, n in panel.scene.nodes.items() if n.label_at is not None}
    assert len(shown) == len(panel.scene.nodes)
