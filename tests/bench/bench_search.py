"""Search and quick-open timings on a synthetic library (run: python -m tests.bench.bench_search).

Builds N articles (~2.4 KB each, Zipf-distributed words with trade-policy vocabulary at the top),
5,000 entities with aliases and 40 cases with notes directly through the store (plain inserts and
``dialect.index_articles`` in one transaction), caches the file under /tmp so reruns are quick,
then prints p50/p95 of ``search`` (one- and two-word queries, snippets, limit 50) and of
``quick_open`` with a loaded ``NameIndex``, plus the database and index sizes.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert

from desktop.services import search as svc
from desktop.store import dialect
from desktop.store.db import Library, resolve_db_url
from desktop.store.models import Alias, Article, CaseFile, CaseItem, Entity, Item


def _words(text: str) -> list[str]:
    return text.split()


VERSION = 2  # bump when the generated data changes, so stale caches are not reused
DOMAIN = _words(
    "export controls china commerce department semiconductor sanctions tariff working group "
    "coordination entity list korea japan netherlands license exception rule interim final "
    "treasury ofac review investment outbound screening chip equipment allies partner trade "
    "policy bis enforcement compliance customs duty antidumping countervailing wto dispute "
    "supply chain critical minerals battery solar forced labor uyghur detention shipment "
    "section 232 steel aluminum quota agreement negotiation ministry official said week"
)
ONE_WORD = [
    "export",
    "china",
    "semiconductor",
    "sanctions",
    "tariff",
    "netherlands",
    "ofac",
    "quota",
]
TWO_WORD = [
    "export controls",
    "entity list",
    "working group",
    "commerce department",
    "license exception",
    "chip equipment",
    "outbound investment",
    "forced labor",
]
# The most frequent words, as in English text: domain words come after them, so "export"
# appears in roughly a fifth to a half of the articles, as in a trade-policy library.
FUNCTION_WORDS = _words(
    "the of and to a in that for is on said with as by it was at be from has are an will not "
    "have this its which but or would were they had their been also more than other after some "
    "new we could about into over under between such these may can our us who all one two"
)
QUICK = [
    "comm",
    "export contr",
    "semicondutor",
    "south kor",
    "ministry of",
    "case 1",
    "xinj",
    "trade pol",
]


def _pseudo_words(rng: random.Random, n: int) -> list[str]:
    letters = "etaoinshrdlcumwfgypbvkjxqz"
    weights = [
        12,
        9,
        8,
        8,
        7,
        7,
        6,
        6,
        6,
        4,
        4,
        3,
        3,
        2,
        2,
        2,
        2,
        2,
        1.5,
        1,
        1,
        0.7,
        0.2,
        0.2,
        0.1,
        0.1,
    ]
    words: set[str] = set()
    while len(words) < n:
        words.add("".join(rng.choices(letters, weights, k=rng.randint(3, 11))))
    return sorted(words)


def build(path: Path, scale: int, seed: int = 7) -> None:
    """Write a library of ``scale`` articles to ``path`` in one transaction."""
    rng = random.Random(seed)
    pseudo = _pseudo_words(rng, 30000)
    vocab = list(FUNCTION_WORDS)
    spread = pseudo[: len(DOMAIN) * 6]  # domain words sit among ranks ~60-500
    for n, word in enumerate(DOMAIN):
        vocab += [*spread[n * 6 : n * 6 + 5], word]
    vocab += pseudo[len(DOMAIN) * 6 :]
    cum, total = [], 0.0
    for rank in range(1, len(vocab) + 1):
        total += 1.0 / rank**1.05
        cum.append(total)
    now = datetime.now(UTC)
    library = Library.open(resolve_db_url(path))
    try:
        with library.write() as session:
            conn = session.connection()
            for start in range(1, scale + 1, 5000):
                ids = range(start, min(start + 5000, scale + 1))
                items, articles, docs = [], [], []
                for id_ in ids:
                    title = " ".join(rng.choices(vocab, cum_weights=cum, k=rng.randint(7, 13)))
                    title = title[0].upper() + title[1:]
                    words = rng.choices(vocab, cum_weights=cum, k=330)
                    for cut in range(18, len(words), 19):
                        words[cut] += "."
                    body = " ".join(words)
                    items.append(
                        dict(
                            id=id_,
                            kind="article",
                            name=title,
                            created_at=now,
                            updated_at=now,
                            version=1,
                        )
                    )
                    published = date(2018, 1, 1) + timedelta(days=id_ % 2500)
                    articles.append(
                        dict(
                            item_id=id_,
                            ref=f"{2200000000 + id_:010d}",
                            body=body,
                            title_line=len(title) + 1,
                            published=published,
                            content_hash=f"{id_:064x}",
                            reviewed=False,
                            placeholder=False,
                        )
                    )
                    docs.append({"id": id_, "title": title, "body": body})
                conn.execute(insert(Item.__table__), items)  # type: ignore[arg-type]
                conn.execute(insert(Article.__table__), articles)  # type: ignore[arg-type]
                dialect.index_articles(conn, docs)
            syll = _pseudo_words(rng, 3000)
            kinds = ["person", "organization", "country", "place", "group", "regulation"]
            for n in range(5000):
                id_ = scale + 1 + n
                kind = kinds[n % len(kinds)]
                name = f"{rng.choice(syll).title()} {rng.choice(syll).title()}"
                if kind == "organization":
                    name = f"Ministry of {rng.choice(DOMAIN).title()} {rng.choice(syll).title()}"
                alias = (
                    name.split()[-1]
                    if kind == "person"
                    else "".join(w[0] for w in name.split()).upper()
                )
                conn.execute(
                    insert(Item.__table__),
                    [dict(id=id_, kind=kind, name=name, created_at=now, updated_at=now, version=1)],
                )  # type: ignore[arg-type]
                conn.execute(insert(Entity.__table__), [dict(item_id=id_)])  # type: ignore[arg-type]
                conn.execute(
                    insert(Alias.__table__), [dict(entity_id=id_, name=alias, norm=alias.lower())]
                )  # type: ignore[arg-type]
                dialect.index_entity(conn, id_, name, [alias])
            for c in range(1, 41):
                summary = " ".join(rng.choices(vocab, cum_weights=cum, k=60))
                conn.execute(
                    insert(CaseFile.__table__),
                    [
                        dict(
                            id=c,
                            title=f"Case {c}: {rng.choice(DOMAIN)} review",
                            status="open",
                            summary=summary,
                            created_at=now,
                            updated_at=now,
                            version=1,
                        )
                    ],
                )  # type: ignore[arg-type]
                dialect.index_note(conn, c, None, summary)
                for pos, item_id in enumerate(rng.sample(range(1, scale + 1), 20)):
                    note = " ".join(rng.choices(vocab, cum_weights=cum, k=25))
                    conn.execute(
                        insert(CaseItem.__table__),
                        [
                            dict(
                                case_id=c,
                                item_id=item_id,
                                position=pos,
                                pinned=False,
                                note=note,
                                added_at=now,
                            )
                        ],
                    )  # type: ignore[arg-type]
                    dialect.index_note(conn, c, item_id, note)
        with library.engine.connect() as conn:
            dialect.checkpoint(conn)
    finally:
        library.close()


def _times(
    fn: Callable[[str], object], queries: list[str], reps: int
) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU milliseconds per call. On a shared machine other processes inflate
    the wall clock; the CPU time of this thread is what a quiet machine would approach."""
    for q in queries:  # warm the page cache and statement cache
        fn(q)
    wall, cpu = [], []
    for _ in range(reps):
        for q in queries:
            t0, c0 = time.perf_counter(), time.thread_time()
            fn(q)
            wall.append((time.perf_counter() - t0) * 1000)
            cpu.append((time.thread_time() - c0) * 1000)
    return wall, cpu


