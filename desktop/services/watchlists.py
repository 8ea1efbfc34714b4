"""Watch lists: importing them, the analyst's own entries, reading lists and hits, verdicts.

A list is recognised by its name: importing a newer file of the same list replaces its
entries in one transaction and reports what was added and removed; entries that stay keep
their hits and the analyst's verdicts (an entry is recognised by the list's own id for it, else
by its name). Screening (``desktop.services.screening``) runs after, outside the write lock.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import delete, func, insert, select, update
from sqlmodel import col

from desktop.extract.namematch import ANY, DEFAULT_THRESHOLD, ORGANIZATION, PERSON
from desktop.services.changes import Changes, Edited
from desktop.services.screening import forget_hits_below, store_list_index
from desktop.services.watch_files import ParsedEntry, ParsedList, WatchFileError, read_list
from desktop.store.db import Library
from desktop.store.models import (
    HIT_CONFIRMED,
    HIT_DISMISSED,
    HIT_NEW,
    HIT_STATUSES,
    MENTIONS,
    REJECTED,
    Alias,
    Item,
    Link,
    WatchEntry,
    WatchHit,
    WatchList,
    stored_id,
    utcnow,
)

OWN_LIST = "My watch list"


class WatchListError(ValueError):
    """A request the lists cannot honour; the message is for the user."""


@dataclass(frozen=True, slots=True)
class ListImport:
    list_id: int
    name: str
    list_date: date | None
    created: bool
    added: tuple[str, ...]
    removed: tuple[str, ...]
    kept: int
    changes: Changes = field(default_factory=Changes)

    def as_json(self) -> dict:
        return {
            "list": self.name,
            "date": self.list_date.isoformat() if self.list_date else None,
            "created": self.created,
            "added": len(self.added),
            "removed": len(self.removed),
            "kept": self.kept,
            "added_names": list(self.added),
            "removed_names": list(self.removed),
        }


@dataclass(frozen=True, slots=True)
class ListInfo:
    id: int
    name: str
    source: str
    list_date: date | None
    imported_at: datetime
    threshold: int
    active: bool
    entries: int
    hits: int  # not dismissed
    new_hits: int


@dataclass(frozen=True, slots=True)
class HitRow:
    id: int
    list_id: int
    list_name: str
    list_date: date | None
    entry_id: int
    entry: str  # the entry's main name
    entry_name: str  # the entry's name or alias that matched
    matched: str  # the item's name that matched
    item_id: int
    item_kind: str
    item_name: str
    article_id: int | None
    score: int
    reason: str
    status: str

    def as_json(self) -> dict:
        return {
            "list": self.list_name,
            "entry": self.entry,
            "matched": self.matched,
            "item_id": self.item_id,
            "item_kind": self.item_kind,
            "article_id": self.article_id,
            "score": self.score,
            "reason": self.reason,
            "status": self.status,
        }


# --- importing --------------------------------------------------------------------------------
def import_list_file(*, library: Library, path: str | Path, name: str | None = None) -> ListImport:
    """Reads the file (WatchFileError names what is wrong) and stores it as a list."""
    return store_list(library=library, parsed=read_list(path, name))


def _entry_values(e: ParsedEntry) -> dict:
    return {
        "name": e.name,
        "aliases": "\n".join(a.replace("\n", " ") for a in e.aliases),
        "kind": e.kind,
        "entry_type": e.entry_type,
        "countries": ",".join(e.countries),
        "programs": "; ".join(e.programs),
        "source_list": e.source_list,
        "remarks": e.remarks,
    }


def _older(parsed: ParsedList, row: WatchList) -> bool:
    """A published list (the CSL carries its date) older than the one stored."""
    if not (row.list_date and parsed.list_date and parsed.source.startswith("csl")):
        return False
    return parsed.list_date < row.list_date


def store_list(*, library: Library, parsed: ParsedList) -> ListImport:
    if not parsed.name:
        raise WatchListError("A watch list needs a name.")
    with library.write() as session:
        row = session.execute(select(WatchList).where(col(WatchList.name) == parsed.name)).scalar()
        created = row is None
        if row is None:
            row = WatchList(name=parsed.name, threshold=DEFAULT_THRESHOLD)
        elif _older(parsed, row):
            raise WatchListError(
                f"{parsed.file_name} is dated {parsed.list_date}, older than the list "
                f"'{row.name}' you have ({row.list_date}); nothing was changed. Import it "
                "with another name (--name) to keep both."
            )
        row.source, row.file_name = parsed.source, parsed.file_name
        row.list_date, row.imported_at = parsed.list_date, utcnow()
        session.add(row)
        session.flush()
        list_id = stored_id(row.id)
        old = {
            key: (entry_id, name, aliases)
            for entry_id, key, name, aliases in session.execute(
                select(
                    col(WatchEntry.id),
                    col(WatchEntry.key),
                    col(WatchEntry.name),
                    col(WatchEntry.aliases),
                ).where(col(WatchEntry.list_id) == list_id)
            )
        }
        incoming: dict[str, ParsedEntry] = {}
        for entry in parsed.entries:
            incoming.setdefault(entry.key, entry)
        added = [e for k, e in incoming.items() if k not in old]
        removed = [(k, v) for k, v in old.items() if k not in incoming]
        kept = [(old[k][0], e) for k, e in incoming.items() if k in old]
        gone = [v[0] for _, v in removed]
        for start in range(0, len(gone), 500):
            session.execute(
                delete(WatchEntry).where(col(WatchEntry.id).in_(gone[start : start + 500]))
            )
        for entry_id, e in kept:
            values = _entry_values(e)
            if (values["name"], values["aliases"]) != old[e.key][1:]:
                # other names: hits not judged yet are found again by the screening that follows
                session.execute(
                    delete(WatchHit).where(
                        col(WatchHit.entry_id) == entry_id, col(WatchHit.status) == HIT_NEW
                    )
                )
            session.execute(
                update(WatchEntry).where(col(WatchEntry.id) == entry_id).values(**values)
            )
        rows = [{"list_id": list_id, "key": e.key, **_entry_values(e)} for e in added]
        for start in range(0, len(rows), 2000):
            session.execute(insert(WatchEntry), rows[start : start + 2000])
        store_list_index(session, list_id)  # with the entries, in the same transaction
    return ListImport(
        list_id=list_id,
        name=parsed.name,
        list_date=parsed.list_date,
        created=created,
        added=tuple(e.name for e in added),
        removed=tuple(v[1] for _, v in removed),
        kept=len(kept),
        changes=Changes(everything=bool(removed)),
    )


def add_own_entry(
    *,
    library: Library,
    name: str,
    aliases: Sequence[str] = (),
    kind: str = ANY,
    countries: Sequence[str] = (),
    remarks: str = "",
    list_name: str = OWN_LIST,
    item_id: int | None = None,
) -> int:
    """An entry the analyst typed (or "watch this entity"), in their own list; its id."""
    name = " ".join(name.split())
    if not name:
        raise WatchListError("A watch-list entry needs a name.")
    if kind not in (ANY, PERSON, ORGANIZATION):
        raise WatchListError(f"Unknown kind {kind!r}: person, organization or any.")
    with library.write() as session:
        row = session.execute(select(WatchList).where(col(WatchList.name) == list_name)).scalar()
        if row is None:
            row = WatchList(name=list_name, source="own", list_date=date.today())
            session.add(row)
            session.flush()
        elif row.source != "own":
            raise WatchListError(
                f"'{list_name}' is an imported list; add your entries to your own."
            )
        key = f"item:{item_id}" if item_id is not None else name.casefold()
        exists = session.execute(
            select(col(WatchEntry.id)).where(
                col(WatchEntry.list_id) == row.id, col(WatchEntry.key) == key
            )
        ).scalar()
        if exists is not None:
            return int(exists)
        entry = WatchEntry(
            list_id=stored_id(row.id), key=key, name=name, kind=kind, item_id=item_id,
            aliases="\n".join(a.strip() for a in aliases if a.strip() and a.strip() != name),
            countries=",".join(c.strip().upper() for c in countries if c.strip()),
            remarks=remarks, entry_type="your entry",
        )  # fmt: skip
        session.add(entry)
        row.list_date = date.today()
        row.imported_at = utcnow()
        session.flush()
        store_list_index(session, stored_id(row.id))
        return stored_id(entry.id)


def watch_entity(*, library: Library, item_id: int) -> Edited[int]:
    """Puts an entity on the analyst's own list (with its aliases) and marks it as a confirmed
    hit of that entry: the flag shows at once; look-alikes are found by the next screening."""
    with library.session() as session:
        item = session.get(Item, item_id)
        if item is None or item.kind == "article":
            raise WatchListError("Only people, organizations and groups can be watched.")
        aliases = [
            a
            for (a,) in session.execute(
                select(col(Alias.name)).where(col(Alias.entity_id) == item_id)
            )
        ]
    kind = PERSON if item.kind == "person" else ORGANIZATION
    entry_id = add_own_entry(
        library=library, name=item.name, aliases=aliases, kind=kind, item_id=item_id
    )
    with library.write() as session:
        known = session.execute(
            select(col(WatchHit.id)).where(
                col(WatchHit.entry_id) == entry_id, col(WatchHit.item_id) == item_id
            )
        ).scalar()
        if known is None:
            session.add(
                WatchHit(
                    entry_id=entry_id, item_id=item_id, entry_name=item.name, matched=item.name,
                    score=100, reason="watched by you", status=HIT_CONFIRMED,
                    decided_at=utcnow(),
                )
            )  # fmt: skip
    return Edited(entry_id, Changes(entities={item_id}))


def set_threshold(*, library: Library, list_id: int, threshold: int) -> Changes:
    if not 50 <= threshold <= 100:
        raise WatchListError("A threshold is a score between 50 and 100.")
    with library.write() as session:
        session.execute(
            update(WatchList).where(col(WatchList.id) == list_id).values(threshold=threshold)
        )
        forget_hits_below(session, list_id, threshold)
    return Changes(everything=True)


def delete_list(*, library: Library, list_id: int) -> Changes:
    with library.write() as session:
        session.execute(delete(WatchList).where(col(WatchList.id) == list_id))
    return Changes(everything=True)


def set_hit_status(*, library: Library, hit_ids: Iterable[int], status: str) -> Changes:
    """Confirm, dismiss (never raised again) or reopen hits."""
    if status not in HIT_STATUSES:
        raise WatchListError(f"Unknown status {status!r}: {', '.join(HIT_STATUSES)}.")
    ids = sorted(set(hit_ids))
    if not ids:
        return Changes()
    with library.write() as session:
        items = {
            i
            for (i,) in session.execute(
                select(col(WatchHit.item_id)).where(col(WatchHit.id).in_(ids))
            )
        }
        session.execute(
            update(WatchHit)
            .where(col(WatchHit.id).in_(ids))
            .values(status=status, decided_at=None if status == HIT_NEW else utcnow())
        )
    return Changes(entities=items, everything=True)


# --- reading ----------------------------------------------------------------------------------
def list_lists(session) -> list[ListInfo]:
    counts = select(col(WatchEntry.list_id), func.count(col(WatchEntry.id))).group_by(
        col(WatchEntry.list_id)
    )
    entries = {lid: n for lid, n in session.execute(counts)}
    hits: dict[int, list[int]] = {}
    rows = session.execute(
        select(col(WatchEntry.list_id), col(WatchHit.status), func.count(col(WatchHit.id)))
        .join(WatchEntry, col(WatchEntry.id) == col(WatchHit.entry_id))
        .group_by(col(WatchEntry.list_id), col(WatchHit.status))
    )
    for list_id, status, n in rows:
        h = hits.setdefault(list_id, [0, 0])
        if status != HIT_DISMISSED:
            h[0] += n
        if status == HIT_NEW:
            h[1] += n
    out = []
    for row in session.execute(
        select(WatchList).order_by(func.lower(col(WatchList.name)))
    ).scalars():
        h = hits.get(row.id, [0, 0])
        out.append(
            ListInfo(row.id, row.name, row.source, row.list_date, row.imported_at, row.threshold,
                     row.active, entries.get(row.id, 0), h[0], h[1])
        )  # fmt: skip
    return out


def find_list(session, name: str) -> int:
    lists = list_lists(session)
    for info in lists:
        if info.name.casefold() == name.strip().casefold() or str(info.id) == name.strip():
            return info.id
    known = ", ".join(i.name for i in lists) or "none yet"
    raise WatchListError(f"No watch list named '{name}' (lists: {known}).")


#: The columns of a HitRow, in its order.
_HIT_COLUMNS: tuple[Any, ...] = (
    col(WatchHit.id), col(WatchList.id), col(WatchList.name), col(WatchList.list_date), col(WatchEntry.id),
    col(WatchEntry.name), col(WatchHit.entry_name), col(WatchHit.matched), col(Item.id), col(Item.kind), col(Item.name),
    col(WatchHit.article_id), col(WatchHit.score), col(WatchHit.reason), col(WatchHit.status),
)  # fmt: skip


def list_hits(
    session,
    *,
    list_id: int | None = None,
    include_dismissed: bool = False,
    item_ids: Iterable[int] | None = None,
    statuses: Sequence[str] | None = None,
    hit_ids: Iterable[int] | None = None,
) -> list[HitRow]:
    """Hits, best first; dismissed ones only when asked."""
    query = (
        select(*_HIT_COLUMNS)
        .join(WatchEntry, col(WatchEntry.id) == col(WatchHit.entry_id))
        .join(WatchList, col(WatchList.id) == col(WatchEntry.list_id))
        .join(Item, col(Item.id) == col(WatchHit.item_id))
        .order_by(col(WatchHit.status) != HIT_NEW, col(WatchHit.score).desc(), col(Item.name), col(WatchHit.id))
    )  # fmt: skip
    if list_id is not None:
        query = query.where(col(WatchList.id) == list_id)
    if statuses:
        query = query.where(col(WatchHit.status).in_(tuple(statuses)))
    elif not include_dismissed:
        query = query.where(col(WatchHit.status) != HIT_DISMISSED)
    if item_ids is not None:
        query = query.where(col(WatchHit.item_id).in_(sorted(set(item_ids))))
    if hit_ids is not None:
        query = query.where(col(WatchHit.id).in_(sorted(set(hit_ids))))
    return [HitRow(*row) for row in session.execute(query)]


def entries_of(session, list_id: int, limit: int = 5000) -> list[tuple[int, str, str, str]]:
    """(id, name, aliases joined by '; ', countries) of a list's entries, by name."""
    rows = session.execute(
        select(
            col(WatchEntry.id),
            col(WatchEntry.name),
            col(WatchEntry.aliases),
            col(WatchEntry.countries),
        )
        .where(col(WatchEntry.list_id) == list_id)
        .order_by(func.lower(col(WatchEntry.name)))
        .limit(limit)
    )
    return [(i, n, a.replace("\n", "; "), c) for i, n, a, c in rows]


