"""Revision 0009_lean_links: bodies stored compressed (SQLite), no timestamp on suggested links;
and 0013_packed_evidence: one evidence row per (link, article) for a name's mentions.
Every link, every evidence sentence and every article reads back the same before and after
the migrations, on both back ends, and search still finds and quotes the bodies."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import text
from sqlmodel import select

from desktop.services import search
from desktop.services.editing import create_link
from desktop.services.importer import import_paths
from desktop.store import migrate
from desktop.store.db import Library
from desktop.store.models import AFFILIATED_WITH, Article
from tests.conftest import SAMPLE
from tests.store.test_evidence_ref_migration import HOSTILE, _sentences, _stored_sentences

_LINKS = "SELECT id, source_id, target_id, kind, label, status, origin, note FROM link ORDER BY id"


def _links(lib: Library) -> list[tuple[Any, ...]]:
    with lib.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(text(_LINKS))]


def _evidence_rows(lib: Library) -> list[tuple[Any, ...]]:
    with lib.engine.connect() as conn:
        return [
            tuple(r)
            for r in conn.execute(
                text(
                    'SELECT id, link_id, article_id, start, "end", sent_start, sent_end, sentence '
                    "FROM evidence ORDER BY id"
                )
            )
        ]


def _bodies(lib: Library) -> dict[int, str]:
    with lib.session() as s:
        return {a.item_id: a.body for a in s.exec(select(Article)).all()}


def _stamps(lib: Library) -> dict[str, list[Any]]:
    with lib.engine.connect() as conn:
        rows = conn.execute(text("SELECT origin, created_at FROM link ORDER BY id")).all()
    return {
        origin: [str(at) if at is not None else None for o, at in rows if o == origin]
        for origin in ("extract", "analyst")
    }


def _found(lib: Library, word: str) -> list[tuple[int, str]]:
    with lib.session() as s:
        hits = search.search(session=s, query=word, kind="article").hits
    return [(h.id, h.snippet) for h in hits]


def test_links_sentences_and_bodies_read_back_the_same(db_url: str, tmp_path: Path) -> None:
    (tmp_path / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    # a long report: its text spills over several pages, which packing it frees
    long = "Long report\n" + "".join(
        f"Paragraph {i}: officials in Tokyo and Seoul reviewed export licences again.\n"
        for i in range(2000)
    )
    (tmp_path / "long.txt").write_text(long, encoding="utf-8")
    paths = [SAMPLE, tmp_path / "hostile.txt", tmp_path / "long.txt"]
    lib = Library.open(db_url)
    try:
        assert import_paths(library=lib, paths=paths).imported == 3
        with lib.engine.connect() as conn:
            a, b = conn.execute(text("SELECT id FROM item WHERE kind <> 'article' LIMIT 2")).all()
        create_link(
            library=lib, source_id=a[0], target_id=b[0], kind=AFFILIATED_WITH, note="per memo"
        )
        migrate.downgrade(lib.engine, "0007_never_suggest")  # the schema before
        links, sentences, bodies = _links(lib), _stored_sentences(lib), _bodies(lib)
        stamps, found = _stamps(lib), _found(lib, "semiconductor")
        rows = _evidence_rows(lib)  # one row per span
    finally:
        lib.close()
    assert len(links) > 10 and len(sentences) > 20 and found
    assert all(at is not None for at in stamps["extract"] + stamps["analyst"])
    lib = Library.open(db_url)  # opening migrates to the head
    try:
        assert migrate.current_and_head(lib.engine)[0] == migrate.head_revision()
        assert _links(lib) == links
        assert _sentences(lib) == sentences
        # a name's mentions in an article share one row (0013): far fewer rows
        assert len(_evidence_rows(lib)) < len(rows) * 0.7
        assert _bodies(lib) == bodies
        assert _found(lib, "semiconductor") == found
        after = _stamps(lib)
        assert after["analyst"] == stamps["analyst"]  # the analyst's link keeps its time
        assert after["extract"] == [None] * len(stamps["extract"])  # suggestions carry none
        if lib.path is not None:  # a SQLite file keeps the long bodies compressed
            with lib.engine.connect() as conn:
                # and was compacted after the migration: the room it made is given back
                assert conn.exec_driver_sql("PRAGMA freelist_count").scalar() == 0
                kinds = conn.execute(
                    text("SELECT typeof(body) FROM article WHERE length(CAST(body AS BLOB)) > 200")
                ).scalars()
                assert set(kinds) == {"blob"}
        migrate.downgrade(lib.engine, "0007_never_suggest")  # and back
        assert (_links(lib), _stored_sentences(lib), _bodies(lib)) == (links, sentences, bodies)
        assert _evidence_rows(lib) == rows  # every span has its row back, under its old id
        assert _found(lib, "semiconductor") == found
        assert all(at is not None for at in _stamps(lib)["extract"])
    finally:
        lib.close()


def test_an_imported_body_is_stored_compressed_and_reads_back(library: Library) -> None:
    assert import_paths(library=library, paths=[SAMPLE]).imported == 1
    text_ = SAMPLE.read_text(encoding="utf-8")
    with library.session() as s:
        (article,) = s.exec(select(Article).where(Article.placeholder == False)).all()  # noqa: E712
        assert article.body and article.body in text_
    with library.engine.connect() as conn:
        stored, stamp = conn.execute(
            text("SELECT a.body, (SELECT max(created_at) FROM link) FROM article a "
                 "WHERE NOT a.placeholder")
        ).one()  # fmt: skip
    assert stamp is None  # the import's suggestions carry no timestamp
    if library.path is not None:
        assert isinstance(stored, bytes) and len(stored) < len(article.body.encode()) * 0.7
    else:
        assert stored == article.body


def test_a_library_that_cannot_be_compacted_still_opens_migrated(
    tmp_path: Path, monkeypatch: Any
) -> None:
    """Compaction is a bonus after a migration: a full disk (VACUUM needs room for a second
    copy of the file) must not stop a migrated library from opening."""
    path = tmp_path / "full-disk.casefile"
    lib = Library.open(str(path))
    try:
        assert import_paths(library=lib, paths=[SAMPLE]).imported == 1
        before = _links(lib)
        migrate.downgrade(lib.engine, "0007_never_suggest")
    finally:
        lib.close()

    def disk_full(self: Library) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(Library, "_compact", disk_full)
    assert migrate.frees_space("0007_never_suggest")  # so this upgrade compacts
    assert migrate.frees_space("0011_item_counts")  # 0013 packs the evidence spans
    assert not migrate.frees_space(migrate.SCHEMA_HEAD)  # no upgrade, no rewrite
    lib = Library.open(str(path))  # migrates; compaction fails
    try:
        assert migrate.current_and_head(lib.engine)[0] == migrate.SCHEMA_HEAD
        assert _links(lib) == before
        assert _found(lib, "export")
    finally:
        lib.close()