def _pct(runs: tuple[list[float], list[float]]) -> str:
    parts = []
    for label, values in zip(("wall", "cpu"), runs, strict=True):
        p95 = statistics.quantiles(values, n=100)[94]
        parts.append(f"{label} p50 {statistics.median(values):6.1f} p95 {p95:6.1f}")
    return "   ".join(parts) + " ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--scale", type=int, default=10000, help="number of articles (default 10000)"
    )
    parser.add_argument("--reps", type=int, default=10, help="runs of each query")
    parser.add_argument("--rebuild", action="store_true", help="ignore the cached library")
    parser.add_argument(
        "--maintenance", action="store_true", help="also time index_consistent and reindex"
    )
    args = parser.parse_args()
    path = Path(f"/tmp/casefile-bench-search-{args.scale}-v{VERSION}.casefile")
    if args.rebuild or not path.exists():
        for stale in [
            *path.parent.glob(path.name + "*"),
            *path.parent.glob(path.stem + ".partial*"),
        ]:
            stale.unlink()
        t0 = time.perf_counter()
        build(path.with_suffix(".partial"), args.scale)
        path.with_suffix(".partial").rename(path)
        print(f"built {args.scale} articles in {time.perf_counter() - t0:.1f} s -> {path}")
    library = Library.open(resolve_db_url(path))
    try:
        print(f"load average before: {os.getloadavg()[0]:.1f} (2 cores)")
        with library.session() as session:
            stats = svc.index_stats(session=session)
            print(
                f"library: {stats.articles} articles, {stats.entities} entities, {stats.notes} notes"
            )
            mib = {k: v / 2**20 for k, v in stats.sizes.items()}
            print("size: " + ", ".join(f"{k} {v:.1f} MiB" for k, v in mib.items()))
            conn = session.connection()
            share = {
                q: conn.exec_driver_sql(
                    "SELECT count(*) FROM article_fts WHERE article_fts MATCH ?",
                    (svc.backend.parse_query(q).expression,),
                ).scalar_one()
                / max(stats.articles, 1)
                for q in ONE_WORD + TWO_WORD
            }
            print("articles matching: " + ", ".join(f"{q!r} {v:.0%}" for q, v in share.items()))
            rows = [
                ("search, one word", ONE_WORD, {}),
                ("search, two words", TWO_WORD, {}),
                ("search, articles only", ONE_WORD + TWO_WORD, {"kind": "article"}),
                ("search, 2022 only", ONE_WORD + TWO_WORD, {
                    "date_from": date(2022, 1, 1), "date_to": date(2022, 12, 31)}),
                ("search, one month", ONE_WORD + TWO_WORD, {
                    "date_from": date(2022, 3, 1), "date_to": date(2022, 3, 31)}),
                ("search, one case", ONE_WORD + TWO_WORD, {"case_id": 3}),
                ("search, stop word 'the'", ["the"], {}),
                ("every match ranked, one word", ONE_WORD, {"exhaustive": True}),
                ("every match ranked, two words", TWO_WORD, {"exhaustive": True}),
            ]  # fmt: skip
            for label, queries, options in rows:
                runs = _times(
                    lambda q, o=options: svc.search(session=session, query=q, limit=50, **o),
                    queries,
                    args.reps if len(queries) > 1 else args.reps * 8,
                )
                print(f"{label:<30}: {_pct(runs)}")
            t0 = time.perf_counter()
            names = svc.NameIndex.load(session=session, commands=[("app.quit", "Quit Casefile")])
            print(
                f"quick open: name index of {len(names)} names loaded in {(time.perf_counter() - t0) * 1000:.0f} ms"
            )
            runs = _times(
                lambda q: svc.quick_open(session=session, text=q, limit=20, names=names),
                QUICK,
                args.reps,
            )
            print(f"{'quick open':<30}: {_pct(runs)}")
            for q in QUICK[:3]:
                top = svc.quick_open(session=session, text=q, limit=3, names=names)
                print(
                    f"  {q!r}: " + "; ".join(f"{m.kind}:{m.name[:40]} ({m.score:.0f})" for m in top)
                )
        if args.maintenance:
            for label, fn in (
                ("index_consistent", lambda: svc.index_consistent(library=library)),
                ("reindex", lambda: svc.reindex(library=library)),
                ("index_consistent", lambda: svc.index_consistent(library=library)),
            ):
                t0 = time.perf_counter()
                value = fn()
                print(f"{label}: {time.perf_counter() - t0:.1f} s ({value})")
        print(f"load average after: {os.getloadavg()[0]:.1f}")
    finally:
        library.close()


if __name__ == "__main__":
    main()
