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


def article_index_gaps(conn: Connection) -> int:
    return int(for_connection(conn).article_index_gaps(conn))


def entity_index_rows(conn: Connection) -> dict[int, tuple[str, frozenset[str]]]:
    return for_connection(conn).entity_index_rows(conn)


def note_index_rows(conn: Connection) -> set[tuple[int, int | None, str]]:
    return for_connection(conn).note_index_rows(conn)


def index_size_bytes(conn: Connection) -> dict[str, int]:
    return for_connection(conn).index_size_bytes(conn)
