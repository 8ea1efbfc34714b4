"""Case files: the analyst's own collections of items, with order, pins and notes.

Every write returns what it changed and, where an undo needs it, a snapshot to restore from;
deleting a case never deletes the articles or entities it holds.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func
from sqlmodel import Session, col, select

from desktop.services.changes import Changes, Edited
from desktop.services.dto import CaseItemView, CaseRef, CaseView
from desktop.services.journal import UndoConflict
from desktop.services.library import ItemNotFound, item_ref
from desktop.store import dialect
from desktop.store.db import Library, check_version
from desktop.store.models import (
    ARTICLE,
    CASE_STATUSES,
    Article,
    CaseFile,
    CaseItem,
    Entity,
    Item,
    utcnow,
)


class CaseNotFound(LookupError):
    pass


class CaseError(ValueError):
    """A case edit that cannot be done as asked; the message says why."""


@dataclass(frozen=True, slots=True)
class CaseItemSnapshot:
    """Enough to put an item back into a case exactly where it was (undo of remove)."""

    item_id: int
    position: int
    pinned: bool
    note: str
    note_edited_at: datetime | None
    added_at: datetime


@dataclass(frozen=True, slots=True)
class CaseSnapshot:
    """A deleted case as undo puts it back: the case as read (``case.items`` left empty) and
    its items exactly as they were stored."""

    case: CaseView
    items: tuple[CaseItemSnapshot, ...]


def list_cases(session: Session) -> list[CaseRef]:
    rows = session.exec(select(CaseFile).order_by(func.lower(CaseFile.title))).all()
    return [CaseRef(c.id or 0, c.title, c.status) for c in rows]


def case_item_counts(session: Session) -> dict[int, int]:
    rows = session.exec(
        select(CaseItem.case_id, func.count()).group_by(col(CaseItem.case_id))
    ).all()
    return {int(c): int(n) for c, n in rows}


def find_case(session: Session, title_or_id: str | int) -> int:
    """A case by id or title (exact, then case-insensitive)."""
    text = str(title_or_id).strip()
    if text.isdigit():
        case = session.get(CaseFile, int(text))
        if case is not None:
            return int(case.id or 0)
    case = session.exec(select(CaseFile).where(CaseFile.title == text)).first()
    if case is None:
        case = session.exec(
            select(CaseFile).where(func.lower(CaseFile.title) == text.lower())
        ).first()
    if case is None:
        raise CaseNotFound(f"No case file called “{text}”.")
    return int(case.id or 0)


def _case(session: Session, case_id: int) -> CaseFile:
    case = session.get(CaseFile, case_id)
    if case is None:
        raise CaseNotFound(f"No case file with id {case_id}.")
    return case


def _check_title(session: Session, title: str, case_id: int | None = None) -> str:
    title = " ".join(title.split())
    if not title:
        raise CaseError("A case file needs a title.")
    clash = session.exec(
        select(CaseFile).where(func.lower(CaseFile.title) == title.lower())
    ).first()
    if clash is not None and clash.id != case_id:
        raise CaseError(f"There is already a case file called “{clash.title}”.")
    return title


def create_case(
    *, library: Library, title: str, summary: str = "", status: str = "open"
) -> Edited[int]:
    if status not in CASE_STATUSES:
        raise CaseError(f"Status must be one of: {', '.join(CASE_STATUSES)}.")
    with library.write() as session:
        case = CaseFile(title=_check_title(session, title), summary=summary, status=status)
        if summary:
            case.summary_edited_at = utcnow()
        session.add(case)
        session.flush()
        case_id = int(case.id or 0)
        dialect.index_note(session.connection(), case_id, None, summary)
    return Edited(case_id, Changes(cases={case_id}))


def update_case(
    *,
    library: Library,
    case_id: int,
    title: str | None = None,
    status: str | None = None,
    summary: str | None = None,
    expected_version: int | None = None,
) -> Edited[dict[str, str]]:
    """``expected_version`` (CaseFile.version when the edit began) turns an overtaken edit
    into ConcurrentEdit instead of a silent overwrite of someone else's change. The value: the
    fields given, as they were before (read in the same transaction: what an undo restores)."""
    with library.write() as session:
        case = _case(session, case_id)
        given = {"title": title, "status": status, "summary": summary}
        before = {k: str(getattr(case, k)) for k, v in given.items() if v is not None}
        if expected_version is not None:
            check_version(session, "case_file", case_id, expected_version, f"“{case.title}”")
        if title is not None:
            case.title = _check_title(session, title, case_id)
        if status is not None:
            if status not in CASE_STATUSES:
                raise CaseError(f"Status must be one of: {', '.join(CASE_STATUSES)}.")
            case.status = status
        if summary is not None and summary != case.summary:
            case.summary = summary
            case.summary_edited_at = utcnow()
            dialect.index_note(session.connection(), case_id, None, summary)
        case.updated_at = utcnow()
        case.version += 1
        session.add(case)
    return Edited(before, Changes(cases={case_id}))


def snapshot_case(session: Session, case_id: int) -> CaseSnapshot:
    case = _case(session, case_id)
    items = session.exec(
        select(CaseItem).where(CaseItem.case_id == case_id).order_by(col(CaseItem.position))
    ).all()
    return CaseSnapshot(_case_view(case), tuple(_item_snapshot(ci) for ci in items))


def _item_snapshot(ci: CaseItem) -> CaseItemSnapshot:
    return CaseItemSnapshot(
        ci.item_id, ci.position, ci.pinned, ci.note, ci.note_edited_at, ci.added_at
    )


def delete_case(*, library: Library, case_id: int) -> Edited[CaseSnapshot]:
    """Deletes the case and its notes; the items it held stay in the library."""
    with library.write() as session:
        snapshot = snapshot_case(session, case_id)
        session.delete(_case(session, case_id))
        dialect.unindex_case(session.connection(), case_id)
    return Edited(snapshot, Changes(cases={case_id}))


def restore_case(*, library: Library, snapshot: CaseSnapshot) -> Changes:
    """Undo of delete: the same id, title, notes and items (those still in the library)."""
    case = snapshot.case
    with library.write() as session:
        session.add(
            CaseFile(
                id=case.id,
                title=_check_title(session, case.title),
                status=case.status,
                summary=case.summary,
                summary_edited_at=case.summary_edited_at,
                created_at=case.created_at,
            )
        )
        session.flush()
        dialect.index_note(session.connection(), case.id, None, case.summary)
        _restore_items(session, case.id, snapshot.items)
    return Changes(cases={case.id})


def _restore_items(session: Session, case_id: int, items: Sequence[CaseItemSnapshot]) -> None:
    conn = session.connection()
    for snap in items:
        if session.get(Item, snap.item_id) is None:
            continue
        session.add(
            CaseItem(
                case_id=case_id,
                item_id=snap.item_id,
                position=snap.position,
                pinned=snap.pinned,
                note=snap.note,
                note_edited_at=snap.note_edited_at,
                added_at=snap.added_at,
            )
        )
        dialect.index_note(conn, case_id, snap.item_id, snap.note)


def add_items(*, library: Library, case_id: int, item_ids: Sequence[int]) -> Edited[list[int]]:
    """Adds items not yet in the case at the end, in the given order; returns those added."""
    added: list[int] = []
    with library.write() as session:
        case = _case(session, case_id)
        present = set(
            session.exec(select(CaseItem.item_id).where(CaseItem.case_id == case_id)).all()
        )
        last = session.exec(
            select(func.max(CaseItem.position)).where(CaseItem.case_id == case_id)
        ).one()
        position = int(last or 0)
        for item_id in dict.fromkeys(item_ids):
            if item_id in present:
                continue
            if session.get(Item, item_id) is None:
                raise ItemNotFound(f"No item with id {item_id}.")
            position += 1
            session.add(CaseItem(case_id=case_id, item_id=item_id, position=position))
            added.append(item_id)
        if added:
            case.updated_at = utcnow()
            session.add(case)
    return Edited(added, Changes(cases={case_id}))


def remove_items(
    *, library: Library, case_id: int, item_ids: Sequence[int]
) -> Edited[list[CaseItemSnapshot]]:
    with library.write() as session:
        _case(session, case_id)
        rows = session.exec(
            select(CaseItem).where(CaseItem.case_id == case_id, col(CaseItem.item_id).in_(item_ids))
        ).all()
        snaps = [_item_snapshot(ci) for ci in rows]
        conn = session.connection()
        for ci in rows:
            dialect.unindex_note(conn, case_id, ci.item_id)
            session.delete(ci)
    return Edited(snaps, Changes(cases={case_id}))


def restore_items(*, library: Library, case_id: int, items: Sequence[CaseItemSnapshot]) -> Changes:
    """Undo of remove: items go back with their position, pin and note. An item added to the
    case again since (with its own note) or deleted since makes the exact undo impossible:
    UndoConflict, and nothing changes."""
    with library.write() as session:
        _case(session, case_id)
        present = set(
            session.exec(select(CaseItem.item_id).where(CaseItem.case_id == case_id)).all()
        )
        for snap in items:
            if snap.item_id in present:
                raise UndoConflict(
                    f"Cannot undo: item {snap.item_id} was added to the case again since. "
                    "Nothing was changed."
                )
            if session.get(Item, snap.item_id) is None:
                raise UndoConflict(
                    f"Cannot undo: item {snap.item_id} has been deleted since. Nothing was changed."
                )
        _restore_items(session, case_id, items)
    return Changes(cases={case_id})


def set_item_note(*, library: Library, case_id: int, item_id: int, note: str) -> Edited[str]:
    """The value: the note as it was (read in the same transaction: what an undo restores)."""
    with library.write() as session:
        ci = _case_item(session, case_id, item_id)
        before = ci.note or ""
        if ci.note != note:
            ci.note = note
            ci.note_edited_at = utcnow()
            session.add(ci)
            dialect.index_note(session.connection(), case_id, item_id, note)
    return Edited(before, Changes(cases={case_id}))


def set_pinned(
    *, library: Library, case_id: int, pins: Mapping[int, bool]
) -> Edited[dict[int, bool]]:
    """Pins or unpins items of the case (item id -> pinned), in one transaction; items not in
    the case are passed over. The value: each one's pin as it was (read in the same
    transaction: what an undo restores)."""
    before: dict[int, bool] = {}
    with library.write() as session:
        _case(session, case_id)
        rows = session.exec(
            select(CaseItem).where(CaseItem.case_id == case_id, col(CaseItem.item_id).in_(pins))
        ).all()
        for ci in sorted(rows, key=lambda ci: ci.position):
            before[ci.item_id] = ci.pinned
            ci.pinned = pins[ci.item_id]
            session.add(ci)
    return Edited(before, Changes(cases={case_id}))


def reorder_items(*, library: Library, case_id: int, item_ids: Sequence[int]) -> Edited[list[int]]:
    """Sets the order of the case's items; returns the previous order (for undo)."""
    with library.write() as session:
        rows = {
            ci.item_id: ci
            for ci in session.exec(select(CaseItem).where(CaseItem.case_id == case_id)).all()
        }
        previous = [i for i, _ in sorted(rows.items(), key=lambda kv: kv[1].position)]
        ordered = [i for i in item_ids if i in rows] + [i for i in previous if i not in item_ids]
        for position, item_id in enumerate(ordered, start=1):
            rows[item_id].position = position
            session.add(rows[item_id])
    return Edited(previous, Changes(cases={case_id}))


