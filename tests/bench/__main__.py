"""Casefile benchmark runner (issue 8): ``python -m tests.bench [--scale 1000,10000] [--runs N]
[--out bench-results/latest.json] [--only import,extract,search,connections,startup,print]``.

For each scale it generates (or reuses) the corpus under /tmp/casefile-bench/, imports it through
the real import service into a fresh library (and times the raw sqlite3 + FTS5 baseline in the
same run), then measures extraction alone, search, connections, start-up and printing on that
library. It prints a table and writes a JSON file with machine info and the load average, so
runs can be compared. Figures are medians; CPU time is shown beside wall time because the
machine may be shared. Nothing here asserts: targets are reported as met or missed.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import platform
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from tests.bench import bench_import, bench_startup, generate  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
STAGES = ("import", "extract", "search", "connections", "startup", "print")
#: (label, stage, key, CPU-time key, comparison, limit, unit) — issue 22's targets at 100,000
#: articles (the path query's is issue 18's). Verdicts are on wall time; the CPU-time figure says
#: what a quiet machine would approach when other jobs inflate the wall clock.
TARGETS = (
    ("library ≤ 450 MiB", "size", "library_mib", None, "<=", 450, " MiB"),
    ("import ≥ 1,500 articles/s", "import", "articles_per_s", None, ">=", 1500, "/s"),
    ("import within 5× of raw baseline", "import", "ratio", "cpu_ratio", "<=", 5.0, "×"),
    ("search p95 ≤ 20 ms", "search", "p95_ms", "cpu_p95_ms", "<=", 20, " ms"),
    ("path query < 100 ms", "connections", "path_ms", "path_cpu_ms", "<", 100, " ms"),
    ("300-node view ≤ 60 ms", "connections", "view_ms", "view_cpu_ms", "<=", 60, " ms"),
    ("first paint < 1.5 s", "startup", "first_paint_s", "cpu_to_paint_s", "<", 1.5, " s"),
    ("peak RSS ≤ 250 MiB", "startup", "peak_rss_mib", None, "<=", 250, " MiB"),
)
#: issue 22's targets at a million articles, measured once
TARGETS_1M = (
    ("import < 15 min", "import", "wall_s", None, "<", 900, " s"),
    ("search p95 < 50 ms", "search", "p95_ms", "cpu_p95_ms", "<", 50, " ms"),
    ("first paint < 1 s", "startup", "first_paint_s", "cpu_to_paint_s", "<", 1.0, " s"),
    ("library shown < 3 s", "startup", "library_shown_s", "cpu_to_library_shown_s", "<", 3.0, " s"),
)


def machine() -> dict[str, Any]:
    cpu = next((ln.split(":", 1)[1].strip() for ln in Path("/proc/cpuinfo").read_text().splitlines()
                if ln.startswith("model name")), platform.processor())  # fmt: skip
    mem = Path("/proc/meminfo").read_text().split("\n", 1)[0].split()[1]

    def git(*args: str) -> str:
        return subprocess.run(
            ["git", *args], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip()

    from PySide6 import __version__ as pyside

    return {
        "cpu": cpu, "cores": os.cpu_count(), "mem_gib": round(int(mem) / 2**20, 1),
        "platform": platform.platform(), "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version, "pyside6": pyside,
        "commit": git("rev-parse", "--short", "HEAD"),
        "dirty_files": len(git("status", "--porcelain", "--untracked-files=no").splitlines()),
    }  # fmt: skip


def run_scale(n: int, seed: int, runs: int, only: set[str]) -> dict[str, Any]:
    out: dict[str, Any] = {"articles": n, "load_start": os.getloadavg()}
    t0 = time.perf_counter()
    corpus = generate.corpus_dir(n, seed)
    files = generate.corpus_files(corpus)
    out["corpus"] = {"path": str(corpus), "kib_avg": sum(f.stat().st_size for f in files) / len(files) / 1024,
                     "ready_s": time.perf_counter() - t0}  # fmt: skip
    lib = generate.CACHE / f"lib-v{generate.VERSION}-n{n}-s{seed}.casefile"
    if "import" in only:
        _stage(out, "import", f"import ×{runs} ({n:,} articles) and raw baseline",
               lambda: bench_import.import_stage(corpus, files, lib, runs))  # fmt: skip
    elif not lib.exists() and only & {"search", "connections", "startup", "print"}:
        _say("building the library (import not measured)")
        bench_import.import_once(corpus, lib)
    if "extract" in only:
        _stage(out, "extract", "extraction alone", lambda: bench_import.extraction(files, runs))
    if only & {"search", "connections", "print"}:
        from PySide6.QtWidgets import QApplication

        from desktop.store.db import Library, resolve_db_url
        from tests.bench import bench_views

        app = QApplication.instance() or QApplication(sys.argv[:1])  # noqa: F841
        library = Library.open(resolve_db_url(lib))
        try:
            for stage, fn in (("search", bench_views.search_stage),
                              ("connections", bench_views.connections_stage),
                              ("print", bench_views.print_stage)):  # fmt: skip
                if stage in only:
                    _stage(out, stage, stage, lambda fn=fn: fn(library))
        finally:
            library.close()
    if "startup" in only:
        _stage(out, "startup", "start-up (separate processes)", lambda: bench_startup.measure(lib))
    if lib.exists():
        out["size"] = {"library_mib": lib.stat().st_size / 2**20}
    out["load_end"] = os.getloadavg()
    return out


def verdicts(result: dict[str, Any]) -> list[dict[str, Any]]:
    rows = []
    targets = TARGETS_1M if result["articles"] >= 1_000_000 else TARGETS
    for label, stage, key, cpu_key, op, limit, unit in targets:
        figures = result.get(stage, {})
        value = figures.get(key)
        if value is None:
            continue
        ok = functools.partial(_meets, op=op, limit=limit)
        cpu = figures.get(cpu_key) if cpu_key else None
        rows.append({"target": label, "value": value, "unit": unit, "met": ok(value),
                     "cpu_value": cpu, "cpu_met": None if cpu is None else ok(cpu)})  # fmt: skip
    return rows


def table(result: dict[str, Any]) -> str:
    n = result["articles"]
    lines = [f"### {n:,} articles ({result['corpus']['kib_avg']:.1f} KB each), "
             f"load {result['load_start'][0]:.1f} → {result['load_end'][0]:.1f}", "",
             "| measure | wall (median) | CPU | note |", "| --- | ---: | ---: | --- |"]  # fmt: skip
    r = result
    if "import" in r:
        i = r["import"]
        lines += [
            f"| import, end to end | {i['articles_per_s']:,.0f} articles/s ({i['wall_s']:.1f} s) | "
            f"{i['cpu_s']:.1f} s | median of {i['runs']}; {i['imported']:,} stored, {i['failed']} refused, {i['db_mib']:.0f} MiB |",
            f"| raw sqlite3 + FTS5 baseline | {n / i['baseline_wall_s']:,.0f} articles/s ({i['baseline_wall_s']:.2f} s) | "
            f"{i['baseline_cpu_s']:.2f} s | one table + external-content FTS5, one transaction |",
            f"| import / baseline | {i['ratio']:.1f}× | {i['cpu_s'] / i['baseline_cpu_s']:.1f}× | |",
        ]  # fmt: skip
    if "extract" in r:
        e = r["extract"]
        lines.append(f"| extraction alone (1 process) | {e['articles_per_s']:,.0f} articles/s, "
                     f"{e['mb_per_s']:.1f} MB/s | {e['cpu_articles_per_s']:,.0f} articles/s | decode + parse + extract |")  # fmt: skip
    if "search" in r:
        s = r["search"]
        lines.append(f"| search p50 / p95 | {s['p50_ms']:.1f} / {s['p95_ms']:.1f} ms | "
                     f"{s['cpu_p50_ms']:.1f} / {s['cpu_p95_ms']:.1f} ms | {s['queries']} one- and two-word queries × {s['calls'] // s['queries']}, snippets, limit 50 |")  # fmt: skip
    if "connections" in r:
        c = r["connections"]
        lines += [
            f"| 300-node view (query + layout + draw) | {c['view_ms']:.0f} ms | {c['view_cpu_ms']:.0f} ms | "
            f"{c['query_ms']:.0f} + {c['layout_ms']:.0f} + {c['draw_ms']:.0f} ms; {c['nodes_median']:.0f} nodes ({c.get('drawn_median', c['nodes_median']):.0f} drawn); p90 {c['view_p90_ms']:.0f} ms |",
            f"| path query (person to person, k=3) | {c['path_ms']:.0f} ms | {c['path_cpu_ms']:.0f} ms | p90 {c['path_p90_ms']:.0f} ms |",
        ]  # fmt: skip
    if "startup" in r:
        s = r["startup"]
        lines += [
            f"| start-up to first painted window | {s['first_paint_s']:.2f} s | {s['cpu_to_paint_s']:.2f} s | "
            f"Qt ready at {s['qt_ready_s']:.2f} s; median of {s['runs']} |",
            f"| start-up to the library list shown | {s['library_shown_s']:.2f} s | "
            f"{s['cpu_to_library_shown_s']:.2f} s | its first rows on screen |",
            f"| peak RSS after scrolling the list to the end | {s['peak_rss_mib']:.0f} MiB | | "
            f"{s['rss_at_paint_mib']:.0f} MiB at first paint; {s['rows']:,} rows fetched in {s['scroll_to_end_s']:.1f} s |",
        ]  # fmt: skip
    if "size" in r:
        lines.append(f"| library file | {r['size']['library_mib']:,.0f} MiB | | the SQLite file, all tables and indexes |")  # fmt: skip
    if "print" in r:
        p = r["print"]
        lines.append(f"| print a {p['items']}-item case to PDF | {p['ms']:.0f} ms | {p['cpu_ms']:.0f} ms | {p['pages']} pages, {p['pdf_kib']:.0f} KiB |")  # fmt: skip
    for stage, error in result.get("errors", {}).items():
        lines.append(f"| {stage} | failed | | {error.splitlines()[-1][:120]} |")
    marks = verdicts(result)
    if marks:
        lines += ["", "| target | figure (wall) | | on CPU time |", "| --- | ---: | --- | --- |"]
        for v in marks:
            cpu = ""
            if v["cpu_value"] is not None:
                cpu = f"{_num(v['cpu_value'])}{v['unit']}: {'met' if v['cpu_met'] else 'missed'}"
            verdict = "met" if v["met"] else "**missed**"
            lines.append(f"| {v['target']} | {_num(v['value'])}{v['unit']} | {verdict} | {cpu} |")
    return "\n".join(lines)


def _meets(value: float, *, op: str, limit: float) -> bool:
    return {">=": value >= limit, "<=": value <= limit, "<": value < limit}[op]


def _num(value: float) -> str:
    return f"{value:,.1f}" if value < 100 else f"{value:,.0f}"


def _stage(out: dict[str, Any], name: str, what: str, fn: Callable[[], dict[str, Any]]) -> None:
    """Runs one stage; a failure (the shared tree mid-edit, say) is recorded, not fatal."""
    _say(what)
    try:
        out[name] = fn()
    except Exception as exc:  # noqa: BLE001
        detail = getattr(exc, "stderr", None) or ""
        out.setdefault("errors", {})[name] = f"{type(exc).__name__}: {exc} {detail[-600:]}".strip()
        _say(f"{name} failed: {out['errors'][name]}")


def _say(text: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {text}", file=sys.stderr, flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description="Casefile benchmarks (issue 8).")
    parser.add_argument("--scale", default="1000,10000", help="article counts, comma-separated")
    parser.add_argument("--runs", type=int, help="import/extract runs (default 3, 1 above 10,000)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--only", default=",".join(STAGES), help=f"stages: {','.join(STAGES)}")
    parser.add_argument("--out", default=str(ROOT / "bench-results" / "latest.json"))
    args = parser.parse_args()
    only = {s.strip() for s in args.only.split(",") if s.strip()}
    if unknown := only - set(STAGES):
        parser.error(f"unknown stages: {', '.join(sorted(unknown))}")
    scales = [int(s.replace("_", "")) for s in args.scale.split(",")]
    doc: dict[str, Any] = {
        "command": "python -m tests.bench " + " ".join(sys.argv[1:]),
        "started": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "machine": machine(),
        "load_start": os.getloadavg(),
        "scales": {},
    }
    for n in scales:
        runs = args.runs or (3 if n <= 10_000 else 1)
        result = run_scale(n, args.seed, runs, only)
        result["targets"] = verdicts(result)
        doc["scales"][str(n)] = result
        print(table(result) + "\n", flush=True)
    doc["load_end"] = os.getloadavg()
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(doc, indent=1), encoding="utf-8")
    _say(f"wrote {out}")


if __name__ == "__main__":
    main()
