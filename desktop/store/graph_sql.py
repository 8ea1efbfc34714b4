"""Frontier queries for the connections graph: portable SQL on the driver cursor, bounded work.

Why a module of its own: the graph panel must stay fast on a library of 100,000 articles and
millions of links, so nothing here ever reads the whole link table. Every query is keyed by a
frontier of item ids, hubs are sampled with LIMIT, and degree counts use the
(source_id, ...) and (target_id, ...) indexes only.

Why plain SQL on the driver cursor (``dialect.raw_cursor``) rather than SQLAlchemy Core: a
300-node view runs about a hundred small statements, and Core's per-statement compile and
result overhead was a third of the view's time at 100,000 articles. The SQL is standard (it
runs unchanged on SQLite and PostgreSQL); ids are inlined as integers (``_ids``: ``int()``
guards them) and every string goes in as a parameter.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any, NamedTuple

from sqlalchemy.engine import Connection

from desktop.store import dialect, spans
from desktop.store.dialect import RawCursor
from desktop.store.packed import unpack_body
from desktop.store.text import sentence_text
from desktop.vocab import LINK_KINDS

#: Ids per IN list: far below SQLite's statement-length and expression-depth limits.
CHUNK = 5000
_LINK_COLUMNS = "l.id, l.source_id, l.target_id, l.kind, l.label, l.status"


@dataclass(frozen=True, slots=True)
class Scope:
    """Which links count: statuses, link kinds, kinds of the item at the other end, a case."""

    statuses: tuple[str, ...]
    link_kinds: tuple[str, ...] | None = None
    item_kinds: tuple[str, ...] | None = None
    case_id: int | None = None
    exclude: tuple[int, ...] = ()


class LinkRow(NamedTuple):
    """A link as the graph walks it: a tuple, because a view reads thousands of them."""

    id: int
    source: int
    target: int
    kind: str
    label: str
    status: str

    def other(self, node: int) -> int:
        return self.target if self.source == node else self.source


def _cursor(conn: Connection) -> RawCursor:
    return dialect.raw_cursor(conn)


def _ids(ids: Iterable[int]) -> str:
    """An IN list of integers, inlined: ``int()`` refuses anything that is not an id."""
    return ",".join(str(int(i)) for i in ids) or "NULL"


def _chunks(ids: Iterable[int]) -> Iterable[list[int]]:
    values = list(ids)
    for i in range(0, len(values), CHUNK):
        yield values[i : i + CHUNK]


def _one_of(column: str, prefix: str, values: Sequence[str], params: dict[str, Any]) -> str:
    """``column IN (...)`` with named parameters (filled into ``params``); a condition that is
    never true when ``values`` is empty (every kind unticked): ``IN ()`` is not SQL."""
    if not values:
        return "1 = 0"
    names = []
    for i, value in enumerate(values):
        params[f"{prefix}{i}"] = value
        names.append(f":{prefix}{i}")
    return f"{column} IN ({','.join(names)})"


def _scope_sql(scope: Scope, outgoing: bool, by_status: bool) -> tuple[str, str, dict[str, Any]]:
    """(join, conditions, parameters) for links whose far end passes the scope's filters.

    ``by_status`` leaves the status out of the conditions: the hub sample binds one status at a
    time as ``:status``."""
    far = "l.target_id" if outgoing else "l.source_id"
    params: dict[str, Any] = {}
    where = []
    if not by_status:
        where.append(_one_of("l.status", "st", scope.statuses, params))
    if scope.link_kinds is not None:
        where.append(_one_of("l.kind", "lk", scope.link_kinds, params))
    join = ""
    if scope.item_kinds is not None:
        join = f" JOIN item i ON i.id = {far}"
        where.append(_one_of("i.kind", "ik", scope.item_kinds, params))
    if scope.case_id is not None:
        params["case_id"] = scope.case_id
        where.append(f"{far} IN (SELECT item_id FROM case_item WHERE case_id = :case_id)")
    if scope.exclude:
        where.append(f"{far} NOT IN ({_ids(scope.exclude)})")
    return join, "".join(f" AND {w}" for w in where), params


def _link_rows(cur: RawCursor, sql: str, params: dict[str, Any]) -> list[LinkRow]:
    make = LinkRow._make
    return [make(row) for row in cur.execute(sql, params).fetchall()]


@lru_cache(maxsize=64)
def _probe_sql(count: int) -> str:
    parts = []
    for i in range(count):
        for column in ("source_id", "target_id"):
            parts.append(
                f"SELECT :n{i} AS node, count(*) AS n FROM "
                f"(SELECT 1 AS one FROM link WHERE {column} = :n{i} LIMIT :cap) AS p{i}{column[0]}"
            )
    return " UNION ALL ".join(parts)


def degrees(conn: Connection, ids: Collection[int], cap: int) -> dict[int, int]:
    """Links per item, counted from the indexes alone and only up to ``cap`` per direction.

    This tells a hub from an ordinary node before any link row is read, at a bounded cost:
    counting all 95,000 mentions of the biggest hub would take ~10 ms by itself. Rejected links
    and every kind are included, so the count is an upper bound.
    """
    cur = _cursor(conn)
    counts: dict[int, int] = dict.fromkeys(ids, 0)
    values = list(ids)
    for i in range(0, len(values), 100):  # 200 compound terms: under SQLite's 500 limit
        part = values[i : i + 100]
        params: dict[str, int] = {f"n{j}": node for j, node in enumerate(part)}
        params["cap"] = cap
        for node, n in cur.execute(_probe_sql(len(part)), params).fetchall():
            counts[node] += n
    return counts


def links_of(conn: Connection, ids: Collection[int], scope: Scope) -> list[LinkRow]:
    """Every link (within scope) touching any of ``ids``, both directions."""
    cur = _cursor(conn)
    rows: list[LinkRow] = []
    for outgoing in (True, False):
        near = "l.source_id" if outgoing else "l.target_id"
        join, where, params = _scope_sql(scope, outgoing, False)
        for chunk in _chunks(ids):
            sql = f"SELECT {_LINK_COLUMNS} FROM link l{join} WHERE {near} IN ({_ids(chunk)}){where}"
            rows += _link_rows(cur, sql, params)
    return rows


def links_of_hubs(
    conn: Connection, hubs: Collection[int], scope: Scope, limit: int
) -> dict[int, list[LinkRow]]:
    """A bounded sample of each hub's links: its newest ``limit`` per direction and status.

    Reading all 40,000 mentions of "China" to pick twelve would cost tens of milliseconds, so
    the ranking happens within this sample. Sampling per status puts a hub's confirmed links
    in the sample even when it has thousands of newer suggested ones. Indexes hand the rows
    over in id order, so only the sample is sorted, never all of a hub's links. One small
    statement per hub, direction and status, the same text each time (the driver keeps it
    prepared).
    """
    cur = _cursor(conn)
    out: dict[int, list[LinkRow]] = {hub: [] for hub in hubs}
    seen: set[tuple[int, int]] = set()
    make = LinkRow._make
    for outgoing in (True, False):
        sql, base = _hub_sample_sql(scope, outgoing, limit)
        for hub in out:
            for status in scope.statuses:
                params = {**base, "hub": hub, "status": status}
                for row in cur.execute(sql, params).fetchall():
                    for end in (row[1], row[2]):
                        if end in out and (row[0], end) not in seen:
                            seen.add((row[0], end))
                            out[end].append(make(row))
    return out


@lru_cache(maxsize=32)
def _hub_sample_sql(scope: Scope, outgoing: bool, limit: int) -> tuple[str, dict[str, Any]]:
    """The newest ``limit`` links of ``:hub`` in one direction and ``:status``.

    Outgoing rows come off the (source_id, status) index in id order. Incoming ones are read
    per link kind off the (target_id, kind, status) index, newest ``limit`` of each, and the
    newest ``limit`` of those kept: the same rows (the newest overall are among the newest of
    their kind), without a (target_id, status) index that cost 38 MiB at 100,000 articles
    (migration 0012)."""
    join, where, params = _scope_sql(scope, outgoing, True)
    kinds = LINK_KINDS if scope.link_kinds is None else scope.link_kinds
    if outgoing or not kinds:  # (no kinds: ``where`` is never true)
        sql = (
            f"SELECT {_LINK_COLUMNS} FROM link l{join} WHERE l.source_id = :hub"
            f" AND l.status = :status{where} ORDER BY l.id DESC LIMIT {int(limit)}"
        )
        return sql, params
    parts = []
    for i, kind in enumerate(kinds):
        params[f"hk{i}"] = kind
        parts.append(
            f"SELECT * FROM (SELECT {_LINK_COLUMNS} FROM link l{join} WHERE l.target_id = :hub"
            f" AND l.kind = :hk{i} AND l.status = :status{where}"
            f" ORDER BY l.id DESC LIMIT {int(limit)}) AS hk{i}"
        )
    return f"{' UNION ALL '.join(parts)} ORDER BY 1 DESC LIMIT {int(limit)}", params


def links_among(conn: Connection, ids: Collection[int], scope: Scope) -> list[LinkRow]:
    """Links with both ends in ``ids`` (found from the outgoing side only, once each).

    The pairs are found on the (source_id, target_id, ...) unique index alone (covering: no
    row is read for a link that leads outside), then only the links found are read.
    ``target_id + 0`` keeps the planner off the (target_id, status) index: through it, a hub
    among ``ids`` meant reading all of its links (seconds at 100k); in one statement the
    (source_id, status) index would be taken instead, reading every outgoing row (~30 ms).
    """
    cur = _cursor(conn)
    wanted = _ids(ids)
    # both ends are already in the view: only the statuses and link kinds still filter
    _, where, params = _scope_sql(Scope(scope.statuses, scope.link_kinds), True, False)
    out: list[LinkRow] = []
    for chunk in _chunks(ids):
        sql = (
            f"SELECT {_LINK_COLUMNS} FROM link l WHERE l.id IN (SELECT p.id FROM link p"
            f" WHERE p.source_id IN ({_ids(chunk)}) AND p.target_id + 0 IN ({wanted})){where}"
        )
        out += _link_rows(cur, sql, params)
    return out


def evidence_counts(conn: Connection, link_ids: Collection[int]) -> dict[int, int]:
    cur = _cursor(conn)
    counts: dict[int, int] = {}
    for chunk in _chunks(link_ids):
        sql = (
            f"SELECT link_id, {spans.COUNT_SQL} FROM evidence WHERE link_id IN ({_ids(chunk)})"
            " GROUP BY link_id"
        )
        counts.update(cur.execute(sql).fetchall())
    return counts


#: An evidence row as services.dto.EvidenceView takes it: (article id, article title,
#: published, sentence, start, end).
EvidenceFields = tuple[int, str, date | None, str, int, int]


def evidence_rows(
    conn: Connection, link_ids: Collection[int], per_link: int
) -> dict[int, list[EvidenceFields]]:
    """link id -> its first ``per_link`` pieces of evidence (a packed row's spans each count),
    with the article's title and date.

    Titles are read once per distinct article rather than joined per row: a view's evidence
    comes from few articles, and each avoided lookup is a random page read on a big library.
    """
    cur = _cursor(conn)
    raw: list[Any] = []  # (link id, article id, quote, start, end, sent_start, sent_end)
    taken: dict[int, int] = {}
    for chunk in _chunks(link_ids):
        sql = (
            'SELECT link_id, article_id, sentence, start, "end", sent_start, sent_end,'
            f" more_spans FROM evidence WHERE link_id IN ({_ids(chunk)}) ORDER BY link_id, id"
        )
        for lid, aid, quote, start, end, s, e, more in cur.execute(sql).fetchall():
            n = taken.get(lid, 0)
            if n < per_link:
                pieces = spans.unpack((start, end, s, e), more)[: per_link - n]
                taken[lid] = n + len(pieces)
                raw += [(lid, aid, quote, *p) for p in pieces]
    titles: dict[int, tuple[str, date | None]] = {}
    for chunk in _chunks({r[1] for r in raw}):
        sql = (
            "SELECT i.id, i.name, a.published FROM item i"
            f" LEFT JOIN article a ON a.item_id = i.id WHERE i.id IN ({_ids(chunk)})"
        )
        titles.update(
            {i: (name, dialect.as_date(published)) for i, name, published in cur.execute(sql)}
        )
    bodies = article_bodies(cur, {r[1] for r in raw if r[2] is None and r[5] is not None})
    out: dict[int, list[EvidenceFields]] = {}
    for lid, aid, quote, start, end, s, e in raw:
        title, published = titles.get(aid, ("", None))
        sentence = sentence_text(quote, s, e, bodies.get(aid))
        out.setdefault(lid, []).append((aid, title, published, sentence, start, end))
    return out


def article_bodies(cur: RawCursor, article_ids: Collection[int]) -> dict[int, str]:
    """article id -> its body (each read and unpacked once, however many of its sentences
    are asked for)."""
    bodies: dict[int, str] = {}
    for chunk in _chunks(article_ids):
        sql = f"SELECT item_id, body FROM article WHERE item_id IN ({_ids(chunk)})"
        bodies.update({a: unpack_body(b) for a, b in cur.execute(sql).fetchall()})
    return bodies


def item_rows(conn: Connection, ids: Collection[int]) -> dict[int, tuple[str, str]]:
    """id -> (kind, name) for the given items."""
    cur = _cursor(conn)
    found: dict[int, tuple[str, str]] = {}
    for chunk in _chunks(ids):
        sql = f"SELECT id, kind, name FROM item WHERE id IN ({_ids(chunk)})"
        found.update({i: (k, n) for i, k, n in cur.execute(sql).fetchall()})
    return found


def article_count(conn: Connection) -> int:
    """How many articles the library holds (placeholders included): the base of a hub's share."""
    row = _cursor(conn).execute("SELECT count(*) FROM article").fetchone()
    return int(row[0]) if row else 0


def case_members(conn: Connection, case_id: int) -> set[int]:
    cur = _cursor(conn)
    rows = cur.execute("SELECT item_id FROM case_item WHERE case_id = :c", {"c": case_id})
    return {row[0] for row in rows.fetchall()}


def items_named(conn: Connection, text: str, limit: int) -> list[tuple[int, str, str, str]]:
    """Items whose name or alias contains ``text`` (case-insensitive), best first:
    (id, kind, name, the alias that matched or "").

    Best: the exact name, then an exact alias, a name that starts with it, an alias that
    does, any other name or alias that contains it; entities before articles, shorter first.
    """
    needle = text.strip().lower()
    escaped = needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    params: dict[str, Any] = {"exact": needle, "prefix": escaped + "%", "limit": limit}
    params["contains"] = "%" + escaped + "%"
    rank = (
        "CASE WHEN lower({col}) = :exact THEN {a} WHEN lower({col}) LIKE :prefix ESCAPE '\\'"
        " THEN {b} ELSE 4 END"
    )
    order = " ORDER BY 5, CASE WHEN i.kind = 'article' THEN 1 ELSE 0 END, length(i.name), i.name"
    cur = _cursor(conn)
    names = cur.execute(
        f"SELECT i.id, i.kind, i.name, '', {rank.format(col='i.name', a=0, b=2)} FROM item i"
        f" WHERE lower(i.name) LIKE :contains ESCAPE '\\'{order} LIMIT :limit",
        params,
    ).fetchall()
    aliases = cur.execute(
        f"SELECT i.id, i.kind, i.name, a.name, {rank.format(col='a.name', a=1, b=3)}"
        " FROM alias a JOIN item i ON i.id = a.entity_id"
        f" WHERE lower(a.name) LIKE :contains ESCAPE '\\'{order} LIMIT :limit",
        params,
    ).fetchall()
    best: dict[int, tuple[Any, ...]] = {}
    for row in sorted([*names, *aliases], key=lambda r: (r[4], r[1] == "article", len(r[2]), r[2])):
        best.setdefault(row[0], row)
    ranked = sorted(best.values(), key=lambda r: (r[4], r[1] == "article", len(r[2]), r[2]))
    return [(i, k, n, alias if alias.lower() != n.lower() else "") for i, k, n, alias, _ in ranked][
        :limit
    ]
