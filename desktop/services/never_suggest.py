"""The analyst's "never suggest this" list (issue 20): names no import or re-extraction of
this library suggests again.

The list is stored in the library (table ``never_suggest``), so the window, the CLI and a
colleague's window on a shared library all honour it. Names are compared by
``normalize_name`` (case, accents, punctuation and spacing do not matter), against every name
the extractor found for an entity (its aliases too) and against the stored entity a name
resolves to (so marking "United Nations" also silences a later "UN" that resolves to it).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import delete
from sqlmodel import Session, col, select

from desktop.services.changes import Changes, Edited
from desktop.store.db import Library
from desktop.store.dialect import RawCursor, raw_cursor
from desktop.store.models import REJECTED, Link, NeverSuggest
from desktop.store.text import normalize_name

#: largest IN (...) list per query (SQLite's old default limit is 999 parameters)
_IN_CHUNK = 500


@dataclass(frozen=True, slots=True)
class Blocked:
    """What one import checks its suggestions against: the blocked names' keys, and the
    stored entities known by one of them."""

    norms: frozenset[str] = frozenset()
    entity_ids: frozenset[int] = frozenset()

    def __bool__(self) -> bool:
        return bool(self.norms)

    def names(self, norms: Iterable[str]) -> bool:
        """One of an extracted entity's normalised names is on the list."""
        return bool(self.norms) and any(n in self.norms for n in norms)


@dataclass(frozen=True, slots=True)
class Silenced:
    """The before-image ``never_suggest`` hands its undo: the names newly put on the list (undo
    removes only these) and each rejected link's previous status."""

    names: tuple[str, ...]
    previous: dict[int, str]


def clean(name: str) -> str:
    """The name as shown in the list: spacing collapsed."""
    return " ".join(name.split())


def list_names(session: Session) -> list[str]:
    rows = session.exec(select(NeverSuggest.name)).all()
    return sorted(rows, key=str.casefold)


def is_blocked(session: Session, name: str) -> bool:
    return session.get(NeverSuggest, normalize_name(name)) is not None


def add_names(*, library: Library, names: Sequence[str]) -> Edited[list[str]]:
    """Puts names on the list; returns the ones that were not on it yet."""
    with library.write() as session:
        added = _add(session, names)
    return Edited(added, Changes(everything=bool(added)))


def _add(session: Session, names: Sequence[str]) -> list[str]:
    added: list[str] = []
    for name in names:
        norm, shown = normalize_name(name), clean(name)
        if not norm or session.get(NeverSuggest, norm) is not None:
            continue
        session.add(NeverSuggest(norm=norm, name=shown))
        session.flush()
        added.append(shown)
    return added


def remove_names(*, library: Library, names: Sequence[str]) -> Edited[list[str]]:
    """Takes names off the list (the next import suggests them again); returns the ones
    that were on it."""
    norms = {normalize_name(n) for n in names} - {""}
    with library.write() as session:
        rows = session.exec(select(NeverSuggest).where(col(NeverSuggest.norm).in_(norms))).all()
        removed = [r.name for r in rows]
        session.execute(delete(NeverSuggest).where(col(NeverSuggest.norm).in_(norms)))
    return Edited(removed, Changes(everything=bool(removed)))


def never_suggest(*, library: Library, name: str, link_ids: Sequence[int]) -> Edited[Silenced]:
    """ "Never suggest this": the name goes on the list and the suggestions shown are
    rejected, in one transaction (one undo step restores both: ``undo_never_suggest``)."""
    previous: dict[int, str] = {}
    touched: set[int] = set()
    with library.write() as session:
        added = tuple(_add(session, [name]))
        for link in session.exec(select(Link).where(col(Link.id).in_(link_ids))).all():
            previous[link.id or 0] = link.status
            link.status = REJECTED
            session.add(link)
            touched |= {link.source_id, link.target_id}
    changes = Changes(links=set(previous), entities=touched, everything=True)
    return Edited(Silenced(added, previous), changes)


def undo_never_suggest(*, library: Library, done: Silenced) -> Changes:
    """Takes the names ``never_suggest`` added off the list and puts back each link's status."""
    norms = [normalize_name(n) for n in done.names]
    with library.write() as session:
        if norms:
            session.execute(delete(NeverSuggest).where(col(NeverSuggest.norm).in_(norms)))
        for link in session.exec(select(Link).where(col(Link.id).in_(list(done.previous)))):
            link.status = done.previous[link.id or 0]
            session.add(link)
    return Changes(links=set(done.previous), everything=True)


def blocked(conn: RawCursor) -> Blocked:
    """The list as one import reads it, inside the import's storing transaction."""
    norms = frozenset(str(r[0]) for r in conn.execute("SELECT norm FROM never_suggest"))
    if not norms:
        return Blocked()
    ids: set[int] = set()
    values = sorted(norms)
    for start in range(0, len(values), _IN_CHUNK):
        params = {f"n{i}": v for i, v in enumerate(values[start : start + _IN_CHUNK])}
        marks = ", ".join(f":{k}" for k in params)
        rows = conn.execute(f"SELECT entity_id FROM alias WHERE norm IN ({marks})", params)  # noqa: S608 - placeholders only
        ids.update(int(r[0]) for r in rows)
    return Blocked(norms, frozenset(ids))


def blocked_in(session: Session) -> Blocked:
    return blocked(raw_cursor(session.connection()))
