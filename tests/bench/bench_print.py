"""Benchmark: printing a 200-item case to PDF (and exporting it).

    python -m tests.bench.bench_print [--items 200] [--runs 5] [--out /tmp/bench-case.pdf]

Builds a fresh library (in a temp dir) whose case holds N items: 40% articles (~2 KB bodies,
dated, each mentioning five of the case's entities with a supporting sentence), 30% people
(role, affiliation, note), 15% organizations, 7% countries, 8% working groups with members,
plus affiliation / membership links with evidence and some cited-but-missing articles. Then it
measures, as medians over the runs: reading the summary (build_report), laying it out
(QTextDocument + keep-with-next), painting the PDF, the whole `render_case_pdf`, and the HTML,
Markdown and JSON exports.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

WORDS = [
    "export",
    "controls",
    "coordination",
    "allies",
    "semiconductor",
    "licensing",
    "entity",
    "list",
    "enforcement",
    "officials",
    "said",
    "ministry",
    "commerce",
    "agreement",
    "review",
    "plants",
    "equipment",
    "policy",
    "framework",
    "consultations",
    "notice",
    "partners",
    "industry",
    "rules",
    "suppliers",
    "assessment",
    "working",
    "group",
]


def _sentence(rng: random.Random, name: str = "") -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(12, 24))]
    if name:
        words.insert(rng.randint(0, len(words)), name)
    return " ".join(words).capitalize() + "."


def build(library, n_items: int, seed: int = 3) -> int:  # type: ignore[no-untyped-def]
    from desktop.services import cases
    from desktop.store.models import Alias, Article, Entity, Evidence, Item, Link
    from desktop.store.text import normalize_name

    rng = random.Random(seed)
    shares = {"article": 0.40, "person": 0.30, "organization": 0.15, "country": 0.07, "group": 0.08}
    counts = {k: max(1, int(n_items * v)) for k, v in shares.items()}
    counts["article"] += n_items - sum(counts.values())
    ids: dict[str, list[int]] = {k: [] for k in counts}
    with library.write() as s:
        for kind, n in counts.items():
            for i in range(n):
                name = (
                    f"{rng.choice(WORDS).title()} {rng.choice(WORDS).title()} report {i}"
                    if kind == "article"
                    else f"{kind.title()} {rng.choice(WORDS).title()} {i}"
                )
                item = Item(kind=kind, name=name)
                s.add(item)
                s.flush()
                ids[kind].append(item.id)
                if kind == "article":
                    body = " ".join(_sentence(rng) for _ in range(14))
                    s.add(
                        Article(
                            item_id=item.id,
                            ref=f"23{i:08d}",
                            body=body,
                            published=date(2023, 1, 1) + timedelta(days=rng.randint(0, 700)),
                            content_hash=f"{item.id:064x}",
                            source_file=f"article-{i}.txt",
                        )
                    )
                else:
                    s.add(
                        Entity(
                            item_id=item.id,
                            role="Deputy director" if kind == "person" else None,
                            affiliation=f"Ministry {i % 9}" if kind == "person" else None,
                        )
                    )
                    s.add(Alias(entity_id=item.id, name=name, norm=normalize_name(name)))
        entities = [e for k in ("person", "organization", "country", "group") for e in ids[k]]
        for article in ids["article"]:
            for entity in rng.sample(entities, 5):
                link = Link(source_id=article, target_id=entity, kind="mentions")
                s.add(link)
                s.flush()
                s.add(
                    Evidence(
                        link_id=link.id,
                        article_id=article,
                        start=0,
                        end=10,
                        sentence=_sentence(rng, "someone"),
                    )
                )
        for person in ids["person"]:
            pairs = [("affiliated_with", rng.choice(ids["organization"]))]
            pairs.append(("member_of", rng.choice(ids["group"])))
            for kind, target in pairs:
                link = Link(
                    source_id=person,
                    target_id=target,
                    kind=kind,
                    status=rng.choice(("suggested", "confirmed")),
                )
                s.add(link)
                s.flush()
                s.add(
                    Evidence(
                        link_id=link.id,
                        article_id=rng.choice(ids["article"]),
                        start=0,
                        end=10,
                        sentence=_sentence(rng),
                    )
                )
        for i in range(n_items // 20):
            item = Item(kind="article", name=f"Article 22{i:08d} (cited, not yet imported)")
            s.add(item)
            s.flush()
            s.add(
                Article(
                    item_id=item.id,
                    ref=f"22{i:08d}",
                    placeholder=True,
                    published=date(2022, 1, 1) + timedelta(days=i * 9),
                )
            )
            s.add(Link(source_id=rng.choice(ids["article"]), target_id=item.id, kind="cites"))
    case_id = cases.create_case(
        library=library, title="Bench case", summary=" ".join(_sentence(rng) for _ in range(4))
    ).value
    order = [i for k in ("person", "organization", "country", "group", "article") for i in ids[k]]
    cases.add_items(library=library, case_id=case_id, item_ids=order)
    for item_id in rng.sample(order, len(order) // 2):
        cases.set_item_note(
            library=library,
            case_id=case_id,
            item_id=item_id,
            note=" ".join(_sentence(rng) for _ in range(rng.randint(1, 3))),
        )
    return case_id


def _median(fn, runs: int) -> tuple[float, object]:  # type: ignore[no-untyped-def]
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=200)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--out", default=str(Path(tempfile.gettempdir()) / "bench-case.pdf"))
    args = parser.parse_args()

    from PySide6.QtPrintSupport import QPrinter
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    from desktop.services import bundle, export
    from desktop.services.report import build_report
    from desktop.store.db import Library, resolve_db_url
    from desktop.ui import printing

    with tempfile.TemporaryDirectory() as tmp:
        library = Library.open(resolve_db_url(Path(tmp) / "bench.casefile"))
        case_id = build(library, args.items)
        out = Path(args.out)
        printing.render_case_pdf(library=library, case_id=case_id, path=out)  # warm-up
        t_report, report = _median(
            lambda: build_report(library=library, case_id=case_id), args.runs
        )

        def layout():  # type: ignore[no-untyped-def]
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            printer.setOutputFileName(str(out))
            printing.setup_printer(printer, "A4")
            return printer, printing.build_document(report, printer, library=library)

        t_layout, (printer, doc) = _median(layout, args.runs)
        t_paint, pages = _median(lambda: printing.paint_document(printer, doc, "Bench", "today"), 1)
        t_total, pages = _median(
            lambda: printing.render_case_pdf(library=library, case_id=case_id, path=out), args.runs
        )
        t_html, _ = _median(lambda: export.to_html(report), args.runs)
        t_md, _ = _median(lambda: export.to_markdown(report), args.runs)
        t_json, _ = _median(
            lambda: export.to_json(report, bundle.build_bundle(library=library, case_id=case_id)),
            args.runs,
        )
        library.close()
    del app
    n = len(report.articles) + sum(len(v) for v in report.entities.values())  # type: ignore[union-attr]
    print(
        f"case: {n} items ({len(report.articles)} articles), {pages} pages A4, "  # type: ignore[union-attr]
        f"{len(report.relations)} stated links, {len(report.sources)} sources"
    )  # type: ignore[union-attr]
    print(f"build_report      {t_report * 1000:8.1f} ms")
    print(f"layout (QTextDoc) {t_layout * 1000:8.1f} ms  (incl. keep-with-next, diagram)")
    print(f"paint PDF         {t_paint * 1000:8.1f} ms")
    print(f"render_case_pdf   {t_total * 1000:8.1f} ms  (total, median of {args.runs}) -> {out}")
    print(f"export html / md  {t_html * 1000:8.1f} / {t_md * 1000:.1f} ms")
    print(f"export json       {t_json * 1000:8.1f} ms  (bundle + report)")


if __name__ == "__main__":
    main()
