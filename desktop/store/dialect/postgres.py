"""Everything PostgreSQL-specific: connection settings, the writer lock, the tsvector index.

A shared library lives in one PostgreSQL database (its current schema). Writers take a
library-wide advisory lock at the start of every write transaction, so PostgreSQL behaves like
SQLite's single writer (``BEGIN IMMEDIATE``): id reservation in the import hot path stays
valid, and two analysts' edits are applied one after the other, never interleaved. Readers
never wait: each read session is one REPEATABLE READ snapshot, like a WAL reader.

The search index mirrors the FTS5 tables: ``article_tsv`` (title weight A, body weight B, plus a
title-only vector for quick open), ``entity_tsv`` (name A, aliases B) and ``note_tsv``, each
with a GIN index, kept in step explicitly by the same calls as on SQLite. Article titles live in
``item``, so the article vector cannot be a generated column of ``article``; entity and note
vectors are generated columns. Text is tokenised by the ``casefile`` text search
configuration: ``simple`` (no stemming, no stop words: "AND" still finds "and"), with accents
removed by ``unaccent`` when the server offers it, like FTS5's ``remove_diacritics``.
"""

from __future__ import annotations

import re
from contextlib import AbstractContextManager, nullcontext
from functools import lru_cache
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import Connection

#: The text search configuration created by migration 0003.
CONFIG = "casefile"
#: Key of the advisory lock every write transaction holds ("CASE", like SQLite's application_id).
WRITE_LOCK_KEY = 0x43415345
#: Tables whose integer ``id`` comes from a sequence (article and entity share item's ids).
SEQUENCE_TABLES = ("item", "alias", "link", "evidence", "case_file", "case_item",
                   "watch_list", "watch_entry", "watch_hit")  # fmt: skip

_PARAM = re.compile(r"(?<![:\w]):([A-Za-z_]\w*)")


@lru_cache(maxsize=256)
def translate(sql: str) -> str:
    """sqlite3-style ``:name`` parameters as psycopg's ``%(name)s`` (no ``:x`` in literals)."""
    return _PARAM.sub(r"%(\1)s", sql.replace("%", "%%"))


class PgCursor:
    """A psycopg cursor that takes the sqlite3 cursor's ``:name`` parameter style, so the
    import's hot path (``services.batch_store``) runs unchanged on both back ends."""

    __slots__ = ("_cur",)

    def __init__(self, cursor: Any) -> None:
        self._cur = cursor

    def execute(self, sql: str, params: Any = None) -> PgCursor:
        self._cur.execute(translate(sql), params)
        return self

    def executemany(self, sql: str, rows: Any) -> PgCursor:
        self._cur.executemany(translate(sql), rows)
        return self

    def fetchone(self) -> Any:
        return self._cur.fetchone()

    def fetchall(self) -> list[Any]:
        return self._cur.fetchall()

    def __iter__(self) -> Any:
        return iter(self._cur)


#: seconds to wait for a server to answer when connecting (a server that accepts and never
#: answers must not hang the command line; the window's dialog uses the same)
CONNECT_TIMEOUT_S = 10


def connect_args(lock_timeout_ms: int) -> dict[str, Any]:
    """Session settings sent at connection start (no extra round trip, no open transaction):
    timestamps are stored as UTC wall time, and a writer waits at most ``lock_timeout_ms``;
    connecting gives up after ``CONNECT_TIMEOUT_S`` (``?connect_timeout=`` overrides it)."""
    return {
        "options": f"-c timezone=UTC -c lock_timeout={lock_timeout_ms}",
        "connect_timeout": CONNECT_TIMEOUT_S,
    }


def begin_sql(write: bool) -> str:
    """The first statement of every transaction (see the module docstring)."""
    if write:
        return f"SELECT pg_advisory_xact_lock({WRITE_LOCK_KEY})"
    return "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ"


def is_busy_error(exc: BaseException) -> bool:
    """The writer lock (or a row lock) was not granted within lock_timeout."""
    return "lock timeout" in str(exc)


# --- schema -------------------------------------------------------------------------------

