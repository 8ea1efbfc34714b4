"""Readable labels (issue 18): in a 100-node neighbourhood no two drawn labels overlap, the
centre and the relations keep theirs, and the full name of a hidden or shortened one is on
hover."""

from __future__ import annotations

from desktop.services.dto import ItemRef
from desktop.services.graph import GraphEdge, GraphNode, Neighbourhood
from desktop.services.graph_layout import layout_graph
from desktop.ui.connections.labels import overlapping
from desktop.ui.connections.scene import GraphScene

KINDS = ("person", "organization", "country", "article", "place", "group")


def hundred_nodes() -> Neighbourhood:
    nodes = [GraphNode(1, "person", "Gina Raimondo", 0)]
    edges = []
    link = 1000
    for i in range(2, 14):  # 12 at one hop, each with 7 or 8 of its own at two
        kind = KINDS[i % len(KINDS)]
        nodes.append(GraphNode(i, kind, f"Department of Long Official Names {i}", 1))
        relation = kind == "organization"
        edges.append(
            GraphEdge(link, 1, i, "affiliated_with" if relation else "mentions",
                      "Commerce Secretary" if relation else "", "confirmed", 1)
        )  # fmt: skip
        link += 1
    n = 14
    while n <= 100:
        parent = 2 + n % 12
        nodes.append(GraphNode(n, KINDS[n % len(KINDS)], f"Item number {n} of the library", 2))
        edges.append(GraphEdge(link, parent, n, "member_of" if n % 5 == 0 else "mentions",
                               "", "suggested", 1))  # fmt: skip
        link += 1
        n += 1
    return Neighbourhood(ItemRef(1, "person", "Gina Raimondo"), 2, tuple(nodes), tuple(edges))


def test_a_hundred_node_neighbourhood_has_no_overlapping_labels(qtbot) -> None:  # noqa: ANN001
    view = hundred_nodes()
    assert len(view.nodes) == 100
    scene = GraphScene()
    scene.show_graph(view, layout_graph(view))
    boxes = scene.label_boxes()
    assert overlapping(boxes) == []
    assert len(boxes) >= 30  # most things still say what they are
    assert scene.nodes[1].label_at is not None  # the centre always
    relations = [e for e in scene.edges.values() if e.relation]
    assert relations and sum(e.labelled for e in relations) >= len(relations) // 2
    assert all(e.text in ("Commerce Secretary", "member of") for e in relations)
    hidden = [n for n in scene.nodes.values() if n.label_at is None or n.label_at[2] != n.label]
    assert all(n.node.name in n.tooltip() for n in hidden)  # in full on hover
    # a path changes who wins: its items and links are placed first, still without overlaps
    path_nodes = {1, 7, 19}
    scene.set_highlight(path_nodes, {e.edge.id for e in scene.edges.values()
                                     if e.edge and {e.edge.source, e.edge.target} <= path_nodes})  # fmt: skip
    assert all(scene.nodes[n].label_at is not None for n in path_nodes)
    assert overlapping(scene.label_boxes()) == []


def test_mentions_are_faint_and_relations_strong() -> None:
    from desktop.ui.connections import style

    relation = style.edge_pen("confirmed", relation=True)
    mention = style.edge_pen("confirmed")
    assert relation.widthF() > 2 * mention.widthF()
    assert relation.color().lightness() < mention.color().lightness()
