"""The search back end for a connection: FTS5 (``search_sqlite``) or tsvector
(``search_postgres``). Both offer the same functions and result shapes; the query language
and its parser are shared, so ``services.search`` uses this module and never asks which.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

from sqlalchemy.engine import Connection

from desktop.store import search_postgres, search_sqlite
from desktop.store.search_sqlite import (
    ELLIPSIS,
    HL_END,
    HL_START,
    RANK_WINDOW,
    FtsQuery,
    QuerySyntaxError,
    parse_query,
    plain_words,
)

__all__ = [
    "ELLIPSIS",
    "HL_END",
    "HL_START",
    "RANK_WINDOW",
    "FtsQuery",
    "QuerySyntaxError",
    "article_index_gaps",
    "entity_index_rows",
    "index_size_bytes",
    "note_index_rows",
    "parse_query",
    "plain_words",
    "search_articles",
    "search_entities",
    "search_notes",
    "title_candidates",
]


def for_connection(conn: Connection) -> ModuleType:
    return search_postgres if conn.dialect.name == "postgresql" else search_sqlite


def search_articles(conn: Connection, expression: str, **kwargs: Any) -> list[Any]:
    return for_connection(conn).search_articles(conn, expression, **kwargs)


def search_entities(conn: Connection, expression: str, **kwargs: Any) -> list[Any]:
    return for_connection(conn).search_entities(conn, expression, **kwargs)


def search_notes(conn: Connection, expression: str, **kwargs: Any) -> list[Any]:
    return for_connection(conn).search_notes(conn, expression, **kwargs)


def title_candidates(conn: Connection, words: list[str], *, limit: int) -> list[tuple[int, str]]:
    return for_connection(conn).title_candidates(conn, words, limit=limit)


# --- index inspection: the same queries over each back end's own index tables ---------------


def article_index_gaps(conn: Connection) -> int:
    """Articles missing from the index plus index rows with no article (0 when in step)."""
    m = for_connection(conn)
    table, key = m.ARTICLE_INDEX, m.ARTICLE_INDEX_KEY  # our own table and column names
    missing = conn.exec_driver_sql(
        f"SELECT count(*) FROM article a WHERE NOT EXISTS "
        f"(SELECT 1 FROM {table} d WHERE d.{key} = a.item_id)"
    ).scalar_one()
    orphans = conn.exec_driver_sql(
        f"SELECT count(*) FROM {table} d WHERE NOT EXISTS "
        f"(SELECT 1 FROM article a WHERE a.item_id = d.{key})"
    ).scalar_one()
    return int(missing) + int(orphans)


def entity_index_rows(conn: Connection) -> dict[int, tuple[str, frozenset[str]]]:
    """Entity index contents: id -> (name, set of aliases)."""
    m = for_connection(conn)
    rows = conn.exec_driver_sql(f"SELECT {m.ENTITY_INDEX_KEY}, name, aliases FROM {m.ENTITY_INDEX}")
    return {r[0]: (r[1], frozenset(a for a in (r[2] or "").split(" ; ") if a)) for r in rows}


def note_index_rows(conn: Connection) -> set[tuple[int, int | None, str]]:
    """Note index contents: (case id, item id or None for the case summary, body)."""
    rows = conn.exec_driver_sql(
        f"SELECT case_id, item_id, body FROM {for_connection(conn).NOTE_INDEX}"
    )
    return {(r[0], r[1], r[2]) for r in rows}


def index_size_bytes(conn: Connection) -> dict[str, int]:
    return for_connection(conn).index_size_bytes(conn)
