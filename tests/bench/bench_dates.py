"""Date filters on lists (issue 19): ``python -m tests.bench.bench_dates [--n 100000] [--runs 9]``.

Fills a fresh SQLite library straight through SQL with N dated articles over three years (a
few undated), 2,000 entities each mentioned by many articles (3 mentions an article), and a
case of 1,000 articles and 200 entities; then prints medians of
- the articles list's ids (``list_item_ids``), newest first, with no range, with a month,
  with a year, and a month with a typed title filter (the slower, joined query);
- a case's items in a date range with their dates, and the dates of all its items
  (``date_filter.case_item_days``).
Nothing asserts; the figures are printed.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from tests.bench.bench_timeline import _median_ms


def fill(library, n: int, seed: int = 7) -> int:  # noqa: ANN001
    """N articles, 2,000 entities, mentions and one case; returns the case id."""
    from desktop.store.models import Article, CaseFile, CaseItem, Entity, Item, Link

    rng = random.Random(seed)
    now = datetime.now(UTC)
    start = date(2021, 1, 1)
    n_entities = 2000
    with library.write() as session:
        conn = session.connection()
        items = [{"id": i, "kind": "article", "name": f"Chip talks {i}", "created_at": now,
                  "updated_at": now, "version": 1} for i in range(1, n + 1)]  # fmt: skip
        items += [{"id": n + e, "kind": "organization", "name": f"Agency {e}", "created_at": now,
                   "updated_at": now, "version": 1} for e in range(1, n_entities + 1)]  # fmt: skip
        conn.execute(Item.__table__.insert(), items)
        articles = [{"item_id": i, "body": "", "title_line": 0, "content_hash": f"h{i}",
                     "published": None if i % 50 == 0 else start + timedelta(days=rng.randrange(1095)),
                     "reviewed": True, "placeholder": False} for i in range(1, n + 1)]  # fmt: skip
        conn.execute(Article.__table__.insert(), articles)
        links = [{"source_id": i, "target_id": n + 1 + int(rng.paretovariate(1.2)) % n_entities,
                  "kind": "mentions", "label": str(k), "status": "suggested", "origin": "extract",
                  "created_at": now} for i in range(1, n + 1) for k in range(3)]  # fmt: skip
        conn.execute(Link.__table__.insert(), links)
        entities = [{"item_id": n + e} for e in range(1, n_entities + 1)]
        conn.execute(Entity.__table__.insert(), entities)
        case = CaseFile(title="Bench")
        session.add(case)
        session.flush()
        members = rng.sample(range(1, n + 1), min(1000, n)) + [n + e for e in range(1, 201)]
        conn.execute(CaseItem.__table__.insert(), [
            {"case_id": case.id, "item_id": i, "position": p, "pinned": False, "note": "",
             "added_at": now} for p, i in enumerate(members)])  # fmt: skip
        return int(case.id or 0)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()

    from desktop.services.date_filter import case_item_days
    from desktop.services.library import list_item_ids
    from desktop.store.db import Library

    with tempfile.TemporaryDirectory() as tmp:
        library = Library.open(f"sqlite:///{Path(tmp) / 'bench.casefile'}")
        t = time.perf_counter()
        case_id = fill(library, args.n)
        print(
            f"{args.n:,} articles, a case of 1,200 items: filled in {time.perf_counter() - t:.1f} s"
        )
        month = (date(2022, 11, 1), date(2022, 11, 30))
        year = (date(2022, 1, 1), date(2022, 12, 31))
        with library.session() as s:
            for label, kwargs in (
                ("articles, newest first, every date", {}),
                ("articles, newest first, one month", {"date_from": month[0], "date_to": month[1]}),
                ("articles, newest first, one year", {"date_from": year[0], "date_to": year[1]}),
                ("articles by title, 'talks 1', one month",
                 {"date_from": month[0], "date_to": month[1], "text_filter": "talks 1"}),
            ):  # fmt: skip
                sort = "name" if "text_filter" in kwargs else "published"
                ids = list_item_ids(s, section="articles", sort=sort, descending=True, **kwargs)
                ms = _median_ms(
                    lambda kw=kwargs, so=sort: list_item_ids(
                        s, section="articles", sort=so, descending=True, **kw
                    ),
                    args.runs,
                )
                print(f"{label}: {len(ids):,} rows, median {ms:.1f} ms")
            shown = case_item_days(s, case_id, *month)
            ms = _median_ms(lambda: case_item_days(s, case_id, *month), args.runs)
            print(f"case items in one month: {len(shown)} of 1,200, median {ms:.1f} ms")
            days = case_item_days(s, case_id)
            ms = _median_ms(lambda: case_item_days(s, case_id), args.runs)
            print(f"case items' sort dates: {len(days)} dated, median {ms:.1f} ms")
        library.close()


if __name__ == "__main__":
    main()
