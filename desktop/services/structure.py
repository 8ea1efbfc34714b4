"""Structural edits of entities: merge, split an alias out, delete; and their exact undo.

Each writes through a ``Journal`` (desktop/services/journal.py) in one write transaction, so
the ``EditRecord`` it returns names exactly the rows it moved, inserted and deleted, read in
that transaction; ``undo_edit`` puts back only those and leaves work done since in place.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Connection
from sqlmodel import col

from desktop.services.changes import Changes, Edited
from desktop.services.editing import EditError
from desktop.services.journal import EditRecord, Journal, UndoConflict, index_entity, undo_record
from desktop.services.library import ItemNotFound
from desktop.store import dialect
from desktop.store.db import Library
from desktop.store.models import (
    ARTICLE,
    CONFIRMED,
    MENTIONS,
    Alias,
    Article,
    CaseItem,
    Entity,
    Evidence,
    Item,
    Link,
    stored_id,
    utcnow,
)
from desktop.store.spans import Piece, pack, unpack
from desktop.store.text import normalize_name

__all__ = ["EditRecord", "UndoConflict", "delete_entity", "merge_entities", "split_alias",
           "undo_edit"]  # fmt: skip


def _entity(conn: Connection, entity_id: int) -> tuple[str, str, int]:
    """(kind, name, version) of an entity; ItemNotFound for an article or a missing id."""
    row = conn.execute(
        select(col(Item.kind), col(Item.name), col(Item.version)).where(col(Item.id) == entity_id)
    ).first()
    if row is None or row.kind == ARTICLE:
        raise ItemNotFound(f"No person, organization, place or group with id {entity_id}.")
    return row.kind, row.name, row.version


def _touch(journal: Journal, item_id: int, version: int) -> None:
    """An edit counts as an edit of the item (optimistic locking); undone only if untouched."""
    journal.update("item", item_id, soft=True, updated_at=utcnow(), version=version + 1)


def _alias_norms(conn: Connection, entity_id: int) -> set[str]:
    return set(
        conn.execute(select(col(Alias.norm)).where(col(Alias.entity_id) == entity_id)).scalars()
    )


@dataclass(frozen=True, slots=True)
class SplitOut:
    """What ``split_alias`` made: the new entity, and the record its undo reverses."""

    new_id: int
    record: EditRecord


def merge_entities(*, library: Library, keep_id: int, merge_id: int) -> Edited[EditRecord]:
    """Links, mentions, aliases and case membership move to the one kept; the other's name
    becomes an alias of it."""
    if keep_id == merge_id:
        raise EditError("An entity cannot be merged into itself.")
    with library.write() as session:
        conn = session.connection()
        journal = Journal(conn)
        _, _, keep_version = _entity(conn, keep_id)
        _, gone_name, _ = _entity(conn, merge_id)
        norms = _alias_norms(conn, keep_id)
        gone_aliases = conn.execute(
            select(col(Alias.name)).where(col(Alias.entity_id) == merge_id).order_by(col(Alias.id))
        ).scalars()
        for name in [gone_name, *gone_aliases]:
            norm = normalize_name(name)
            if norm and norm not in norms:
                journal.insert("alias", {"entity_id": keep_id, "name": name, "norm": norm})
                norms.add(norm)
        details = {
            r.item_id: r
            for r in conn.execute(
                select(Entity).where(col(Entity.item_id).in_([keep_id, merge_id]))
            )
        }
        if keep_id in details and merge_id in details:
            kept, gone = details[keep_id], details[merge_id]
            journal.update("entity", keep_id, soft=True, role=kept.role or gone.role,
                           affiliation=kept.affiliation or gone.affiliation)  # fmt: skip
        _move_links(conn, journal, keep_id, merge_id)
        kept_cases = set(
            conn.execute(
                select(col(CaseItem.case_id)).where(col(CaseItem.item_id) == keep_id)
            ).scalars()
        )
        for ci in conn.execute(select(CaseItem).where(col(CaseItem.item_id) == merge_id)).all():
            dialect.unindex_note(conn, ci.case_id, merge_id)
            if ci.case_id in kept_cases:
                journal.delete("case_item", col(CaseItem.id) == ci.id)
            else:
                journal.update("case_item", ci.id, item_id=keep_id)
                dialect.index_note(conn, ci.case_id, keep_id, ci.note)
        _delete_item(journal, merge_id)
        _touch(journal, keep_id, keep_version)
        index_entity(conn, keep_id)
    return Edited(
        EditRecord(tuple(journal.ops)), Changes(entities={keep_id, merge_id}, everything=True)
    )


def _move_links(conn: Connection, journal: Journal, keep_id: int, merge_id: int) -> None:
    links = conn.execute(
        select(Link).where((col(Link.source_id) == merge_id) | (col(Link.target_id) == merge_id))
    ).all()
    for link in links:
        source = keep_id if link.source_id == merge_id else link.source_id
        target = keep_id if link.target_id == merge_id else link.target_id
        if source == target:  # a link between the two merged entities
            journal.delete("evidence", col(Evidence.link_id) == link.id)
            journal.delete("link", col(Link.id) == link.id)
            continue
        twin = conn.execute(
            select(col(Link.id), col(Link.status)).where(
                col(Link.source_id) == source, col(Link.target_id) == target,
                col(Link.kind) == link.kind, col(Link.label) == link.label,
            )
        ).first()  # fmt: skip
        if twin is None:
            journal.update("link", link.id, source_id=source, target_id=target)
            continue
        # the kept entity already has this link: its evidence joins the twin
        for ev_id in conn.execute(
            select(col(Evidence.id)).where(col(Evidence.link_id) == link.id)
        ).scalars():
            journal.update("evidence", stored_id(ev_id), link_id=twin.id)
        if link.status == CONFIRMED:
            journal.update("link", twin.id, soft=True, status=CONFIRMED)
        journal.delete("link", col(Link.id) == link.id)


def _delete_item(journal: Journal, item_id: int) -> None:
    """Deletes an entity with what hangs on it, each row recorded (not left to the cascade)."""
    conn = journal.conn
    link_ids = list(
        conn.execute(
            select(col(Link.id)).where(
                (col(Link.source_id) == item_id) | (col(Link.target_id) == item_id)
            )
        ).scalars()
    )
    for ci in conn.execute(
        select(col(CaseItem.case_id)).where(col(CaseItem.item_id) == item_id)
    ).scalars():
        dialect.unindex_note(conn, ci, item_id)
    journal.delete("evidence", col(Evidence.link_id).in_(link_ids))
    journal.delete("link", col(Link.id).in_(link_ids))
    journal.delete("case_item", col(CaseItem.item_id) == item_id)
    journal.delete("alias", col(Alias.entity_id) == item_id)
    journal.delete("entity", col(Entity.item_id) == item_id)
    journal.delete("item", col(Item.id) == item_id)
    dialect.unindex_entity(conn, item_id)


def undo_edit(*, library: Library, record: EditRecord) -> Edited[dict[int, int]]:
    """Exactly the inverse of the edit; UndoConflict (and nothing changed) when work done
    since makes that impossible. Returns the items that came back under a new id (their id
    was taken since: old -> new) and the Changes."""
    with library.write() as session:
        moved = undo_record(session.connection(), record)
    items = {old: new for (table, old), new in moved.items() if table == "item"}
    return Edited(items, Changes(entities=record.items() | set(items.values()), everything=True))


def split_alias(*, library: Library, entity_id: int, alias: str) -> Edited[SplitOut]:
    """Moves an alias back out into an entity of its own, with the mentions written that way."""
    norm = normalize_name(alias)
    with library.write() as session:
        conn = session.connection()
        journal = Journal(conn)
        kind, name, _ = _entity(conn, entity_id)
        if normalize_name(name) == norm:
            raise EditError("The canonical name cannot be split out; rename the entity instead.")
        row = conn.execute(
            select(col(Alias.id), col(Alias.name)).where(
                col(Alias.entity_id) == entity_id, col(Alias.norm) == norm
            )
        ).first()
        if row is None:
            raise EditError(f"“{alias}” is not an alias of {name}.")
        now = utcnow()
        new_id = journal.insert("item", {"kind": kind, "name": row.name, "created_at": now,
                                         "updated_at": now, "version": 1})  # fmt: skip
        journal.insert("entity", {"item_id": new_id})
        journal.update("alias", row.id, entity_id=new_id)
        _move_mentions(conn, journal, entity_id, new_id, norm)
        index_entity(conn, entity_id)
        index_entity(conn, new_id)
    return Edited(
        SplitOut(new_id, EditRecord(tuple(journal.ops))),
        Changes(entities={entity_id, new_id}, everything=True),
    )


def _span_columns(pieces: list[Piece]) -> dict[str, Any]:
    """The span columns of one evidence row that stands for ``pieces`` (packed after the first)."""
    start, end, sent_start, sent_end = pieces[0]
    return {"start": start, "end": end, "sent_start": sent_start, "sent_end": sent_end,
            "span_count": len(pieces), "more_spans": pack(pieces[0], pieces[1:])}  # fmt: skip


def _move_mentions(conn: Connection, journal: Journal, old_id: int, new_id: int, norm: str) -> None:
    """Mention evidence whose text is the split alias follows it to the new entity."""
    rows: Sequence[Any] = conn.execute(
        select(col(Link.id), col(Link.source_id), col(Link.status), col(Link.origin),
               col(Evidence.id).label("ev_id"), col(Evidence.start), col(Evidence.end),
               col(Evidence.sent_start), col(Evidence.sent_end), col(Evidence.more_spans))
        .join(Evidence, col(Evidence.link_id) == col(Link.id))
        .where(col(Link.target_id) == old_id, col(Link.kind) == MENTIONS)
        .order_by(col(Evidence.id))
    ).all()  # fmt: skip
    texts: dict[int, str] = {}
    targets: dict[int, int] = {}  # article -> its mention link of the new entity
    emptied: set[int] = set()
    for r in rows:
        if r.source_id not in texts:
            art = conn.execute(
                select(col(Item.name), col(Article.body), col(Article.placeholder))
                .join(Article, col(Article.item_id) == col(Item.id))
                .where(col(Item.id) == r.source_id)
            ).first()  # fmt: skip
            # the text offsets point into (library.article_text): title, newline, body
            texts[r.source_id] = (
                "" if art is None or art.placeholder
                else f"{art.name}\n{art.body}" if art.body else art.name
            )  # fmt: skip
        pieces = unpack((r.start, r.end, r.sent_start, r.sent_end), r.more_spans)
        text = texts[r.source_id]
        follows = [normalize_name(text[p[0] : p[1]]) == norm for p in pieces]
        moving = [p for p, f in zip(pieces, follows, strict=True) if f]
        if not moving:
            continue
        if r.source_id not in targets:
            targets[r.source_id] = journal.insert("link", {
                "source_id": r.source_id, "target_id": new_id, "kind": MENTIONS, "label": "",
                "status": r.status, "origin": r.origin, "created_at": utcnow(),
            })  # fmt: skip
        if len(moving) == len(pieces):  # the whole row follows the alias
            journal.update("evidence", r.ev_id, link_id=targets[r.source_id])
        else:  # a packed row (desktop.store.spans) whose spans part ways
            staying = [p for p, f in zip(pieces, follows, strict=True) if not f]
            journal.update("evidence", r.ev_id, **_span_columns(staying))
            journal.insert("evidence", {"link_id": targets[r.source_id],
                                        "article_id": r.source_id, **_span_columns(moving)})  # fmt: skip
        emptied.add(r.id)
    # A mention link left without evidence no longer says anything.
    for link_id in sorted(emptied):
        if (
            conn.execute(select(col(Evidence.id)).where(col(Evidence.link_id) == link_id)).first()
            is None
        ):
            journal.delete("link", col(Link.id) == link_id)


def delete_entity(*, library: Library, entity_id: int) -> Edited[EditRecord]:
    with library.write() as session:
        conn = session.connection()
        _entity(conn, entity_id)
        journal = Journal(conn)
        _delete_item(journal, entity_id)
    return Edited(EditRecord(tuple(journal.ops)), Changes(entities={entity_id}, everything=True))
