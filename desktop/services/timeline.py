"""The timeline of an item or a case: when things happened, in date order, each with its source.

A read model over what is stored, not a new graph (DESIGN "Dated statements"): an article is an
event on its published date; a sentence with an explicit date is an event on that date, found
when the timeline is read (``desktop.extract.dated``), so it always agrees with the article's
current text and date; a case's own notes that carry a date are events too. The items a
statement mentions are the article's mentions whose span lies in the sentence.

What a timeline holds:
- an article: the article and its dated statements;
- an entity: the articles that mention it and the statements that mention it;
- a case: its articles with all their statements, the statements of other articles that
  mention one of its entities, and its dated notes (summary lines and item notes).

The panel, the printed summary and ``casefile timeline`` all read :func:`timeline_for`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from desktop.extract.dated import DatedStatement, dated_statements
from desktop.extract.meta import DATE_SOURCES
from desktop.services.cases import get_case
from desktop.services.dto import ItemRef
from desktop.services.library import ItemNotFound
from desktop.store.db import Library
from desktop.store.models import ARTICLE, MENTIONS, REJECTED, Article, Evidence, Item, Link
from desktop.store.spans import unpack

ARTICLE_EVENT, STATEMENT, NOTE = "article", "statement", "note"
EVENT_KINDS = (ARTICLE_EVENT, STATEMENT, NOTE)
#: an entity mentioned in more articles reads its newest this many (a hub stays fast)
ARTICLES_MAX = 5000
STATED = "stated in the text"
NOTED = "your note"


@dataclass(frozen=True, slots=True)
class TimelineEvent:
    date: date
    kind: str  # article | statement | note
    id: int  # the article (article, statement), the item the note is on, or the case
    title: str  # the article's title; for a note, the item's name or the case's title
    sentence: str  # the dated sentence or note line; "" for an article
    items: tuple[ItemRef, ...]  # what the statement mentions; the note's item
    source: str  # where the date came from, in words ("from the page", "stated in the text")
    article_id: int | None = None
    start: int | None = None  # the sentence's span in the article's stored text
    end: int | None = None
    outlet: str | None = None

    def to_json(self) -> dict[str, object]:
        return {
            "date": self.date.isoformat(),
            "kind": self.kind,
            "id": self.id,
            "title": self.title,
            "sentence": self.sentence,
            "items": [{"id": i.id, "kind": i.kind, "name": i.name} for i in self.items],
            "source": self.source,
            "article_id": self.article_id,
            "start": self.start,
            "end": self.end,
            "outlet": self.outlet,
        }


@dataclass(frozen=True, slots=True)
class Timeline:
    subject: str  # the item's name or the case's title
    events: tuple[TimelineEvent, ...]
    undated: int = 0  # articles in scope without a published date
    case_items: frozenset[int] = field(default_factory=frozenset)  # the case's item ids

    def between(self, start: date | None, end: date | None) -> Timeline:
        """The events from *start* to *end*, both included (None: open)."""
        kept = tuple(
            e
            for e in self.events
            if (start is None or e.date >= start) and (end is None or e.date <= end)
        )
        return Timeline(self.subject, kept, self.undated, self.case_items)


def event_order(e: TimelineEvent) -> tuple[date, int, str, int]:
    """Date first; on one day the article before what it states, then notes."""
    return (e.date, EVENT_KINDS.index(e.kind), e.title.casefold(), e.start or 0)


def date_source(code: str | None) -> str:
    return DATE_SOURCES.get(code or "", "date source unknown")


def timeline_for(
    *,
    library: Library,
    item_id: int | None = None,
    case_id: int | None = None,
    start: date | None = None,
    end: date | None = None,
) -> Timeline:
    """The events of one item or one case (exactly one of them), in date order."""
    if (item_id is None) == (case_id is None):
        raise ValueError("a timeline is of one item or one case")
    with library.session() as session:
        if case_id is not None:
            found = case_timeline(session, case_id)
        else:
            found = _item_timeline(session, item_id or 0)
    return found.between(start, end)


# --- reading --------------------------------------------------------------------------------


@dataclass(slots=True)
class _Scope:
    """Articles whose statements count, and which statements: all of them (``full``) or
    only those mentioning one of ``about``."""

    full: set[int] = field(default_factory=set)
    partial: set[int] = field(default_factory=set)
    about: set[int] = field(default_factory=set)
    shown: set[int] = field(default_factory=set)  # articles that are events themselves


def _item_timeline(session: Session, item_id: int) -> Timeline:
    item = session.get(Item, item_id)
    if item is None:
        raise ItemNotFound(f"No item with id {item_id}.")
    scope = _Scope()
    if item.kind == ARTICLE:
        scope.full.add(item_id)
        scope.shown.add(item_id)
    else:
        mentioning = _articles_mentioning(session, [item_id])
        scope.partial.update(mentioning)
        scope.shown.update(mentioning)
        scope.about.add(item_id)
    events, undated = _article_events(session, scope)
    return Timeline(item.name, tuple(sorted(events, key=event_order)), undated)


def case_timeline(session: Session, case_id: int) -> Timeline:
    """A case's timeline in an open session (the printed summary reads it in its snapshot)."""
    view = get_case(session, case_id)
    ids = {ci.item.id for ci in view.items}
    articles = {ci.item.id for ci in view.items if ci.item.kind == ARTICLE}
    entities = ids - articles
    scope = _Scope(full=set(articles), shown=set(articles), about=set(entities))
    scope.partial = set(_articles_mentioning(session, sorted(entities))) - articles
    events, undated = _article_events(session, scope)
    notes = [(ci.item, ci.note, ci.note_edited_at) for ci in view.items if ci.note]
    summary = (view.id, view.title, view.summary, view.summary_edited_at or view.created_at)
    events.extend(_note_events(summary, notes))
    return Timeline(view.title, tuple(sorted(events, key=event_order)), undated, frozenset(ids))


