"""What the SQLite and PostgreSQL search back ends share: the filters by kind, case and date
(the same subqueries over our own tables, on whichever column holds the item id) and the
newest-titles loop of quick open. Each back end keeps only its own index syntax."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import Any


class QuerySyntaxError(Exception):
    """The index refused a search expression (a safety net: parse_query should prevent it)."""


def item_filters(
    column: str,
    params: dict[str, Any],
    *,
    kinds: Sequence[str] | None = None,
    case_id: int | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    iso_dates: bool = False,
) -> list[str]:
    """WHERE terms keeping the rows whose ``column`` (an item id; our own SQL) is of one of
    ``kinds``, in case ``case_id``, and an article published in the dates; their parameters go
    into ``params``. SQLite stores dates as ISO text (``iso_dates``)."""
    where: list[str] = []
    if kinds:
        names = [f":k{n}" for n in range(len(kinds))]
        where.append(f"{column} IN (SELECT id FROM item WHERE kind IN ({', '.join(names)}))")
        params.update({f"k{n}": k for n, k in enumerate(kinds)})
    if case_id is not None:
        where.append(f"{column} IN (SELECT item_id FROM case_item WHERE case_id = :c)")
        params["c"] = case_id
    if date_from is not None or date_to is not None:
        where.append(
            f"{column} IN (SELECT item_id FROM article WHERE published >= :df AND published <= :dt)"
        )
        low, high = date_from or date.min, date_to or date.max
        params["df"], params["dt"] = (
            (low.isoformat(), high.isoformat()) if iso_dates else (low, high)
        )
    return where


def newest_titles(
    run: Callable[[str], Iterable[Any]], expressions: Iterable[str], limit: int
) -> list[tuple[int, str]]:
    """(item id, title) of the first ``limit`` rows the expressions find, tried in order
    (whole words before a prefix) until enough are found; an expression the index refuses
    ends the search."""
    found: dict[int, str] = {}
    for expression in expressions:
        if not expression or len(found) >= limit:
            break
        try:
            rows = run(expression)
        except QuerySyntaxError:
            break
        for id_, title in rows:
            found.setdefault(int(id_), title)
    return list(found.items())[:limit]
