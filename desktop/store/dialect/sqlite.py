"""Everything SQLite-specific: connection pragmas, the FTS5 search index and its upkeep.

Services and the UI never write SQL that only SQLite understands; they call the functions of
``desktop.store.dialect``, which dispatch here or to ``dialect.postgres`` (tsvector, GIN).
The search index uses external-content FTS5 for article text (no second copy of the bodies)
and is maintained explicitly by the services, which measured ~2.5x faster than triggers.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import Connection

from desktop.store import packed

#: The driver cursor the import's hot path writes through (named :params), skipping
#: SQLAlchemy's per-statement overhead, which dominated import time.
RawCursor = sqlite3.Cursor

#: bytes per page of a new library file (see configure_connection)
PAGE_SIZE = 16384
#: PRAGMA application_id of every Casefile library ("CASE"): tells our files from others.
APPLICATION_ID = 0x43415345
#: How long a writer waits for another process's write to finish before giving up with a
#: clear message (overridable for tests).
BUSY_TIMEOUT_MS = int(os.environ.get("CASEFILE_BUSY_TIMEOUT_MS", "5000"))
_TOKENIZE = "unicode61 remove_diacritics 2"
#: a connection's page cache (KiB): the pages that reads come back to (search, graph, rows)
CACHE_KIB = 32_000
#: the page cache while every row of a list or section is read once (``scanning``)
SCAN_CACHE_KIB = 2_000

FTS_DDL = (
    "CREATE VIEW article_doc AS SELECT a.item_id AS item_id, i.name AS title, a.body AS body "
    "FROM article a JOIN item i ON i.id = a.item_id",
    "CREATE VIRTUAL TABLE article_fts USING fts5(title, body, content='article_doc', "
    f"content_rowid='item_id', tokenize='{_TOKENIZE}')",
    f"CREATE VIRTUAL TABLE entity_fts USING fts5(name, aliases, tokenize='{_TOKENIZE}')",
    "CREATE VIRTUAL TABLE note_fts USING fts5(case_id UNINDEXED, item_id UNINDEXED, body, "
    f"tokenize='{_TOKENIZE}')",
)
FTS_DROP = (
    "DROP TABLE IF EXISTS note_fts",
    "DROP TABLE IF EXISTS entity_fts",
    "DROP TABLE IF EXISTS article_fts",
    "DROP VIEW IF EXISTS article_doc",
)


def configure_connection(dbapi_conn: sqlite3.Connection) -> None:
    """Pragmas every connection needs; autocommit mode so we issue BEGIN ourselves."""
    dbapi_conn.isolation_level = None
    # article bodies are stored compressed (migration 0009): the search index's content view
    # and any SQL that reads a body call this to get the text back
    dbapi_conn.create_function(packed.SQL_FUNCTION, 1, packed.unpack_body, deterministic=True)
    cur = dbapi_conn.cursor()
    cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA foreign_keys = ON")
    # a new library only (ignored once the file has tables): with the default 4 KiB pages one
    # 2.5 KB article row filled a page and left a third of it empty (39 MiB of pages for
    # 26 MiB of articles at 10,000); 16 KiB pages hold six (issue 22)
    cur.execute(f"PRAGMA page_size = {PAGE_SIZE}")
    cur.execute("PRAGMA journal_mode = WAL")
    cur.execute("PRAGMA synchronous = NORMAL")
    cur.execute("PRAGMA temp_store = MEMORY")
    cur.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
    cur.close()


def begin_sql(write: bool) -> str:
    """Writers take the lock up front, so a waiting writer waits instead of failing midway."""
    return "BEGIN IMMEDIATE" if write else "BEGIN"


def create_search_index(conn: Connection) -> None:
    for statement in FTS_DDL:
        conn.exec_driver_sql(statement)


def stamp_application_id(conn: Connection) -> None:
    conn.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")


# --- index upkeep -------------------------------------------------------------------------


def index_article(conn: Connection, item_id: int, title: str, body: str) -> None:
    conn.execute(
        text("INSERT INTO article_fts(rowid, title, body) VALUES (:id, :title, :body)"),
        {"id": item_id, "title": title, "body": body},
    )


def index_articles(conn: Connection | RawCursor, rows: list[dict[str, Any]]) -> None:
    """Bulk form of index_article (rows of id, title, body) for imports."""
    sql = "INSERT INTO article_fts(rowid, title, body) VALUES (:id, :title, :body)"
    if not rows:
        return
    if isinstance(conn, RawCursor):
        conn.executemany(sql, rows)
    else:
        conn.execute(text(sql), rows)


def unindex_article(conn: Connection | RawCursor, item_id: int, title: str, body: str) -> None:
    """External-content FTS5 needs the old values to delete a row."""
    sql = (
        "INSERT INTO article_fts(article_fts, rowid, title, body) "
        "VALUES ('delete', :id, :title, :body)"
    )
    params = {"id": item_id, "title": title, "body": body}
    if isinstance(conn, RawCursor):
        conn.execute(sql, params)
    else:
        conn.execute(text(sql), params)


def index_entity(conn: Connection | RawCursor, item_id: int, name: str, aliases: list[str]) -> None:
    params = {"id": item_id, "name": name, "aliases": " ; ".join(sorted(set(aliases) - {name}))}
    delete = "DELETE FROM entity_fts WHERE rowid = :id"
    insert = "INSERT INTO entity_fts(rowid, name, aliases) VALUES (:id, :name, :aliases)"
    if isinstance(conn, RawCursor):
        conn.execute(delete, {"id": item_id})
        conn.execute(insert, params)
    else:
        conn.execute(text(delete), {"id": item_id})
        conn.execute(text(insert), params)


def unindex_entity(conn: Connection, item_id: int) -> None:
    conn.execute(text("DELETE FROM entity_fts WHERE rowid = :id"), {"id": item_id})


def index_note(conn: Connection, case_id: int, item_id: int | None, body: str) -> None:
    """One row per note: the case summary (item_id NULL) or an item's note within a case."""
    unindex_note(conn, case_id, item_id)
    if body.strip():
        conn.execute(
            text("INSERT INTO note_fts(case_id, item_id, body) VALUES (:c, :i, :b)"),
            {"c": case_id, "i": item_id, "b": body},
        )


