"""Hostile inputs, timed (issue 15): ``python -m tests.bench.bench_hostile [reader|search]``.

reader: an article of one unbroken word (100 KB, 300 KB, 1 MB) shown in the real reader
(render + setHtml + layout), wall time and peak RSS; search: a query of 1,000 and 2,000
words on a small library. Prints medians; asserts nothing."""

from __future__ import annotations

import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bench_reader(sizes: list[int]) -> None:
    from PySide6.QtWidgets import QApplication

    from desktop.services.dto import ArticleView, ItemRef
    from desktop.ui.detail.article_reader import ArticleReader

    app = QApplication.instance() or QApplication([])
    reader = ArticleReader()
    reader.resize(800, 600)
    reader.show()
    for size in sizes:
        text = "Title\n" + "x" * size
        view = ArticleView(
            item=ItemRef(id=1, kind="article", name="Title"), ref=None, published=None,
            source_file="long.txt", text=text, reviewed=True, placeholder=False,
            imported_at=None,
        )  # fmt: skip
        started = time.perf_counter()
        reader.set_article(view)
        reader.document().size()  # layout
        app.processEvents()
        took = time.perf_counter() - started
        print(f"reader  {size:>9,} chars  {took:8.2f} s  peak RSS {_rss_mb():7.0f} MiB", flush=True)


def bench_search(words: list[int], runs: int = 3) -> None:
    from desktop.services import search as svc
    from desktop.services.importer import import_paths
    from desktop.store.db import Library
    from tests.conftest import SAMPLE

    with tempfile.TemporaryDirectory() as tmp:
        library = Library.open(str(Path(tmp) / "l.casefile"))
        import_paths(library=library, paths=[SAMPLE], workers=0)
        vocabulary = SAMPLE.read_text(encoding="utf-8").split()
        for n in words:
            query = " ".join(vocabulary[i % len(vocabulary)] for i in range(n))
            times = []
            for _ in range(runs):
                started = time.perf_counter()
                with library.session() as session:
                    result = svc.search(session=session, query=query)
                times.append(time.perf_counter() - started)
            note = f"  notice: {result.notice}" if getattr(result, "notice", None) else ""
            print(f"search  {n:>5} words  median {statistics.median(times):8.3f} s{note}")
        library.close()


if __name__ == "__main__":
    what = sys.argv[1:] or ["reader", "search"]
    if "reader" in what:
        bench_reader([100_000, 300_000, 1_000_000] if "--big" in what else [100_000])
    if "search" in what:
        bench_search([1000, 2000], runs=1 if "--once" in what else 3)
