"""Shortest paths between two items, each hop with its evidence: the panel's path mode.

A bidirectional breadth-first search over the link graph that always expands the side with
fewer links, reading only the links of the current frontier (``desktop.store.graph_sql``).
Hubs are never walked through: a frontier node with ``DEGREE_PROBE`` links or more stays a
meeting point only, so a path query on 100,000 articles reads thousands of links, not millions.

Hub-aware ranking (issue 18): a country that half the library names is the shortest hop
between everyone, so a path through it says nothing. An item linked to a large share of the
library (``HUB_SHARE`` of the articles, at least ``HUB_MIN_LINKS`` links) is left out as an
intermediate unless ``through_hubs``; countries are left out of people-to-people paths unless
``through_countries``. Only when no path is left does the search try again with them. Among
the paths found, each is ranked by its cost: a hop along a relation (works for, member of)
costs less than a "mentions" hop, and every item passed through costs more the larger the
share of the library it is linked to. Each path says why (``GraphPath.why``).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, replace

from sqlalchemy.engine import Connection
from sqlmodel import Session

from desktop.services.dto import ItemRef
from desktop.services.graph import (
    DEGREE_PROBE,
    GraphEdge,
    GraphNode,
    Neighbourhood,
    edges_with_evidence,
    scope_of,
)
from desktop.store import graph_sql as q
from desktop.store.models import CONFIRMED
from desktop.vocab import CITES, MENTIONS

ROUTINE_LINKS = (MENTIONS, CITES)  # co-occurrence, not a stated relation

HUB_SHARE = 0.3  # an item linked to this share of the library's articles is a hub
HUB_MIN_LINKS = 6  # ... if it has at least this many links (a tiny library has no hubs)
RELATION_HOP = 0.5  # a hop along a relation costs this; a "mentions" or "cites" hop 1
HUB_WEIGHT = 3.0  # an intermediate item costs HUB_WEIGHT x its share of the library


@dataclass(frozen=True, slots=True)
class GraphPath:
    nodes: tuple[ItemRef, ...]  # from the first item to the second
    edges: tuple[GraphEdge, ...]  # edges[i] joins nodes[i] and nodes[i + 1]
    cost: float = 0.0  # lower is more specific: see the module docstring
    #: why this path was chosen, one line per item passed through and what was left out
    why: tuple[str, ...] = ()
    through_hubs: bool = False  # no path was left without hubs or countries


@dataclass(frozen=True, slots=True)
class _Rules:
    """Which items may not be passed through, and what the library's size is for shares."""

    articles: int
    avoid_hubs: bool
    avoid_countries: bool

    def share(self, degree: int) -> float:
        return min(1.0, degree / max(1, self.articles))

    def is_hub(self, degree: int) -> bool:
        return degree >= DEGREE_PROBE or (
            degree >= HUB_MIN_LINKS and self.share(degree) >= HUB_SHARE
        )


def find_paths(
    *,
    session: Session,
    source_id: int,
    target_id: int,
    k: int = 3,
    max_hops: int = 6,
    case_id: int | None = None,
    include_suggested: bool = True,
    item_kinds: Collection[str] | None = None,
    link_kinds: Collection[str] | None = None,
    budget: int = 60_000,
    through_hubs: bool = False,
    through_countries: bool | None = None,
) -> list[GraphPath]:
    """Up to ``k`` most specific shortest paths between two items; [] when none is found.

    ``budget`` bounds the links read per expansion: past it the search gives up rather than
    reading half the library (two hubs many hops apart are "not connected" for our purposes).
    ``through_countries=None`` means: not for a path between two people, else allowed.
    """
    if source_id == target_id:
        return []
    conn = session.connection()
    ends = q.item_rows(conn, [source_id, target_id])
    if len(ends) < 2:
        return []
    if through_countries is None:
        people = ends[source_id][0] == ends[target_id][0] == "person"
        through_countries = through_hubs or not people
    rules = _Rules(q.article_count(conn), not through_hubs, not through_countries)
    kwargs = {
        "k": k,
        "max_hops": max_hops,
        "case_id": case_id,
        "include_suggested": include_suggested,
        "item_kinds": item_kinds,
        "link_kinds": link_kinds,
        "budget": budget,
    }
    found = _search(conn, source_id, target_id, rules, **kwargs)  # type: ignore[arg-type]
    if found or not (rules.avoid_hubs or rules.avoid_countries):
        return found
    everything = _Rules(rules.articles, False, False)
    return [
        replace(p, through_hubs=True, why=("no path avoids the hubs and countries", *p.why))
        for p in _search(conn, source_id, target_id, everything, **kwargs)  # type: ignore[arg-type]
    ]


