"""Two small additions the editing UI needs beside ``editing``: one link by id (for the link
editor), and putting a link's fields back exactly (undo of an edit that cleared a note:
``update_link`` treats None as "leave as is", so it cannot restore a None)."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session

from desktop.services.changes import Changes
from desktop.services.dto import LinkView
from desktop.services.library import ItemNotFound, link_views
from desktop.store.db import Library
from desktop.store.models import Link

RESTORABLE = ("kind", "label", "note", "status")


def get_link(session: Session, link_id: int) -> LinkView:
    """One link with both ends and its evidence."""
    link = session.get(Link, link_id)
    views = link_views(session, [link]) if link is not None else []
    if not views:
        raise ItemNotFound(f"No link with id {link_id}.")
    return views[0]


def restore_link_fields(*, library: Library, link_id: int, fields: dict[str, Any]) -> Changes:
    """Sets the given fields to exactly these values (None included): the undo of
    ``editing.update_link``, given the previous values it returned."""
    unknown = set(fields) - set(RESTORABLE)
    if unknown:
        raise ValueError(f"Cannot restore link fields {sorted(unknown)}.")
    with library.write() as session:
        link = session.get(Link, link_id)
        if link is None:
            raise ItemNotFound(f"No link with id {link_id}.")
        for name, value in fields.items():
            setattr(link, name, value)
        session.add(link)
        ends = {link.source_id, link.target_id}
    return Changes(links={link_id}, entities=ends)
