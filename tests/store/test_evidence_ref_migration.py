"""Revision 0006_lean: evidence keeps where its sentence is, not a copy of it. Every evidence
sentence reads back the same before and after the migration, on both back ends, including
the ones the body cannot give back (the analyst's words, a title-line sentence)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

from desktop.extract.sentences import ViewSentences
from desktop.extract.textview import TextView
from desktop.services.importer import import_paths
from desktop.services.library import evidence_views
from desktop.store import migrate
from desktop.store.db import Library
from desktop.store.text import reader_words
from tests.conftest import SAMPLE

# a hard-wrapped article with a soft hyphen, a no-break space and a zero-width space in names
HOSTILE = (
    "Chip talks resume\n"
    "Commerce Secretary Gina Rai\u00admondo met officials of the Bureau of Industry and\n"
    "Security on Tuesday, the\u00a0department said. Tokyo\u200b officials agreed.\n"
    "  The Ministry of Economy, Trade and Industry will reply.\n"
)


def _sentences(lib: Library) -> dict[int, str]:
    """evidence id -> the sentence every reader shows (services.library.evidence_views)."""
    with lib.session() as s:
        conn = s.connection()
        link_ids = [int(r[0]) for r in conn.execute(text("SELECT id FROM link"))]
        ids = [
            tuple(r)
            for r in conn.execute(
                text('SELECT link_id, start, "end", id FROM evidence ORDER BY id')
            )
        ]
        views = evidence_views(s, link_ids)
    by_key = {(lid, v.start, v.end): v.sentence for lid, vs in views.items() for v in vs}
    return {ev_id: by_key[(lid, st, en)] for lid, st, en, ev_id in ids}


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
            before = {int(i): s for i, s in conn.execute(text("SELECT id, sentence FROM evidence"))}
    finally:
        lib.close()
    assert len(before) > 20
    lib = Library.open(db_url)  # opening migrates to the head
    try:
        assert migrate.current_and_head(lib.engine)[0] == migrate.head_revision()
        assert _sentences(lib) == before
        with lib.engine.connect() as conn:
            copies = conn.execute(
                text("SELECT count(*) FROM evidence WHERE sentence IS NOT NULL")
            ).scalar()
        assert copies is not None and copies < len(before) / 4  # most rows now point
        migrate.downgrade(lib.engine, "0005_watch2")  # and back: the copies again
        with lib.engine.connect() as conn:
            again = {int(i): s for i, s in conn.execute(text("SELECT id, sentence FROM evidence"))}
        assert again == before
    finally:
        lib.close()


def test_a_span_of_the_stored_text_reads_as_the_extraction_sentence() -> None:
    """The reader's words of a span equal the extraction's view of it (wrapped lines,
    invisible characters, Unicode spaces), so a span can stand for the sentence."""
    finder = ViewSentences(TextView(HOSTILE))
    for offset in range(len(HOSTILE)):
        s, e, words = finder.sentence(offset)
        assert reader_words(HOSTILE[s:e]) == words