def _search(
    conn: Connection,
    source_id: int,
    target_id: int,
    rules: _Rules,
    *,
    k: int,
    max_hops: int,
    case_id: int | None,
    include_suggested: bool,
    item_kinds: Collection[str] | None,
    link_kinds: Collection[str] | None,
    budget: int,
) -> list[GraphPath]:
    scope = scope_of(
        case_id=case_id,
        include_suggested=include_suggested,
        item_kinds=item_kinds,
        link_kinds=link_kinds,
    )
    sides = [_Side(source_id), _Side(target_id)]
    blocked = _Blocked(conn, rules, {source_id, target_id})
    while sides[0].frontier and sides[1].frontier and sides[0].depth + sides[1].depth < max_hops:
        i, cost = _cheaper_side(conn, sides, budget)
        if cost > budget:
            break
        grow, other = sides[i], sides[1 - i]
        _cost(conn, grow, budget, budget)  # every degree known: leave the hubs out
        ordinary = [n for n in grow.frontier if grow.degree[n] < DEGREE_PROBE]
        grow.expand(q.links_of(conn, ordinary, scope), ordinary)
        grow.frontier = blocked.drop(grow.frontier)  # found, but never passed through
        meet = [n for n in grow.frontier if n in other.pred]
        if meet:
            shortest = min(other.level[n] for n in meet)
            meet = [n for n in meet if other.level[n] == shortest]
            fwd, back = sides
            return _best_paths(conn, fwd, back, meet, k, rules, blocked)
    return []


class _Blocked:
    """The items a path may not pass through under ``rules``, probed lazily and remembered."""

    def __init__(self, conn: Connection, rules: _Rules, ends: set[int]) -> None:
        self.conn, self.rules, self.ends = conn, rules, ends
        self.degree: dict[int, int] = {}
        self.kind: dict[int, tuple[str, str]] = {}
        self.avoided: dict[int, str] = {}  # item id -> why it was left out

    def drop(self, nodes: list[int]) -> list[int]:
        if not (self.rules.avoid_hubs or self.rules.avoid_countries):
            return nodes
        todo = [n for n in nodes if n not in self.ends]
        self.kind.update(q.item_rows(self.conn, [n for n in todo if n not in self.kind]))
        if self.rules.avoid_hubs:
            self.probe(todo)
        kept = []
        for n in nodes:
            reason = self._reason(n)
            if reason:
                self.avoided[n] = reason
            else:
                kept.append(n)
        return kept

    def probe(self, nodes: Collection[int]) -> None:
        todo = [n for n in nodes if n not in self.degree]
        if todo:
            self.degree.update(q.degrees(self.conn, todo, DEGREE_PROBE))

    def _reason(self, node: int) -> str:
        if node in self.ends:
            return ""
        kind, name = self.kind.get(node, ("", ""))
        if self.rules.avoid_countries and kind == "country":
            return f"{name} (a country)"
        degree = self.degree.get(node, 0)
        # an article's links are what it names, not a share of the library: never a hub
        if self.rules.avoid_hubs and kind != "article" and self.rules.is_hub(degree):
            return f"{name or f'item {node}'} (a hub, {_share_text(self.rules, degree)})"
        return ""


