"""PostgreSQL full-text search: the same functions and result shapes as ``search_sqlite``.

What the analyst typed is parsed once, by ``search_sqlite.parse_query`` (words, "phrases",
prefix*, AND/OR/NOT, parentheses; anything malformed becomes plain words with a notice). Its
output is a small, always well-formed language, which ``compile_query`` turns into a tsquery
built on the server from bound parameters: every term goes through ``phraseto_tsquery`` with
the library's ``casefile`` configuration, so the words are split, lower-cased and unaccented
exactly like the indexed text, and no character the analyst typed can be read as syntax.

Ranking is ``ts_rank`` (title weight A four times body weight B, like bm25(4, 1) on SQLite,
normalised by document length); snippets are ``ts_headline`` built only for the rows returned.
Ranks are returned negated, so lower is better on both back ends.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError

from desktop.store.dialect.postgres import CONFIG
from desktop.store.search_sql import item_filters, newest_titles
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
    "compile_query",
    "parse_query",
    "plain_words",
]

#: Title (A) counts four times the body (B); C and D are unused.
_WEIGHTS = "{0.1, 0.2, 0.25, 1.0}"
_ENTITY_WEIGHTS = "{0.1, 0.2, 0.5, 1.0}"  # name twice an alias, like bm25(2, 1)
_HEADLINE = (
    f'StartSel="{HL_START}", StopSel="{HL_END}", MaxWords=24, MinWords=8, ShortWord=0, '
    f'MaxFragments=2, FragmentDelimiter=" {ELLIPSIS} "'
)
_SHORT_HEADLINE = f'StartSel="{HL_START}", StopSel="{HL_END}", MaxWords=16, MinWords=4, ShortWord=0'
_TOKEN = re.compile(r'"((?:[^"]|"")*)"(\*?)|(AND|OR|NOT)\b|(\()|(\))|(\S+)')


class _Compiler:
    """Recursive descent over parse_query's output; FTS5 precedence: NOT > AND > OR."""

    def __init__(self, expression: str) -> None:
        self.tokens: list[tuple[str, str]] = []
        for m in _TOKEN.finditer(expression):
            if m.group(1) is not None:
                self.tokens.append(
                    ("term*" if m.group(2) else "term", m.group(1).replace('""', '"'))
                )
            elif m.group(3):
                self.tokens.append((m.group(3), m.group(3)))
            elif m.group(4) or m.group(5):
                self.tokens.append((m.group(0), m.group(0)))
            else:
                raise QuerySyntaxError(f"Unexpected {m.group(6)!r} in the search expression")
        self.pos = 0
        self.params: dict[str, str] = {}

    def peek(self) -> str | None:
        return self.tokens[self.pos][0] if self.pos < len(self.tokens) else None

    def take(self) -> tuple[str, str]:
        if self.pos >= len(self.tokens):
            raise QuerySyntaxError("The search expression ended too early")
        self.pos += 1
        return self.tokens[self.pos - 1]

    def compile(self) -> str:
        sql = self.or_expr()
        if self.pos != len(self.tokens):
            raise QuerySyntaxError("Unexpected words after the search expression")
        return sql

    def or_expr(self) -> str:
        sql = self.and_expr()
        while self.peek() == "OR":
            self.take()
            sql = f"({sql} || {self.and_expr()})"
        return sql

    def and_expr(self) -> str:
        sql = self.not_expr()
        while self.peek() in ("AND", "term", "term*", "("):
            if self.peek() == "AND":
                self.take()
            sql = f"({sql} && {self.not_expr()})"
        return sql

    def not_expr(self) -> str:
        sql = self.primary()
        while self.peek() == "NOT":
            self.take()
            sql = f"({sql} && !!{self.primary()})"
        return sql

    def primary(self) -> str:
        kind, value = self.take()
        if kind == "(":
            sql = self.or_expr()
            if self.take()[0] != ")":
                raise QuerySyntaxError("A parenthesis is not matched")
            return sql
        if kind not in ("term", "term*"):
            raise QuerySyntaxError(f"{value} needs a word on each side")
        name = f"t{len(self.params)}"
        self.params[name] = value
        phrase = f"phraseto_tsquery('{CONFIG}', :{name})"
        if kind == "term":
            return phrase
        # A prefix: the phrase's last word matches any word it starts ("working gro"*).
        return (
            f"(SELECT CASE WHEN numnode(p) = 0 THEN p ELSE (p::text || ':*')::tsquery END "
            f"FROM {phrase} AS p)"
        )