def flags(session, item_ids: Sequence[int]) -> dict[int, str]:
    """Which of these items are flagged, with a line saying why: an entity with a hit that is
    not dismissed, or an article that mentions one."""
    ids = sorted(set(item_ids))
    out: dict[int, str] = {}
    for start in range(0, len(ids), 500):
        part = ids[start : start + 500]
        for hit in list_hits(session, item_ids=part):
            out.setdefault(hit.item_id, _flag_line(hit))
        mentioned = (
            select(col(Link.source_id), col(WatchHit.id))
            .join(WatchHit, col(WatchHit.item_id) == col(Link.target_id))
            .where(
                col(Link.source_id).in_(part),
                col(Link.kind) == MENTIONS,
                col(Link.status) != REJECTED,
                col(WatchHit.status) != HIT_DISMISSED,
            )
        )
        by_article: dict[int, list[int]] = {}
        for article_id, hit_id in session.execute(mentioned):
            by_article.setdefault(article_id, []).append(hit_id)
        if by_article:
            hit_ids = sorted({h for v in by_article.values() for h in v})
            rows = {h.id: h for h in list_hits(session, hit_ids=hit_ids[:500])}
            for article_id, hids in by_article.items():
                best = max(
                    (rows[h] for h in hids if h in rows), key=lambda h: h.score, default=None
                )
                if best is not None:
                    out.setdefault(article_id, f"mentions {best.matched}: " + _flag_line(best))
    return out


