"""Timeline bench (issue 19): ``python -m tests.bench.bench_timeline [--n 1000] [--runs 15]``.

Imports the generated corpus of N articles (tests/bench/generate.py) into a fresh library,
puts every article in one case, then measures medians of
- reading the case's timeline (``services.timeline.timeline_for``: articles, dated
  statements found in the text, notes), on the worker in the app;
- drawing it: ``TimelineView.set_events`` (layout of every row) and painting the panel's
  viewport (420 x 800) onto an image, at each zoom level — the target is < 100 ms.
Nothing asserts; the figures are printed.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _median_ms(fn, runs: int) -> float:  # noqa: ANN001
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()

    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtWidgets import QApplication

    from desktop.services.cases import add_items, create_case
    from desktop.services.importer import import_paths
    from desktop.services.timeline import timeline_for
    from desktop.store.db import Library
    from desktop.ui.timeline.layout import ZOOMS
    from desktop.ui.timeline.view import TimelineView
    from tests.bench.generate import corpus_dir, corpus_files

    app = QApplication.instance() or QApplication([])
    folder = corpus_dir(args.n)
    with tempfile.TemporaryDirectory() as tmp:
        library = Library.open(f"sqlite:///{Path(tmp) / 'bench.casefile'}")
        report = import_paths(library=library, paths=corpus_files(folder))
        case_id = create_case(library=library, title="Bench").value
        add_items(library=library, case_id=case_id, item_ids=[a.id for a in report.articles])
        found = timeline_for(library=library, case_id=case_id)
        kinds = {k: sum(e.kind == k for e in found.events) for k in ("article", "statement")}
        print(f"{len(report.articles)} articles in the case: {len(found.events)} events {kinds}")
        read = _median_ms(lambda: timeline_for(library=library, case_id=case_id), 5)
        print(f"read the timeline (worker): median {read:.1f} ms")
        view = TimelineView()
        view.resize(420, 800)
        image = QImage(420, 800, QImage.Format.Format_ARGB32)

        def draw() -> None:
            view.set_events(found.events)
            painter = QPainter(image)
            view.paint_rows(painter, 420, 800)
            painter.end()

        for level in range(len(ZOOMS)):
            view.set_zoom(level)
            ms = _median_ms(draw, args.runs)
            verdict = "met" if ms < 100 else "MISSED"
            print(f"draw at zoom {ZOOMS[level].label!r}: median {ms:.1f} ms "
                  f"({len(view.rows)} rows; target < 100 ms {verdict})")  # fmt: skip
        library.close()
    del app


if __name__ == "__main__":
    main()
