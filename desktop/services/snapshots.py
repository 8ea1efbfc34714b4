"""Exact before-images of entities, for undo of merges, splits and deletes.

Undoing a merge must restore both entities exactly (ids, aliases, links, evidence, case
membership and notes). Rather than invert each edit by hand, an edit captures every row that
touches the entities it will change, and undo puts those rows back verbatim.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, insert, or_, select
from sqlmodel import Session

from desktop.services.library import aliases_of
from desktop.store import dialect
from desktop.store.models import Alias, CaseItem, Entity, Evidence, Item, Link

Row = dict[str, Any]


@dataclass(frozen=True, slots=True)
class EntitySnapshot:
    entity_ids: tuple[int, ...]
    items: tuple[Row, ...]
    entities: tuple[Row, ...]
    aliases: tuple[Row, ...]
    links: tuple[Row, ...]
    evidence: tuple[Row, ...]
    case_items: tuple[Row, ...]


def _rows(session: Session, stmt: Any) -> tuple[Row, ...]:
    return tuple(dict(r._mapping) for r in session.execute(stmt))


def capture(session: Session, entity_ids: Iterable[int]) -> EntitySnapshot:
    ids = tuple(sorted(set(entity_ids)))
    links = _rows(
        session,
        select(Link.__table__).where(  # type: ignore[attr-defined]
            or_(Link.source_id.in_(ids), Link.target_id.in_(ids))  # type: ignore[attr-defined]
        ),
    )
    link_ids = [r["id"] for r in links]
    return EntitySnapshot(
        entity_ids=ids,
        items=_rows(session, select(Item.__table__).where(Item.id.in_(ids))),  # type: ignore[attr-defined]
        entities=_rows(session, select(Entity.__table__).where(Entity.item_id.in_(ids))),  # type: ignore[attr-defined]
        aliases=_rows(session, select(Alias.__table__).where(Alias.entity_id.in_(ids))),  # type: ignore[attr-defined]
        links=links,
        evidence=_rows(session, select(Evidence.__table__).where(Evidence.link_id.in_(link_ids))),  # type: ignore[attr-defined]
        case_items=_rows(session, select(CaseItem.__table__).where(CaseItem.item_id.in_(ids))),  # type: ignore[attr-defined]
    )


def restore(session: Session, snapshot: EntitySnapshot, *, drop_items: Iterable[int] = ()) -> None:
    """Put the captured rows back verbatim; items created since (drop_items) are removed."""
    conn = session.connection()
    ids = set(snapshot.entity_ids) | set(drop_items)
    current_notes = conn.execute(
        select(CaseItem.case_id, CaseItem.item_id).where(CaseItem.item_id.in_(ids))  # type: ignore[attr-defined]
    ).all()
    for case_id, item_id in current_notes:
        dialect.unindex_note(conn, case_id, item_id)
    conn.execute(delete(Item.__table__).where(Item.__table__.c.id.in_(ids)))  # type: ignore[attr-defined]
    # Links from a captured entity to a non-captured item went with the cascade; links that
    # were created since the capture between other items and these entities went too.
    for table, rows in (
        (Item.__table__, snapshot.items),  # type: ignore[attr-defined]
        (Entity.__table__, snapshot.entities),  # type: ignore[attr-defined]
        (Alias.__table__, snapshot.aliases),  # type: ignore[attr-defined]
        (Link.__table__, snapshot.links),  # type: ignore[attr-defined]
        (Evidence.__table__, snapshot.evidence),  # type: ignore[attr-defined]
        (CaseItem.__table__, snapshot.case_items),  # type: ignore[attr-defined]
    ):
        if rows:
            conn.execute(insert(table), list(rows))
    for item_id in ids:
        dialect.unindex_entity(conn, item_id)
    for row in snapshot.items:
        dialect.index_entity(conn, row["id"], row["name"], aliases_of(session, row["id"]))
    for row in snapshot.case_items:
        dialect.index_note(conn, row["case_id"], row["item_id"], row["note"])
