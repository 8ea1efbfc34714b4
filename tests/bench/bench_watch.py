"""Watch-list screening at scale: ``python -m tests.bench.bench_watch [--articles N] ...``.

1. **Screening**: a synthetic list of 20,000 entries (people and companies, with aliases and
   romanisation variants, ~1% of them names the corpus uses) screened against every entity of
   a library of N generated articles (default 100,000; the library is imported once and
   cached under the bench cache). Timed end to end: index build, reading names, matching,
   storing hits. Goal: under 60 s.
2. **The matcher alone** against 100,000 synthetic names (more than the corpus holds), so the
   figure does not depend on how many entities the generator happens to write.
3. **Import with and without a list**: M articles imported into a fresh library with no list,
   then with the 20,000-entry list stored first (screening runs at the end of the import), and
   with the list but its stored index deleted (the import then builds it, as before the index
   was stored), alternating, medians; before each, what the list's import left pending
   (garbage, WAL pages) is settled in every mode. Goal: under 10% slower.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import time
from pathlib import Path
from typing import Any

from tests.bench.bench_import import clock
from tests.bench.generate import CACHE, FIRST, LAST, corpus_dir

SURNAMES = ["Petrov", "Ivanov", "Smirnov", "Kuznetsov", "Popov", "Sokolov", "Lebedev", "Kozlov", "Novikov", "Morozov", "Volkov", "Solovyov", "Vasiliev", "Zaitsev", "Pavlov", "Semenov", "Golubev", "Vinogradov", "Bogdanov", "Vorobyov", "Fedorov", "Mikhailov", "Belyaev", "Tarasov", "Belov", "Komarov", "Orlov", "Kiselev", "Makarov", "Andreev", "Kovalev", "Ilyin", "Gusev", "Titov", "Kuzmin", "Kudryavtsev", "Baranov", "Kulikov", "Alekseev", "Stepanov", "Yakovlev", "Sorokin", "Sergeev", "Romanov", "Zakharov", "Borisov", "Korolev", "Gerasimov", "Ponomarev", "Grigoriev", "Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou", "Xu", "Sun", "Ma", "Zhu", "Hu", "Guo", "He", "Lin", "Gao", "Luo", "Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon", "Jang", "Lim", "Han", "Oh", "Seo", "Hassan", "Hussein", "Ali", "Mahmoud", "Ibrahim", "Khalil", "Haddad", "Nasser", "Saleh", "Qasim", "Rahimi", "Hosseini", "Mohammadi", "Karimi", "Rezaei", "Moradi", "Jafari", "Ahmadi", "Kazemi", "Sadeghi"]  # fmt: skip
GIVEN = ["Aleksandr", "Alexei", "Andrei", "Boris", "Dmitry", "Evgeny", "Igor", "Ivan", "Mikhail", "Nikolai", "Oleg", "Pavel", "Sergei", "Viktor", "Vladimir", "Yury", "Wei", "Jun", "Hao", "Lei", "Ming", "Jian", "Min", "Young", "Sung", "Hyun", "Jin", "Mohammed", "Ahmed", "Omar", "Khalid", "Yusuf", "Hamid", "Reza", "Ali", "Hossein", "Mehdi", "Farid", "Tariq"]  # fmt: skip
STEMS = ["Aurora", "Baltic", "Caspian", "Delta", "Eagle", "Falcon", "Granite", "Harbor", "Orion", "Polar", "Zenith", "Sirius", "Vega", "Altai", "Ural", "Amur", "Volga", "Neva", "Taiga", "Tundra", "Jade", "Lotus", "Phoenix", "Dragon", "Crane", "Pearl", "Silk", "Amber", "Cobalt", "Titan", "Vector", "Quantum", "Nova", "Stellar", "Apex", "Summit", "Pinnacle", "Horizon", "Meridian", "Atlas", "Beacon", "Crest", "Everest", "Fuji", "Kunlun", "Tianshan", "Huaxin", "Zhongke", "Xinhua", "Hengtong", "Jinlong", "Baoli", "Persia", "Zagros", "Alborz", "Sepahan", "Pars", "Damavand", "Kish"]  # fmt: skip
FIELDS = ["Trading", "Technology", "Electronics", "Shipping", "Logistics", "Engineering", "Industrial", "Petroleum", "Aviation", "Machinery", "Optics", "Semiconductor", "Metals", "Chemical", "Precision", "Marine"]  # fmt: skip
FORMS = ("LLC", "Ltd.", "Co., Ltd.", "JSC", "GmbH", "Inc.", "FZE", "PJSC", "OOO")
ONSETS = ("b", "d", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "sh", "kh", "ch", "ts",
          "zh", "f", "y", "h", "j", "x", "q")  # fmt: skip
VOWELS = ("a", "e", "i", "o", "u", "ia", "ao", "ei", "ou")
ENDINGS = ("", "", "ov", "in", "ev", "ko", "ang", "ur", "ani", "enko", "ski", "di")


def invented(rng: random.Random, n: int) -> list[str]:
    """``n`` different made-up words: a real list's names are far more varied than a few
    pools of common names would make them (which would make every block crowded)."""
    out: set[str] = set()
    while len(out) < n:
        word = "".join(
            rng.choice(ONSETS) + rng.choice(VOWELS) for _ in range(rng.choice((2, 2, 3)))
        )
        out.add((word + rng.choice(ENDINGS)).capitalize())
    return sorted(out)


def synthetic_list(n: int, seed: int, corpus_names: list[str]) -> dict[str, Any]:
    """A Consolidated Screening List JSON document of ``n`` entries."""
    rng = random.Random(seed)
    surnames = [*SURNAMES, *invented(rng, n // 4)]
    stems = [*STEMS, *invented(rng, n // 3)]
    results: list[dict[str, Any]] = []
    seen: set[str] = set()
    planted = rng.sample(corpus_names, min(len(corpus_names), n // 100))
    for name in planted:  # names the corpus uses, written as lists write them
        first, _, last = name.partition(" ")
        results.append({"name": f"{last.upper()}, {first}", "type": "Individual",
                        "alt_names": [name.replace("a", "o", 1)]})  # fmt: skip
        seen.add(name)
    while len(results) < n:
        if rng.random() < 0.5:
            given, family = rng.choice(GIVEN), rng.choice(surnames)
            middle = rng.choice(GIVEN) + "ovich" if rng.random() < 0.3 else ""
            name = f"{family.upper()}, {given} {middle}".strip()
            alts = [f"{given.replace('ei', 'ey').replace('y', 'i')} {family}"]
            kind = "Individual"
        else:
            stem = " ".join(rng.sample(stems, rng.choice((1, 1, 2))))
            name = f"{stem} {rng.choice(FIELDS)} {rng.choice(FORMS)}"
            alts = [f"{stem} {rng.choice(FIELDS)}"] if rng.random() < 0.5 else []
            kind = "Entity"
        if name in seen:
            name = f"{name} {len(results)}"
        seen.add(name)
        results.append({"name": name, "type": kind, "alt_names": alts})
    for i, row in enumerate(results):
        row.update(id=f"s{i}", source="Synthetic", programs=[], addresses=[])
    return {"results": results, "sources_used": [{"source": "Synthetic",
                                                  "source_last_updated": "2026-12-01"}]}  # fmt: skip


def _library(path: Path):  # noqa: ANN202
    from desktop.store.db import Library, resolve_db_url

    return Library.open(resolve_db_url(path))


def cached_library(n: int) -> Path:
    """A library of the n-article corpus, imported once (no lists in it)."""
    from desktop.services.importer import import_paths

    path = CACHE / f"watch-library-n{n}.casefile"
    if not path.exists():
        partial = path.with_name(path.name + ".partial")
        for stale in (partial, Path(f"{partial}-wal"), Path(f"{partial}-shm")):
            stale.unlink(missing_ok=True)
        library = _library(partial)
        t = time.perf_counter()
        report = import_paths(library=library, paths=[corpus_dir(n)])
        library.close()
        print(
            f"  library of {report.imported} articles imported in {time.perf_counter() - t:.0f} s"
        )
        partial.rename(path)
    return path


def screening(n: int, entries: int, runs: int, work: Path) -> dict[str, Any]:
    import shutil

    from sqlalchemy import delete, func, select

    from desktop.services import screening as service
    from desktop.services import watchlists
    from desktop.store.models import Item, WatchHit

    source = cached_library(n)
    db = work / "screen.casefile"
    shutil.copy(source, db)
    library = _library(db)
    with library.session() as session:
        counts = dict(session.execute(select(Item.kind, func.count()).group_by(Item.kind)).all())
        people = [n for (n,) in session.execute(select(Item.name).where(Item.kind == "person"))]
    doc = synthetic_list(entries, 11, people)
    list_file = work / "synthetic-csl.json"
    list_file.write_text(json.dumps(doc), encoding="utf-8")
    result = watchlists.import_list_file(library=library, path=list_file)
    walls, hits = [], 0
    for _ in range(runs):
        with library.write() as session:
            session.execute(delete(WatchHit))
        service._CACHE = service._IndexCache()  # cold: the index is built again
        with clock() as c:
            screened = service.screen(library=library, list_ids=[result.list_id])
        walls.append(c.wall)
        hits = screened.new_hits
    with library.session() as session:
        names = len(service._names(session, None))
    library.close()
    return {
        "entries": entries,
        "entities": {k: v for k, v in counts.items() if k != "article"},
        "articles": counts.get("article", 0),
        "names_screened": names,
        "hits": hits,
        "screen_wall_s": walls,
        "screen_median_s": statistics.median(walls),
    }


def matcher_alone(entries: int, names: int) -> dict[str, Any]:
    from desktop.extract.name_index import ScreeningIndex

    doc = synthetic_list(entries, 11, [])
    index = ScreeningIndex()
    t = time.perf_counter()
    for i, row in enumerate(doc["results"]):
        kind = "person" if row["type"] == "Individual" else "organization"
        index.add(i, kind, [row["name"], *row["alt_names"]])
    built = time.perf_counter() - t
    rng = random.Random(5)
    surnames, stems = [*LAST, *SURNAMES, *invented(rng, 5000)], [*STEMS, *invented(rng, 5000)]
    queries = []
    for _ in range(names):
        if rng.random() < 0.5:
            queries.append((f"{rng.choice(FIRST + GIVEN)} {rng.choice(surnames)}", "person"))
        else:
            stem = rng.choice(stems)
            queries.append((f"{stem} {rng.choice(FIELDS)} Group", "organization"))
    t = time.perf_counter()
    found = sum(bool(index.search(q, k)) for q, k in queries)
    return {"index_build_s": built, "names": names, "search_s": time.perf_counter() - t,
            "names_with_hits": found}  # fmt: skip


def settle(library) -> None:  # noqa: ANN001
    """What the list's import left pending, done before the timed import, in every mode: its
    garbage collected and its pages folded back from the WAL (a list is imported well before
    the articles it screens; otherwise the first import after it paid for both)."""
    import gc

    from desktop.store import dialect

    gc.collect()
    with library.engine.connect() as conn:
        dialect.checkpoint(conn)


def import_overhead(
    m: int, entries: int, runs: int, work: Path, workers: int | None = None
) -> dict[str, Any]:
    """Imports without a list, with a list whose index is stored (as every list imported now),
    and with a list whose index is not stored (imported before indexes were kept: the import
    builds it, as every import did before), alternating; a new process each time (no index
    kept in memory). ``workers``: extraction processes, the same in every mode (by default the
    import picks them by the load average, which the list's import just raised: a worker more
    or less costs more CPU than screening does)."""
    from sqlalchemy import delete

    from desktop.services import screening as service
    from desktop.services import watchlists
    from desktop.services.importer import default_workers, import_paths
    from desktop.store.models import WatchListIndex

    corpus = corpus_dir(m)
    list_file = work / "synthetic-csl.json"
    if not list_file.exists():
        list_file.write_text(json.dumps(synthetic_list(entries, 11, [])), encoding="utf-8")
    modes = ("without", "with", "unindexed")
    # CPU and wall in the screening itself, and the CPU of the thread that screens (the
    # process's CPU also counts the pool's threads, which unpickle the next batch meanwhile)
    screening = {mode: [0.0, 0.0, 0.0] for mode in modes}
    real = service.screen_after_import

    def timed(**kwargs: Any) -> Any:
        w0, c0, t0 = time.perf_counter(), time.process_time(), time.thread_time()
        try:
            return real(**kwargs)
        finally:
            screening[mode][0] += time.process_time() - c0
            screening[mode][1] += time.perf_counter() - w0
            screening[mode][2] += time.thread_time() - t0

    service.screen_after_import = timed  # type: ignore[assignment]  # the bench's own process
    spent: dict[str, list[tuple[float, float, float]]] = {mode: [] for mode in modes}
    times: dict[str, list[float]] = {mode: [] for mode in modes}
    cpus: dict[str, list[float]] = {mode: [] for mode in modes}  # less swayed by other load
    hits = 0
    pools: dict[str, list[int]] = {mode: [] for mode in modes}
    for run in range(runs * len(modes)):
        mode = modes[run % len(modes)]
        db = work / f"import-{mode}.casefile"
        for stale in (db, Path(f"{db}-wal"), Path(f"{db}-shm")):
            stale.unlink(missing_ok=True)
        library = _library(db)
        if mode != "without":
            watchlists.import_list_file(library=library, path=list_file)
        if mode == "unindexed":
            with library.write() as session:
                session.execute(delete(WatchListIndex))
        service._CACHE = service._IndexCache()  # a new process: nothing kept in memory
        settle(library)
        screening[mode] = [0.0, 0.0, 0.0]
        pool = default_workers() if workers is None else workers
        pools[mode].append(pool)
        with clock() as c:
            report = import_paths(library=library, paths=[corpus], workers=pool)
        library.close()
        spent[mode].append((screening[mode][0], screening[mode][1], screening[mode][2]))
        times[mode].append(c.wall)
        cpus[mode].append(c.cpu)
        hits = report.watch_hits or hits
    a, b, u = (statistics.median(times[mode]) for mode in modes)
    ca, cb = (statistics.median(cpus[mode]) for mode in modes[:2])
    return {"articles": m, **{f"{mode}_s": times[mode] for mode in modes},
            "median_without_s": a, "median_with_s": b, "median_unindexed_s": u,
            "slowdown": b / a - 1, "slowdown_unindexed": u / a - 1,
            "cpu_without_s": cpus["without"], "cpu_with_s": cpus["with"],
            "cpu_slowdown": cb / ca - 1, "hits_at_import": hits,
            "screening_cpu_s": [round(c, 3) for c, _, _ in spent["with"]],
            "screening_wall_s": [round(w, 3) for _, w, _ in spent["with"]],
            "screening_thread_cpu_s": [round(t, 3) for _, _, t in spent["with"]],
            "screening_share_of_cpu": statistics.median(c for c, _, _ in spent["with"]) / ca,
            "screening_thread_share_of_cpu": statistics.median(t for _, _, t in spent["with"]) / ca,
            "workers": pools, "load": os.getloadavg()}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--entries", type=int, default=20_000)
    parser.add_argument("--import-articles", type=int, default=5_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--workers", type=int, help="extraction processes of every import (default: by load)"
    )
    parser.add_argument("--only", choices=("screen", "matcher", "import"), action="append")
    args = parser.parse_args()
    only = set(args.only or ("screen", "matcher", "import"))
    work = CACHE / "watch-work"
    work.mkdir(parents=True, exist_ok=True)
    out: dict[str, Any] = {}
    if "matcher" in only:
        out["matcher"] = matcher_alone(args.entries, 100_000)
        print("matcher:", json.dumps(out["matcher"]), flush=True)
    if "screen" in only:
        out["screen"] = screening(args.articles, args.entries, args.runs, work)
        print("screen:", json.dumps(out["screen"]), flush=True)
    if "import" in only:
        out["import"] = import_overhead(
            args.import_articles, args.entries, args.runs, work, args.workers
        )
        print("import:", json.dumps(out["import"]), flush=True)


if __name__ == "__main__":
    main()