def _share_text(rules: _Rules, degree: int) -> str:
    if degree >= DEGREE_PROBE:
        return f"{DEGREE_PROBE:,}+ links"
    return f"{degree} links, {rules.share(degree):.0%} of a library of {rules.articles:,} articles"


def _cheaper_side(conn: Connection, sides: list[_Side], budget: int) -> tuple[int, int]:
    """Which side to expand, and how many links that reads.

    Degrees are probed only up to DEGREE_PROBE per node: counting up to the budget measured
    ~90 ms a query once a frontier held the big hubs. Hubs are never expanded (reading 40,000
    links to walk through "China" is what the budget is for): they stay in the frontier's
    levels, so the other side still meets the search there. A frontier of hubs only cannot
    grow (its cost is past the budget). Every node has a link, so a side whose cost is below
    the other's node count is cheaper without probing the other at all.
    """
    order = sorted((0, 1), key=lambda j: len(sides[j].frontier))
    first = _cost(conn, sides[order[0]], budget, budget + 1)
    if first <= len(sides[order[1]].frontier):
        return order[0], first
    second = _cost(conn, sides[order[1]], budget, first)
    return (order[0], first) if first <= second else (order[1], second)


def _cost(conn: Connection, side: _Side, budget: int, enough: int) -> int:
    """Links the side's frontier would read, probed in growing batches; stops past ``enough``
    (the other side is cheaper by then). Degrees are remembered for the whole search."""
    known = side.degree
    todo = [n for n in side.frontier if n not in known]
    total = sum(d for n in side.frontier if (d := known.get(n)) is not None and d < DEGREE_PROBE)
    i, step = 0, 16
    while i < len(todo) and total <= enough:
        degree = q.degrees(conn, todo[i : i + step], DEGREE_PROBE)
        known.update(degree)
        total += sum(d for d in degree.values() if d < DEGREE_PROBE)
        i, step = i + step, min(100, step * 2)
    if i >= len(todo) and all(known[n] >= DEGREE_PROBE for n in side.frontier):
        return budget + 1  # only hubs: this side cannot grow
    return total


class _Side:
    """One end of the bidirectional search: levels and the links that reached each node."""

    def __init__(self, start: int) -> None:
        self.pred: dict[int, list[q.LinkRow]] = {start: []}
        self.level: dict[int, int] = {start: 0}
        self.frontier = [start]
        self.depth = 0
        self.degree: dict[int, int] = {}  # links per node, probed up to DEGREE_PROBE

    def expand(self, rows: list[q.LinkRow], nodes: list[int]) -> None:
        """One level further from ``nodes`` (the frontier without its hubs) along ``rows``."""
        self.depth += 1
        current = set(nodes)
        new: list[int] = []
        for row in rows:
            for near in (row.source, row.target):
                if near not in current:
                    continue
                other = row.other(near)
                seen = self.level.get(other)
                if seen is None:
                    self.level[other] = self.depth
                    self.pred[other] = [row]
                    new.append(other)
                elif seen == self.depth and all(r.id != row.id for r in self.pred[other]):
                    self.pred[other].append(row)
        self.frontier = new

    def walks(self, node: int, limit: int) -> list[list[tuple[int, q.LinkRow | None]]]:
        """Paths from this side's start to ``node`` as [(node, link into it)], start first."""
        if not self.pred[node]:
            return [[(node, None)]]
        out: list[list[tuple[int, q.LinkRow | None]]] = []
        for row in self.pred[node]:
            for walk in self.walks(row.other(node), limit):
                out.append([*walk, (node, row)])
                if len(out) >= limit:
                    return out
        return out