_META_DDL = (
    "CREATE TABLE casefile_meta (key text PRIMARY KEY, value text NOT NULL)",
    "INSERT INTO casefile_meta (key, value) VALUES ('application', 'casefile')",
)
_INDEX_DDL = (
    "CREATE TABLE article_tsv (item_id integer PRIMARY KEY, doc tsvector NOT NULL, "
    "title_doc tsvector NOT NULL)",
    "CREATE INDEX ix_article_tsv_doc ON article_tsv USING gin (doc)",
    "CREATE INDEX ix_article_tsv_title ON article_tsv USING gin (title_doc)",
    "CREATE TABLE entity_tsv (item_id integer PRIMARY KEY, name text NOT NULL, "
    "aliases text NOT NULL, doc tsvector GENERATED ALWAYS AS ("
    f"setweight(to_tsvector('{CONFIG}', name), 'A') || "
    f"setweight(to_tsvector('{CONFIG}', aliases), 'B')) STORED)",
    "CREATE INDEX ix_entity_tsv_doc ON entity_tsv USING gin (doc)",
    "CREATE TABLE note_tsv (id serial PRIMARY KEY, case_id integer NOT NULL, item_id integer, "
    f"body text NOT NULL, doc tsvector GENERATED ALWAYS AS (to_tsvector('{CONFIG}', body)) "
    "STORED)",
    "CREATE INDEX ix_note_tsv_case ON note_tsv (case_id, item_id)",
    "CREATE INDEX ix_note_tsv_doc ON note_tsv USING gin (doc)",
)
SCHEMA_DROP = (
    "DROP TABLE IF EXISTS note_tsv",
    "DROP TABLE IF EXISTS entity_tsv",
    "DROP TABLE IF EXISTS article_tsv",
    f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {CONFIG}",
    "DROP TABLE IF EXISTS casefile_meta",
)


def _try_unaccent(conn: Connection) -> bool:
    """CREATE EXTENSION unaccent (trusted: a database owner may); False when not allowed."""
    conn.exec_driver_sql("SAVEPOINT casefile_unaccent")
    try:
        conn.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS unaccent")
    except Exception:  # noqa: BLE001 - not installed or not permitted: plain 'simple' then
        conn.exec_driver_sql("ROLLBACK TO SAVEPOINT casefile_unaccent")
        return False
    conn.exec_driver_sql("RELEASE SAVEPOINT casefile_unaccent")
    return True


def create_schema(conn: Connection) -> None:
    """The PostgreSQL-only part of a library: its marker table and the search index."""
    for statement in _META_DDL:
        conn.exec_driver_sql(statement)
    conn.exec_driver_sql(f"CREATE TEXT SEARCH CONFIGURATION {CONFIG} (COPY = simple)")
    if _try_unaccent(conn):
        conn.exec_driver_sql(
            f"ALTER TEXT SEARCH CONFIGURATION {CONFIG} "
            "ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple"
        )
    for statement in _INDEX_DDL:
        conn.exec_driver_sql(statement)


def drop_schema(conn: Connection) -> None:
    for statement in SCHEMA_DROP:
        conn.exec_driver_sql(statement)


def library_state(conn: Connection) -> str:
    """ "casefile" (a library), "empty" (no tables: a new library) or "foreign"."""
    if conn.exec_driver_sql("SELECT to_regclass('casefile_meta')").scalar() is not None:
        return "casefile"
    tables = conn.exec_driver_sql(
        "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()"
    ).scalar_one()
    return "empty" if int(tables) == 0 else "foreign"


# --- index upkeep -------------------------------------------------------------------------

_ARTICLE_UPSERT = (
    "INSERT INTO article_tsv (item_id, doc, title_doc) VALUES (:id, "
    f"setweight(to_tsvector('{CONFIG}', :title), 'A') || "
    f"setweight(to_tsvector('{CONFIG}', :body), 'B'), to_tsvector('{CONFIG}', :title)) "
    "ON CONFLICT (item_id) DO UPDATE SET doc = excluded.doc, title_doc = excluded.title_doc"
)
_ENTITY_UPSERT = (
    "INSERT INTO entity_tsv (item_id, name, aliases) VALUES (:id, :name, :aliases) "
    "ON CONFLICT (item_id) DO UPDATE SET name = excluded.name, aliases = excluded.aliases"
)


def _exec(conn: Connection | PgCursor, sql: str, params: Any = None) -> None:
    if isinstance(conn, PgCursor):
        conn.execute(sql, params)
    else:
        conn.execute(text(sql), params or {})


def index_article(conn: Connection, item_id: int, title: str, body: str) -> None:
    _exec(conn, _ARTICLE_UPSERT, {"id": item_id, "title": title, "body": body})


