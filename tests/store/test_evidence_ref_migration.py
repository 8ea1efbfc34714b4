"""Revision 0006_lean: evidence keeps where its sentence is, not a copy of it. Every evidence
sentence reads back the same before and after the migration, on both back ends, including
the ones the body cannot give back (the analyst's words, a title-line sentence)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import text
from sqlmodel import select

from desktop.extract.sentences import ViewSentences
from desktop.extract.textview import TextView
from desktop.services.importer import import_paths
from desktop.services.library import evidence_views
from desktop.store import migrate
from desktop.store.db import Library
from desktop.store.models import Article
from desktop.store.text import reader_words, sentence_text
from tests.conftest import SAMPLE

# a hard-wrapped article with a soft hyphen, a no-break space and a zero-width space in names
HOSTILE = (
    "Chip talks resume\n"
    "Commerce Secretary Gina Rai\u00admondo met officials of the Bureau of Industry and\n"
    "Security on Tuesday, the\u00a0department said. Tokyo\u200b officials agreed.\n"
    "  The Ministry of Economy, Trade and Industry will reply.\n"
)


Shown = dict[int, list[tuple[int, int, int, str]]]


def _sentences(lib: Library) -> Shown:
    """link id -> (article, start, end, sentence) of each piece of its evidence, as every
    reader shows them (services.library.evidence_views), in their order. Not by evidence id:
    0013 packs the spans of a (link, article) into one row (desktop.store.spans)."""
    with lib.session() as s:
        conn = s.connection()
        link_ids = [int(r[0]) for r in conn.execute(text("SELECT id FROM link"))]
        views = evidence_views(s, link_ids)
    return {
        lid: [(v.article_id, v.start, v.end, v.sentence) for v in vs] for lid, vs in views.items()
    }


def _stored(conn: Any) -> Shown:
    """The same from the rows of a schema before 0007 (a copy in every row)."""
    out: Shown = {}
    for lid, aid, start, end, sentence in conn.execute(
        text('SELECT link_id, article_id, start, "end", sentence FROM evidence ORDER BY id')
    ):
        out.setdefault(int(lid), []).append((int(aid), start, end, sentence))
    return out


def _stored_sentences(lib: Library) -> Shown:
    """``_sentences`` read from the rows of a schema from 0007 to 0011 (one row per span, the
    sentence a span of the body), in the readers' order (article date, then row)."""
    with lib.session() as s:
        bodies = {a.item_id: a.body for a in s.exec(select(Article)).all()}
        rows = s.connection().execute(
            text(
                'SELECT e.link_id, e.article_id, e.start, e."end", e.sentence, e.sent_start, '
                "e.sent_end FROM evidence e JOIN article a ON a.item_id = e.article_id "
                "ORDER BY a.published, e.id"
            )
        )
        out: Shown = {}
        for lid, aid, start, end, quote, ss, se in rows:
            sentence = sentence_text(quote, ss, se, bodies.get(aid))
            out.setdefault(int(lid), []).append((int(aid), start, end, sentence))
    return out


def _sorted(shown: Shown) -> Shown:
    return {lid: sorted(pieces) for lid, pieces in shown.items()}


def test_every_sentence_reads_back_the_same_after_the_migration(
    db_url: str, tmp_path: Path
) -> None:
    (tmp_path / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    lib = Library.open(db_url)
    try:
        report = import_paths(library=lib, paths=[SAMPLE, tmp_path / "hostile.txt"])
        assert report.imported == 2
        migrate.downgrade(lib.engine, "0005_watch2")  # the old schema: a copy in every row
        with lib.engine.begin() as conn:
            article, link = conn.execute(text("SELECT article_id, link_id FROM evidence")).first()
            # the analyst's own words (kept verbatim), and a sentence of the title line
            conn.execute(
                text('INSERT INTO evidence (link_id, article_id, start, "end", sentence) '
                     "VALUES (:l, :a, 0, 0, :q), (:l, :a, 0, 4, 'Chip talks resume')"),
                {"l": link, "a": article, "q": "She said so,\n  twice."},
            )  # fmt: skip
            before = _stored(conn)
            by_id = {int(i): s for i, s in conn.execute(text("SELECT id, sentence FROM evidence"))}
    finally:
        lib.close()
    assert len(by_id) > 20
    lib = Library.open(db_url)  # opening migrates to the head
    try:
        assert migrate.current_and_head(lib.engine)[0] == migrate.head_revision()
        assert _sorted(_sentences(lib)) == _sorted(before)
        with lib.engine.connect() as conn:
            copies = conn.execute(
                text("SELECT count(*) FROM evidence WHERE sentence IS NOT NULL")
            ).scalar()
        assert copies is not None and copies < len(by_id) / 4  # most rows now point
        migrate.downgrade(lib.engine, "0005_watch2")  # and back: the copies again
        with lib.engine.connect() as conn:
            again = {int(i): s for i, s in conn.execute(text("SELECT id, sentence FROM evidence"))}
        assert again == by_id
    finally:
        lib.close()


def test_a_span_of_the_stored_text_reads_as_the_extraction_sentence() -> None:
    """The reader's words of a span equal the extraction's view of it (wrapped lines,
    invisible characters, Unicode spaces), so a span can stand for the sentence."""
    finder = ViewSentences(TextView(HOSTILE))
    for offset in range(len(HOSTILE)):
        s, e, words = finder.sentence(offset)
        assert reader_words(HOSTILE[s:e]) == words