def _articles_mentioning(session: Session, entity_ids: Sequence[int]) -> list[int]:
    if not entity_ids:
        return []
    rows = session.exec(
        select(Link.source_id)
        .join(Article, col(Article.item_id) == col(Link.source_id))
        .where(
            col(Link.target_id).in_(entity_ids),
            Link.kind == MENTIONS,
            Link.status != REJECTED,
            col(Article.placeholder).is_(False),
        )
        .distinct()
        .order_by(col(Link.source_id).desc())
        .limit(ARTICLES_MAX)
    ).all()
    return list(rows)


def _chunks(ids: Iterable[int], size: int = 900) -> Iterable[list[int]]:
    """IN lists small enough for every back end's parameter limit."""
    batch = sorted(ids)
    for i in range(0, len(batch), size):
        yield batch[i : i + size]


def _article_events(session: Session, scope: _Scope) -> tuple[list[TimelineEvent], int]:
    """Articles first (plain columns, no ORM objects), their statements found in the text;
    mention spans are read only for the articles that have statements (evidence rows are
    many), the items of an article event from its links (one row per item)."""
    wanted = scope.full | scope.partial | scope.shown
    events: list[TimelineEvent] = []
    undated = 0
    found: list[tuple[int, str, str | None, DatedStatement]] = []
    for chunk in _chunks(wanted):
        rows = session.execute(
            sa_select(
                col(Article.item_id),
                col(Item.name),
                col(Article.body),
                col(Article.published),
                col(Article.published_from),
                col(Article.outlet),
            )  # fmt: skip
            .join(Item, col(Item.id) == col(Article.item_id))
            .where(col(Article.item_id).in_(chunk), col(Article.placeholder).is_(False))
        ).all()
        for aid, title, body, published, published_from, outlet in rows:
            if aid in scope.shown and published is None:
                undated += 1
            elif aid in scope.shown:
                events.append(
                    TimelineEvent(
                        date=published,
                        kind=ARTICLE_EVENT,
                        id=aid,
                        title=title,
                        sentence="",
                        items=(),
                        source=date_source(published_from),
                        article_id=aid,
                        outlet=outlet,
                    )
                )
            text = f"{title}\n{body}" if body else title
            for st in dated_statements(text, published=published, body_start=len(title) + 1):
                found.append((aid, title, outlet, st))
    items = _article_items(session, {e.id for e in events})
    events = [replace(e, items=items.get(e.id, ())) for e in events]
    spans = _mentions(session, {aid for aid, _, _, _ in found})
    for aid, title, outlet, st in found:
        named = _items_in(spans.get(aid, []), st.start, st.end)
        if aid not in scope.full and not any(i.id in scope.about for i in named):
            continue
        events.append(
            TimelineEvent(
                st.date,
                STATEMENT,
                aid,
                title,
                st.sentence,
                named,
                STATED if st.year_given else f"{STATED} (year from the article's date)",
                aid,
                st.start,
                st.end,
                outlet,
            )  # fmt: skip
        )
    return events, undated


