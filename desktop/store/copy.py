"""Copying a whole library between back ends (SQLite file <-> PostgreSQL), verified by counts.

Rows are read through the SQLModel tables (so dates, times and booleans convert between the
two databases' storage) from one consistent read snapshot of the source, and written in one
write transaction on the destination: a failed copy leaves the destination empty. Values
are written as both back ends can store them (``text.storable``: no NUL characters, integers
within PostgreSQL's ``integer``), so a SQLite library holding such text copies to a server. Ids are
kept, so links, evidence and case items stay attached; the destination's search index is then
rebuilt from the copied rows in its own dialect (FTS5 or tsvector).
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import func, insert, select
from sqlalchemy.engine import Connection

from desktop.store import dialect
from desktop.store.db import Library, LibraryError
from desktop.store.models import SQLModel
from desktop.store.text import storable

#: Every table of a library, parents before children (foreign keys are checked on insert).
TABLES = ("item", "article", "entity", "alias", "link", "evidence", "case_file", "case_item",
          "watch_list", "watch_entry", "watch_hit")  # fmt: skip
CHUNK = 2000


def table_counts(conn: Connection) -> dict[str, int]:
    tables = SQLModel.metadata.tables
    return {
        name: int(conn.execute(select(func.count()).select_from(tables[name])).scalar_one())
        for name in TABLES
    }


def copy_library(
    source: Library,
    target: Library,
    *,
    progress: Callable[[str, int], None] | None = None,
) -> dict[str, int]:
    """Copy every row of ``source`` into the empty library ``target``; returns the counts.

    Raises LibraryError when the source is damaged (checked first: a damaged library is not
    copied as if it were sound), the target already holds data or the counts differ afterwards.
    """
    from desktop.store.integrity import problems

    found = problems(source, quick=True)
    if found:
        raise LibraryError(
            f"{source.name} is damaged ({found[0]}); nothing was copied. "
            "Run `casefile check` for the details."
        )
    with target.session() as session:
        existing = table_counts(session.connection())
    if any(existing.values()):
        raise LibraryError(
            f"{target.name} already holds data ({existing['item']} items); copy only into a "
            "new, empty library."
        )
    tables = SQLModel.metadata.tables
    with source.session() as read, target.write() as write:
        src, dst = read.connection(), write.connection()
        expected = table_counts(src)
        for name in TABLES:
            table = tables[name]
            order = list(table.primary_key.columns)
            result = src.execution_options(yield_per=CHUNK).execute(select(table).order_by(*order))
            copied = 0
            for part in result.partitions():
                rows = [{k: storable(v) for k, v in row._mapping.items()} for row in part]
                dst.execute(insert(table), rows)
                copied += len(part)
                if progress is not None:
                    progress(name, copied)
            dialect.sync_ids(dst, name)
        dialect.rebuild_search_index(dst)
        copied_counts = table_counts(dst)
        if copied_counts != expected:
            raise LibraryError(  # rolls the whole copy back
                f"The copy is incomplete (expected {expected}, found {copied_counts}); "
                "nothing was kept."
            )
    with target.engine.connect() as conn:
        dialect.checkpoint(conn)
    return expected
