"""Grouping look-alike outer items (issue 18): by shared articles, by kind on the outer ring,
then the leftover leaves of one article; never the centre's ring, a relation, or what is kept."""

from __future__ import annotations

from desktop.services.dto import ItemRef
from desktop.services.graph import GraphEdge, GraphNode, Neighbourhood
from desktop.services.graph_groups import MIXED, grouped, ungrouped_ids


def _view() -> Neighbourhood:
    """Centre 1; articles 2 and 3 at one hop; around them, at two hops: 10-12 (people named
    by both articles), 20-23 (organizations named by 2, two also by 3), 30-32 (a person, a
    place, a country only 3 names), 40 (a person with a stated relation to 2)."""
    nodes = [GraphNode(1, "person", "Centre", 0), GraphNode(2, "article", "A", 1),
             GraphNode(3, "article", "B", 1)]  # fmt: skip
    edges = [(2, 1, "mentions"), (3, 1, "mentions")]
    for i in (10, 11, 12):
        nodes.append(GraphNode(i, "person", f"P{i}", 2))
        edges += [(2, i, "mentions"), (3, i, "mentions")]
    for i in (20, 21, 22, 23):
        nodes.append(GraphNode(i, "organization", f"O{i}", 2))
        edges.append((2, i, "mentions"))
        if i > 21:
            edges.append((3, i, "mentions"))
    for i, kind in ((30, "person"), (31, "place"), (32, "country")):
        nodes.append(GraphNode(i, kind, f"L{i}", 2))
        edges.append((3, i, "mentions"))
    nodes.append(GraphNode(40, "person", "Related", 2))
    edges.append((40, 2, "affiliated_with"))
    links = tuple(GraphEdge(n, a, b, k, "", "suggested", 1) for n, (a, b, k) in enumerate(edges, 1))
    return Neighbourhood(ItemRef(1, "person", "Centre"), 2, tuple(nodes), links)


def test_groups_by_shared_articles_then_kind_then_leaves() -> None:
    view = _view()
    out = grouped(view)
    groups = {tuple(sorted(m.id for m in n.members)): n for n in out.nodes if n.members}
    assert set(groups) == {(10, 11, 12), (20, 21, 22, 23), (30, 31, 32)}
    assert groups[(10, 11, 12)].kind == "person"  # same kind, same two articles
    assert groups[(20, 21, 22, 23)].kind == "organization"  # same kind, reached through A
    assert groups[(30, 31, 32)].kind == MIXED  # what only B names, whatever its kind
    assert {1, 2, 3, 40} <= {n.id for n in out.nodes}  # the ring, the centre, the relation
    assert ungrouped_ids(out) == {n.id for n in view.nodes}
    # the organizations' links bundle into one per neighbour, counting the links they stand for
    org = groups[(20, 21, 22, 23)].id
    bundled = {
        (e.source, e.target): e.evidence_count for e in out.edges if org in (e.source, e.target)
    }
    assert bundled == {(2, org): 4, (3, org): 2}
    assert all(e.id < 0 for e in out.edges if org in (e.source, e.target))


def test_kept_items_and_unfolded_neighbours_stay_apart() -> None:
    view = _view()
    out = grouped(view, keep={10}, open_around={3})
    assert not any(n.members for n in out.nodes)  # all but 20 and 40 touch B, opened
    assert grouped(view, keep={10, 11}).nodes != view.nodes
    one_hop = Neighbourhood(view.center, 1, tuple(n for n in view.nodes if n.hop < 2), ())
    assert grouped(one_hop) is one_hop