def _article_items(session: Session, article_ids: set[int]) -> dict[int, tuple[ItemRef, ...]]:
    """The items each article mentions (rejected suggestions left out)."""
    out: dict[int, list[ItemRef]] = defaultdict(list)
    for chunk in _chunks(article_ids):
        rows = session.execute(
            sa_select(col(Link.source_id), col(Item.id), col(Item.kind), col(Item.name))
            .join(Item, col(Item.id) == col(Link.target_id))
            .where(
                col(Link.source_id).in_(chunk),
                col(Link.kind) == MENTIONS,
                col(Link.status) != REJECTED,
            )
        ).all()
        for source_id, iid, kind, name in rows:
            out[source_id].append(ItemRef(iid, kind, name))
    return {k: tuple(v) for k, v in out.items()}


def _mentions(session: Session, article_ids: set[int]) -> dict[int, list[tuple[int, ItemRef]]]:
    """Each article's mention spans (start, entity), rejected ones left out."""
    out: dict[int, list[tuple[int, ItemRef]]] = defaultdict(list)
    for chunk in _chunks(article_ids):
        rows = session.execute(
            sa_select(
                col(Evidence.article_id),
                col(Evidence.start),
                col(Evidence.more_spans),
                col(Item.id),
                col(Item.kind),
                col(Item.name),
            )  # fmt: skip
            .join(Link, col(Link.id) == col(Evidence.link_id))
            .join(Item, col(Item.id) == col(Link.target_id))
            .where(
                col(Evidence.article_id).in_(chunk),
                col(Link.kind) == MENTIONS,
                col(Link.status) != REJECTED,
            )
        ).all()
        for article_id, start, more, iid, kind, name in rows:
            ref = ItemRef(iid or 0, kind, name)
            if more is None:
                out[article_id].append((start, ref))
            else:  # a packed row: every mention it stands for (desktop.store.spans)
                starts = unpack((start, start, 0, 0), more)  # only the starts are read
                out[article_id].extend((s, ref) for s, _, _, _ in starts)
    for spans in out.values():
        spans.sort(key=lambda s: s[0])
    return out


def _items_in(spans: list[tuple[int, ItemRef]], start: int, end: int) -> tuple[ItemRef, ...]:
    seen: dict[int, ItemRef] = {}
    for at, ref in spans:
        if at >= end:
            break
        if at >= start:
            seen.setdefault(ref.id, ref)
    return tuple(seen.values())


def _note_events(
    summary: tuple[int, str, str, datetime],
    notes: Sequence[tuple[ItemRef, str, datetime | None]],
) -> list[TimelineEvent]:
    """Lines of the case summary and item notes that state a date ("2023-02-01 called the
    exporter", "On Feb. 3 BIS replied"); a yearless date takes the year the note was written."""
    case_id, title, text, edited = summary
    out: list[TimelineEvent] = []
    written: list[tuple[int, str, tuple[ItemRef, ...], date | None]] = [
        (case_id, text, (), edited.date())
    ]
    for ref, note, note_edited in notes:
        written.append((ref.id, note, (ref,), note_edited.date() if note_edited else None))
    for owner, text, items, when in written:
        name = items[0].name if items else title
        for line in text.splitlines():
            for st in dated_statements(line.strip(), published=when):
                out.append(TimelineEvent(st.date, NOTE, owner, name, st.sentence, items, NOTED))
    return out


__all__ = [
    "ARTICLE_EVENT",
    "EVENT_KINDS",
    "NOTE",
    "STATEMENT",
    "Timeline",
    "TimelineEvent",
    "case_timeline",
    "date_source",
    "event_order",
    "timeline_for",
]
