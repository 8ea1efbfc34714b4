"""An article's own metadata, edited by hand: published date, outlet, dateline place, byline.

Import fills them from the text (see ``desktop.extract.meta``); the analyst corrects them.
A date the analyst sets says so ("set by you", :func:`edited`); the undo sets back exactly what
was there before, where the old date came from included.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from desktop.services.changes import Changes, Edited
from desktop.services.library import ItemNotFound
from desktop.store.db import Library
from desktop.store.models import Article, Item, utcnow

USER = "user"  # published_from of a date set by hand
FIELD_MAX = 200


@dataclass(frozen=True, slots=True)
class ArticleDetails:
    published: date | None
    published_from: str | None
    outlet: str | None
    dateline: str | None
    byline: str | None


def _clean(value: str | None, field: str) -> str | None:
    text = " ".join((value or "").split())
    if len(text) > FIELD_MAX:
        raise ValueError(f"The {field} is longer than {FIELD_MAX} characters.")
    return text or None


def get_article_details(*, library: Library, article_id: int) -> ArticleDetails:
    with library.session() as session:
        art = session.get(Article, article_id)
        if art is None:
            raise ItemNotFound(f"No article with id {article_id}.")
        return ArticleDetails(
            art.published, art.published_from, art.outlet, art.dateline, art.byline
        )


def edited(
    old: ArticleDetails,
    *,
    published: date | None,
    outlet: str | None,
    dateline: str | None,
    byline: str | None,
) -> ArticleDetails:
    """*old* with the analyst's values: a changed date is marked as set by them."""
    source = old.published_from if published == old.published else (USER if published else None)
    return replace(
        old,
        published=published,
        published_from=source,
        outlet=outlet,
        dateline=dateline,
        byline=byline,
    )


def set_article_details(
    *, library: Library, article_id: int, details: ArticleDetails
) -> Edited[ArticleDetails]:
    """Stores *details* exactly and returns what was there before (for the undo)."""
    outlet = _clean(details.outlet, "outlet")
    dateline = _clean(details.dateline, "dateline place")
    byline = _clean(details.byline, "byline")
    with library.write() as session:
        art = session.get(Article, article_id)
        item = session.get(Item, article_id)
        if art is None or item is None:
            raise ItemNotFound(f"No article with id {article_id}.")
        previous = ArticleDetails(
            art.published, art.published_from, art.outlet, art.dateline, art.byline
        )
        art.published = details.published
        art.published_from = details.published_from if details.published else None
        art.outlet, art.dateline, art.byline = outlet, dateline, byline
        item.updated_at = utcnow()
        item.version += 1
        session.add(art)
        session.add(item)
    return Edited(previous, Changes(articles={article_id}))


__all__ = ["ArticleDetails", "edited", "get_article_details", "set_article_details"]