def _flag_line(hit: HitRow) -> str:
    return f"on {hit.list_name}: {hit.entry} ({hit.score}%, {hit.status})"


def flagged_ids(session) -> set[int]:
    """Every flagged item: entities with live hits and the articles that mention them."""
    entity_ids = {
        i for (i,) in session.execute(
            select(col(WatchHit.item_id)).where(col(WatchHit.status) != HIT_DISMISSED).distinct()
        )
    }  # fmt: skip
    if not entity_ids:
        return set()
    articles = session.execute(
        select(col(Link.source_id))
        .where(
            col(Link.target_id).in_(
                select(col(WatchHit.item_id)).where(col(WatchHit.status) != HIT_DISMISSED)
            ),
            col(Link.kind) == MENTIONS,
            col(Link.status) != REJECTED,
        )
        .distinct()
    )
    return entity_ids | {a for (a,) in articles}


def confirmed_for_items(session, item_ids: Sequence[int]) -> list[HitRow]:
    """Confirmed hits of these items or of the entities the articles among them mention: the
    case summary's Screening section."""
    ids = set(item_ids)
    if not ids:
        return []
    mentioned = {
        t for (t,) in session.execute(
            select(col(Link.target_id)).where(
                col(Link.source_id).in_(sorted(ids)), col(Link.kind) == MENTIONS, col(Link.status) != REJECTED
            )
        )
    }  # fmt: skip
    return list_hits(session, item_ids=ids | mentioned, statuses=(HIT_CONFIRMED,))


__all__ = [
    "OWN_LIST",
    "HitRow",
    "ListImport",
    "ListInfo",
    "WatchFileError",
    "WatchListError",
    "add_own_entry",
    "confirmed_for_items",
    "delete_list",
    "entries_of",
    "find_list",
    "flagged_ids",
    "flags",
    "import_list_file",
    "list_hits",
    "list_lists",
    "set_hit_status",
    "set_threshold",
    "store_list",
    "watch_entity",
]
