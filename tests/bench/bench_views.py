"""Search, connections and print on an imported benchmark library (used by ``python -m tests.bench``).

Each function takes the open library and returns a dict of figures in milliseconds. The query
words are bench_search's, which the generated corpus uses too. The 300-node view is what the
connections panel shows at 3 hops: its default hub cap and its 300-node budget, which an
imported article's neighbourhood fills. Needs a QApplication (offscreen) for the connections
scene and the PDF.
"""

from __future__ import annotations

import random
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from sqlmodel import select

from desktop.store.db import Library
from desktop.store.models import ARTICLE, Article, Item
from tests.bench import bench_search


def _ms(values: list[float]) -> float:
    return statistics.median(values) * 1000


def _p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=100)[94] if len(values) > 1 else values[0]


def sample_ids(library: Library, kind: str, k: int, seed: int = 1) -> list[int]:
    """``k`` ids of a kind ("article": imported ones only), the same for the same library."""
    with library.session() as session:
        query = select(Item.id).where(Item.kind == kind)
        if kind == ARTICLE:
            query = query.join(Article, Article.item_id == Item.id).where(~Article.placeholder)
        ids = sorted(session.exec(query).all())
    return random.Random(seed).sample(ids, min(k, len(ids)))


def search_stage(library: Library, reps: int = 10) -> dict[str, Any]:
    """p50/p95 of search with snippets (limit 50) over bench_search's one- and two-word queries."""
    from desktop.services import search

    queries = bench_search.ONE_WORD + bench_search.TWO_WORD
    with library.session() as session:
        wall, cpu = bench_search._times(
            lambda q: search.search(session=session, query=q, limit=50), queries, reps
        )
        hits = {q: len(search.search(session=session, query=q, limit=50).hits) for q in queries}
    return {
        "queries": len(queries),
        "calls": len(wall),
        "p50_ms": statistics.median(wall),
        "p95_ms": _p95(wall),
        "cpu_p50_ms": statistics.median(cpu),
        "cpu_p95_ms": _p95(cpu),
        "queries_without_hits": [q for q, n in hits.items() if not n],
    }


def connections_stage(library: Library, runs: int = 20) -> dict[str, Any]:
    """Neighbourhood query + layout + scene build + first paint of a ~300-node view (median),
    and a path query between two people. As the panel does, look-alike outer items are drawn
    as groups (``graph_groups``, counted in the layout's share): "nodes" counts the items
    read, "drawn" the discs after grouping."""
    from PySide6.QtGui import QImage, QPainter

    from desktop.services import graph
    from desktop.services.graph_groups import grouped
    from desktop.services.graph_layout import layout_graph
    from desktop.services.graph_paths import find_paths
    from desktop.ui.app import settle_gc
    from desktop.ui.connections.scene import GraphScene
    from desktop.ui.connections.view import GraphView

    settle_gc()  # as the app does once its window is up
    view_w = GraphView()
    view_w.resize(900, 700)
    view_w.show()
    image = QImage(view_w.viewport().size(), QImage.Format.Format_ARGB32_Premultiplied)
    query_t, layout_t, draw_t, total_t, cpu_t, sizes, drawn_n = [], [], [], [], [], [], []
    centres = sample_ids(library, ARTICLE, runs + 1)
    for i, centre in enumerate(centres):
        t0, c0 = time.perf_counter(), time.thread_time()
        with library.session() as session:
            # as the panel asks: evidence is read per edge when its tooltip opens
            hood = graph.neighbourhood(
                session=session, center_id=centre, hops=3, max_nodes=300, evidence=False
            )
        t1 = time.perf_counter()
        drawn = grouped(hood)
        positions = layout_graph(drawn)
        t2 = time.perf_counter()
        scene = GraphScene()
        scene.show_graph(drawn, positions)
        view_w.setScene(scene)
        view_w.fit()
        painter = QPainter(image)
        view_w.render(painter)
        painter.end()
        t3, c3 = time.perf_counter(), time.thread_time()
        view_w.setScene(None)
        del scene
        if i == 0:
            continue  # warm-up: caches and first-use imports
        query_t.append(t1 - t0)
        layout_t.append(t2 - t1)
        draw_t.append(t3 - t2)
        total_t.append(t3 - t0)
        cpu_t.append(c3 - c0)
        sizes.append(len(hood.nodes))
        drawn_n.append(len(drawn.nodes))
    view_w.close()
    people = sample_ids(library, "person", 2 * runs + 2, seed=2)
    path_t, path_cpu, hops = [], [], []
    for a, b in zip(people[::2], people[1::2], strict=False):
        t0, c0 = time.perf_counter(), time.thread_time()
        with library.session() as session:
            paths = find_paths(session=session, source_id=a, target_id=b, k=3)
        path_t.append(time.perf_counter() - t0)
        path_cpu.append(time.thread_time() - c0)
        hops.append(len(paths[0].edges) if paths else 0)
    path_t, path_cpu = path_t[1:], path_cpu[1:]  # warm-up
    return {
        "view_ms": _ms(total_t),
        "view_cpu_ms": _ms(cpu_t),
        "view_p90_ms": statistics.quantiles(total_t, n=10)[8] * 1000,
        "query_ms": _ms(query_t),
        "layout_ms": _ms(layout_t),
        "draw_ms": _ms(draw_t),
        "nodes_median": statistics.median(sizes),
        "drawn_median": statistics.median(drawn_n),
        "path_ms": _ms(path_t),
        "path_cpu_ms": _ms(path_cpu),
        "path_p90_ms": statistics.quantiles(path_t, n=10)[8] * 1000,
        "path_hops": sorted(hops),
    }


def make_print_case(library: Library, n_items: int = 200) -> int:
    """A case of 80 articles and 120 people, organizations, countries and groups."""
    from desktop.services import cases

    n_art = n_items * 2 // 5
    ids = sample_ids(library, ARTICLE, n_art, seed=3)
    per_kind = {"person": 0.5, "organization": 0.3, "country": 0.1, "group": 0.1}
    for kind, share in per_kind.items():
        ids += sample_ids(library, kind, round((n_items - n_art) * share), seed=3)
    title = f"Bench print case {time.time_ns()}"
    case_id = cases.create_case(library=library, title=title, summary="Benchmark case.").value
    cases.add_items(library=library, case_id=case_id, item_ids=ids)
    for item_id in ids[::3]:
        cases.set_item_note(
            library=library, case_id=case_id, item_id=item_id,
            note="Follow up with the licensing team before the next briefing.",
        )  # fmt: skip
    return case_id


def print_stage(library: Library, runs: int = 3) -> dict[str, Any]:
    """render_case_pdf of a 200-item case (median); the case is removed afterwards."""
    from desktop.services import cases
    from desktop.ui.printing import render_case_pdf

    case_id = make_print_case(library)
    with library.session() as session:
        n = len(cases.get_case(session, case_id).items)
    times, cpu, pages = [], [], 0
    try:
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "case.pdf"
            for _ in range(runs + 1):
                t0, c0 = time.perf_counter(), time.thread_time()
                pages = render_case_pdf(library=library, case_id=case_id, path=out)
                times.append(time.perf_counter() - t0)
                cpu.append(time.thread_time() - c0)
            size = out.stat().st_size
    finally:
        cases.delete_case(library=library, case_id=case_id)
    return {"items": n, "pages": pages, "pdf_kib": size / 1024, "ms": _ms(times[1:]),
            "cpu_ms": _ms(cpu[1:])}  # fmt: skip
