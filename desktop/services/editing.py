"""Editing entities and links by hand: rename, change kind, aliases, merge, split, links.

Every edit returns what an undo needs (a previous value or an EntitySnapshot) and a Changes.
The UI wraps each in a QUndoCommand; these functions stay free of Qt.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import delete, insert, select, update
from sqlmodel import Session

from desktop.services.changes import Changes
from desktop.services.library import ItemNotFound, aliases_of
from desktop.services.snapshots import EntitySnapshot, capture, restore
from desktop.store import dialect
from desktop.store.db import Library, check_version
from desktop.store.models import (
    ARTICLE,
    CONFIRMED,
    CUSTOM,
    ENTITY_KINDS,
    LINK_KINDS,
    LINK_STATUSES,
    MENTIONS,
    Alias,
    Article,
    CaseItem,
    Entity,
    Evidence,
    Item,
    Link,
    utcnow,
)
from desktop.store.text import normalize_name


class EditError(ValueError):
    """An edit that cannot be made as asked; the message says why."""


def _entity_item(session: Session, entity_id: int) -> Item:
    item = session.get(Item, entity_id)
    if item is None or item.kind == ARTICLE:
        raise ItemNotFound(f"No person, organization, place or group with id {entity_id}.")
    return item


def _reindex(session: Session, entity_id: int) -> None:
    item = session.get(Item, entity_id)
    if item is not None:
        dialect.index_entity(
            session.connection(),
            entity_id,
            item.name,
            [a for a in aliases_of(session, entity_id) if a != item.name],
        )


def _ensure_alias(session: Session, entity_id: int, name: str) -> None:
    norm = normalize_name(name)
    if not norm:
        return
    exists = session.execute(
        select(Alias.id).where(Alias.entity_id == entity_id, Alias.norm == norm)
    ).first()
    if exists is None:
        session.add(Alias(entity_id=entity_id, name=name, norm=norm))
        session.flush()


def _touch(item: Item) -> None:
    item.updated_at = utcnow()
    item.version += 1


# --- entity edits -----------------------------------------------------------------------


def rename_entity(
    *, library: Library, entity_id: int, name: str, expected_version: int | None = None
) -> tuple[str, Changes]:
    """Renames; the new name also resolves future mentions. Returns the old name.

    ``expected_version`` (the Item.version read when the edit began) makes a rename that
    someone else's edit overtook raise ConcurrentEdit instead of overwriting it.
    """
    name = " ".join(name.split())
    if not name:
        raise EditError("A name cannot be empty.")
    with library.write() as session:
        item = _entity_item(session, entity_id)
        if expected_version is not None:
            check_version(session, "item", entity_id, expected_version, f"“{item.name}”")
        old = item.name
        item.name = name
        _touch(item)
        session.add(item)
        _ensure_alias(session, entity_id, name)
        _reindex(session, entity_id)
    return old, Changes(entities={entity_id})


def change_kind(*, library: Library, entity_id: int, kind: str) -> tuple[str, Changes]:
    if kind not in ENTITY_KINDS:
        raise EditError(f"Kind must be one of: {', '.join(ENTITY_KINDS)}.")
    with library.write() as session:
        item = _entity_item(session, entity_id)
        old = item.kind
        item.kind = kind
        _touch(item)
        session.add(item)
    return old, Changes(entities={entity_id}, everything=True)


def set_aliases(
    *, library: Library, entity_id: int, aliases: Sequence[str]
) -> tuple[list[str], Changes]:
    """Replaces the aliases (the canonical name always stays one). Returns the previous list."""
    with library.write() as session:
        item = _entity_item(session, entity_id)
        previous = [a for a in aliases_of(session, entity_id) if a != item.name]
        session.execute(delete(Alias).where(Alias.entity_id == entity_id))  # type: ignore[arg-type]
        session.flush()
        for name in [item.name, *aliases]:
            if name.strip():
                _ensure_alias(session, entity_id, name.strip())
        _touch(item)
        session.add(item)
        _reindex(session, entity_id)
    return previous, Changes(entities={entity_id})


def set_details(
    *, library: Library, entity_id: int, role: str | None, affiliation: str | None
) -> tuple[tuple[str | None, str | None], Changes]:
    with library.write() as session:
        _entity_item(session, entity_id)
        entity = session.get(Entity, entity_id)
        assert entity is not None
        previous = (entity.role, entity.affiliation)
        entity.role, entity.affiliation = role or None, affiliation or None
        session.add(entity)
    return previous, Changes(entities={entity_id})


@dataclass(frozen=True, slots=True)
class EditRecord:
    """An undoable structural edit: the before-image and the items the edit created."""

    snapshot: EntitySnapshot
    created: tuple[int, ...] = ()


def merge_entities(*, library: Library, keep_id: int, merge_id: int) -> tuple[EditRecord, Changes]:
    """Links, mentions, aliases and case membership move to the one kept; the other's name
    becomes an alias of it."""
    if keep_id == merge_id:
        raise EditError("An entity cannot be merged into itself.")
    with library.write() as session:
        keep = _entity_item(session, keep_id)
        gone = _entity_item(session, merge_id)
        snapshot = capture(session, [keep_id, merge_id])
        conn = session.connection()
        for alias in [gone.name, *aliases_of(session, merge_id)]:
            _ensure_alias(session, keep_id, alias)
        keep_entity, gone_entity = session.get(Entity, keep_id), session.get(Entity, merge_id)
        if keep_entity and gone_entity:
            keep_entity.role = keep_entity.role or gone_entity.role
            keep_entity.affiliation = keep_entity.affiliation or gone_entity.affiliation
            session.add(keep_entity)
        for link in (
            session.execute(
                select(Link).where((Link.source_id == merge_id) | (Link.target_id == merge_id))  # type: ignore[arg-type]
            )
            .scalars()
            .all()
        ):
            source = keep_id if link.source_id == merge_id else link.source_id
            target = keep_id if link.target_id == merge_id else link.target_id
            if source == target:
                session.delete(link)  # a link between the two merged entities
                continue
            twin = (
                session.execute(
                    select(Link).where(
                        Link.source_id == source,
                        Link.target_id == target,
                        Link.kind == link.kind,
                        Link.label == link.label,
                    )
                )
                .scalars()
                .first()
            )
            if twin is None:
                link.source_id, link.target_id = source, target
                session.add(link)
            else:  # the kept entity already has this link: its evidence joins the twin
                conn.execute(
                    update(Evidence).where(Evidence.link_id == link.id).values(link_id=twin.id)  # type: ignore[arg-type]
                )
                if CONFIRMED in (link.status, twin.status):
                    twin.status = CONFIRMED
                    session.add(twin)
                session.delete(link)
        session.flush()
        kept_cases = set(
            session.execute(select(CaseItem.case_id).where(CaseItem.item_id == keep_id)).scalars()
        )
        for ci in session.execute(select(CaseItem).where(CaseItem.item_id == merge_id)).scalars():
            dialect.unindex_note(conn, ci.case_id, merge_id)
            if ci.case_id in kept_cases:
                session.delete(ci)
            else:
                ci.item_id = keep_id
                session.add(ci)
                dialect.index_note(conn, ci.case_id, keep_id, ci.note)
        session.flush()
        session.delete(gone)
        dialect.unindex_entity(conn, merge_id)
        _touch(keep)
        session.add(keep)
        session.flush()
        _reindex(session, keep_id)
    return EditRecord(snapshot), Changes(entities={keep_id, merge_id}, everything=True)


def undo_edit(*, library: Library, record: EditRecord) -> Changes:
    """Restores the entities exactly as captured, dropping any the edit created."""
    with library.write() as session:
        restore(session, record.snapshot, drop_items=record.created)
    ids = set(record.snapshot.entity_ids) | set(record.created)
    return Changes(entities=ids, everything=True)


def split_alias(*, library: Library, entity_id: int, alias: str) -> tuple[int, EditRecord, Changes]:
    """Moves an alias back out into an entity of its own, with the mentions written that way."""
    norm = normalize_name(alias)
    with library.write() as session:
        item = _entity_item(session, entity_id)
        if normalize_name(item.name) == norm:
            raise EditError("The canonical name cannot be split out; rename the entity instead.")
        row = (
            session.execute(select(Alias).where(Alias.entity_id == entity_id, Alias.norm == norm))
            .scalars()
            .first()
        )
        if row is None:
            raise EditError(f"“{alias}” is not an alias of {item.name}.")
        snapshot = capture(session, [entity_id])
        new = Item(kind=item.kind, name=row.name)
        session.add(new)
        session.flush()
        assert new.id is not None
        session.add(Entity(item_id=new.id))
        row.entity_id = new.id
        session.add(row)
        session.flush()
        _move_mentions(session, entity_id, new.id, norm)
        _reindex(session, entity_id)
        _reindex(session, new.id)
        new_id = new.id
    return (
        new_id,
        EditRecord(snapshot, (new_id,)),
        Changes(entities={entity_id, new_id}, everything=True),
    )


def _move_mentions(session: Session, old_id: int, new_id: int, norm: str) -> None:
    """Mention evidence whose text is the split alias follows it to the new entity."""
    from desktop.services.library import article_text

    rows = session.execute(
        select(Link, Evidence)
        .join(Evidence, Evidence.link_id == Link.id)  # type: ignore[arg-type]
        .where(Link.target_id == old_id, Link.kind == MENTIONS)
    ).all()
    texts: dict[int, str] = {}
    for link, ev in rows:
        if link.source_id not in texts:
            art_item, art = session.get(Item, link.source_id), session.get(Article, link.source_id)
            texts[link.source_id] = article_text(art_item, art) if art_item and art else ""
        if normalize_name(texts[link.source_id][ev.start : ev.end]) != norm:
            continue
        target = (
            session.execute(
                select(Link).where(
                    Link.source_id == link.source_id,
                    Link.target_id == new_id,
                    Link.kind == MENTIONS,
                )
            )
            .scalars()
            .first()
        )
        if target is None:
            target = Link(
                source_id=link.source_id,
                target_id=new_id,
                kind=MENTIONS,
                status=link.status,
                origin=link.origin,
            )
            session.add(target)
            session.flush()
        ev.link_id = target.id  # type: ignore[assignment]
        session.add(ev)
    session.flush()
    # A mention link left without evidence no longer says anything.
    for link, _ in rows:
        left = session.execute(select(Evidence.id).where(Evidence.link_id == link.id)).first()
        if left is None:
            session.delete(link)


def delete_entity(*, library: Library, entity_id: int) -> tuple[EditRecord, Changes]:
    with library.write() as session:
        item = _entity_item(session, entity_id)
        snapshot = capture(session, [entity_id])
        for ci in session.execute(select(CaseItem).where(CaseItem.item_id == entity_id)).scalars():
            dialect.unindex_note(session.connection(), ci.case_id, entity_id)
        session.delete(item)
        dialect.unindex_entity(session.connection(), entity_id)
    return EditRecord(snapshot), Changes(entities={entity_id}, everything=True)


# --- links ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LinkSnapshot:
    link: dict
    evidence: tuple[dict, ...]


def create_link(
    *,
    library: Library,
    source_id: int,
    target_id: int,
    kind: str,
    label: str = "",
    note: str | None = None,
    evidence: tuple[int, str] | None = None,  # (article id, sentence)
) -> tuple[int, Changes]:
    """A link the analyst states: confirmed from the start."""
    if kind not in LINK_KINDS or kind in (MENTIONS,):
        raise EditError(f"Choose a link kind: {', '.join(k for k in LINK_KINDS if k != MENTIONS)}.")
    if kind == CUSTOM and not label.strip():
        raise EditError("A custom link needs a label.")
    if source_id == target_id:
        raise EditError("A link needs two different items.")
    with library.write() as session:
        for item_id in (source_id, target_id):
            if session.get(Item, item_id) is None:
                raise ItemNotFound(f"No item with id {item_id}.")
        clash = session.execute(
            select(Link.id).where(
                Link.source_id == source_id,
                Link.target_id == target_id,
                Link.kind == kind,
                Link.label == label.strip(),
            )
        ).first()
        if clash is not None:
            raise EditError("These two items are already linked that way.")
        link = Link(
            source_id=source_id,
            target_id=target_id,
            kind=kind,
            label=label.strip(),
            status=CONFIRMED,
            origin="analyst",
            note=note,
        )
        session.add(link)
        session.flush()
        assert link.id is not None
        if evidence is not None:
            article_id, sentence = evidence
            session.add(
                Evidence(link_id=link.id, article_id=article_id, start=0, end=0, sentence=sentence)
            )
        link_id = link.id
    return link_id, Changes(links={link_id}, entities={source_id, target_id})


def update_link(
    *,
    library: Library,
    link_id: int,
    kind: str | None = None,
    label: str | None = None,
    note: str | None = None,
    status: str | None = None,
) -> tuple[dict, Changes]:
    """Edits a link; returns the previous values of the fields changed (for undo)."""
    with library.write() as session:
        link = session.get(Link, link_id)
        if link is None:
            raise ItemNotFound(f"No link with id {link_id}.")
        previous = {}
        for field, value in (("kind", kind), ("label", label), ("note", note), ("status", status)):
            if value is None:
                continue
            if field == "kind" and value not in LINK_KINDS:
                raise EditError(f"Unknown link kind {value!r}.")
            if field == "status" and value not in LINK_STATUSES:
                raise EditError(f"Unknown link status {value!r}.")
            previous[field] = getattr(link, field)
            setattr(link, field, value)
        session.add(link)
        ends = {link.source_id, link.target_id}
    return previous, Changes(links={link_id}, entities=ends)


def delete_link(*, library: Library, link_id: int) -> tuple[LinkSnapshot, Changes]:
    with library.write() as session:
        link = session.get(Link, link_id)
        if link is None:
            raise ItemNotFound(f"No link with id {link_id}.")
        row = dict(
            session.execute(select(Link.__table__).where(Link.__table__.c.id == link_id))
            .one()
            ._mapping
        )  # type: ignore[attr-defined]
        ev = tuple(
            dict(r._mapping)
            for r in session.execute(
                select(Evidence.__table__).where(Evidence.__table__.c.link_id == link_id)
            )  # type: ignore[attr-defined]
        )
        session.delete(link)
        ends = {link.source_id, link.target_id}
    return LinkSnapshot(row, ev), Changes(links={link_id}, entities=ends)


def restore_link(*, library: Library, snapshot: LinkSnapshot) -> Changes:
    with library.write() as session:
        conn = session.connection()
        conn.execute(insert(Link.__table__), [snapshot.link])  # type: ignore[attr-defined]
        if snapshot.evidence:
            conn.execute(insert(Evidence.__table__), list(snapshot.evidence))  # type: ignore[attr-defined]
    return Changes(
        links={snapshot.link["id"]},
        entities={snapshot.link["source_id"], snapshot.link["target_id"]},
    )
