"""Dates on lists: what a typed date means, and which of a case's items fall in a date range.

An article's date is its published date. An entity (person, organization, place…) in a case
has no date of its own: it takes the published dates of the case's articles that mention it
(suggested or confirmed, not rejected). It is in a range when one of those articles is, and
it sorts by the earliest. Each answer is two queries for the whole case, never one per row.
"""

from __future__ import annotations

import calendar
from datetime import date

from sqlalchemy import ColumnElement
from sqlmodel import Session, col, func, select

from desktop.store.models import MENTIONS, REJECTED, Article, CaseItem, Link

#: what the case page's date filter says about items that are not articles
ENTITY_DATES = (
    "An article: its published date. A person, organization or place: the dates of this "
    "case's articles that mention it (in the range when one of them is; sorted by the earliest)."
)


def parse_day(text: str, *, last: bool = False) -> date:
    """YYYY-MM-DD, YYYY-MM or YYYY; a month or year stands for its first day, or its last
    with ``last`` (the end of a range). Raises ValueError for anything else."""
    parts = text.strip().split("-")
    try:
        if len(parts) == 3:
            return date.fromisoformat(text.strip())
        year = int(parts[0])
        if len(parts) == 2:
            month = int(parts[1])
            day = calendar.monthrange(year, month)[1] if last else 1
            return date(year, month, day)
        if len(parts) == 1 and len(parts[0]) == 4:
            return date(year, 12, 31) if last else date(year, 1, 1)
    except ValueError:
        pass
    raise ValueError(f"{text!r} is not a date: write YYYY-MM-DD, YYYY-MM or YYYY")


def _dated(
    session: Session, case_id: int, date_from: date | None, date_to: date | None
) -> list[tuple[int, object]]:
    """(case item, a date it has) in the range: an article's own date; for an entity, the
    earliest date of the case's articles that mention it. Two queries for the whole case."""
    in_case = select(CaseItem.item_id).where(CaseItem.case_id == case_id)
    day = col(Article.published)
    bounds: list[ColumnElement[bool]] = [day.is_not(None)]
    bounds += [day >= date_from] if date_from is not None else []
    bounds += [day <= date_to] if date_to is not None else []
    articles = session.exec(
        select(Article.item_id, day).where(col(Article.item_id).in_(in_case), *bounds)
    ).all()
    mentioned = session.exec(
        select(Link.target_id, func.min(day))
        .join(Article, col(Article.item_id) == col(Link.source_id))
        .where(
            Link.kind == MENTIONS,
            Link.status != REJECTED,
            col(Link.source_id).in_(in_case),
            # "+ 0": walk the links of the case's articles (a few each), not those of its
            # entities (a hub has tens of thousands): 733 -> 12 ms at 100k (tests/bench/bench_dates)
            (col(Link.target_id) + 0).in_(in_case),
            *bounds,
        )
        .group_by(col(Link.target_id))
    ).all()
    return [(int(i), d) for i, d in (*articles, *mentioned) if d is not None]


def case_item_days(
    session: Session, case_id: int, date_from: date | None = None, date_to: date | None = None
) -> dict[int, date]:
    """Each item of a case dated in the range (None: open) and the date it sorts by: an
    article's own; an entity's earliest among the case's articles in the range."""
    return {item_id: _as_date(day) for item_id, day in _dated(session, case_id, date_from, date_to)}


def _as_date(value: object) -> date:
    """SQLite hands min() of a date back as text."""
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])