def _case_item(session: Session, case_id: int, item_id: int) -> CaseItem:
    ci = session.exec(
        select(CaseItem).where(CaseItem.case_id == case_id, CaseItem.item_id == item_id)
    ).first()
    if ci is None:
        raise ItemNotFound(f"Item {item_id} is not in case {case_id}.")
    return ci


def get_case(session: Session, case_id: int) -> CaseView:
    case = _case(session, case_id)
    rows = session.exec(
        select(CaseItem, Item)
        .join(Item, col(Item.id) == col(CaseItem.item_id))
        .where(CaseItem.case_id == case_id)
        .order_by(col(CaseItem.pinned).desc(), col(CaseItem.position))
    ).all()
    ids = [item.id for _, item in rows]
    entities = {
        e.item_id: e for e in session.exec(select(Entity).where(col(Entity.item_id).in_(ids)))
    }
    articles = {
        a.item_id: a for a in session.exec(select(Article).where(col(Article.item_id).in_(ids)))
    }
    items = []
    for ci, item in rows:
        detail = ""
        if item.kind == ARTICLE and item.id in articles:
            art = articles[item.id]
            detail = " · ".join(
                p for p in (art.published.isoformat() if art.published else "", art.ref or "") if p
            )
        elif item.id in entities:
            ent = entities[item.id]
            detail = ", ".join(p for p in (ent.role, ent.affiliation) if p)
        items.append(
            CaseItemView(item_ref(item), ci.position, ci.pinned, ci.note, ci.note_edited_at, detail)
        )
    return _case_view(case, tuple(items))


def _case_view(case: CaseFile, items: tuple[CaseItemView, ...] = ()) -> CaseView:
    return CaseView(
        id=case.id or 0,
        title=case.title,
        status=case.status,
        summary=case.summary,
        summary_edited_at=case.summary_edited_at,
        created_at=case.created_at,
        updated_at=case.updated_at,
        items=items,
        version=case.version,
    )
