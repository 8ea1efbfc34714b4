"""Start-up: time from process start to the first painted main window, and peak RSS.

The app has no "paint once and quit" hook, so a driver process does what ``desktop.ui.app.run_app``
does (``make_application``, then ``Startup.start``: the main window shown while a worker opens
the library) and paints the window with ``window.grab()``: that is "first paint", the real main
window (menus, toolbar, docks, navigator, the list saying "Loading library…"), not a splash.
It then runs the event loop until the library is attached and paints again ("library shown":
navigator counts, the first page of the article list, the reader), and until the connections
panel is in place ("complete"). The parent passes its ``time.perf_counter()`` taken just before
spawning (CLOCK_MONOTONIC, shared by processes on Linux), so the figures include interpreter
start-up and every import. Then the driver scrolls the article list to the end (``fetchMore``
until done) and reports its own peak RSS: VmHWM from /proc/self/status. Not ``ru_maxrss``: Linux carries the
parent's high-water mark into a forked child and keeps it across exec, so a child of the big
runner process would report the runner's RSS (452 MiB instead of 240 at 10,000 articles).

    python -m tests.bench.bench_startup --db LIB   # prints one JSON line
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

T0_ENV = "CASEFILE_BENCH_T0"


def measure(db: Path, runs: int = 3) -> dict[str, Any]:
    """Median over ``runs`` fresh processes (after one warm-up for the page cache)."""
    results = []
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=home)
        runtime = Path(home) / "run"
        runtime.mkdir(mode=0o700)
        env["XDG_RUNTIME_DIR"] = str(runtime)
        for _ in range(runs + 1):
            env[T0_ENV] = repr(time.perf_counter())
            out = subprocess.run(
                [sys.executable, "-m", "tests.bench.bench_startup", "--db", str(db)],
                env=env, capture_output=True, text=True, check=True,
                cwd=Path(__file__).resolve().parents[2],
            )  # fmt: skip
            results.append(json.loads(out.stdout.strip().splitlines()[-1]))
    results = results[1:]

    def med(key: str) -> float:
        values = sorted(r[key] for r in results)
        return values[len(values) // 2]

    plain = ("rows", "imported_at_paint")
    return {"runs": runs, **{k: med(k) for k in results[0] if k not in plain},
            **{k: results[0][k] for k in plain}}  # fmt: skip


def peak_rss_mib() -> float:
    """This process's own peak RSS (VmHWM), in MiB; ru_maxrss where /proc is missing."""
    try:
        status = Path("/proc/self/status").read_text()
        return int(status.split("VmHWM:")[1].split()[0]) / 1024
    except (OSError, IndexError, ValueError):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def drive(db: str) -> dict[str, Any]:
    t0 = float(os.environ.get(T0_ENV, "nan"))
    since = lambda: time.perf_counter() - t0  # noqa: E731
    c0 = time.process_time()
    from desktop.ui.app import Startup, make_application

    app = make_application()
    t_qt = since()
    startup = Startup(db)
    window = startup.start()
    app.processEvents()
    window.grab()  # the first full paint of the window as shown
    t_paint = since()
    cpu_paint = time.process_time() - c0
    rss_paint = peak_rss_mib()
    heavy_at_paint = sorted(m for m in ("sqlalchemy", "sqlmodel", "numpy") if m in sys.modules)
    wait_until(app, lambda: window.library is not None or startup.exit_code is not None)
    if window.library is None:
        raise SystemExit(f"the library did not open (exit code {startup.exit_code})")
    app.processEvents()
    window.grab()  # the window filled: counts, first list page, reader
    t_ready = since()
    cpu_ready = time.process_time() - c0
    wait_until(app, lambda: window.connections_attached)
    t_complete = since()
    if window.list_page.section != "articles":
        window.show_section("articles")
    model, table = window.list_page.model, window.list_page.table
    s0 = time.perf_counter()
    while model.canFetchMore():
        model.fetchMore()
    table.scrollToBottom()
    app.processEvents()
    table.viewport().grab()
    t_scroll = time.perf_counter() - s0
    result = {
        "qt_ready_s": t_qt,
        "first_paint_s": t_paint,
        "cpu_to_paint_s": cpu_paint,
        "rss_at_paint_mib": rss_paint,
        "library_shown_s": t_ready,
        "cpu_to_library_shown_s": cpu_ready,
        "complete_s": t_complete,
        "imported_at_paint": heavy_at_paint,
        "scroll_to_end_s": t_scroll,
        "peak_rss_mib": peak_rss_mib(),
        "rows": model.rowCount(),
    }
    startup.shutdown()
    return result


def wait_until(app: Any, done: Any, timeout_s: float = 120.0) -> None:
    """Run an event loop, as ``app.exec`` does, until ``done()``. Not a ``processEvents``
    loop: PySide6 keeps the GIL while ``processEvents`` waits for events, which starved the
    start-up worker (its imports took 1.5 s instead of 0.8 s)."""
    from PySide6.QtCore import QEventLoop, QTimer

    if done():
        return
    loop = QEventLoop()
    poll = QTimer(interval=10)
    poll.timeout.connect(lambda: done() and loop.quit())
    give_up = QTimer(singleShot=True, interval=int(timeout_s * 1000))
    give_up.timeout.connect(lambda: loop.exit(1))
    poll.start()
    give_up.start()
    if loop.exec() != 0 and not done():
        raise TimeoutError("start-up did not finish")
    poll.stop()
    give_up.stop()


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    print(json.dumps(drive(parser.parse_args().db)))
