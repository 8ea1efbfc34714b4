"""Revision 0010_graph_index: links indexed by source and status, as they already were by
target and status, so a hub's newest links of one status are read without reading all of its
outgoing links (issue 18). Going down and up keeps every row, on both back ends."""

from __future__ import annotations

from sqlalchemy import inspect, text

from desktop.services.importer import import_paths
from desktop.store import migrate
from desktop.store.db import Library
from tests.conftest import SAMPLE

INDEX = "ix_link_source_status"


def _link_indexes(lib: Library) -> dict[str, list[str | None]]:
    with lib.engine.connect() as conn:
        return {
            i["name"]: i["column_names"] for i in inspect(conn).get_indexes("link") if i["name"]
        }


def _links(lib: Library) -> int:
    with lib.engine.connect() as conn:
        return int(conn.execute(text("SELECT count(*) FROM link")).scalar() or 0)


def test_links_by_source_and_status_come_and_go_with_their_revision(db_url: str) -> None:
    lib = Library.open(db_url)
    try:
        assert import_paths(library=lib, paths=[SAMPLE]).imported == 1
        assert _link_indexes(lib)[INDEX] == ["source_id", "status"]
        before = _links(lib)
        assert before > 0
        migrate.downgrade(lib.engine, "0009_lean_links")
        assert INDEX not in _link_indexes(lib)
        assert _links(lib) == before
    finally:
        lib.close()
    lib = Library.open(db_url)  # opening migrates to the head
    try:
        assert migrate.current_and_head(lib.engine)[0] == migrate.head_revision()
        assert _link_indexes(lib)[INDEX] == ["source_id", "status"]
        assert _links(lib) == before
    finally:
        lib.close()
