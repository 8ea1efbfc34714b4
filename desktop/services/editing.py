"""Editing entities and links by hand: rename, change kind, aliases, merge, split, links.

Every edit returns what an undo needs (a previous value) and a Changes; merge, split and
delete live in desktop/services/structure.py with their exact undo.
The UI wraps each in a QUndoCommand; these functions stay free of Qt.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, insert, select
from sqlmodel import Session, col

from desktop.services.changes import Changes, Edited
from desktop.services.library import ItemNotFound, aliases_of
from desktop.services.resolver import kind_family
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
    Entity,
    Evidence,
    Item,
    Link,
    table_of,
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


def _ensure_alias(session: Session, entity_id: int, name: str) -> bool:
    """True when the alias was not there and is added now."""
    norm = normalize_name(name)
    if not norm:
        return False
    exists = session.execute(
        select(col(Alias.id)).where(col(Alias.entity_id) == entity_id, col(Alias.norm) == norm)
    ).first()
    if exists is None:
        session.add(Alias(entity_id=entity_id, name=name, norm=norm))
        session.flush()
        return True
    return False


def _touch(item: Item) -> None:
    item.updated_at = utcnow()
    item.version += 1


# --- entity edits -----------------------------------------------------------------------


class NameTaken(EditError):
    """Renaming would make a second entity of that name: the analyst may want a merge."""

    def __init__(self, name: str, existing_id: int, existing_name: str) -> None:
        super().__init__(
            f"“{existing_name}” already has the name “{name}”. Merge the two instead of "
            "making a duplicate."
        )
        self.existing_id, self.existing_name = existing_id, existing_name


def name_clash(session: Session, entity_id: int, name: str) -> tuple[int, str] | None:
    """Another entity of the same kind family already known by ``name`` (its name or an
    alias): (id, name), or None."""
    item = _entity_item(session, entity_id)
    norm = normalize_name(name)
    row = session.execute(
        select(col(Item.id), col(Item.name))
        .join(Alias, col(Alias.entity_id) == col(Item.id))
        .where(
            col(Alias.norm) == norm,
            col(Item.id) != entity_id,
            col(Item.kind).in_(kind_family(item.kind)),
        )
        .order_by(col(Item.id))
    ).first()
    return (int(row.id), str(row.name)) if row is not None else None


@dataclass(frozen=True, slots=True)
class Renamed:
    """A rename's before-image, read in its write transaction: the old name, and the alias
    the rename added (None when the new name was an alias already), which its undo removes."""

    old_name: str
    added_alias: str | None


def rename_entity(
    *, library: Library, entity_id: int, name: str, expected_version: int | None = None
) -> Edited[Renamed]:
    """Renames; the new name also resolves future mentions. The value: the old name and
    the alias the rename added (what ``restore_name`` takes back).

    ``expected_version`` (the Item.version read when the edit began) makes a rename that
    someone else's edit overtook raise ConcurrentEdit instead of overwriting it. A name
    another entity of the kind already has raises NameTaken (offer the merge) instead of
    making a silent duplicate.
    """
    name = " ".join(name.split())
    if not name:
        raise EditError("A name cannot be empty.")
    with library.write() as session:
        item = _entity_item(session, entity_id)
        if expected_version is not None:
            check_version(session, "item", entity_id, expected_version, f"“{item.name}”")
        clash = name_clash(session, entity_id, name)
        if clash is not None:
            raise NameTaken(name, *clash)
        old = item.name
        item.name = name
        _touch(item)
        session.add(item)
        added = _ensure_alias(session, entity_id, name)
        _reindex(session, entity_id)
    return Edited(Renamed(old, name if added else None), Changes(entities={entity_id}))


def restore_name(
    *, library: Library, entity_id: int, name: str, added_alias: str | None = None
) -> Changes:
    """Undo of a rename, in one transaction: the old name back, and the alias the rename
    added (``added_alias``, the new name) taken away; aliases added since stay."""
    with library.write() as session:
        item = _entity_item(session, entity_id)
        item.name = name
        _touch(item)
        session.add(item)
        norm = normalize_name(added_alias or "")
        if norm and norm != normalize_name(name):
            session.execute(
                delete(Alias).where(col(Alias.entity_id) == entity_id, col(Alias.norm) == norm)
            )
        session.flush()
        _ensure_alias(session, entity_id, name)
        _reindex(session, entity_id)
    return Changes(entities={entity_id})


def change_kind(*, library: Library, entity_id: int, kind: str) -> Edited[str]:
    if kind not in ENTITY_KINDS:
        raise EditError(f"Kind must be one of: {', '.join(ENTITY_KINDS)}.")
    with library.write() as session:
        item = _entity_item(session, entity_id)
        old = item.kind
        item.kind = kind
        _touch(item)
        session.add(item)
    return Edited(old, Changes(entities={entity_id}, everything=True))


def set_aliases(*, library: Library, entity_id: int, aliases: Sequence[str]) -> Edited[list[str]]:
    """Replaces the aliases (the canonical name always stays one). Returns the previous list."""
    with library.write() as session:
        item = _entity_item(session, entity_id)
        previous = [a for a in aliases_of(session, entity_id) if a != item.name]
        session.execute(delete(Alias).where(col(Alias.entity_id) == entity_id))
        session.flush()
        for name in [item.name, *aliases]:
            if name.strip():
                _ensure_alias(session, entity_id, name.strip())
        _touch(item)
        session.add(item)
        _reindex(session, entity_id)
    return Edited(previous, Changes(entities={entity_id}))


def set_details(
    *, library: Library, entity_id: int, role: str | None, affiliation: str | None
) -> Edited[tuple[str | None, str | None]]:
    with library.write() as session:
        _entity_item(session, entity_id)
        entity = session.get(Entity, entity_id)
        assert entity is not None
        previous = (entity.role, entity.affiliation)
        entity.role, entity.affiliation = role or None, affiliation or None
        session.add(entity)
    return Edited(previous, Changes(entities={entity_id}))


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
) -> Edited[int]:
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
            select(col(Link.id)).where(
                col(Link.source_id) == source_id,
                col(Link.target_id) == target_id,
                col(Link.kind) == kind,
                col(Link.label) == label.strip(),
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
    return Edited(link_id, Changes(links={link_id}, entities={source_id, target_id}))


def update_link(
    *,
    library: Library,
    link_id: int,
    kind: str | None = None,
    label: str | None = None,
    note: str | None = None,
    status: str | None = None,
) -> Edited[dict[str, Any]]:
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
    return Edited(previous, Changes(links={link_id}, entities=ends))


def delete_link(*, library: Library, link_id: int) -> Edited[LinkSnapshot]:
    with library.write() as session:
        link = session.get(Link, link_id)
        if link is None:
            raise ItemNotFound(f"No link with id {link_id}.")
        row = dict(
            session.execute(select(table_of(Link)).where(table_of(Link).c.id == link_id))
            .one()
            ._mapping
        )
        ev = tuple(
            dict(r._mapping)
            for r in session.execute(
                select(table_of(Evidence)).where(table_of(Evidence).c.link_id == link_id)
            )
        )
        session.delete(link)
        ends = {link.source_id, link.target_id}
    return Edited(LinkSnapshot(row, ev), Changes(links={link_id}, entities=ends))


def restore_link(*, library: Library, snapshot: LinkSnapshot) -> Changes:
    with library.write() as session:
        conn = session.connection()
        conn.execute(insert(table_of(Link)), [snapshot.link])
        if snapshot.evidence:
            conn.execute(insert(table_of(Evidence)), list(snapshot.evidence))
    return Changes(
        links={snapshot.link["id"]},
        entities={snapshot.link["source_id"], snapshot.link["target_id"]},
    )
