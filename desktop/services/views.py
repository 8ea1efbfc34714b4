"""The reads the views make: read models and the one way a view reads (``read``).

Widgets never open a database session (a structural test keeps it so): a view asks for its
data with ``read(library, query, *args)``, which runs the service ``query`` in one short read
session (one consistent snapshot) and hands back plain data, safe across threads. A view that
needs several reads in one snapshot has one function here that makes them all.

No Qt here, and nothing that imports SQLAlchemy at module level: the window paints its frame
before the database stack is imported (desktop/ui/app.py), and the navigator and the list
model use these types from the first paint.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any, Concatenate, NamedTuple, ParamSpec, TypeVar

from desktop.services.dto import ArticleView, CaseRef, EntityView

if TYPE_CHECKING:
    from sqlmodel import Session

    from desktop.services.graph import Neighbourhood
    from desktop.services.library import ItemRow
    from desktop.services.review import Suggestion
    from desktop.services.search import NameIndex, QuickMatch, SearchResult
    from desktop.services.watchlists import HitRow, ListInfo
    from desktop.store.db import Library

P = ParamSpec("P")
R = TypeVar("R")

#: rows the list reads at a time
PAGE = 200


def read(
    library: Library, query: Callable[Concatenate[Session, P], R], /,
    *args: P.args, **kwargs: P.kwargs,
) -> R:  # fmt: skip
    """``query(session, *args, **kwargs)`` in one short read session of its own."""
    with library.session() as session:
        return query(session, *args, **kwargs)


# --- the navigator ---------------------------------------------------------------------------


@dataclass(frozen=True)
class NavigatorState:
    """What the navigator shows: section counts, the cases and their item counts. Read on a
    worker at start-up (plain data, safe to hand across threads)."""

    counts: Mapping[str, int] = field(default_factory=dict)
    cases: Sequence[CaseRef] = ()
    case_counts: Mapping[int, int] = field(default_factory=dict)


def navigator_state(session: Session, counts: Mapping[str, int] | None = None) -> NavigatorState:
    """The whole state; with ``counts`` (still right) only the cases are read."""
    from desktop.services import cases as case_service
    from desktop.services.library import section_counts

    return NavigatorState(
        section_counts(session) if counts is None else counts,
        case_service.list_cases(session),
        case_service.case_item_counts(session),
    )


# --- the centre list -------------------------------------------------------------------------


class ListQuery(NamedTuple):
    """What a list shows: the arguments of ``list_item_ids``."""

    section: str
    sort: str = "name"
    descending: bool = False
    text_filter: str = ""
    case_id: int | None = None
    date_from: date | None = None  # articles published in this range (both ends included)
    date_to: date | None = None


@dataclass(frozen=True)
class FirstPage:
    """A query's ids and its first page of rows, read ahead (on the start-up worker)."""

    query: ListQuery
    ids: array[int]  # 8 bytes an id (desktop.services.library.list_item_ids)
    rows: list[ItemRow] = field(default_factory=list)


def query_ids(session: Session, query: ListQuery) -> array[int]:
    from desktop.services.library import list_item_ids

    return list_item_ids(session, section=query.section, sort=query.sort,
                         descending=query.descending, text_filter=query.text_filter,
                         case_id=query.case_id, date_from=query.date_from,
                         date_to=query.date_to)  # fmt: skip


def first_page(session: Session, query: ListQuery) -> FirstPage:
    from desktop.services.library import item_rows

    ids = query_ids(session, query)
    return FirstPage(query, ids, item_rows(session, ids[:PAGE]))


def start_state(
    session: Session, query: ListQuery | None
) -> tuple[NavigatorState, FirstPage | None]:
    """What the window shows first, in one snapshot: the navigator and the first list."""
    return navigator_state(session), first_page(session, query) if query is not None else None


def most_mentioned(session: Session, sections: Sequence[str], limit: int) -> list[ItemRow]:
    """The most mentioned items of each section (the inbox passed over), in section order."""
    from desktop.services.library import item_rows, list_item_ids

    ids: list[int] = []
    for section in dict.fromkeys(sections):
        if section != "inbox":
            ids += list_item_ids(session, section=section, sort="mentions", descending=True)[:limit]
    return item_rows(session, ids)


# --- the detail area and the case files ------------------------------------------------------


def item_view(session: Session, item_id: int) -> ArticleView | EntityView | None:
    """The read model of an item (None when it is gone)."""
    from desktop.services.library import ItemNotFound, get_article, get_entity, get_ref

    try:
        if get_ref(session, item_id).kind == "article":
            return get_article(session, item_id)
        return get_entity(session, item_id)
    except ItemNotFound:
        return None


def case_choices(session: Session) -> tuple[list[CaseRef], dict[int, int]]:
    """The cases and how many items each holds (the "Add to case" dialog)."""
    from desktop.services import cases as case_service

    return case_service.list_cases(session), case_service.case_item_counts(session)


# --- watch lists -----------------------------------------------------------------------------


@dataclass(frozen=True)
class WatchPageData:
    info: ListInfo | None  # None: every list
    hits: list[HitRow]
    entries: list[tuple[int, str, str, str]]


def watch_page(session: Session, list_id: int, statuses: tuple[str, ...]) -> WatchPageData:
    from desktop.services import watchlists

    info = next((i for i in watchlists.list_lists(session) if i.id == list_id), None)
    hits = watchlists.list_hits(
        session, list_id=list_id or None, statuses=statuses, include_dismissed=True
    )
    entries = watchlists.entries_of(session, list_id, limit=50_000) if list_id else []
    return WatchPageData(info, hits, entries)


# --- finding items by name -------------------------------------------------------------------


def name_index(session: Session, commands: Sequence[tuple[str, str]] = ()) -> NameIndex:
    """Every name a quick find matches (and ``commands``), loaded once."""
    from desktop.services.search import NameIndex

    return NameIndex.load(session=session, commands=commands)


def quick_matches(
    session: Session, text: str, limit: int, names: NameIndex | None = None
) -> list[QuickMatch]:
    from desktop.services.search import quick_open

    return quick_open(session=session, text=text, limit=limit, names=names)


def search_results(session: Session, **params: Any) -> SearchResult:
    """The search panel's query (``params``: the arguments of ``services.search.search``)."""
    from desktop.services.search import search

    return search(session=session, **params)


def case_diagram(session: Session, case_id: int) -> Neighbourhood:
    """A case's items and the links among them (the printed connection diagram)."""
    from desktop.services.graph import case_graph

    return case_graph(session=session, case_id=case_id)


def entity_pair(session: Session, first: int, second: int) -> tuple[EntityView, EntityView]:
    """Two entity pages in one snapshot (the merge dialog's preview)."""
    from desktop.services.library import get_entity

    return get_entity(session, first), get_entity(session, second)


def article_review(session: Session, article_id: int) -> tuple[ArticleView, list[Suggestion]]:
    """An article and its suggestions in one snapshot (the review panel)."""
    from desktop.services.library import get_article
    from desktop.services.review import article_suggestions

    return get_article(session, article_id), article_suggestions(session, article_id)
