"""Import, the raw SQLite baseline and extraction alone, over a generated corpus.

Used by the runner (``python -m tests.bench``); each function returns a dict of figures.
Wall time is what the user waits; CPU time (this process plus its reaped worker processes)
is what a quiet machine would approach, since this 2-core machine is shared.
"""

from __future__ import annotations

import multiprocessing
import resource
import sqlite3
import statistics
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass
class Clock:
    wall: float = 0.0
    cpu: float = 0.0  # this process + reaped children


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


@contextmanager
def clock() -> Iterator[Clock]:
    """Wall and CPU seconds of the block; worker processes count once they are reaped."""
    result = Clock()
    w0, c0 = time.perf_counter(), _cpu()
    yield result
    result.wall = time.perf_counter() - w0
    for child in multiprocessing.active_children():  # reap pool workers so their CPU counts
        child.join(timeout=10)
    result.cpu = _cpu() - c0


def import_once(corpus: Path, db: Path) -> dict[str, Any]:
    """One end-to-end import of the corpus folder into a fresh library at ``db``."""
    from desktop.services.importer import import_paths
    from desktop.store.db import Library, resolve_db_url

    for stale in (db, Path(f"{db}-wal"), Path(f"{db}-shm")):
        stale.unlink(missing_ok=True)
    library = Library.open(resolve_db_url(db))
    try:
        with clock() as c:
            report = import_paths(library=library, paths=[corpus])
    finally:
        library.close()
    return {
        "wall_s": c.wall,
        "cpu_s": c.cpu,
        "imported": report.imported,
        "failed": len(report.failed),
        "db_mib": db.stat().st_size / 2**20,
    }


def read_texts(files: list[Path]) -> list[tuple[str, str, str]]:
    """(ref, title, body) per file, as the baseline stores them."""
    out = []
    for f in files:
        title, _, body = f.read_bytes().decode("utf-8").partition("\n")
        out.append((f.stem, title, body))
    return out


BASELINE_DDL = (
    "CREATE TABLE doc (id INTEGER PRIMARY KEY, ref TEXT, title TEXT, body TEXT)",
    "CREATE VIRTUAL TABLE doc_fts USING fts5(title, body, content='doc', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 2')",
)


def baseline_once(files: list[Path], db: Path) -> dict[str, Any]:
    """The same texts with plain sqlite3: read, one table plus an external-content FTS5 index,
    one transaction, WAL as the library uses."""
    for stale in (db, Path(f"{db}-wal"), Path(f"{db}-shm")):
        stale.unlink(missing_ok=True)
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    for ddl in BASELINE_DDL:
        conn.execute(ddl)
    with clock() as c:
        rows = [(i, *row) for i, row in enumerate(read_texts(files), 1)]
        conn.execute("BEGIN")
        conn.executemany("INSERT INTO doc (id, ref, title, body) VALUES (?, ?, ?, ?)", rows)
        conn.executemany(
            "INSERT INTO doc_fts (rowid, title, body) VALUES (?, ?, ?)",
            ((r[0], r[2], r[3]) for r in rows),
        )
        conn.execute("COMMIT")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return {"wall_s": c.wall, "cpu_s": c.cpu}


def extraction(files: list[Path], runs: int) -> dict[str, Any]:
    """decode + parse + extract over the corpus in this one process (files read beforehand)."""
    from desktop.extract import decode, extract, parse

    blobs = [(f.name, f.read_bytes()) for f in files]
    size = sum(len(b) for _, b in blobs)
    extract(decode(blobs[0][1], blobs[0][0]))  # gazetteer and regexes built outside the timing

    def once() -> None:
        for name, data in blobs:
            parsed = parse(decode(data, name), name)
            extract(parsed.text, own_ref=parsed.ref)

    walls, cpus = _repeat(once, runs)
    return {
        "articles_per_s": len(blobs) / statistics.median(walls),
        "mb_per_s": size / 1e6 / statistics.median(walls),
        "cpu_articles_per_s": len(blobs) / statistics.median(cpus),
        "wall_s": statistics.median(walls),
        "cpu_s": statistics.median(cpus),
    }


def _repeat(fn: Callable[[], object], runs: int) -> tuple[list[float], list[float]]:
    walls, cpus = [], []
    for _ in range(runs):
        w0, c0 = time.perf_counter(), time.process_time()
        fn()
        walls.append(time.perf_counter() - w0)
        cpus.append(time.process_time() - c0)
    return walls, cpus


def import_stage(corpus: Path, files: list[Path], lib: Path, runs: int) -> dict[str, Any]:
    """Median of ``runs`` imports and baselines, interleaved so load drifts hit both alike.

    Imports go to a scratch file; it becomes the cached library ``lib`` (which the other
    stages read) only when there is none, so a rerun never deletes a library that another
    benchmark has open.
    """
    imports, baselines = [], []
    scratch = lib.with_name(lib.stem + "-import.sqlite")
    for _ in range(runs):
        imports.append(import_once(corpus, scratch))
        baselines.append(baseline_once(files, lib.with_name(lib.stem + "-baseline.sqlite")))
    lib.with_name(lib.stem + "-baseline.sqlite").unlink(missing_ok=True)
    keep = not lib.exists()
    for suffix in ("", "-wal", "-shm"):
        made = Path(f"{scratch}{suffix}")
        if made.exists() and keep:
            made.rename(f"{lib}{suffix}")
        made.unlink(missing_ok=True)
    n = len(files)
    imp = statistics.median(r["wall_s"] for r in imports)
    imp_cpu = statistics.median(r["cpu_s"] for r in imports)
    base = statistics.median(r["wall_s"] for r in baselines)
    base_cpu = statistics.median(r["cpu_s"] for r in baselines)
    return {
        "runs": runs,
        "articles": n,
        "imported": imports[-1]["imported"],
        "failed": imports[-1]["failed"],
        "wall_s": imp,
        "cpu_s": imp_cpu,
        "articles_per_s": n / imp,
        "baseline_wall_s": base,
        "baseline_cpu_s": base_cpu,
        "ratio": imp / base,
        "cpu_ratio": imp_cpu / base_cpu,
        "db_mib": imports[-1]["db_mib"],
        "all_wall_s": [r["wall_s"] for r in imports],
    }
