"""How items connect: neighbourhoods and shortest paths over the link graph, with evidence.

The graph is never loaded whole. A neighbourhood grows hop by hop from the centre, reading only
the links of the current frontier (``desktop.store.graph_sql``); hubs are capped to their
strongest neighbours (confirmed first, then most evidence) and report how many more they have,
so a node mentioned by 40,000 articles costs no more than an ordinary one. Paths between two
items are ``desktop.services.graph_paths``.
Rejected links never appear; suggested ones can be left out.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy.engine import Connection
from sqlmodel import Session

from desktop.services.dto import EvidenceView, ItemRef
from desktop.store import graph_sql as q
from desktop.store.models import CONFIRMED, SUGGESTED

MAX_HOPS = 3
HUB_CAP = 12  # neighbours a node shows before "+N more"
EXPANDED_CAP = 200  # neighbours an expanded node shows
HUB_SCAN = 60  # nodes with more links than this are hubs: their links are sampled
HUB_SAMPLE_MIN = 24  # links sampled per direction and status from a hub, at least
DEGREE_PROBE = 1000  # links counted per direction before a node is just "a big hub"
EVIDENCE_PER_LINK = 3
INDUCED_MAX = 400  # up to this many nodes, links among the outer ring are shown too
UNFOLD_ROOM = 300  # nodes that unfolding (double-click, "expand here") may add beyond the view


@dataclass(frozen=True, slots=True)
class GraphNode:
    id: int
    kind: str
    name: str
    hop: int  # distance from the centre as drawn
    more: int = 0  # neighbours left out by the hub cap ("+N more"); approximate for hubs
    more_at_least: bool = False  # the hub has so many links that ``more`` is a lower bound
    #: a group's members (``graph_groups``): the node stands for them; its id is negative
    members: tuple[GraphNode, ...] = ()


@dataclass(frozen=True, slots=True)
class GraphEdge:
    id: int  # the link's id
    source: int
    target: int
    kind: str
    label: str
    status: str
    evidence_count: int
    evidence: tuple[EvidenceView, ...] = ()
    #: False when the view was read without evidence (the panel: a 300-node view has ~1,000
    #: links and their sentences cost more than the rest of the query); ``edge_evidence``
    #: fills in ``evidence_count`` and ``evidence`` for the edge under the mouse.
    evidence_loaded: bool = True


@dataclass(frozen=True, slots=True)
class Neighbourhood:
    center: ItemRef | None
    hops: int
    nodes: tuple[GraphNode, ...]
    edges: tuple[GraphEdge, ...]
    truncated: bool = False  # the node budget was reached before the last hop was complete


def scope_of(
    *,
    case_id: int | None,
    include_suggested: bool,
    item_kinds: Collection[str] | None,
    link_kinds: Collection[str] | None,
    hidden: Collection[int] = (),
) -> q.Scope:
    return q.Scope(
        statuses=(CONFIRMED, SUGGESTED) if include_suggested else (CONFIRMED,),
        link_kinds=tuple(sorted(link_kinds)) if link_kinds is not None else None,
        item_kinds=tuple(sorted(item_kinds)) if item_kinds is not None else None,
        case_id=case_id,
        exclude=tuple(sorted(hidden)),
    )


def neighbourhood(
    *,
    session: Session,
    center_id: int,
    hops: int = 1,
    case_id: int | None = None,
    include_suggested: bool = True,
    item_kinds: Collection[str] | None = None,
    link_kinds: Collection[str] | None = None,
    hidden: Collection[int] = (),
    expanded: Collection[int] = (),
    unfolded: Sequence[int] = (),
    hub_cap: int = HUB_CAP,
    max_nodes: int = 300,
    evidence: bool = True,
) -> Neighbourhood:
    """The items within ``hops`` links of the centre, the links among them and their evidence.

    ``expanded`` nodes show up to ``EXPANDED_CAP`` neighbours ("+N more" clicked);
    ``unfolded`` nodes (double-clicked, in that order) show their neighbours even beyond the
    last hop, one hop further out than themselves, each with room for its cap beyond
    ``max_nodes`` (up to ``UNFOLD_ROOM`` in all), so unfolding works in a full view too.
    ``evidence=False`` leaves the sentences (and counts) out: see ``GraphEdge.evidence_loaded``.
    """
    hops = max(1, min(MAX_HOPS, hops))
    conn = session.connection()
    scope = scope_of(
        case_id=case_id,
        include_suggested=include_suggested,
        item_kinds=item_kinds,
        link_kinds=link_kinds,
        hidden=hidden,
    )
    center = q.item_rows(conn, [center_id]).get(center_id)
    if center is None:
        return Neighbourhood(None, hops, (), ())

    walk = _Walk(conn, scope, lambda node: EXPANDED_CAP if node in expanded else hub_cap)
    walk.hop_of[center_id] = 0
    frontier = [center_id]
    explored: set[int] = set()
    budget = max_nodes
    hop = 0
    while True:
        hop += 1
        if hop > hops or not frontier:
            # the normal hops are done: each unfolded node on screen not yet explored is
            # explored now, as a frontier of its own (its neighbours one hop further out)
            pending = [n for n in dict.fromkeys(unfolded) if n in walk.hop_of and n not in explored]
            if not pending:
                break
            frontier = pending[:1]
            hop = walk.hop_of[frontier[0]] + 1
            budget = min(len(walk.hop_of) + walk.cap_of(frontier[0]), max_nodes + UNFOLD_ROOM)
        explored.update(frontier)
        next_frontier = walk.grow(frontier, hop, budget)
        frontier = next_frontier if hop < hops else []
    edges = walk.edges
    if len(walk.hop_of) <= INDUCED_MAX:
        walk.add_links_among()
    walk.count_full_hubs()
    more_nodes = {n: (count, n in walk.at_least) for n, count in walk.more.items()}
    return _assemble(
        conn,
        center_id,
        center,
        hops,
        walk.hop_of,
        edges,
        more_nodes,
        walk.truncated,
        walk.ev_known,
        evidence,
    )


class _Walk:
    """A neighbourhood as it grows: who is drawn at which hop, the links kept, "+N more".

    A frontier is read in order and only as far as the node budget can still take anything:
    at the last hop of a 300-node view the room fills after a dozen of its ~140 nodes, and the
    rest only need their "+N more" counts. Those come from their links for ordinary nodes (a
    cheap, clustered read) and, for hubs, from the degree count less the links drawn, which is
    known once ``links_among`` has run: no sample of ~100 scattered rows per hub, no evidence
    counts, no ranking (about half the view's query time at 100,000 articles).
    """

    def __init__(self, conn: Connection, scope: q.Scope, cap_of: Callable[[int], int]) -> None:
        self.conn = conn
        self.scope = scope
        self.cap_of = cap_of
        self.hop_of: dict[int, int] = {}
        self.edges: dict[int, q.LinkRow] = {}
        self.more: dict[int, int] = {}
        self.ev_known: dict[int, int] = {}
        self.at_least: set[int] = set()
        self.truncated = False  # the budget was reached before the last hop was complete
        self.full_hubs: dict[int, int] = {}  # hub -> its degree, met when the view was full
        self.whole: set[int] = set()  # ordinary nodes explored: every link of theirs was read
        self.read: list[q.LinkRow] = []  # those links

    def grow(self, frontier: list[int], hop: int, budget: int) -> list[int]:
        """Explore ``frontier`` (in order) within ``budget`` nodes; the nodes added at ``hop``."""
        added: list[int] = []
        rest = frontier
        while rest:
            room = max(0, budget - len(self.hop_of))
            if room == 0 and len(self.hop_of) <= INDUCED_MAX:
                self._count_left(rest)
                break
            size, need = 1, self.cap_of(rest[0])  # as many nodes as could fill the room
            while size < len(rest) and need < room:
                need += self.cap_of(rest[size])
                size += 1
            self._take(rest[:size], hop, budget, added)
            rest = rest[size:]
        return added

    def _take(self, frontier: list[int], hop: int, budget: int, added: list[int]) -> None:
        """Each node of ``frontier`` takes its strongest new neighbours while there is room."""
        hop_of, edges, cap_of = self.hop_of, self.edges, self.cap_of
        by_node = _frontier_links(self.conn, frontier, self.scope, cap_of)
        for node in frontier:
            if not isinstance(rows := by_node.get(node, []), _Sample):
                self.whole.add(node)
                self.read += rows
        groups_of = {node: _group(node, by_node.get(node, ()), hop_of, edges) for node in frontier}
        shortlist = {
            node: heapq.nlargest(2 * cap_of(node), groups, key=groups.__getitem__)
            for node, groups in groups_of.items()
        }
        ev = q.evidence_counts(
            self.conn,
            {
                r.id
                for node, cands in shortlist.items()
                for o in cands
                for r in groups_of[node][o].rows
            },
        )
        self.ev_known.update(ev)
        for node in frontier:
            rows = by_node.get(node, [])
            groups = groups_of[node]
            listed = set(shortlist[node])
            ranked = []
            for other in [
                *sorted(shortlist[node], key=lambda o: groups[o].strength(ev), reverse=True),
                *(o for o in groups if o not in listed),
            ]:
                if other in hop_of:  # taken by a node earlier in this frontier
                    edges.update((r.id, r) for r in groups[other].rows)
                else:
                    ranked.append(other)
            drawn = sum(1 for r in rows if r.id in edges) if isinstance(rows, _Sample) else 0
            cap = cap_of(node)
            room = max(0, budget - len(hop_of))
            take = ranked[: min(cap, room)]
            self.truncated = self.truncated or len(take) < min(cap, len(ranked))
            for other in take:
                hop_of[other] = hop
                added.append(other)
                edges.update((r.id, r) for r in groups[other].rows)
            left = len(ranked) - len(take)
            if isinstance(rows, _Sample):
                left = max(left, rows.total - len(take) - drawn)
                if rows.total >= 2 * DEGREE_PROBE - 1:
                    self.at_least.add(node)
            if left > 0:
                self.more[node] = left

    def _count_left(self, nodes: list[int]) -> None:
        """The view is full: ``nodes`` take nothing and only count the neighbours left out.

        An ordinary node's links are read (its links to drawn items are kept); a hub's count
        waits for ``count_full_hubs``, its links to drawn items come from ``links_among``."""
        degree = q.degrees(self.conn, nodes, DEGREE_PROBE)
        small = [n for n in nodes if degree[n] <= HUB_SCAN]
        by_node = _links_by_node(q.links_of(self.conn, small, self.scope), small)
        self.whole.update(small)
        hop_of, edges = self.hop_of, self.edges
        for node in small:
            rows = by_node.get(node, ())
            self.read += rows
            others = set()  # as ``_group`` does, without a group per neighbour: only counted
            for row in rows:
                other = row.target if row.source == node else row.source
                if other in hop_of:
                    edges[row.id] = row
                else:
                    others.add(other)
            if left := len(others):
                self.more[node] = left
                self.truncated = True
        for node in nodes:
            if degree[node] > HUB_SCAN:
                self.full_hubs[node] = degree[node]
                if degree[node] >= 2 * DEGREE_PROBE - 1:
                    self.at_least.add(node)

    def add_links_among(self) -> None:
        """Every link among the drawn items, not only those that brought them in.

        An ordinary node explored had all its links read: those among the drawn items are
        taken from what was read, and the query only looks for links between the other items
        (hubs and the outer ring: ~170 of 300, and few of their links). With a filter on the
        far end (item kinds, a case, hidden items) the centre may fail it, so all are queried.
        """
        hop_of, edges, scope = self.hop_of, self.edges, self.scope
        rest: Collection[int] = hop_of
        if scope.item_kinds is None and scope.case_id is None and not scope.exclude:
            for row in self.read:
                if row.source in hop_of and row.target in hop_of:
                    edges.setdefault(row.id, row)
            rest = [n for n in hop_of if n not in self.whole]
        for row in q.links_among(self.conn, rest, scope):
            edges.setdefault(row.id, row)

    def count_full_hubs(self) -> None:
        """ "+N more" of the hubs met when the view was full: their links less those drawn.

        Run after ``links_among``; past ``INDUCED_MAX`` nodes (unfolding) that does not run,
        so each hub's links to drawn items come from its sample, as for any hub."""
        if not self.full_hubs:
            return
        hubs = list(self.full_hubs)
        if len(self.hop_of) > INDUCED_MAX:
            for rows in _frontier_links(self.conn, hubs, self.scope, self.cap_of).values():
                self.edges.update(
                    (r.id, r) for r in rows if r.source in self.hop_of and r.target in self.hop_of
                )
        drawn = dict.fromkeys(hubs, 0)
        for row in self.edges.values():
            for end in (row.source, row.target):
                if end in drawn:
                    drawn[end] += 1
        for hub, total in self.full_hubs.items():
            left = total - drawn[hub]
            if left > 0:
                self.more[hub] = left
                self.truncated = True


class _Group:
    """The links between a frontier node and one neighbour, with what ranks the neighbour.

    Ordering groups (``__lt__``) is the cheap pre-rank that picks the shortlist: confirmed and
    newest first. Only the shortlist (twice the cap) gets its evidence counted and the full
    ``strength``: counting evidence for every sampled link of sixteen hubs (~4,000 links)
    cost ~25 ms a view.
    """

    __slots__ = ("confirmed", "newest", "rows")

    def __init__(self, row: q.LinkRow) -> None:
        self.rows = [row]
        self.confirmed = row.status == CONFIRMED
        self.newest = row.id

    def add(self, row: q.LinkRow) -> None:
        self.rows.append(row)
        self.confirmed = self.confirmed or row.status == CONFIRMED
        self.newest = max(self.newest, row.id)

    def __lt__(self, other: _Group) -> bool:
        return (self.confirmed, self.newest) < (other.confirmed, other.newest)

    def strength(self, ev: dict[int, int]) -> tuple[bool, int, int]:
        """Confirmed beats suggested, then more evidence, then the newer link."""
        return self.confirmed, sum(ev.get(r.id, 0) for r in self.rows), self.newest


def _group(
    node: int, rows: Iterable[q.LinkRow], hop_of: dict[int, int], edges: dict[int, q.LinkRow]
) -> dict[int, _Group]:
    """``node``'s links by the neighbour they lead to; links to nodes already drawn go
    straight into ``edges``."""
    groups: dict[int, _Group] = {}
    for row in rows:
        other = row.target if row.source == node else row.source
        if other in hop_of:
            edges[row.id] = row
        elif (group := groups.get(other)) is None:
            groups[other] = _Group(row)
        else:
            group.add(row)
    return groups


class _Sample(list[q.LinkRow]):
    """A hub's links as sampled, remembering how many it has in all."""

    def __init__(self, rows: Iterable[q.LinkRow], total: int) -> None:
        super().__init__(rows)
        self.total = total


def _frontier_links(
    conn: Connection,
    frontier: list[int],
    scope: q.Scope,
    cap_of: Callable[[int], int],
) -> dict[int, list[q.LinkRow]]:
    """Each frontier node's links: all of them for ordinary nodes, a sample for hubs.

    A hub's sample holds twice its cap per direction and status: every sampled link is a random
    row read on a big library (~8 us each), and twice the cap leaves the ranking real choice.
    """
    degree = q.degrees(conn, frontier, DEGREE_PROBE)
    small = [n for n in frontier if degree[n] <= HUB_SCAN]
    by_node = _links_by_node(q.links_of(conn, small, scope), small)
    by_limit: dict[int, list[int]] = defaultdict(list)
    for n in frontier:
        if degree[n] > HUB_SCAN:
            by_limit[max(HUB_SAMPLE_MIN, 2 * cap_of(n))].append(n)
    for limit, hubs in by_limit.items():
        for hub, rows in q.links_of_hubs(conn, hubs, scope, limit).items():
            by_node[hub] = _Sample(rows, degree[hub])
    return by_node


def _links_by_node(rows: Iterable[q.LinkRow], nodes: Collection[int]) -> dict[int, list[q.LinkRow]]:
    """``rows`` under each of ``nodes`` they touch (a link between two of them under both)."""
    wanted = set(nodes)
    by_node: dict[int, list[q.LinkRow]] = defaultdict(list)
    seen: set[int] = set()  # a link between two of them comes once per direction
    for row in rows:
        if row.id in seen:
            continue
        seen.add(row.id)
        if row.source in wanted:
            by_node[row.source].append(row)
        if row.target in wanted and row.target != row.source:
            by_node[row.target].append(row)
    return by_node


def _assemble(
    conn: Connection,
    center_id: int,
    center: tuple[str, str],
    hops: int,
    hop_of: dict[int, int],
    edges: dict[int, q.LinkRow],
    more: dict[int, tuple[int, bool]],
    truncated: bool,
    ev_known: dict[int, int],
    evidence: bool = True,
) -> Neighbourhood:
    info = q.item_rows(conn, hop_of)
    nodes = tuple(
        GraphNode(nid, info[nid][0], info[nid][1], hop, *more.get(nid, (0, False)))
        for nid, hop in hop_of.items()
        if nid in info
    )
    return Neighbourhood(
        center=ItemRef(center_id, center[0], center[1]),
        hops=hops,
        nodes=nodes,
        edges=edges_with_evidence(conn, list(edges.values()), ev_known)
        if evidence
        else tuple(
            GraphEdge(r.id, r.source, r.target, r.kind, r.label, r.status, 0, (), False)
            for r in edges.values()
        ),
        truncated=truncated,
    )


def edges_with_evidence(
    conn: Connection, rows: list[q.LinkRow], known: dict[int, int] | None = None
) -> tuple[GraphEdge, ...]:
    ids = [r.id for r in rows]
    counts = dict(known or {})
    counts.update(q.evidence_counts(conn, [i for i in ids if i not in counts]))
    evidence = _evidence(conn, ids, EVIDENCE_PER_LINK)
    return tuple(
        GraphEdge(
            r.id,
            r.source,
            r.target,
            r.kind,
            r.label,
            r.status,
            counts.get(r.id, 0),
            tuple(evidence.get(r.id, ())),
        )
        for r in rows
    )


def edge_evidence(
    *, session: Session, link_ids: Collection[int], per_link: int = EVIDENCE_PER_LINK
) -> dict[int, tuple[int, tuple[EvidenceView, ...]]]:
    """link id -> (evidence count, the first ``per_link`` sentences): a hovered edge's why."""
    conn = session.connection()
    ids = list(link_ids)
    counts = q.evidence_counts(conn, ids)
    found = _evidence(conn, ids, per_link)
    return {i: (counts.get(i, 0), found.get(i, ())) for i in ids}


def _evidence(
    conn: Connection, link_ids: Collection[int], per_link: int
) -> dict[int, tuple[EvidenceView, ...]]:
    return {
        link_id: tuple(EvidenceView(*fields) for fields in rows)
        for link_id, rows in q.evidence_rows(conn, link_ids, per_link).items()
    }


@dataclass(frozen=True, slots=True)
class ItemMatch:
    """An item found by what the user typed, and the alias that matched ("" for the name)."""

    item: ItemRef
    alias: str = ""


def find_items(*, session: Session, text: str, limit: int = 20) -> list[ItemMatch]:
    """Every kind of item whose name or alias contains ``text``, best match first (exact name,
    exact alias, prefix, contains; entities before articles): the path-end chooser."""
    if not text.strip():
        return []
    rows = q.items_named(session.connection(), text, limit)
    return [ItemMatch(ItemRef(i, k, n), alias) for i, k, n, alias in rows]


def suggest_items(*, session: Session, prefix: str, limit: int = 20) -> list[ItemRef]:
    """Items whose name or alias contains what the user typed, best first."""
    return [m.item for m in find_items(session=session, text=prefix, limit=limit)]


def case_graph(
    *, session: Session, case_id: int, include_suggested: bool = True, max_nodes: int = 300
) -> Neighbourhood:
    """A case's items and the links among them (no centre): the case's connection diagram."""
    conn = session.connection()
    members = sorted(q.case_members(conn, case_id))[:max_nodes]
    scope = scope_of(
        case_id=None, include_suggested=include_suggested, item_kinds=None, link_kinds=None
    )
    info = q.item_rows(conn, members)
    nodes = tuple(GraphNode(i, *info[i], hop=0) for i in members if i in info)
    return Neighbourhood(
        None, 0, nodes, edges_with_evidence(conn, q.links_among(conn, members, scope))
    )