def compile_query(expression: str) -> tuple[str, dict[str, str]]:
    """SQL for a tsquery value, and its parameters, from a parse_query expression."""
    compiler = _Compiler(expression)
    return compiler.compile(), compiler.params


def _run(conn: Connection, sql: str, params: dict[str, Any]) -> list[Any]:
    """Run in a savepoint: a refused query must not abort the caller's transaction."""
    savepoint = conn.begin_nested()
    try:
        rows = list(conn.execute(text(sql), params))
    except DBAPIError as exc:
        savepoint.rollback()
        message = str(exc.orig).lower()
        if "tsquery" in message or "syntax" in message:
            raise QuerySyntaxError(str(exc.orig)) from exc
        raise
    savepoint.commit()
    return rows


def _query_cte(expression: str) -> tuple[str, dict[str, Any]]:
    sql, params = compile_query(expression)
    return f"WITH q AS (SELECT {sql} AS q)", dict(params)


def search_articles(
    conn: Connection,
    expression: str,
    *,
    limit: int,
    case_id: int | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    window: int | None = RANK_WINDOW,
) -> list[tuple[int, str, date | str | None, str, float]]:
    """Best articles first: (item id, title, published, body snippet, rank; lower is better).

    As on SQLite, when more than ``window`` articles match, only the newest ``window`` are
    ranked (the GIN index finds the matches; scoring each costs a read of its vector).
    """
    cte, params = _query_cte(expression)
    where = ["t.doc @@ q.q"]
    params.update({"n": limit, "opts": _HEADLINE})
    where += item_filters("t.item_id", params, case_id=case_id, date_from=date_from,
                          date_to=date_to)  # fmt: skip
    matches = f"SELECT t.item_id, t.doc FROM article_tsv t, q WHERE {' AND '.join(where)}"
    if window:
        matches += " ORDER BY t.item_id DESC LIMIT :w"
        params["w"] = window
    sql = (
        f"{cte}, m AS ({matches}), "
        f"h AS (SELECT m.item_id, ts_rank('{_WEIGHTS}', m.doc, q.q, 1) AS r FROM m, q "
        "ORDER BY r DESC, m.item_id DESC LIMIT :n) "
        f"SELECT h.item_id, i.name, a.published, ts_headline('{CONFIG}', a.body, q.q, :opts), "
        "-h.r FROM h JOIN item i ON i.id = h.item_id JOIN article a ON a.item_id = h.item_id, q "
        "ORDER BY h.r DESC, h.item_id DESC"
    )
    return [tuple(r) for r in _run(conn, sql, params)]


def search_entities(
    conn: Connection,
    expression: str,
    *,
    limit: int,
    kinds: tuple[str, ...] | None = None,
    case_id: int | None = None,
) -> list[tuple[int, str, str, str, float]]:
    """Entities by name or alias: (item id, kind, name, snippet, rank)."""
    cte, params = _query_cte(expression)
    where = ["e.doc @@ q.q"]
    params.update({"n": limit, "opts": _SHORT_HEADLINE})
    where += item_filters("e.item_id", params, kinds=kinds, case_id=case_id)
    # The snippet comes from the name when the name matches, else from the aliases (FTS5's
    # snippet() over all columns picks the best column the same way).
    sql = (
        f"{cte}, h AS (SELECT e.item_id, e.name, e.aliases, "
        f"ts_rank('{_ENTITY_WEIGHTS}', e.doc, q.q, 1) AS r FROM entity_tsv e, q "
        f"WHERE {' AND '.join(where)} ORDER BY r DESC, e.item_id LIMIT :n) "
        "SELECT h.item_id, i.kind, i.name, ts_headline("
        f"'{CONFIG}', CASE WHEN to_tsvector('{CONFIG}', h.name) @@ q.q THEN h.name "
        "ELSE h.aliases END, q.q, :opts), -h.r FROM h JOIN item i ON i.id = h.item_id, q "
        "ORDER BY h.r DESC, h.item_id"
    )
    return [tuple(r) for r in _run(conn, sql, params)]


