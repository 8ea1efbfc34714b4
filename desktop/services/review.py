"""Reviewing an article's suggestions: confirm, reject (never suggested again), mark reviewed."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlmodel import Session, col, select

from desktop.services.changes import Changes, Edited
from desktop.services.dto import ItemRef
from desktop.services.library import item_ref
from desktop.store.db import Library
from desktop.store.models import (
    CITES,
    CONFIRMED,
    LINK_STATUSES,
    MENTIONS,
    REJECTED,
    Article,
    Evidence,
    Item,
    Link,
)
from desktop.store.text import sentence_text


@dataclass(frozen=True, slots=True)
class Suggestion:
    """One row of an article's review list: a mentioned entity, a citation or an entity link."""

    link_id: int
    kind: str  # link kind: mentions | cites | affiliated_with | ...
    status: str
    item: ItemRef  # the entity or the cited article
    other: ItemRef | None  # for entity–entity links: the source entity
    count: int  # mentions in this article
    sentence: str  # the first supporting sentence


def article_suggestions(session: Session, article_id: int) -> list[Suggestion]:
    """Mentions and citations of the article, then entity links evidenced by it."""
    counts: dict[int, int] = {}
    earliest: dict[int, tuple[int, str | None, int | None, int | None]] = {}
    for ev in session.exec(select(Evidence).where(Evidence.article_id == article_id)).all():
        counts[ev.link_id] = counts.get(ev.link_id, 0) + ev.span_count
        for start, _, s, e in ev.pieces():  # the earliest span gives the sentence
            known = earliest.get(ev.link_id)
            if known is None or start < known[0]:
                earliest[ev.link_id] = (start, ev.sentence, s, e)
    body = session.exec(select(Article.body).where(Article.item_id == article_id)).first()
    first = {link_id: (quote, s, e) for link_id, (_, quote, s, e) in earliest.items()}
    links = session.exec(select(Link).where(col(Link.id).in_(list(counts)))).all()
    ids = {lk.source_id for lk in links} | {lk.target_id for lk in links}
    refs = {i.id: item_ref(i) for i in session.exec(select(Item).where(col(Item.id).in_(ids)))}
    out = []
    for lk in links:
        own = lk.kind in (MENTIONS, CITES)
        out.append(
            Suggestion(
                link_id=lk.id or 0,
                kind=lk.kind,
                status=lk.status,
                item=refs[lk.target_id],
                other=None if own else refs[lk.source_id],
                count=int(counts.get(lk.id or 0, 0)),
                sentence=sentence_text(*first.get(lk.id or 0, ("", None, None)), body),
            )
        )
    order = {MENTIONS: 0, CITES: 1}
    out.sort(key=lambda s: (order.get(s.kind, 2), s.item.kind, s.item.name.lower()))
    return out


def set_status(*, library: Library, link_ids: Sequence[int], status: str) -> Edited[dict[int, str]]:
    """Confirm or reject suggestions; returns the previous status of each (for undo)."""
    if status not in LINK_STATUSES:
        raise ValueError(f"Unknown status {status!r}")
    previous: dict[int, str] = {}
    touched: set[int] = set()
    with library.write() as session:
        for link in session.exec(select(Link).where(col(Link.id).in_(link_ids))).all():
            previous[link.id or 0] = link.status
            link.status = status
            session.add(link)
            touched |= {link.source_id, link.target_id}
    return Edited(previous, Changes(links=set(previous), entities=touched))


def restore_statuses(*, library: Library, previous: dict[int, str]) -> Changes:
    with library.write() as session:
        for link in session.exec(select(Link).where(col(Link.id).in_(list(previous)))).all():
            link.status = previous[link.id or 0]
            session.add(link)
    return Changes(links=set(previous), everything=True)


def confirm(*, library: Library, link_ids: Sequence[int]) -> Edited[dict[int, str]]:
    return set_status(library=library, link_ids=link_ids, status=CONFIRMED)


def reject(*, library: Library, link_ids: Sequence[int]) -> Edited[dict[int, str]]:
    """A rejected suggestion stays stored as rejected, so re-extraction never suggests it again."""
    return set_status(library=library, link_ids=link_ids, status=REJECTED)


def mark_reviewed(
    *, library: Library, article_ids: Sequence[int], reviewed: bool = True
) -> Edited[dict[int, bool]]:
    """Moves articles out of (or back into) the Inbox. The value: each article's state before
    (read in the same transaction: what an undo restores)."""
    before: dict[int, bool] = {}
    with library.write() as session:
        for art in session.exec(select(Article).where(col(Article.item_id).in_(article_ids))).all():
            before[art.item_id] = art.reviewed
            art.reviewed = reviewed
            session.add(art)
    return Edited(before, Changes(articles=set(article_ids), everything=True))
