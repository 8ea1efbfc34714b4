"""What one case-note autosave costs on the GUI thread (issue 17: views refresh only what a
change touches): ``python -m tests.bench.bench_refresh --db LIB [--runs N]``.

Opens the library in a real main window (offscreen, shown), makes a case of a few articles and,
for each of two places the analyst can be (the case page, where notes are typed; the article
list, shown while a note is flushed on leaving the page), saves a note as the autosave does
(``SetItemNoteCommand`` through the window's editor). Reported per save: the median wall time of
the push on the GUI thread (service write + every view's refresh), and the SQL statements run
on any thread until the window is idle again (the background re-reads a change starts). The
case is deleted afterwards. Prints one JSON line.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _idle(app: Any, window: Any) -> None:
    """Run the event loop until no background task is left (bounded, 5 s)."""
    from desktop.ui.workers import live_tasks

    end = time.monotonic() + 5
    while time.monotonic() < end:
        app.processEvents()
        panel = getattr(window, "connections", None)
        if not live_tasks() and not (panel is not None and panel.busy):
            break
        time.sleep(0.005)
    for _ in range(5):
        app.processEvents()


def measure(db: str, runs: int) -> dict[str, Any]:
    from PySide6.QtWidgets import QApplication
    from sqlalchemy import event

    from desktop.services import cases
    from desktop.services.changes import Changes
    from desktop.store.db import Library, resolve_db_url
    from desktop.ui.cases.commands import SetItemNoteCommand
    from desktop.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv)
    library = Library.open(resolve_db_url(db))
    statements = [0]
    event.listen(
        library.engine,
        "before_cursor_execute",
        lambda *_a: statements.__setitem__(0, statements[0] + 1),
    )
    window = MainWindow(library)
    window.resize(1300, 850)
    window.show()
    _idle(app, window)
    with library.session() as session:
        from sqlmodel import select

        from desktop.store.models import Article

        ids = list(session.exec(select(Article.item_id).where(~Article.placeholder).limit(5)))
    case_id = cases.create_case(library=library, title=f"Bench notes {time.time_ns()}").value
    cases.add_items(library=library, case_id=case_id, item_ids=ids)
    window.bus.announce(Changes(cases={case_id}))
    out: dict[str, Any] = {"articles": window.navigator.counts.get("articles")}
    editor = window.case_commands.editor
    try:
        for where in ("case page", "article list"):
            if where == "case page":
                window.navigator.select_case(case_id)
            else:
                window.navigator.select_section("articles")
            _idle(app, window)
            wall, count = [], []
            for i in range(runs + 1):
                statements[0] = 0
                t0 = time.perf_counter()
                editor.push(SetItemNoteCommand(editor, case_id, ids[0], f"{where} note {i}"))
                t1 = time.perf_counter()
                _idle(app, window)
                if i:  # the first is a warm-up
                    wall.append((t1 - t0) * 1000)
                    count.append(statements[0])
            out[where] = {"push_ms_median": statistics.median(wall),
                          "statements_median": statistics.median(count)}  # fmt: skip
    finally:
        cases.delete_case(library=library, case_id=case_id)
        window.writes.wait()
        window.close()
        library.close()
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    print(json.dumps(measure(args.db, args.runs)))


if __name__ == "__main__":
    main()