def _best_paths(
    conn: Connection,
    fwd: _Side,
    back: _Side,
    meet: list[int],
    k: int,
    rules: _Rules,
    blocked: _Blocked,
) -> list[GraphPath]:
    candidates: list[tuple[list[int], list[q.LinkRow]]] = []
    seen: set[tuple[int, ...]] = set()
    for m in meet:
        for head in fwd.walks(m, 20):
            for tail in back.walks(m, 20):
                nodes = [n for n, _ in head] + [n for n, _ in reversed(tail)][1:]
                links = [r for _, r in head if r] + [r for _, r in reversed(tail) if r]
                if tuple(nodes) not in seen and len(set(nodes)) == len(nodes):
                    seen.add(tuple(nodes))
                    candidates.append((nodes, links))
        if len(candidates) >= 60:
            break
    ev = q.evidence_counts(conn, {r.id for _, links in candidates for r in links})
    inner = {n for nodes, _ in candidates for n in nodes[1:-1]}
    blocked.probe(inner)
    blocked.kind.update(q.item_rows(conn, [n for n in inner if n not in blocked.kind]))

    def cost(c: tuple[list[int], list[q.LinkRow]]) -> float:
        hops = sum(1.0 if r.kind in ROUTINE_LINKS else RELATION_HOP for r in c[1])
        shares = sum(
            rules.share(blocked.degree.get(n, 0))
            for n in c[0][1:-1]
            if blocked.kind.get(n, ("", ""))[0] != "article"
        )
        return hops + HUB_WEIGHT * shares

    candidates.sort(
        key=lambda c: (
            round(cost(c), 6),
            -sum(r.status == CONFIRMED for r in c[1]),
            -min((ev.get(r.id, 0) for r in c[1]), default=0),
        )
    )
    chosen = candidates[:k]
    info = q.item_rows(conn, {n for nodes, _ in chosen for n in nodes} | set(blocked.avoided))
    edges = {
        e.id: e for e in edges_with_evidence(conn, [r for _, links in chosen for r in links], ev)
    }
    avoided = sorted({blocked.avoided[n] for n in blocked.avoided})
    return [
        GraphPath(
            tuple(ItemRef(n, *info[n]) for n in nodes),
            tuple(edges[r.id] for r in links),
            cost(c),
            _why(nodes, links, info, blocked.degree, rules, avoided),
        )
        for c in chosen
        for nodes, links in (c,)
    ]


def _why(
    nodes: list[int],
    links: list[q.LinkRow],
    info: dict[int, tuple[str, str]],
    degree: dict[int, int],
    rules: _Rules,
    avoided: list[str],
) -> tuple[str, ...]:
    """Plain sentences: how long the path is, how specific each item it passes through is."""
    relations = sum(r.kind not in ROUTINE_LINKS for r in links)
    lines = [
        f"{len(links)} hop(s), {relations} of them stated relations"
        if relations
        else f"{len(links)} hop(s), all by co-mention"
    ]
    for n in nodes[1:-1]:
        kind, name = info[n]
        if kind == "article":
            lines.append(f"in the article “{name}”")
        else:
            lines.append(f"through {name} ({_share_text(rules, degree.get(n, 0))})")
    if avoided:
        shown = ", ".join(avoided[:4]) + (
            f" and {len(avoided) - 4} more" if len(avoided) > 4 else ""
        )
        lines.append(f"left out: {shown}")
    return tuple(lines)


def with_paths(view: Neighbourhood | None, paths: list[GraphPath]) -> Neighbourhood:
    """``view`` plus every node and link of ``paths``: path mode draws paths in context."""
    nodes = {n.id: n for n in view.nodes} if view else {}
    edges = {e.id: e for e in view.edges} if view else {}
    for path in paths:
        for hop, ref in enumerate(path.nodes):
            nodes.setdefault(ref.id, GraphNode(ref.id, ref.kind, ref.name, hop))
        for edge in path.edges:
            if edge.id not in edges or not edges[edge.id].evidence_loaded:
                edges[edge.id] = edge  # the path's copy carries its evidence
    center = view.center if view and view.center else (paths[0].nodes[0] if paths else None)
    hops = view.hops if view else 0
    return Neighbourhood(center, hops, tuple(nodes.values()), tuple(edges.values()))