def search_notes(
    conn: Connection, expression: str, *, limit: int, case_id: int | None = None
) -> list[tuple[int, int | None, str, str | None, str | None, str, float]]:
    """Case summaries and item notes: (case id, item id or None, case title, item kind,
    item name, snippet, rank)."""
    cte, params = _query_cte(expression)
    where = ["t.doc @@ q.q"]
    params.update({"n": limit, "opts": _HEADLINE})
    if case_id is not None:
        where.append("t.case_id = :c")
        params["c"] = case_id
    sql = (
        f"{cte}, h AS (SELECT t.id, t.case_id, t.item_id, t.body, ts_rank(t.doc, q.q, 1) AS r "
        f"FROM note_tsv t, q WHERE {' AND '.join(where)} ORDER BY r DESC, t.id LIMIT :n) "
        f"SELECT h.case_id, h.item_id, c.title, i.kind, i.name, "
        f"ts_headline('{CONFIG}', h.body, q.q, :opts), -h.r "
        "FROM h JOIN case_file c ON c.id = h.case_id LEFT JOIN item i ON i.id = h.item_id, q "
        "ORDER BY h.r DESC, h.id"
    )
    return [tuple(r) for r in _run(conn, sql, params)]


def _quote(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


def title_candidates(conn: Connection, words: list[str], *, limit: int) -> list[tuple[int, str]]:
    """Newest articles whose title has all the words (last one a prefix): (item id, title).

    Whole words are tried first, as on SQLite; the caller re-scores the few candidates.
    """
    terms = [_quote(w) for w in words if any(ch.isalnum() for ch in w)]

    def run(expression: str) -> list[Any]:
        cte, params = _query_cte(expression)
        params["n"] = limit
        sql = (
            f"{cte} SELECT h.item_id, i.name FROM (SELECT t.item_id FROM article_tsv t, q "
            "WHERE t.title_doc @@ q.q ORDER BY t.item_id DESC LIMIT :n) h "
            "JOIN item i ON i.id = h.item_id ORDER BY h.item_id DESC"
        )
        return _run(conn, sql, params)

    expressions = [" ".join(terms) + suffix for suffix in ("", "*")] if terms else []
    return newest_titles(run, expressions, limit)


# --- index health -------------------------------------------------------------------------


#: Where each kind of index row lives, for ``search_backend``'s shared inspection queries.
ARTICLE_INDEX, ARTICLE_INDEX_KEY = "article_tsv", "item_id"
ENTITY_INDEX, ENTITY_INDEX_KEY = "entity_tsv", "item_id"
NOTE_INDEX = "note_tsv"


def index_size_bytes(conn: Connection) -> dict[str, int]:
    """Bytes of the search index tables (under the same keys as on SQLite) and the database."""
    sizes = {
        key: int(
            conn.exec_driver_sql(
                f"SELECT pg_total_relation_size('{table}')"  # our own table names
            ).scalar_one()
        )
        for key, table in (
            ("article_fts", "article_tsv"),
            ("entity_fts", "entity_tsv"),
            ("note_fts", "note_tsv"),
        )
    }
    sizes["database"] = int(
        conn.exec_driver_sql("SELECT pg_database_size(current_database())").scalar_one()
    )
    return sizes
