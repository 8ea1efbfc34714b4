"""Evidence stored per entity per article is bounded (a 19 MB article once stored a million
rows); the first mentions keep their rows and sentences, on import and on re-extraction."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select

from desktop.services.importer import import_paths, reextract
from desktop.services.prepare import EVIDENCE_PER_ENTITY
from desktop.store.db import Library
from desktop.store.models import Article, Evidence, Item, Link
from desktop.store.text import sentence_text


def _rows_for(library: Library, name: str) -> list[tuple[int, str]]:
    with library.session() as s:
        entity = s.exec(select(Item.id).where(Item.name == name)).first()
        rows = s.exec(
            select(Evidence, Article.body)
            .join(Link, Link.id == Evidence.link_id)
            .join(Article, Article.item_id == Evidence.article_id)
            .where(Link.target_id == entity[0], Link.kind == "mentions")
            .order_by(Evidence.start)
        ).all()
    pieces = [  # a row stands for several mentions (desktop.store.spans)
        (start, sentence_text(ev.sentence, ss, se, body))
        for ev, body in rows
        for start, _, ss, se in ev.pieces()
    ]
    return sorted(pieces, key=lambda p: p[0])


def test_evidence_rows_per_entity_are_capped(library: Library, tmp_path: Path) -> None:
    body = " ".join(f"BIS acted again on day {i}." for i in range(200))
    path = tmp_path / "many.txt"
    path.write_text(f"Many mentions\n{body}\n", encoding="utf-8")
    report = import_paths(library=library, paths=[path])
    assert report.imported == 1
    rows = _rows_for(library, "Bureau of Industry and Security")
    assert len(rows) == EVIDENCE_PER_ENTITY
    text = f"Many mentions\n{body}\n"
    assert rows[0] == (text.index("BIS"), "BIS acted again on day 0.")
    reextract(library=library, article_ids=[report.articles[0].id])
    assert len(_rows_for(library, "Bureau of Industry and Security")) == EVIDENCE_PER_ENTITY
    with library.session() as s:
        assert s.exec(select(func.count()).select_from(Evidence)).one()[0] < 3 * EVIDENCE_PER_ENTITY
