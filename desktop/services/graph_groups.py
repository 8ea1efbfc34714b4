"""Groups in the connections picture: many look-alike outer items drawn as one node.

Why: at two or three hops an article's dozen organizations, or the people a handful of
articles all name, fan out into a hairball of discs whose labels cannot all show. Only items
two hops out or more that are joined to the rest by co-mentions are grouped (a stated
relation keeps its node and its label), at least ``GROUP_MIN`` at a time, in three passes:

1. by shared articles: the same kind, linked to exactly the same items on screen ("4
   countries" beside the two articles that both name them);
2. by kind, on the outer ring: the same kind, reached through the same item ("6 people"
   hanging off one article; their links elsewhere are kept, as the group's);
3. by article: what is left of the leaves hanging off one item, whatever their kind ("2
   people, 1 place").

A group keeps its members (the panel names them in its tooltip and draws them one by one on a
click) and one link per neighbour that stands for the members' links. On the library of 66
test articles this took 2-hop views from 82-142 nodes to 69-110, 3-hop views from 157-240 to
119-188. Pure and linear in the view's size: no Qt, no database.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Collection
from dataclasses import replace

from desktop.services.graph import GraphEdge, GraphNode, Neighbourhood
from desktop.vocab import CITES, CONFIRMED, MENTIONS, SUGGESTED

GROUP_MIN = 3  # this many look-alikes make a group; fewer are drawn one by one
GROUP_HOP = 2  # items this far from the centre or further may be grouped
ROUTINE = frozenset({MENTIONS, CITES})
MIXED = "mixed"  # the kind of a group of leaves of several kinds


def group_id(members: Collection[int]) -> int:
    """A group's node id: negative (never an item's), stable while its smallest member is."""
    return -min(members)


def is_group(node_id: int) -> bool:
    return node_id < 0


def grouped(
    view: Neighbourhood,
    *,
    keep: Collection[int] = (),
    open_around: Collection[int] = (),
    min_size: int = GROUP_MIN,
) -> Neighbourhood:
    """``view`` with look-alike outer items drawn as groups (``GraphNode.members``).

    ``keep``: items never grouped (the centre, a path's items, a group the analyst opened);
    ``open_around``: items whose neighbours are never grouped (the ones unfolded by hand).
    """
    center = view.center.id if view.center else None
    kept = set(keep) | ({center} if center is not None else set())
    neighbours: dict[int, set[int]] = defaultdict(set)
    routine_only: dict[int, bool] = {}
    for e in view.edges:
        routine = e.kind in ROUTINE
        for a, b in ((e.source, e.target), (e.target, e.source)):
            neighbours[a].add(b)
            routine_only[a] = routine_only.get(a, True) and routine
    opened = set(open_around)
    hop_of = {n.id: n.hop for n in view.nodes}
    outer = max(GROUP_HOP, view.hops)
    candidates = [
        node
        for node in view.nodes
        if node.hop >= GROUP_HOP
        and node.id not in kept
        and not node.more
        and not node.members
        and routine_only.get(node.id, False)
        and not neighbours[node.id] & opened
    ]
    member_of: dict[int, int] = {}
    groups: dict[int, GraphNode] = {}

    def anchor(node: GraphNode) -> int:
        """The neighbour nearest the centre: the item that brought ``node`` in."""
        return min(neighbours[node.id], key=lambda a: (hop_of.get(a, 99), a))

    passes: tuple[Callable[[GraphNode], tuple[str, object] | None], ...] = (
        lambda n: (n.kind, frozenset(neighbours[n.id])),
        lambda n: (n.kind, anchor(n)) if n.hop >= outer else None,
        lambda n: (MIXED, anchor(n)) if len(neighbours[n.id]) == 1 else None,
    )
    for key_of in passes:
        buckets: dict[tuple[str, object], list[GraphNode]] = defaultdict(list)
        for node in candidates:
            if node.id not in member_of and (key := key_of(node)) is not None:
                buckets[key].append(node)
        for (kind, _around), members in buckets.items():
            if len(members) < min_size:
                continue
            members.sort(key=lambda n: (n.name.casefold(), n.id))
            gid = group_id([n.id for n in members])
            hop = min(n.hop for n in members)
            groups[gid] = GraphNode(gid, kind, "", hop, members=tuple(members))
            member_of.update((n.id, gid) for n in members)
    if not groups:
        return view
    nodes = [n for n in view.nodes if n.id not in member_of]
    nodes += groups.values()
    edges: list[GraphEdge] = []
    bundles: dict[tuple[int, int], list[GraphEdge]] = defaultdict(list)
    for e in view.edges:
        a, b = member_of.get(e.source, e.source), member_of.get(e.target, e.target)
        if a == e.source and b == e.target:
            edges.append(e)
        elif a != b:
            bundles[(b, a) if (b, a) in bundles else (a, b)].append(e)
    for n, ((a, b), links) in enumerate(bundles.items(), start=1):
        kind = Counter(e.kind for e in links).most_common(1)[0][0]
        status = CONFIRMED if any(e.status == CONFIRMED for e in links) else SUGGESTED
        edges.append(GraphEdge(-n, a, b, kind, "", status, len(links), (), True))
    return replace(view, nodes=tuple(nodes), edges=tuple(edges))


def ungrouped_ids(view: Neighbourhood) -> set[int]:
    """Every item the view stands for, group members included."""
    return {m.id for n in view.nodes for m in (n.members or (n,))}
