"""Revision 0012_lean_indexes: article texts compressed against a preset dictionary (SQLite)
and no (target_id, status) index on links. Texts written before read back unchanged, going
down leaves texts the revisions before can read, and the connections view's hub sample finds
the same links through the index that is left."""

from __future__ import annotations

import zlib
from pathlib import Path

from sqlalchemy import inspect, text

from desktop.services.importer import import_paths
from desktop.store import graph_sql, migrate
from desktop.store.db import Library, resolve_db_url
from desktop.store.graph_sql import Scope
from desktop.store.packed import pack_body, unpack_body, uses_preset
from desktop.vocab import CONFIRMED, LINK_STATUSES, REJECTED, SUGGESTED
from tests.conftest import SAMPLE
from tests.store.test_evidence_ref_migration import HOSTILE, _sentences
from tests.store.test_lean_links_migration import _bodies, _found, _links


def _stored(lib: Library) -> dict[int, str | bytes]:
    with lib.engine.connect() as conn:
        return dict(conn.execute(text("SELECT item_id, body FROM article")).all())


def test_a_body_is_stored_smaller_and_reads_back(tmp_path: Path) -> None:
    lib = Library.open(resolve_db_url(tmp_path / "lib.casefile"))
    try:
        assert import_paths(library=lib, paths=[SAMPLE]).imported == 1
        item_id, body = max(_bodies(lib).items(), key=lambda b: len(b[1]))  # not a citation's
        stored = _stored(lib)[item_id]
        # the dictionary's words make it smaller than zlib alone, and it reads back whole
        assert isinstance(stored, bytes) and uses_preset(stored)
        assert len(stored) < 0.9 * len(zlib.compress(body.encode("utf-8"), 6))
        assert unpack_body(stored) == body
        with lib.engine.connect() as conn:  # SQL reads it too: the search index, snippets
            read = text("SELECT cf_body(body) FROM article WHERE item_id = :i")
            assert conn.execute(read, {"i": item_id}).scalar() == body
        assert _found(lib, "semiconductor")
    finally:
        lib.close()


def test_a_body_written_before_the_dictionary_reads_back(tmp_path: Path) -> None:
    lib = Library.open(resolve_db_url(tmp_path / "lib.casefile"))
    try:
        assert import_paths(library=lib, paths=[SAMPLE]).imported == 1
        item_id, body = max(_bodies(lib).items(), key=lambda b: len(b[1]))  # not a citation's
        old = pack_body(body, preset=False)  # as revisions 0009-0011 wrote it
        assert isinstance(old, bytes) and not uses_preset(old)
        with lib.engine.begin() as conn:
            conn.execute(
                text("UPDATE article SET body = :b WHERE item_id = :i"), {"b": old, "i": item_id}
            )
        assert _bodies(lib)[item_id] == body
        assert _found(lib, "semiconductor")
    finally:
        lib.close()


def test_going_down_and_up_keeps_everything(db_url: str, tmp_path: Path) -> None:
    (tmp_path / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    lib = Library.open(db_url)
    try:
        assert import_paths(library=lib, paths=[SAMPLE, tmp_path / "hostile.txt"]).imported == 2
        links, sentences, bodies = _links(lib), _sentences(lib), _bodies(lib)
        found = _found(lib, "semiconductor")
        migrate.downgrade(lib.engine, "0011_item_counts")
        indexes = {ix["name"] for ix in inspect(lib.engine).get_indexes("link")}
        assert "ix_link_target_status" in indexes
        if lib.engine.dialect.name == "sqlite":  # what 0011 can read: plain zlib or text
            for stored in _stored(lib).values():
                assert not uses_preset(stored)
                if isinstance(stored, bytes):
                    assert zlib.decompress(stored).decode("utf-8") in bodies.values()
        assert _links(lib) == links  # (the evidence columns of today's model are not there)
    finally:
        lib.close()
    lib = Library.open(db_url)  # opening migrates to the head
    try:
        assert migrate.current_and_head(lib.engine)[0] == migrate.head_revision()
        indexes = {ix["name"] for ix in inspect(lib.engine).get_indexes("link")}
        assert "ix_link_target_status" not in indexes
        assert (_links(lib), _sentences(lib), _bodies(lib)) == (links, sentences, bodies)
        assert _found(lib, "semiconductor") == found
    finally:
        lib.close()


def test_hub_sample_is_the_newest_incoming_links_of_each_status(db_url: str) -> None:
    """Read per link kind and merged, the sample is what one scan by id would give."""
    lib = Library.open(db_url)
    try:
        with lib.engine.begin() as conn:
            ids = []
            for name in ["Hub", *(f"Source {i}" for i in range(40))]:
                ids.append(
                    conn.execute(
                        text(
                            "INSERT INTO item (kind, name, created_at, updated_at, version)"
                            " VALUES ('organization', :n, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 1)"
                            " RETURNING id"
                        ),
                        {"n": name},
                    ).scalar_one()
                )
            hub, sources = ids[0], ids[1:]
            kinds = ["member_of", "affiliated_with", "part_of", "related_to"]
            for i, source in enumerate(sources):  # kinds and statuses interleaved by id
                conn.execute(
                    text(
                        "INSERT INTO link (source_id, target_id, kind, label, status, origin)"
                        " VALUES (:s, :t, :k, '', :st, 'analyst')"
                    ),
                    {
                        "s": source,
                        "t": hub,
                        "k": kinds[i % len(kinds)],
                        "st": CONFIRMED if i % 3 == 0 else SUGGESTED,
                    },
                )
            expected = {
                status: [
                    r[0]
                    for r in conn.execute(
                        text(
                            "SELECT id FROM link WHERE target_id = :t AND status = :st"
                            " ORDER BY id DESC LIMIT 6"
                        ),
                        {"t": hub, "st": status},
                    )
                ]
                for status in (CONFIRMED, SUGGESTED)
            }
        scope = Scope(statuses=tuple(s for s in LINK_STATUSES if s != REJECTED))
        with lib.engine.connect() as conn:
            sample = graph_sql.links_of_hubs(conn, [hub], scope, 6)[hub]
    finally:
        lib.close()
    for status in (CONFIRMED, SUGGESTED):
        assert [r.id for r in sample if r.status == status] == expected[status]


def test_no_link_kind_chosen_shows_no_links(db_url: str) -> None:
    """Every link kind unticked in the connections panel: a hub, its neighbours and the links
    among them read nothing, on either back end (an empty IN list is not SQL)."""
    lib = Library.open(db_url)
    try:
        assert import_paths(library=lib, paths=[SAMPLE]).imported == 1
        with lib.engine.connect() as conn:
            ids = [r[0] for r in conn.execute(text("SELECT id FROM item ORDER BY id"))]
            scope = Scope(statuses=(SUGGESTED, CONFIRMED), link_kinds=())
            assert graph_sql.links_of_hubs(conn, ids[:3], scope, 6) == {i: [] for i in ids[:3]}
            assert graph_sql.links_of(conn, ids, scope) == []
            assert graph_sql.links_among(conn, ids, scope) == []
            everything = Scope(statuses=(SUGGESTED, CONFIRMED))
            assert graph_sql.links_among(conn, ids, everything)  # the library has links
    finally:
        lib.close()
