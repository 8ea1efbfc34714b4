"""Revision 0007_never_suggest: one new table, the "never suggest" list; existing data is
untouched going up and down, on both back ends."""

from __future__ import annotations

from sqlalchemy import inspect, text

from desktop.services import never_suggest
from desktop.services.importer import import_paths
from desktop.store import migrate
from desktop.store.db import Library
from tests.conftest import SAMPLE


def _counts(lib: Library) -> tuple[int, int, int]:
    """Items, links and pieces of evidence (a row stands for several since 0013)."""
    with lib.engine.connect() as conn:
        packed = "span_count" in {c["name"] for c in inspect(conn).get_columns("evidence")}
        pieces = "sum(span_count)" if packed else "count(*)"
        return tuple(  # type: ignore[return-value]  # three scalars, as selected
            int(conn.execute(text(f"SELECT {what} FROM {t}")).scalar() or 0)
            for what, t in (("count(*)", "item"), ("count(*)", "link"), (pieces, "evidence"))
        )


def test_the_list_table_comes_and_goes_with_its_revision(db_url: str) -> None:
    lib = Library.open(db_url)
    try:
        assert import_paths(library=lib, paths=[SAMPLE]).imported == 1
        before = _counts(lib)
        migrate.downgrade(lib.engine, "0006_lean")
        with lib.engine.connect() as conn:
            assert not inspect(conn).has_table("never_suggest")
        assert _counts(lib) == before
    finally:
        lib.close()
    lib = Library.open(db_url)  # opening migrates to the head
    try:
        assert migrate.current_and_head(lib.engine)[0] == migrate.SCHEMA_HEAD
        assert _counts(lib) == before
        never_suggest.add_names(library=lib, names=["Bureau of Industry and Security"])
        with lib.session() as s:
            assert never_suggest.list_names(s) == ["Bureau of Industry and Security"]
    finally:
        lib.close()
