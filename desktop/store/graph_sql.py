"""Frontier queries for the connections graph: portable SQLAlchemy Core with bounded work.

Why a module of its own: the graph panel must stay fast on a library of 100,000 articles and
millions of links, so nothing here ever reads the whole link table. Every query is keyed by a
frontier of item ids (an IN list), hubs are sampled with LIMIT, and degree counts use the
(source_id, ...) and (target_id, kind) indexes only. Everything is plain Core (no dialect
SQL), so it runs unchanged on SQLite and PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Select, and_, func, select
from sqlalchemy.engine import Connection

from desktop.store.models import Article, CaseItem, Evidence, Item, Link

link = Link.__table__  # type: ignore[attr-defined]
evidence = Evidence.__table__  # type: ignore[attr-defined]
item = Item.__table__  # type: ignore[attr-defined]
article = Article.__table__  # type: ignore[attr-defined]
case_item = CaseItem.__table__  # type: ignore[attr-defined]

#: SQLite's default limit on bound variables is 32,766; stay far below it.
CHUNK = 5000


@dataclass(frozen=True, slots=True)
class Scope:
    """Which links count: statuses, link kinds, kinds of the item at the other end, a case."""

    statuses: tuple[str, ...]
    link_kinds: tuple[str, ...] | None = None
    item_kinds: tuple[str, ...] | None = None
    case_id: int | None = None
    exclude: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class LinkRow:
    id: int
    source: int
    target: int
    kind: str
    label: str
    status: str

    def other(self, node: int) -> int:
        return self.target if self.source == node else self.source


@dataclass(frozen=True, slots=True)
class EvidenceRow:
    link_id: int
    article_id: int
    article_title: str
    published: date | None
    sentence: str
    start: int
    end: int


def _chunks(ids: Iterable[int]) -> Iterable[list[int]]:
    values = list(ids)
    for i in range(0, len(values), CHUNK):
        yield values[i : i + CHUNK]


def _links_from(ids: Sequence[int], scope: Scope, *, outgoing: bool) -> Select[Any]:
    """Links whose near end is in ``ids``; filters apply to the far end."""
    near = link.c.source_id if outgoing else link.c.target_id
    far = link.c.target_id if outgoing else link.c.source_id
    query = select(
        link.c.id, link.c.source_id, link.c.target_id, link.c.kind, link.c.label, link.c.status
    ).where(near.in_(ids), link.c.status.in_(scope.statuses))
    if scope.link_kinds is not None:
        query = query.where(link.c.kind.in_(scope.link_kinds))
    if scope.item_kinds is not None:
        query = query.join(item, item.c.id == far).where(item.c.kind.in_(scope.item_kinds))
    if scope.case_id is not None:
        members = select(case_item.c.item_id).where(case_item.c.case_id == scope.case_id)
        query = query.where(far.in_(members))
    if scope.exclude:
        query = query.where(far.not_in(scope.exclude))
    return query


def _rows(conn: Connection, query: Select[Any]) -> list[LinkRow]:
    return [LinkRow(*row) for row in conn.execute(query)]


def degrees(conn: Connection, ids: Collection[int], scope: Scope) -> dict[int, int]:
    """Links per item, counted from the indexes alone (rejected links included: an upper bound).

    This is what tells a hub from an ordinary node before any link row is read.
    """
    counts: dict[int, int] = dict.fromkeys(ids, 0)
    for chunk in _chunks(ids):
        for column in (link.c.source_id, link.c.target_id):
            query = select(column, func.count()).where(column.in_(chunk)).group_by(column)
            if scope.link_kinds is not None:
                query = query.where(link.c.kind.in_(scope.link_kinds))
            for node, count in conn.execute(query):
                counts[node] += count
    return counts


def links_of(conn: Connection, ids: Collection[int], scope: Scope) -> list[LinkRow]:
    """Every link (within scope) touching any of ``ids``, both directions."""
    rows: list[LinkRow] = []
    for chunk in _chunks(ids):
        rows += _rows(conn, _links_from(chunk, scope, outgoing=True))
        rows += _rows(conn, _links_from(chunk, scope, outgoing=False))
    return rows


def links_of_hub(conn: Connection, node: int, scope: Scope, limit: int) -> list[LinkRow]:
    """A bounded sample of a hub's links: confirmed ones first, then the newest (by id).

    Reading all 40,000 mentions of "China" to pick twelve would cost tens of milliseconds;
    the ranking happens among this sample instead.
    """
    rows: list[LinkRow] = []
    for outgoing in (True, False):
        base = _links_from([node], scope, outgoing=outgoing)
        confirmed = base.where(link.c.status == "confirmed").limit(limit)
        rows += _rows(conn, confirmed)
        if len(rows) < limit * 2 and "suggested" in scope.statuses:
            rest = base.where(link.c.status != "confirmed").order_by(link.c.id.desc()).limit(limit)
            rows += _rows(conn, rest)
    return rows


def links_among(conn: Connection, ids: Collection[int], scope: Scope) -> list[LinkRow]:
    """Links with both ends in ``ids`` (found from the outgoing side only, once each)."""
    wanted = set(ids)
    out: list[LinkRow] = []
    for chunk in _chunks(ids):
        query = select(
            link.c.id, link.c.source_id, link.c.target_id, link.c.kind, link.c.label, link.c.status
        ).where(link.c.source_id.in_(chunk), link.c.status.in_(scope.statuses))
        if scope.link_kinds is not None:
            query = query.where(link.c.kind.in_(scope.link_kinds))
        out += [row for row in _rows(conn, query) if row.target in wanted]
    return out


def evidence_counts(conn: Connection, link_ids: Collection[int]) -> dict[int, int]:
    counts: dict[int, int] = {}
    for chunk in _chunks(link_ids):
        query = (
            select(evidence.c.link_id, func.count())
            .where(evidence.c.link_id.in_(chunk))
            .group_by(evidence.c.link_id)
        )
        counts.update({lid: n for lid, n in conn.execute(query)})
    return counts


def evidence_rows(conn: Connection, link_ids: Collection[int], per_link: int) -> list[EvidenceRow]:
    """The first ``per_link`` evidence rows of each link, with the article's title and date."""
    out: list[EvidenceRow] = []
    taken: dict[int, int] = {}
    for chunk in _chunks(link_ids):
        query = (
            select(
                evidence.c.link_id,
                evidence.c.article_id,
                item.c.name,
                article.c.published,
                evidence.c.sentence,
                evidence.c.start,
                evidence.c.end,
            )
            .join(item, item.c.id == evidence.c.article_id)
            .outerjoin(article, article.c.item_id == evidence.c.article_id)
            .where(evidence.c.link_id.in_(chunk))
            .order_by(evidence.c.link_id, evidence.c.id)
        )
        for row in conn.execute(query):
            n = taken.get(row[0], 0)
            if n < per_link:
                taken[row[0]] = n + 1
                out.append(EvidenceRow(*row))
    return out


def item_rows(conn: Connection, ids: Collection[int]) -> dict[int, tuple[str, str]]:
    """id -> (kind, name) for the given items."""
    found: dict[int, tuple[str, str]] = {}
    for chunk in _chunks(ids):
        query = select(item.c.id, item.c.kind, item.c.name).where(item.c.id.in_(chunk))
        found.update({i: (k, n) for i, k, n in conn.execute(query)})
    return found


def case_members(conn: Connection, case_id: int) -> set[int]:
    query = select(case_item.c.item_id).where(case_item.c.case_id == case_id)
    return {row[0] for row in conn.execute(query)}


def items_named(conn: Connection, prefix: str, limit: int) -> list[tuple[int, str, str]]:
    """Items whose name starts with ``prefix`` (case-insensitive), entities before articles."""
    pattern = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    query = (
        select(item.c.id, item.c.kind, item.c.name)
        .where(and_(func.lower(item.c.name).like(pattern.lower(), escape="\\")))
        .order_by((item.c.kind == "article").asc(), func.length(item.c.name), item.c.name)
        .limit(limit)
    )
    return [tuple(row) for row in conn.execute(query)]  # type: ignore[misc]
