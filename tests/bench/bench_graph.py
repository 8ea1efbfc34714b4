"""Benchmark: the connections graph on a big synthetic library.

    python -m tests.bench.bench_graph [--scale 100000] [--runs 30] [--no-ui]

Builds (once, cached under /tmp) a library of N articles with ~20 mentions each over N/10
entities whose popularity follows a Zipf law (so there are hubs mentioned by a third of the
library), ~0.5 citations per article and some entity-entity links; 10% confirmed, 3% rejected.
Rows go in with plain inserts through the store's own schema. Then it measures, as medians,
the view the connections panel shows (its hub cap and 300-node budget, look-alike outer items
drawn as groups by ``graph_groups.grouped``, evidence read per hovered edge):
- at 2 and 3 hops: neighbourhood query, grouping + layout, then scene build and first paint;
- a path query between two entities and between an article and an entity (target < 100 ms);
- at 2,000 nodes: scene build, and the time to repaint the view after a zoom or a pan step.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import numpy as np

MENTIONS_PER_ARTICLE = 20
VIEW_HOPS = (2, 3)  # the panel groups outer items from two hops on
PATH_TARGET_MS = 100
KINDS = ("person", "organization", "country", "place", "group", "regulation")


def build(path: Path, n_articles: int, seed: int = 7) -> None:
    from desktop.store.db import Library, resolve_db_url

    tmp = path.with_suffix(".building")
    for p in (tmp, Path(f"{tmp}-wal"), Path(f"{tmp}-shm")):
        p.unlink(missing_ok=True)
    Library.open(resolve_db_url(tmp)).close()
    rng = np.random.default_rng(seed)
    n_entities = max(50, n_articles // 10)
    now = datetime.now(UTC).isoformat(sep=" ")
    conn = sqlite3.connect(tmp)
    conn.execute("PRAGMA journal_mode = OFF")
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("BEGIN")
    t0 = time.perf_counter()
    items = [
        (i, "article", f"Synthetic article {i} on export controls", now, now, 1)
        for i in range(1, n_articles + 1)
    ]
    first_entity = n_articles + 1
    items += [
        (first_entity + j, KINDS[j % len(KINDS)], f"Entity {j}", now, now, 1)
        for j in range(n_entities)
    ]
    conn.executemany(
        "INSERT INTO item (id, kind, name, created_at, updated_at, version) VALUES (?,?,?,?,?,?)",
        items,
    )
    day0 = date(2015, 1, 1)
    conn.executemany(
        "INSERT INTO article (item_id, ref, body, title_line, published, content_hash, reviewed,"
        " placeholder) VALUES (?,?,'',0,?,?,0,0)",
        (
            (i, f"{1500000000 + i:010d}", (day0 + timedelta(days=i % 3000)).isoformat(), f"h{i}")
            for i in range(1, n_articles + 1)
        ),
    )
    conn.executemany(
        "INSERT INTO entity (item_id) VALUES (?)",
        ((first_entity + j,) for j in range(n_entities)),
    )
    weights = 1.0 / np.arange(1, n_entities + 1) ** 1.05
    picks = rng.choice(
        n_entities, size=(n_articles, MENTIONS_PER_ARTICLE + 8), p=weights / weights.sum()
    )
    status_roll = rng.random(n_articles * MENTIONS_PER_ARTICLE + n_articles + n_entities)
    links, evidence = [], []
    link_id = 0

    def add(src: int, dst: int, kind: str, article: int, sentence: str) -> None:
        nonlocal link_id
        link_id += 1
        r = status_roll[link_id % len(status_roll)]
        status = "confirmed" if r < 0.10 else "rejected" if r < 0.13 else "suggested"
        links.append((link_id, src, dst, kind, "", status, "extract", now))
        for n in range(1 + link_id % 3):
            evidence.append((link_id, article, 10 * n, 10 * n + 8, sentence))

    for a in range(1, n_articles + 1):
        row = list(dict.fromkeys(picks[a - 1].tolist()))[:MENTIONS_PER_ARTICLE]
        for j in row:
            add(
                a,
                first_entity + j,
                "mentions",
                a,
                f"Officials discussed Entity {j} in article {a}, according to the report.",
            )
        if a > 1 and a % 2 == 0:
            cited = int(rng.integers(1, a))
            add(a, cited, "cites", a, f"(see {1500000000 + cited:010d})")
    for j in range(n_entities):
        other = int(rng.integers(0, n_entities))
        if other != j:
            a = int(rng.integers(1, n_articles + 1))
            kind = ("affiliated_with", "member_of", "part_of", "met_with", "related_to")[j % 5]
            add(
                first_entity + j,
                first_entity + other,
                kind,
                a,
                f"Entity {j} works closely with Entity {other}, the article said.",
            )
    conn.executemany(
        "INSERT INTO link (id, source_id, target_id, kind, label, status, origin, created_at)"
        " VALUES (?,?,?,?,?,?,?,?)",
        links,
    )
    conn.executemany(
        'INSERT INTO evidence (link_id, article_id, start, "end", sentence) VALUES (?,?,?,?,?)',
        evidence,
    )
    conn.execute("COMMIT")
    conn.execute("ANALYZE")
    conn.close()
    os.replace(tmp, path)
    print(
        f"built {path}: {n_articles} articles, {n_entities} entities, {len(links)} links, "
        f"{len(evidence)} evidence rows in {time.perf_counter() - t0:.1f} s"
    )


def med(xs: list[float], cpu: list[float] | None = None) -> str:
    out = f"median {statistics.median(xs) * 1000:.1f} ms (p90 {np.percentile(xs, 90) * 1000:.1f})"
    if cpu:
        out += f", CPU median {statistics.median(cpu) * 1000:.1f} ms"
    return out


def clocks() -> tuple[float, float]:
    """Wall clock and this thread's CPU time: the machine is shared, so report both."""
    return time.perf_counter(), time.thread_time()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--no-ui", action="store_true")
    args = parser.parse_args()
    path = Path(f"/tmp/casefile-bench-graph-{args.scale}.casefile")
    if not path.exists():
        build(path, args.scale)
    from desktop.services import graph
    from desktop.services.graph_groups import grouped
    from desktop.services.graph_layout import layout_graph
    from desktop.services.graph_paths import find_paths
    from desktop.store.db import Library, resolve_db_url

    library = Library.open(resolve_db_url(path))
    rng = np.random.default_rng(1)
    n_entities = max(50, args.scale // 10)
    articles = rng.integers(1, args.scale + 1, size=args.runs).tolist()

    def hood(center: int, hops: int, max_nodes: int) -> graph.Neighbourhood:
        """As the panel asks (its hub cap): evidence is read only for the edge under the mouse."""
        with library.session() as s:
            return graph.neighbourhood(
                session=s, center_id=center, hops=hops, max_nodes=max_nodes, evidence=False
            )

    hood(articles[0], 3, 300)  # warm the cache
    print(f"library: {args.scale} articles")
    for hops in VIEW_HOPS:
        q_t, l_t, q_c, l_c, sizes = [], [], [], [], []
        for a in articles:
            t0, c0 = clocks()
            view = hood(a, hops, 300)
            t1, c1 = clocks()
            drawn = grouped(view)
            layout_graph(drawn)
            t2, c2 = clocks()
            q_t.append(t1 - t0)
            l_t.append(t2 - t1)
            q_c.append(c1 - c0)
            l_c.append(c2 - c1)
            sizes.append((len(view.nodes), len(drawn.nodes), len(view.edges)))
        print(
            f"{hops} hops: items median {statistics.median(s[0] for s in sizes)}, drawn (after "
            f"grouping) {statistics.median(s[1] for s in sizes)}, links "
            f"{statistics.median(s[2] for s in sizes)}"
        )
        print(f"  neighbourhood query (<=300 nodes): {med(q_t, q_c)}")
        print(f"  grouping + layout: {med(l_t, l_c)}")
    e_t = []
    for a in articles[:10]:
        view = hood(a, 2, 300)
        t0 = time.perf_counter()
        with library.session() as s:
            graph.edge_evidence(session=s, link_ids=[view.edges[len(view.edges) // 2].id])
        e_t.append(time.perf_counter() - t0)
    print(f"evidence of one hovered edge: {med(e_t)}")
    t0, c0 = clocks()
    with library.session() as s:
        graph.neighbourhood(session=s, center_id=articles[0], hops=2)
    t1, c1 = clocks()
    print(f"the same view with every edge's evidence (CLI): {(t1 - t0) * 1000:.0f} ms")
    hub = n_articles_first = args.scale + 1  # Entity 0 is the biggest hub
    t = []
    for _ in range(5):
        t0 = time.perf_counter()
        hub_view = hood(hub, 2, 300)
        t.append(time.perf_counter() - t0)
    print(f"neighbourhood of the biggest hub (2 hops): {med(t)}, {len(hub_view.nodes)} nodes")
    p_t, p_c, lengths = [], [], []
    for i in range(args.runs):
        a = int(rng.integers(n_entities // 20, n_entities)) + n_articles_first
        b = int(rng.integers(n_entities // 20, n_entities)) + n_articles_first
        src = articles[i] if i % 2 else a
        t0, c0 = clocks()
        with library.session() as s:
            paths = find_paths(session=s, source_id=src, target_id=b, k=3)
        t1, c1 = clocks()
        p_t.append(t1 - t0)
        p_c.append(c1 - c0)
        lengths.append(len(paths[0].edges) if paths else 0)
    print(
        f"path query (entity/article to entity, k=3): {med(p_t, p_c)}; target < "
        f"{PATH_TARGET_MS} ms: {'met' if statistics.median(p_t) * 1000 < PATH_TARGET_MS else 'missed'}"
        f"; hops {sorted(lengths)}"
    )
    if not args.no_ui:
        bench_ui(hood, articles)
    library.close()


def bench_ui(hood, articles) -> None:  # type: ignore[no-untyped-def]
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtWidgets import QApplication

    from desktop.services.graph_groups import grouped
    from desktop.services.graph_layout import layout_graph
    from desktop.ui.connections.scene import GraphScene
    from desktop.ui.connections.view import GraphView

    app = QApplication.instance() or QApplication([])
    view_w = GraphView()
    view_w.resize(900, 700)
    view_w.show()
    app.processEvents()
    d_t, total, d_c, total_c = [], [], [], []
    for a in articles:
        t0, c0 = clocks()
        fresh = grouped(hood(a, 3, 300))
        fresh_pos = layout_graph(fresh)
        t1, c1 = clocks()
        scene = GraphScene()
        scene.show_graph(fresh, fresh_pos)
        view_w.setScene(scene)
        view_w.fit()
        img = QImage(view_w.viewport().size(), QImage.Format.Format_ARGB32_Premultiplied)
        painter = QPainter(img)
        view_w.render(painter)
        painter.end()
        t2, c2 = clocks()
        d_t.append(t2 - t1)
        total.append(t2 - t0)
        d_c.append(c2 - c1)
        total_c.append(c2 - c0)
        view_w.setScene(None)
        del scene
    print(f"scene build + first paint (300-node view, 3 hops, grouped): {med(d_t, d_c)}")
    print(f"TOTAL query + grouping + layout + drawing, 300-node view: {med(total, total_c)}")
    big = hood(articles[0], 3, 2000)
    t0 = time.perf_counter()
    pos = layout_graph(big)
    t1 = time.perf_counter()
    scene = GraphScene()
    scene.show_graph(big, pos)
    view_w.setScene(scene)
    view_w.fit()
    t2 = time.perf_counter()
    print(
        f"2,000-node view: {len(big.nodes)} nodes, {len(big.edges)} edges; layout "
        f"{(t1 - t0) * 1000:.0f} ms (worker thread), scene build {(t2 - t1) * 1000:.0f} ms "
        "(all at once)"
    )
    view_w.setScene(None)
    del scene
    scene = GraphScene()
    view_w.setScene(scene)
    slices: list[float] = []
    original = scene._slice

    def timed(budget: float) -> None:
        s0 = time.perf_counter()
        original(budget)
        slices.append(time.perf_counter() - s0)

    scene._slice = timed  # type: ignore[method-assign]
    t0 = time.perf_counter()
    scene.show_graph(big, pos, budget_ms=8.0)
    while scene.building:
        app.processEvents()
    view_w.fit()
    t1 = time.perf_counter()
    print(
        f"2,000-node view built in {len(slices)} slices over {(t1 - t0) * 1000:.0f} ms; "
        f"longest slice {max(slices) * 1000:.1f} ms"
    )
    img = QImage(view_w.viewport().size(), QImage.Format.Format_ARGB32_Premultiplied)

    def frame() -> tuple[float, float]:
        t0, c0 = clocks()
        painter = QPainter(img)
        view_w.render(painter)
        painter.end()
        t1, c1 = clocks()
        return t1 - t0, c1 - c0

    frames, frames_c = [], []
    for i in range(30):
        if i % 2:
            view_w.zoom(1.1)  # as the wheel does: the view is "moving" for a moment
        else:
            view_w.centerOn(view_w.mapToScene(view_w.viewport().rect().center()) + QPointF(15, 10))
        wall, cpu = frame()
        frames.append(wall)
        frames_c.append(cpu)
    print(f"2,000-node view, repaint after a zoom/pan step: {med(frames, frames_c)}")
    view_w.fit()
    scene.set_fast(False)
    rest = [frame() for _ in range(5)]
    print(
        "2,000-node view, resting full-quality frame (fitted): "
        f"{med([r[0] for r in rest], [r[1] for r in rest])}"
    )


if __name__ == "__main__":
    main()
