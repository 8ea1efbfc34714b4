"""Ranking the newest matches without FTS5's walk over every document (issue 22): BM25
computed from cached document frequencies and highlighted candidates scores each article
as FTS5's bm25() does, so the best hits of the window are the same."""

from __future__ import annotations

import pytest

from desktop.store import dialect, search_rank, search_sqlite
from desktop.store.db import Library
from desktop.store.models import Article, Item

pytestmark = pytest.mark.sqlite_only  # FTS5's bm25() is the reference; PostgreSQL has ts_rank

WORDS = ["export", "controls", "tariff", "review", "Exportación", "EXPORT", "working", "group"]


def _add_articles(library: Library, start: int, count: int) -> None:
    with library.write() as session:
        conn = session.connection()
        for n in range(start, start + count):
            # every article a different mix: how often each word occurs, and the length
            words = [WORDS[(n * k) % len(WORDS)] for k in range(1, 2 + n % 7)]
            title = " ".join(words[: 1 + n % 3]).title()
            body = " ".join(words * (1 + n % 4)) + " filler" * (n % 11) + "."
            item = Item(kind="article", name=title)
            session.add(item)
            session.flush()
            session.add(Article(item_id=item.id, body=body, content_hash=f"h{n}"))
            dialect.index_article(conn, item.id, title, body)


def _ranked(library: Library, query: str, window: int | None) -> list[tuple[int, float]]:
    expression = search_sqlite.parse_query(query).expression
    with library.session() as session:
        found = search_sqlite.search_articles(
            session.connection(), expression, limit=100, window=window
        )
    return [(row[0], row[4]) for row in found]


@pytest.mark.parametrize(
    "query", ["export", "export controls", '"working group"', "expor*", "tariff OR review",
              "export NOT tariff", "exportacion"],
)  # fmt: skip
def test_computed_bm25_scores_the_window_as_fts5_does(
    library: Library, query: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    _add_articles(library, 0, 60)
    monkeypatch.setattr(search_sqlite, "WALK_BUDGET", 0)  # always the computed ranking
    monkeypatch.setattr(search_sqlite, "SCORED_WINDOW", 1000)  # and every match in it
    for attempt in range(2):  # the second time with more articles: the cached frequencies move
        reference = _ranked(library, query, window=None)  # FTS5's bm25() over every match
        computed = _ranked(library, query, window=search_sqlite.RANK_WINDOW)
        assert reference, query
        assert dict(computed) == pytest.approx(dict(reference), rel=1e-9, abs=1e-12)
        assert [s for _, s in computed] == sorted(s for _, s in computed)
        _add_articles(library, 100 * (attempt + 1), 30)
    search_rank.FREQUENCIES.clear()


def test_a_small_window_ranks_the_newest_matches(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    _add_articles(library, 0, 60)
    monkeypatch.setattr(search_sqlite, "WALK_BUDGET", 0)
    monkeypatch.setattr(search_sqlite, "SCORED_WINDOW", 10)
    every = dict(_ranked(library, "export", window=None))
    newest = sorted(every, reverse=True)[:10]
    computed = _ranked(library, "export", window=search_sqlite.RANK_WINDOW)
    assert sorted(i for i, _ in computed) == sorted(newest)
    assert dict(computed) == pytest.approx({i: every[i] for i in newest}, rel=1e-9)
