"""Back-end specific SQL behind one set of functions: SQLite (FTS5) or PostgreSQL (tsvector).

Services and the UI never write SQL that only one database understands; they call these
functions, which pick ``dialect.sqlite`` or ``dialect.postgres`` from the connection (a
SQLAlchemy ``Connection``) or the driver cursor (``RawCursor``, the import's hot path) given.
"""

from __future__ import annotations

import sqlite3
from contextlib import AbstractContextManager
from datetime import date
from types import ModuleType
from typing import Any, cast

from sqlalchemy.engine import Connection

from desktop.store.dialect import postgres, sqlite
from desktop.store.dialect.postgres import PgCursor
from desktop.store.dialect.sqlite import (
    APPLICATION_ID,
    BUSY_TIMEOUT_MS,
    FTS_DDL,
    FTS_DROP,
    begin_sql,
    configure_connection,
)

#: The driver cursor the import's hot path writes through, with sqlite3-style ``:name``
#: parameters on both back ends (SQLAlchemy's per-statement overhead dominated import time).
RawCursor = sqlite3.Cursor | PgCursor

__all__ = [
    "APPLICATION_ID",
    "BUSY_TIMEOUT_MS",
    "FTS_DDL",
    "FTS_DROP",
    "RawCursor",
    "as_date",
    "begin_sql",
    "configure_connection",
    "is_postgres",
]


def as_date(value: object) -> date | None:
    """A date column read through the driver cursor: SQLite hands back ISO text, PostgreSQL a
    ``date``; anything unreadable is no date."""
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def is_postgres(conn: Connection | Any) -> bool:
    if isinstance(conn, PgCursor):
        return True
    if isinstance(conn, sqlite3.Cursor):
        return False
    return bool(conn.dialect.name == "postgresql")


def _impl(conn: Connection | Any) -> ModuleType:
    return postgres if is_postgres(conn) else sqlite


def create_search_index(conn: Connection) -> None:
    """SQLite's FTS5 tables (migration 0001); PostgreSQL's come with migration 0003."""
    sqlite.create_search_index(conn)


def stamp_application_id(conn: Connection) -> None:
    """SQLite only: PostgreSQL libraries are marked by their ``casefile_meta`` table."""
    sqlite.stamp_application_id(conn)


def index_article(conn: Connection, item_id: int, title: str, body: str) -> None:
    _impl(conn).index_article(conn, item_id, title, body)


def index_articles(conn: Connection | RawCursor, rows: list[dict[str, Any]]) -> None:
    """Bulk form of index_article (rows of id, title, body) for imports."""
    _impl(conn).index_articles(conn, rows)


def unindex_article(conn: Connection | RawCursor, item_id: int, title: str, body: str) -> None:
    """SQLite's external-content FTS5 needs the old values to delete a row."""
    _impl(conn).unindex_article(conn, item_id, title, body)


def index_entity(conn: Connection | RawCursor, item_id: int, name: str, aliases: list[str]) -> None:
    _impl(conn).index_entity(conn, item_id, name, aliases)


def unindex_entity(conn: Connection, item_id: int) -> None:
    _impl(conn).unindex_entity(conn, item_id)


def index_note(conn: Connection, case_id: int, item_id: int | None, body: str) -> None:
    """One row per note: the case summary (item_id NULL) or an item's note within a case."""
    _impl(conn).index_note(conn, case_id, item_id, body)


def unindex_note(conn: Connection, case_id: int, item_id: int | None) -> None:
    _impl(conn).unindex_note(conn, case_id, item_id)


def unindex_case(conn: Connection, case_id: int) -> None:
    _impl(conn).unindex_case(conn, case_id)


def rebuild_search_index(conn: Connection) -> None:
    """Recreate every index row from the tables (``casefile reindex``)."""
    _impl(conn).rebuild_search_index(conn)


def search_index_ok(conn: Connection) -> bool:
    return bool(_impl(conn).search_index_ok(conn))


def checkpoint(conn: Connection) -> None:
    """After big imports: fold SQLite's WAL back into the file (nothing on PostgreSQL)."""
    _impl(conn).checkpoint(conn)


def scanning(conn: Connection) -> AbstractContextManager[None]:
    """Around a read of every row of a list or section (its ids, its counts): on SQLite the
    connection keeps few of the pages read, so its memory does not grow with the library."""
    return cast("AbstractContextManager[None]", _impl(conn).scanning(conn))


def raw_cursor(conn: Connection) -> RawCursor:
    """A driver cursor inside the connection's current transaction (``:name`` parameters)."""
    return _impl(conn).raw_cursor(conn)


def max_id(cur: RawCursor, table: str) -> int:
    """The highest id in use; callers holding the write lock reserve ids above it."""
    return int(_impl(cur).max_id(cur, table))


def sync_ids(cur: Connection | RawCursor, table: str) -> None:
    """After inserts with explicit ids: PostgreSQL's sequence must move past them."""
    _impl(cur).sync_ids(cur, table)
