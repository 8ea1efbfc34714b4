"""Screening: the library's people and organizations matched against the watch lists.

Reads entities, writes hits; the UI shows hits and never computes them. Matching itself is
pure (``desktop.extract.namematch``); this module reads the names, keeps the list index between
runs, and stores what it finds in short write transactions (the lock is never held while
names are compared). A pair already judged (confirmed or dismissed) is never raised again.
"""

from __future__ import annotations

import gc
import json
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import delete, func, insert, select
from sqlmodel import col

from desktop.extract.name_index import DATA_VERSION, ScreeningIndex, reason
from desktop.extract.namematch import ANY, ORGANIZATION, PERSON
from desktop.services.changes import Changes
from desktop.store.db import Library, LibraryError
from desktop.store.models import (
    HIT_DISMISSED,
    HIT_NEW,
    MENTIONS,
    REJECTED,
    Alias,
    Item,
    Link,
    WatchEntry,
    WatchHit,
    WatchList,
    WatchListIndex,
    utcnow,
)

#: Entity kinds screened, and the kind of name each is compared as.
SCREENED_KINDS = {"person": PERSON, "organization": ORGANIZATION, "group": ORGANIZATION}
WRITE_CHUNK = 2000
#: A few country names as ISO codes, for "country CN agrees" in a hit's reason.
COUNTRY_CODES = {
    "china": "CN", "people's republic of china": "CN", "hong kong": "HK", "russia": "RU",
    "russian federation": "RU", "iran": "IR", "north korea": "KP", "south korea": "KR",
    "united arab emirates": "AE", "uae": "AE", "belarus": "BY", "syria": "SY", "cuba": "CU",
    "venezuela": "VE", "turkey": "TR", "türkiye": "TR", "india": "IN", "pakistan": "PK",
    "united states": "US", "united kingdom": "GB", "germany": "DE", "france": "FR",
    "netherlands": "NL", "japan": "JP", "taiwan": "TW", "singapore": "SG", "malaysia": "MY",
    "israel": "IL", "lebanon": "LB", "iraq": "IQ", "afghanistan": "AF", "myanmar": "MM",
    "burma": "MM", "ukraine": "UA", "kazakhstan": "KZ", "armenia": "AM", "georgia": "GE",
    "kyrgyzstan": "KG", "uzbekistan": "UZ", "serbia": "RS", "italy": "IT", "spain": "ES",
    "canada": "CA", "mexico": "MX", "brazil": "BR", "south africa": "ZA", "thailand": "TH",
    "vietnam": "VN", "indonesia": "ID", "philippines": "PH", "saudi arabia": "SA",
    "qatar": "QA", "oman": "OM", "yemen": "YE", "libya": "LY", "sudan": "SD", "cyprus": "CY",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class ScreenResult:
    new_hits: int
    changes: Changes = field(default_factory=Changes)


#: The index, each entry's list and each list's threshold.
_Built = tuple[ScreeningIndex, dict[int, int], dict[int, int]]


class _IndexCache:
    """The last index built, kept while no list changed (an import screens a few new names
    against lists that stay the same)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._key: tuple = ()
        self._value: _Built | None = None

    def get(self, library: Library, list_ids: Sequence[int] | None) -> _Built:
        with library.session() as session:
            query = select(
                col(WatchList.id), col(WatchList.imported_at), col(WatchList.threshold),
                select(func.count(col(WatchEntry.id))).where(col(WatchEntry.list_id) == col(WatchList.id))
                .scalar_subquery(),
                select(func.max(col(WatchEntry.id))).where(col(WatchEntry.list_id) == col(WatchList.id))
                .scalar_subquery(),
            ).where(col(WatchList.active) == True)  # fmt: skip
            if list_ids is not None:
                query = query.where(col(WatchList.id).in_(list_ids))
            lists = tuple(sorted(tuple(r) for r in session.execute(query)))
            key = (library.url, lists)
            with self._lock:
                if key == self._key and self._value is not None:
                    return self._value
            value, built = _build_index(session, {r[0]: (r[3], r[4]) for r in lists})
            value[2].update({r[0]: r[2] for r in lists})
        if built:
            _keep_indexes(library, built, {r[0]: r[1] for r in lists})
        with self._lock:
            self._key, self._value = key, value
        return value


_CACHE = _IndexCache()


def _entry_rows(session, list_id: int) -> list[tuple[int, str, str, str]]:
    """(id, name, aliases, kind) of a list's entries: what its index is built from."""
    return [
        (int(r[0]), r[1], r[2], r[3])
        for r in session.execute(
            select(
                col(WatchEntry.id), col(WatchEntry.name), col(WatchEntry.aliases),
                col(WatchEntry.kind),
            ).where(col(WatchEntry.list_id) == list_id)
        )
    ]  # fmt: skip


def _index_data(rows: Iterable[tuple[int, str, str, str]]) -> dict[str, Any]:
    """A list's index as stored: ``ScreeningIndex.to_data`` with the list's entry count and
    highest entry id, by which a stale one is told."""
    index = ScreeningIndex()
    ids = []
    for entry_id, name, aliases, kind in rows:
        index.add(entry_id, kind or ANY, [name, *aliases.split("\n")])
        ids.append(entry_id)
    return {**index.to_data(), "entries": len(ids), "max_id": max(ids, default=None)}


def _build_index(
    session, lists: dict[int, tuple[int, int | None]]
) -> tuple[_Built, dict[int, dict[str, Any]]]:
    """The lists' index from their stored ones (which hold all it needs: no entry is read);
    a list whose stored index is missing, stale (by version, entry count or highest id) or
    damaged is indexed here from its entries, and returned to be stored."""
    stored = dict(
        session.execute(
            select(col(WatchListIndex.list_id), col(WatchListIndex.data)).where(
                col(WatchListIndex.list_id).in_(list(lists))
            )
        ).all()
    )
    parts: dict[int, dict[str, Any]] = {}
    built: dict[int, dict[str, Any]] = {}
    for list_id, (count, max_id) in sorted(lists.items()):
        data = _loads(stored.get(list_id))
        if (
            data is None
            or data.get("version") != DATA_VERSION
            or (data.get("entries"), data.get("max_id")) != (count, max_id)
        ):
            data = built[list_id] = _index_data(_entry_rows(session, list_id))
        parts[list_id] = data
    try:
        index = ScreeningIndex.from_data(parts.values())
        list_of = _lists_of(parts, lists)
    except (ValueError, KeyError, TypeError):  # stored by hand or damaged: index again
        built = parts = {lid: _index_data(_entry_rows(session, lid)) for lid in lists}
        index = ScreeningIndex.from_data(parts.values())
        list_of = _lists_of(parts, lists)
    return (index, list_of, {}), built


def _lists_of(
    parts: dict[int, dict[str, Any]], lists: dict[int, tuple[int, int | None]]
) -> dict[int, int]:
    """Each indexed entry's list; raises ValueError when a part names entries its list
    cannot hold (more of them than it has, or above its highest id)."""
    out: dict[int, int] = {}
    for list_id, part in parts.items():
        ids = set(part["entry"])
        count, max_id = lists[list_id]
        if len(ids) > count or (ids and (max_id is None or max(ids) > max_id)):
            raise ValueError("an index of other entries")
        out.update(dict.fromkeys(ids, list_id))
    return out


def _loads(text: str | None) -> dict[str, Any] | None:
    try:
        data = json.loads(text) if text else None
    except ValueError:
        return None
    return data if isinstance(data, dict) else None


def store_list_index(session, list_id: int) -> None:
    """Indexes a list in the transaction that changed its entries (import, own entries)."""
    data = _index_data(_entry_rows(session, list_id))
    session.execute(delete(WatchListIndex).where(col(WatchListIndex.list_id) == list_id))
    session.execute(insert(WatchListIndex).values(list_id=list_id, data=json.dumps(data)))


def _keep_indexes(
    library: Library, built: dict[int, dict[str, Any]], imported_at: dict[int, object]
) -> None:
    """Stores the indexes screening had to build (lists imported before indexes were kept),
    unless the list changed meanwhile: its own import then stored a newer one."""
    try:
        with library.write() as session:
            for list_id, data in built.items():
                now = session.execute(
                    select(col(WatchList.imported_at)).where(col(WatchList.id) == list_id)
                ).scalar()
                if now != imported_at.get(list_id):
                    continue
                session.execute(
                    delete(WatchListIndex).where(col(WatchListIndex.list_id) == list_id)
                )
                session.execute(
                    insert(WatchListIndex).values(list_id=list_id, data=json.dumps(data))
                )
    except LibraryError:  # read-only or busy: the index is built again next time
        pass


def has_active_lists(library: Library) -> bool:
    with library.session() as session:
        return (
            session.execute(
                select(col(WatchList.id)).where(col(WatchList.active) == True).limit(1)  # noqa: E712
            ).first()
            is not None
        )


def _names(session, item_ids: Iterable[int] | None) -> list[tuple[int, str, str]]:
    """(item id, kind, name) for every name and alias of the screened entities."""
    query = select(col(Item.id), col(Item.kind), col(Item.name)).where(
        col(Item.kind).in_(tuple(SCREENED_KINDS))
    )
    alias_query = (
        select(col(Alias.entity_id), col(Item.kind), col(Alias.name))
        .join(Item, col(Item.id) == col(Alias.entity_id))
        .where(col(Item.kind).in_(tuple(SCREENED_KINDS)))
    )
    out: list[tuple[int, str, str]] = []
    if item_ids is None:
        out += [tuple(r) for r in session.execute(query)]
        out += [tuple(r) for r in session.execute(alias_query)]
    else:
        ids = sorted(set(item_ids))
        for start in range(0, len(ids), 500):
            part = ids[start : start + 500]
            out += [tuple(r) for r in session.execute(query.where(col(Item.id).in_(part)))]
            out += [
                tuple(r) for r in session.execute(alias_query.where(col(Alias.entity_id).in_(part)))
            ]
    seen: set[tuple[int, str]] = set()
    unique = []
    for item_id, kind, name in out:
        if len(name) >= 3 and (item_id, name) not in seen:
            seen.add((item_id, name))
            unique.append((item_id, kind, name))
    return unique


def screen(
    *,
    library: Library,
    list_ids: Sequence[int] | None = None,
    item_ids: Iterable[int] | None = None,
    should_cancel: Callable[[], bool] | None = None,
    seen: set[tuple[int, str]] | None = None,
) -> ScreenResult:
    """Screens entities (``item_ids``, else all) against lists (``list_ids``, else every
    active list); stores the pairs not seen before as new hits. ``seen``: (entity, name)
    pairs already screened against these lists (skipped), added to as names are screened:
    an import screening batch by batch screens each name once."""
    with _without_gc_pauses():
        index, entries, thresholds = _CACHE.get(library, list_ids)
        if not entries:
            return ScreenResult(0)
        found, screened = _match(library, index, entries, thresholds, item_ids, should_cancel, seen)
    result = _store_hits(library, found) if found else ScreenResult(0)
    if seen is not None:  # once the hits are stored: a busy library leaves them to screen again
        seen.update(screened)
    return result


@contextmanager
def _without_gc_pauses() -> Iterator[None]:
    """No cyclic garbage collection while the index is loaded and names are compared: they
    allocate many small objects and no cycles, and in a process that already holds a big heap
    (an import's) the collector's full passes took 40% of screening's time."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _match(
    library: Library,
    index: ScreeningIndex,
    entries: dict[int, int],
    thresholds: dict[int, int],
    item_ids: Iterable[int] | None,
    should_cancel: Callable[[], bool] | None,
    seen: set[tuple[int, str]] | None,
) -> tuple[dict[tuple[int, int], tuple[int, str, str, str]], list[tuple[int, str]]]:
    """(entry, item) -> (score, entry's name, screened name, reason) of the best hits, and
    the (entity, name) pairs screened (those not in ``seen``)."""
    lowest = min(thresholds.values(), default=85)
    with library.session() as session:
        names = _names(session, item_ids)
    if seen is not None:
        names = [n for n in names if (n[0], n[2]) not in seen]
    found: dict[tuple[int, int], tuple[int, str, str, str]] = {}
    done = 0
    for n, (item_id, kind, name) in enumerate(names):
        if should_cancel is not None and n % 1000 == 0 and should_cancel():
            break
        done = n + 1
        for hit in index.search(name, SCREENED_KINDS.get(kind, ANY), lowest):
            if hit.match.score < thresholds.get(entries[hit.entry_id], lowest):
                continue
            pair = (hit.entry_id, item_id)
            old = found.get(pair)
            if old is None or hit.match.score > old[0]:
                found[pair] = (hit.match.score, hit.entry_name, name, reason(hit))
    return found, [(item_id, name) for item_id, _kind, name in names[:done]]


def _store_hits(
    library: Library,
    found: dict[tuple[int, int], tuple[int, str, str, str]],
) -> ScreenResult:
    items = sorted({item for _, item in found})
    new = 0
    touched: set[int] = set()
    articles: set[int] = set()
    with library.write() as session:
        known: set[tuple[int, int]] = set()
        first_article: dict[int, int] = {}
        countries: dict[int, set[str]] = {}
        for start in range(0, len(items), 500):
            part = items[start : start + 500]
            known |= {
                (e, i)
                for e, i in session.execute(
                    select(col(WatchHit.entry_id), col(WatchHit.item_id)).where(
                        col(WatchHit.item_id).in_(part)
                    )
                )
            }
            first_article.update(_first_articles(session, part))
        fresh = {pair: v for pair, v in found.items() if pair not in known}
        listed: dict[int, frozenset[str]] = {}
        if fresh:
            countries = _countries(session, {i for _, i in fresh}, first_article)
            listed = _entry_countries(session, sorted({e for e, _ in fresh}))
        now = utcnow()
        rows = []
        for (entry_id, item_id), (score, entry_name, matched, why) in sorted(fresh.items()):
            agree = sorted(listed.get(entry_id, frozenset()) & countries.get(item_id, set()))
            if agree:
                why += f"; country {', '.join(agree)} agrees"
                score = min(100, score + 2)
            rows.append(
                {"entry_id": entry_id, "item_id": item_id,
                 "article_id": first_article.get(item_id), "entry_name": entry_name,
                 "matched": matched, "score": score, "reason": why, "status": HIT_NEW,
                 "created_at": now}
            )  # fmt: skip
            touched.add(item_id)
            if item_id in first_article:
                articles.add(first_article[item_id])
        for start in range(0, len(rows), WRITE_CHUNK):
            session.execute(insert(WatchHit), rows[start : start + WRITE_CHUNK])
        new = len(rows)
    return ScreenResult(new, Changes(entities=touched, articles=articles) if new else Changes())


def _entry_countries(session, entry_ids: list[int]) -> dict[int, frozenset[str]]:
    """The countries of the entries hit, as ISO codes (stored comma-separated)."""
    out: dict[int, frozenset[str]] = {}
    for start in range(0, len(entry_ids), 500):
        part = entry_ids[start : start + 500]
        for entry_id, text in session.execute(
            select(col(WatchEntry.id), col(WatchEntry.countries)).where(
                col(WatchEntry.id).in_(part)
            )
        ):
            out[entry_id] = frozenset(c.strip().upper() for c in text.split(",") if c.strip())
    return out


def _first_articles(session, entity_ids: list[int]) -> dict[int, int]:
    """The first article (lowest id) that mentions each entity: where a hit can be read."""
    rows = session.execute(
        select(col(Link.target_id), func.min(col(Link.source_id)))
        .where(
            col(Link.target_id).in_(entity_ids),
            col(Link.kind) == MENTIONS,
            col(Link.status) != REJECTED,
        )
        .group_by(col(Link.target_id))
    )
    return {t: s for t, s in rows}


def _countries(session, entity_ids: set[int], first_article: dict[int, int]) -> dict[int, set[str]]:
    """ISO codes of the countries linked to each entity or named in its first article."""
    sources: dict[int, set[int]] = {}
    for entity_id in entity_ids:
        sources.setdefault(entity_id, set()).add(entity_id)
        if entity_id in first_article:
            sources[entity_id].add(first_article[entity_id])
    all_sources = sorted({s for v in sources.values() for s in v})
    named: dict[int, set[str]] = {}
    for start in range(0, len(all_sources), 500):
        part = all_sources[start : start + 500]
        rows = session.execute(
            select(col(Link.source_id), col(Item.name))
            .join(Item, col(Item.id) == col(Link.target_id))
            .where(
                col(Link.source_id).in_(part),
                col(Item.kind) == "country",
                col(Link.status) != REJECTED,
            )
        )
        for source, name in rows:
            code = COUNTRY_CODES.get(name.casefold())
            if code:
                named.setdefault(source, set()).add(code)
    return {e: set().union(*(named.get(s, set()) for s in srcs)) for e, srcs in sources.items()}


def screen_after_import(
    *, library: Library, entity_ids: Iterable[int], seen: set[tuple[int, str]] | None = None
) -> ScreenResult:
    """Import's hook: the entities an import created or touched, against the active lists
    (``seen``: see ``screen``)."""
    ids = list(entity_ids)
    if not ids or not has_active_lists(library):
        return ScreenResult(0)
    return screen(library=library, item_ids=ids, seen=seen)


def forget_hits_below(session, list_id: int, threshold: int) -> None:
    """New hits of a list that no longer reach its threshold go; judged ones stay."""
    entry_ids = select(col(WatchEntry.id)).where(col(WatchEntry.list_id) == list_id)
    session.execute(
        delete(WatchHit).where(
            col(WatchHit.entry_id).in_(entry_ids),
            col(WatchHit.status) == HIT_NEW,
            col(WatchHit.score) < threshold,
        )
    )


__all__ = [
    "HIT_DISMISSED",
    "ScreenResult",
    "forget_hits_below",
    "has_active_lists",
    "screen",
    "screen_after_import",
]