def index_articles(conn: Connection | PgCursor, rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    if isinstance(conn, PgCursor):
        conn.executemany(_ARTICLE_UPSERT, rows)
    else:
        conn.execute(text(_ARTICLE_UPSERT), rows)


def unindex_article(conn: Connection | PgCursor, item_id: int, title: str, body: str) -> None:
    _exec(conn, "DELETE FROM article_tsv WHERE item_id = :id", {"id": item_id})


def index_entity(conn: Connection | PgCursor, item_id: int, name: str, aliases: list[str]) -> None:
    params = {"id": item_id, "name": name, "aliases": " ; ".join(sorted(set(aliases) - {name}))}
    _exec(conn, _ENTITY_UPSERT, params)


def unindex_entity(conn: Connection, item_id: int) -> None:
    _exec(conn, "DELETE FROM entity_tsv WHERE item_id = :id", {"id": item_id})


def index_note(conn: Connection, case_id: int, item_id: int | None, body: str) -> None:
    unindex_note(conn, case_id, item_id)
    if body.strip():
        _exec(
            conn,
            "INSERT INTO note_tsv (case_id, item_id, body) VALUES (:c, :i, :b)",
            {"c": case_id, "i": item_id, "b": body},
        )


def unindex_note(conn: Connection, case_id: int, item_id: int | None) -> None:
    if item_id is None:
        sql = "DELETE FROM note_tsv WHERE case_id = :c AND item_id IS NULL"
    else:
        sql = "DELETE FROM note_tsv WHERE case_id = :c AND item_id = :i"
    _exec(conn, sql, {"c": case_id, "i": item_id})


def unindex_case(conn: Connection, case_id: int) -> None:
    _exec(conn, "DELETE FROM note_tsv WHERE case_id = :c", {"c": case_id})


def rebuild_search_index(conn: Connection) -> None:
    """Recreate every index row from the tables (``casefile reindex``)."""
    conn.exec_driver_sql("TRUNCATE article_tsv, entity_tsv, note_tsv")
    conn.exec_driver_sql(
        "INSERT INTO article_tsv (item_id, doc, title_doc) SELECT a.item_id, "
        f"setweight(to_tsvector('{CONFIG}', i.name), 'A') || "
        f"setweight(to_tsvector('{CONFIG}', a.body), 'B'), to_tsvector('{CONFIG}', i.name) "
        "FROM article a JOIN item i ON i.id = a.item_id"
    )
    conn.exec_driver_sql(
        "INSERT INTO entity_tsv (item_id, name, aliases) SELECT i.id, i.name, "
        "coalesce((SELECT string_agg(a.name, ' ; ' ORDER BY a.name) FROM alias a "
        "WHERE a.entity_id = i.id AND a.name <> i.name), '') "
        "FROM item i WHERE i.kind <> 'article'"
    )
    conn.exec_driver_sql(
        "INSERT INTO note_tsv (case_id, item_id, body) "
        "SELECT id, NULL, summary FROM case_file WHERE trim(summary) <> ''"
    )
    conn.exec_driver_sql(
        "INSERT INTO note_tsv (case_id, item_id, body) "
        "SELECT case_id, item_id, note FROM case_item WHERE trim(note) <> ''"
    )


def search_index_ok(conn: Connection) -> bool:
    """Every article has an index row and every index row an article (there is no separate
    integrity check: the vectors are written in the same transaction as the rows)."""
    gaps = conn.exec_driver_sql(
        "SELECT count(*) FROM article a FULL JOIN article_tsv t ON t.item_id = a.item_id "
        "WHERE a.item_id IS NULL OR t.item_id IS NULL"
    ).scalar_one()
    return int(gaps) == 0


def checkpoint(conn: Connection) -> None:
    """Nothing to fold back: the server manages its own write-ahead log."""


def scanning(conn: Connection) -> AbstractContextManager[None]:
    """Nothing to bound: the server holds the pages."""
    return nullcontext()


def raw_cursor(conn: Connection) -> PgCursor:
    return PgCursor(conn.connection.driver_connection.cursor())  # type: ignore[union-attr]  # None only once closed


def max_id(cur: PgCursor, table: str) -> int:
    """The highest id in use (callers hold the writer lock; see ``sync_ids`` afterwards)."""
    column = "item_id" if table == "article" else "id"
    row = cur.execute(f"SELECT coalesce(max({column}), 0) FROM {table}").fetchone()
    return int(row[0])


def sync_ids(conn: Connection | PgCursor, table: str) -> None:
    """After rows were inserted with explicit ids, move the table's sequence past them, so
    the next ordinary INSERT does not collide."""
    if table not in SEQUENCE_TABLES:
        return
    _exec(
        conn,
        f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), coalesce(max(id), 0) + 1, "
        f"false) FROM {table}",
    )
