"""Groups in the connections picture: many look-alike outer items drawn as one node.

Why: at two or three hops an article's dozen organizations, or the people a handful of
articles all name, fan out into a hairball of discs whose labels cannot all show. Items two
hops out or more that are linked to exactly the same items on screen, share a kind and are
joined to them only by co-mentions (no stated relation, which would lose its label) collapse
into one node per (kind, neighbours): "14 organizations" beside the article that names them
all, or beside the three articles they share. The group keeps its members (the panel lists
them in its tooltip and unfolds it on a double-click) and one link per neighbour that stands
for the members' links. Pure and linear in the view's size: no Qt, no database.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection
from dataclasses import replace

from desktop.services.graph import GraphEdge, GraphNode, Neighbourhood
from desktop.vocab import CITES, CONFIRMED, MENTIONS, SUGGESTED

GROUP_MIN = 4  # this many look-alikes make a group; fewer are drawn one by one
GROUP_HOP = 2  # items this far from the centre or further may be grouped
ROUTINE = frozenset({MENTIONS, CITES})


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
    buckets: dict[tuple[str, frozenset[int]], list[GraphNode]] = defaultdict(list)
    for node in view.nodes:
        around = neighbours.get(node.id)
        if (
            node.hop < GROUP_HOP
            or node.id in kept
            or node.more
            or node.members
            or not around
            or not routine_only.get(node.id, False)
            or around & opened
        ):
            continue
        buckets[(node.kind, frozenset(around))].append(node)
    member_of: dict[int, int] = {}
    groups: dict[int, GraphNode] = {}
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
