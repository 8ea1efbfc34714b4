"""One evidence row per (link, article) for the mentions of a name (issue 22, "fewer, narrower
rows"): an entity mentioned three times stores one row, and every reader still shows three
highlights, three sentences and the count 3."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text
from sqlmodel import select

from desktop.services import bundle, export, graph
from desktop.services.cases import add_items, create_case
from desktop.services.importer import import_paths, reextract
from desktop.services.library import evidence_views, get_article
from desktop.services.report import build_report
from desktop.services.review import article_suggestions
from desktop.services.structure import split_alias, undo_edit
from desktop.store import spans
from desktop.store.db import Library
from desktop.store.models import Item, Link

BODY = (
    "The Bureau of Industry and Security acted on Monday. "
    "Officials in Tokyo were not told. "
    "BIS acted again on Tuesday. "
    "Later BIS said it would act a third time.\n"
)
TEXT = f"Three mentions\n{BODY}"


def _import(library: Library, tmp_path: Path) -> tuple[int, int, int]:
    """(article id, BIS id, its mention link id)."""
    path = tmp_path / "three.txt"
    path.write_text(TEXT, encoding="utf-8")
    report = import_paths(library=library, paths=[path])
    assert report.imported == 1
    article_id = report.articles[0].id
    with library.session() as s:
        bis = s.exec(select(Item.id).where(Item.name == "Bureau of Industry and Security")).one()
        link = s.exec(
            select(Link.id).where(Link.source_id == article_id, Link.target_id == bis)
        ).one()
    assert bis is not None and link is not None
    return article_id, bis, link


def _rows(library: Library, link_id: int) -> int:
    with library.engine.connect() as conn:
        return int(
            conn.execute(
                text("SELECT count(*) FROM evidence WHERE link_id = :l"), {"l": link_id}
            ).scalar_one()
        )


def _expected() -> list[tuple[int, int, str]]:
    starts = [TEXT.index("Bureau"), TEXT.index("BIS"), TEXT.rindex("BIS")]
    ends = [TEXT.index(" acted"), starts[1] + 3, starts[2] + 3]
    sentences = [
        "The Bureau of Industry and Security acted on Monday.",
        "BIS acted again on Tuesday.",
        "Later BIS said it would act a third time.",
    ]
    return list(zip(starts, ends, sentences, strict=True))


def test_three_mentions_are_one_row_and_read_as_three(library: Library, tmp_path: Path) -> None:
    article_id, bis, link_id = _import(library, tmp_path)
    assert _rows(library, link_id) == 1
    expected = _expected()
    with library.session() as s:
        view = get_article(s, article_id)
        marks = [(m.start, m.end) for m in view.mentions if m.link_id == link_id]
        assert marks == [(st, en) for st, en, _ in expected]  # the reader highlights all 3
        assert [view.text[st:en] for st, en in marks] == [
            "Bureau of Industry and Security",
            "BIS",
            "BIS",
        ]
        shown = evidence_views(s, [link_id])[link_id]  # entity page, link page, CLI show
        assert [(e.start, e.end, e.sentence) for e in shown] == expected
        (row,) = [r for r in article_suggestions(s, article_id) if r.link_id == link_id]
        assert row.count == 3 and row.sentence == expected[0][2]  # "3 mentions"
        count, sentences = graph.edge_evidence(session=s, link_ids=[link_id])[link_id]
        assert count == 3
        assert [e.sentence for e in sentences] == [e[2] for e in expected]
        around = graph.neighbourhood(session=s, center_id=article_id, hops=1)
        (edge,) = [e for e in around.edges if e.id == link_id]
        assert edge.evidence_count == 3
    # re-extracting keeps one row that reads the same
    reextract(library=library, article_ids=[article_id])
    with library.session() as s:
        (link_id,) = s.exec(
            select(Link.id).where(Link.source_id == article_id, Link.target_id == bis)
        ).all()
        shown = evidence_views(s, [link_id])[link_id]
    assert [(e.start, e.end, e.sentence) for e in shown] == expected
    assert _rows(library, link_id) == 1


def test_a_split_alias_takes_its_packed_spans_and_undo_restores_the_row(
    library: Library, tmp_path: Path
) -> None:
    article_id, bis, link_id = _import(library, tmp_path)
    with library.engine.connect() as conn:
        before = conn.execute(text("SELECT * FROM evidence ORDER BY id")).all()
    split = split_alias(library=library, entity_id=bis, alias="BIS").value
    expected = _expected()
    with library.session() as s:
        kept = evidence_views(s, [link_id])[link_id]
        (moved_link,) = s.exec(select(Link.id).where(Link.target_id == split.new_id)).all()
        moved = evidence_views(s, [moved_link])[moved_link]
    assert [(e.start, e.sentence) for e in kept] == [(expected[0][0], expected[0][2])]
    assert [(e.start, e.sentence) for e in moved] == [(st, se) for st, _, se in expected[1:]]
    assert _rows(library, moved_link) == 1  # the two mentions of "BIS" stay packed
    undo_edit(library=library, record=split.record)
    with library.engine.connect() as conn:
        assert conn.execute(text("SELECT * FROM evidence ORDER BY id")).all() == before


def test_a_bundle_carries_every_packed_sentence(library: Library, tmp_path: Path) -> None:
    article_id, bis, link_id = _import(library, tmp_path)
    case = create_case(library=library, title="Export controls").value
    add_items(library=library, case_id=case, item_ids=[article_id, bis])
    path = tmp_path / "case.json"
    export.export_case(library=library, case_id=case, fmt="json", path=path)
    other = Library.open(str(tmp_path / "other.casefile"))
    try:
        bundle.import_bundle(library=other, path=path)
        with other.session() as s:
            (lid,) = s.exec(select(Link.id).where(Link.kind == "mentions")).all()
            shown = evidence_views(s, [lid])[lid]
        assert [(e.start, e.end, e.sentence) for e in shown] == _expected()
    finally:
        other.close()
    report = build_report(library=library, case_id=case)
    assert report.mentions and report.mentions[0].citations[0].sentence == _expected()[0][2]


def test_packing_round_trips_and_is_small() -> None:
    first = (100, 103, 80, 140)
    rest = [(150, 153, 80, 140), (400, 431, 390, 520), (90, 93, 60, 75)]  # any order
    blob = spans.pack(first, rest)
    assert blob is not None and len(blob) <= 6 * len(rest) + 4
    assert spans.unpack(first, blob) == [first, *rest]
    assert spans.pack(first, []) is None and spans.unpack(first, None) == [first]
    rows = spans.packed_rows(
        [(1, 2, 0, 9, None), (3, 4, 0, 9, None), (5, 6, None, None, "a copy"), (7, 8, 0, 9, None)]
    )
    assert [r[5] for r in rows] == [2, 1, 1]  # a copied sentence keeps its own row, in order