def unindex_note(conn: Connection, case_id: int, item_id: int | None) -> None:
    conn.execute(
        text("DELETE FROM note_fts WHERE case_id = :c AND item_id IS :i"),
        {"c": case_id, "i": item_id},
    )


def unindex_case(conn: Connection, case_id: int) -> None:
    conn.execute(text("DELETE FROM note_fts WHERE case_id = :c"), {"c": case_id})


def rebuild_search_index(conn: Connection) -> None:
    """Recreate every index row from the tables (``casefile reindex``)."""
    conn.exec_driver_sql("INSERT INTO article_fts(article_fts) VALUES ('rebuild')")
    conn.exec_driver_sql("DELETE FROM entity_fts")
    conn.exec_driver_sql(
        "INSERT INTO entity_fts(rowid, name, aliases) "
        "SELECT i.id, i.name, COALESCE((SELECT group_concat(name, ' ; ') FROM (SELECT a.name "
        "FROM alias a WHERE a.entity_id = i.id AND a.name != i.name ORDER BY a.name)), '') "
        "FROM item i WHERE i.kind != 'article'"
    )
    conn.exec_driver_sql("DELETE FROM note_fts")
    conn.exec_driver_sql(
        "INSERT INTO note_fts(case_id, item_id, body) "
        "SELECT id, NULL, summary FROM case_file WHERE trim(summary) != ''"
    )
    conn.exec_driver_sql(
        "INSERT INTO note_fts(case_id, item_id, body) "
        "SELECT case_id, item_id, note FROM case_item WHERE trim(note) != ''"
    )


def search_index_ok(conn: Connection) -> bool:
    """FTS5's own consistency check of the article index against the tables."""
    try:
        conn.exec_driver_sql(
            "INSERT INTO article_fts(article_fts, rank) VALUES ('integrity-check', 1)"
        )
    except Exception:  # noqa: BLE001 - any failure means "not consistent"
        return False
    return True


def checkpoint(conn: Connection) -> None:
    """Fold the WAL back into the file after big imports so it does not grow unbounded."""
    conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")


@contextmanager
def scanning(conn: Connection) -> Iterator[None]:
    """A small page cache while a read visits every entry of an index once: the pages would
    stay in the cache, unread again, and fill it as the library grows (the article list's
    ids and counts took 29 MiB of it at a million articles, 3 at 100,000). Shrinking the cache
    also lets go of the pages other reads had cached on this connection: the next search or
    graph read on it starts cold (a few ms), once."""
    conn.exec_driver_sql(f"PRAGMA cache_size = -{SCAN_CACHE_KIB}")
    try:
        yield
    finally:
        conn.exec_driver_sql(f"PRAGMA cache_size = -{CACHE_KIB}")


def raw_cursor(conn: Connection) -> RawCursor:
    """A driver cursor inside the connection's current transaction."""
    return conn.connection.driver_connection.cursor()  # type: ignore[union-attr]  # None only once closed


def max_id(cur: RawCursor, table: str) -> int:
    """The highest id in use; callers holding the write lock reserve ids above it."""
    column = "item_id" if table == "article" else "id"
    return int(cur.execute(f"SELECT coalesce(max({column}), 0) FROM {table}").fetchone()[0])


def sync_ids(cur: RawCursor, table: str) -> None:
    """Nothing to do: SQLite's next rowid is always max(rowid) + 1."""
