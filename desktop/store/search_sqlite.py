"""SQLite FTS5 search: what the analyst typed turned into FTS5 syntax, and the ranked queries.

Every piece of FTS5 syntax the search service needs lives here (query language, ``snippet()``,
``highlight()``, the ``rank`` column, shadow tables), so a PostgreSQL module offering the same
functions (tsquery, ts_headline, ts_rank) can replace it without touching services or UI.

Article queries score with ``bm25()`` and a LIMIT first, then build snippets for the rows
returned only (snippets in the scoring query cost 46 ms p95 at 100k, the ``rank`` sorter 22 ms,
this 2-step form less again). Entities and notes, small tables, order by the ``rank`` column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import OperationalError

from desktop.store import search_rank
from desktop.store.search_sql import QuerySyntaxError, item_filters, newest_titles

#: Highlight markers put around matched words in snippets: private-use characters that never
#: reach the screen (the UI escapes the text, then turns them into markup).
HL_START, HL_END = "\ue000", "\ue001"
ELLIPSIS = "\u2026"
_OPERATORS = frozenset({"AND", "OR", "NOT"})
# A quoted phrase (optionally a prefix: "working gro"*), a parenthesis, a bare word, or a stray
# quote. Everything inside double quotes is tokenized by FTS5 itself, so no character there can
# be read as syntax.
_LEXER = re.compile(
    r'"(?P<phrase>[^"]*)"(?P<pstar>\*)?|(?P<open>\()|(?P<close>\))|(?P<word>[^\s"()]+)|(?P<quote>")'
)
_TOKEN_CHAR = re.compile(r"[^\W_]")  # what unicode61 keeps: letters and digits
_WORDS = re.compile(r'[^\s"()]+')
# Control characters (a NUL ends the query string inside SQLite) count as spaces.
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
# What SQLite says about a MATCH expression it cannot parse (not I/O or lock errors).
_SYNTAX_ERRORS = ("fts5", "unterminated string", "malformed match", "no such column")
# Weights for bm25 per column: a word in an article title counts more than one in the body,
# a word in an entity's name more than one in an alias.
ARTICLE_RANK = "bm25(4.0, 1.0)"
#: BM25 must score every matching row before the best can be picked: ~3 us a row, so a word in
#: 40,000 of 100,000 articles costs over 100 ms. When more articles than this match, only the
#: most recently imported this-many are ranked (the newest matches, best first): p95 stays
#: under 30 ms at 100k. Pass window=None to rank every match.
RANK_WINDOW = 2000
ENTITY_RANK = "bm25(2.0, 1.0)"
#: FTS5's bm25() walks every document holding each phrase of the query before it scores a
#: row (~30 ns a document: 2.5 ms for a word in 90,000 articles, ten times that at a
#: million). Up to this many documents (by the cached frequencies: about what ranking
#: SCORED_WINDOW matches in Python costs, ~12 ms) bm25() ranks the whole window; beyond, the
#: window's newest SCORED_WINDOW are ranked by search_rank at a cost that does not grow.
WALK_BUDGET = 400_000
SCORED_WINDOW = 500


@dataclass(frozen=True, slots=True)
class FtsQuery:
    """A MATCH expression ready to run, and what happened to the analyst's words on the way."""

    expression: str  # "" when nothing searchable was left (e.g. only punctuation)
    plain: bool = False  # True when the input was not valid syntax and became plain words
    notice: str | None = None  # a short note for the search field, or None


def _quote(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


def _has_token(word: str) -> bool:
    return bool(_TOKEN_CHAR.search(word))


def _term(word: str) -> str | None:
    """A bare word as a quoted FTS5 string (a trailing * keeps it a prefix), or None if empty."""
    prefix = word.endswith("*")
    base = word.rstrip("*")
    if not _has_token(base):
        return None
    return _quote(base) + ("*" if prefix else "")


def plain_words(query: str) -> str:
    """Every word of the query as a quoted string, joined by implicit AND.

    Operator words are dropped when other words remain ("export* OR (" searches export*); a
    query of nothing but an operator searches that word ("AND" finds "and").
    """
    words = _WORDS.findall(_CONTROL.sub(" ", query))
    kept = [w for w in words if w.rstrip("*") not in _OPERATORS] or words
    terms = [t for t in (_term(w) for w in kept) if t]
    return " ".join(terms)


def parse_query(query: str) -> FtsQuery:
    """Turn the analyst's words into a safe FTS5 expression.

    Supported: words (implicit AND), "phrases", prefixes (export*, "working gro"*), AND, OR,
    NOT (upper case, between two terms) and parentheses. Anything else (unbalanced quotes or
    parentheses, a dangling operator) is searched as plain words with a notice, never an error.
    Bare words are always quoted, so characters FTS5 treats as syntax (- : ^ . +) are harmless.
    """
    out: list[str] = []
    prev = "start"  # start | term | op | open | close
    depth = 0
    problem: str | None = None
    for m in _LEXER.finditer(_CONTROL.sub(" ", query)):
        kind = m.lastgroup
        if kind == "pstar":  # only set together with phrase; lastgroup reports it
            kind = "phrase"
        if kind == "quote":
            problem = "A quotation mark is not closed"
            break
        if kind == "phrase":
            body = m.group("phrase")
            if not _has_token(body):
                continue
            token, cls = _quote(body) + ("*" if m.group("pstar") else ""), "term"
        elif kind == "open":
            token, cls = "(", "open"
            depth += 1
        elif kind == "close":
            if prev == "open":
                problem = "Empty parentheses"
                break
            if prev == "op":
                problem = f"{out[-1]} needs a word on each side"
                break
            if depth == 0 or prev == "start":
                problem = "A parenthesis is not matched"
                break
            token, cls = ")", "close"
            depth -= 1
        else:
            word = m.group("word")
            if word in _OPERATORS:
                if prev not in ("term", "close"):
                    problem = f"{word} needs a word on each side"
                    break
                token, cls = word, "op"
            else:
                term = _term(word)
                if term is None:
                    continue
                token, cls = term, "term"
        # FTS5 rejects implicit AND next to a group: "a (b OR c)"; make it explicit.
        if (
            cls in ("term", "open")
            and prev in ("term", "close")
            and (cls == "open" or prev == "close")
        ):
            out.append("AND")
        out.append(token)
        prev = cls
    if problem is None and depth:
        problem = "A parenthesis is not matched"
    if problem is None and prev == "op":
        problem = f"{out[-1]} needs a word on each side"
    if problem is None:
        expression = " ".join(out)
        if not expression:
            return FtsQuery("", notice="Nothing to search for: type letters or digits")
        return FtsQuery(expression)
    expression = plain_words(query)
    notice = f"{problem}: searched as plain words"
    if not expression:
        notice = f"{problem}; nothing else to search for"
    return FtsQuery(expression, plain=True, notice=notice)


def _run(conn: Connection, sql: str, params: dict[str, Any]) -> list[Any]:
    try:
        return list(conn.execute(text(sql), params))
    except OperationalError as exc:
        if any(marker in str(exc.orig).lower() for marker in _SYNTAX_ERRORS):
            raise QuerySyntaxError(str(exc.orig)) from exc
        raise


def _snippet(table: str, column: int, tokens: int) -> str:
    return f"snippet({table}, {column}, :hs, :he, :ell, {tokens})"


def _marks() -> dict[str, Any]:
    return {"hs": HL_START, "he": HL_END, "ell": ELLIPSIS}


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

    See RANK_WINDOW for what ``window`` trades away.
    """
    where = ["article_fts MATCH :q"]
    params: dict[str, Any] = {"q": expression, "n": limit, **_marks()}
    # Filters are written "rowid + 0 IN (...)": a bare "rowid IN" lets SQLite run the whole
    # MATCH once per listed id (measured: 57 s for a year of 100k articles) instead of once.
    where += item_filters("article_fts.rowid + 0", params, case_id=case_id,
                          date_from=date_from, date_to=date_to, iso_dates=True)  # fmt: skip
    if window:
        return _window_articles(conn, where, params, window)
    return _ranked_articles(conn, where, params)


def _library_key(conn: Connection) -> str:
    return str(conn.engine.url)


#: what an article hit shows beside its snippet: its title and date
_ARTICLE_ROW: dict[str, str] = {
    "snippet": _snippet("article_fts", 1, 24),
    "columns": "i.name, a.published",
    "joins": "JOIN article a ON a.item_id = article_fts.rowid + 0 ",
}


def _window_articles(
    conn: Connection, where: list[str], params: dict[str, Any], window: int
) -> list[tuple[int, str, date | str | None, str, float]]:
    """The ``window`` newest matches ranked by BM25, at a cost that does not grow with the
    library. FTS5's ``bm25()`` first walks every document holding each phrase; when the
    cached document frequencies say that walk is short (``WALK_BUDGET``), it ranks the whole
    window. Otherwise the newest ``SCORED_WINDOW`` matches are ranked by the same formula
    computed in ``search_rank`` from the cached frequencies and each candidate's highlighted
    title and body."""
    averages = search_rank.varints(
        conn.exec_driver_sql("SELECT block FROM article_fts_data WHERE id = 1").scalar()
    )
    rows = averages[0] if averages else 0
    found = search_rank.phrases(params["q"])
    frequencies = [_frequency(conn, p.match, rows) for p in found]
    newest = (
        f"SELECT article_fts.rowid FROM article_fts WHERE {' AND '.join(where)} "
        "ORDER BY article_fts.rowid DESC LIMIT :w"
    )  # FTS5 walks its doclists newest first and stops after :w rows
    if sum(frequencies) <= WALK_BUDGET:
        # the rowid of the window-th newest match, if there are that many, bounds the ranking
        floor = _run(conn, newest + " OFFSET :skip", {**params, "w": 1, "skip": window - 1})
        if floor:
            where = [*where, "article_fts.rowid >= :floor"]
            params = {**params, "floor": floor[0][0]}
        return _ranked_articles(conn, where, params)
    candidates = [int(r[0]) for r in _run(conn, newest, {**params, "w": SCORED_WINDOW})]
    if not candidates:
        return []
    among, bounds = _matches_among("article_fts", candidates)
    texts = _run(
        conn,
        "SELECT article_fts.rowid, highlight(article_fts, 0, :hs, :he), "
        "highlight(article_fts, 1, :hs, :he), s.sz FROM article_fts "
        f"JOIN article_fts_docsize s ON s.id = article_fts.rowid + 0 WHERE {among}",
        {"q": params["q"], "hs": HL_START, "he": HL_END, **bounds},
    )
    avgdl = sum(averages[1:]) / rows if rows else 0.0
    ranked = search_rank.score(
        [(int(i), t or "", b or "", search_rank.varints(sz)) for i, t, b, sz in texts],
        found,
        [search_rank.idf(rows, df) for df in frequencies],
        avgdl,
        marks=(HL_START, HL_END),
    )[: params["n"]]
    found_rows = _snipped(conn, "article_fts", ranked, params, **_ARTICLE_ROW)
    return [(i, row[2], row[3], row[1], score) for i, row, score in found_rows]


def _matches_among(table: str, ids: list[int]) -> tuple[str, dict[str, int]]:
    """The condition (and its bounds) for the rows ``ids`` of the match ``:q``: the rowid
    range lets FTS5 skip to them, ``+ 0`` keeps the list from being looked up one by one."""
    marks = ", ".join(str(i) for i in ids)  # integers from the index itself
    condition = (
        f"{table} MATCH :q AND {table}.rowid BETWEEN :lo AND :hi AND {table}.rowid + 0 IN ({marks})"
    )
    return condition, {"lo": min(ids), "hi": max(ids)}


def _frequency(conn: Connection, phrase: str, rows: int) -> int:
    """How many articles hold the phrase: counted once, then cached (``search_rank``)."""
    key = _library_key(conn)
    df = search_rank.FREQUENCIES.get(key, phrase, rows)
    if df is None:
        counted = _run(
            conn, "SELECT count(*) FROM article_fts WHERE article_fts MATCH :p", {"p": phrase}
        )
        df = int(counted[0][0])
        search_rank.FREQUENCIES.put(key, phrase, rows, df)
    return df


def _ranked_articles(
    conn: Connection, where: list[str], params: dict[str, Any]
) -> list[tuple[int, str, date | str | None, str, float]]:
    """Articles scored by bm25() (title 4×, body 1×), then snippets for the winners."""
    found = _scored_then_snipped(conn, "article_fts", ARTICLE_RANK, where, params, **_ARTICLE_ROW)
    return [(i, row[2], row[3], row[1], score) for i, row, score in found]


def _scored_then_snipped(
    conn: Connection, table: str, rank: str, where: list[str], params: dict[str, Any], *,
    snippet: str, columns: str, joins: str = "",
) -> list[tuple[int, Any, float]]:  # fmt: skip
    """Score with bm25() in the select list, then build snippets for the few winners only:
    (id, row of (rowid, snippet, *columns), score), best first.

    Not the ``rank`` column: with a filter it scores every match before the filter drops most
    of them, and even without one FTS5's rank sorter cost 1.6× this two-step form (7.8 vs
    4.8 ms CPU for a 2,000-row window of a word in every article at 100k). A common word is
    also in thousands of entity names: snippets for all of them cost more than the scoring."""
    top = _run(
        conn,
        f"SELECT {table}.rowid, {rank.replace('bm25(', f'bm25({table}, ')} AS s "
        f"FROM {table} WHERE {' AND '.join(where)} ORDER BY s LIMIT :n",
        params,
    )
    return _snipped(
        conn, table, [(int(r[0]), float(r[1])) for r in top], params,
        snippet=snippet, columns=columns, joins=joins,
    )  # fmt: skip


def _snipped(
    conn: Connection, table: str, top: list[tuple[int, float]], params: dict[str, Any], *,
    snippet: str, columns: str, joins: str = "",
) -> list[tuple[int, Any, float]]:  # fmt: skip
    """Snippets and columns for the scored winners ``top`` (id, score), in their order."""
    if not top:
        return []
    among, bounds = _matches_among(table, [i for i, _ in top])
    rows = _run(
        conn,
        f"SELECT {table}.rowid, {snippet}, {columns} "
        f"FROM {table} JOIN item i ON i.id = {table}.rowid + 0 {joins}WHERE {among}",
        {**params, **bounds},
    )
    found = {int(r[0]): r for r in rows}
    return [(i, found[i], score) for i, score in top if i in found]


def search_entities(
    conn: Connection,
    expression: str,
    *,
    limit: int,
    kinds: tuple[str, ...] | None = None,
    case_id: int | None = None,
) -> list[tuple[int, str, str, str, float]]:
    """Entities by name or alias: (item id, kind, name, snippet, rank); scored first, then
    snippets for the winners, as ``_scored_then_snipped`` does (a common word is in thousands of
    names)."""
    where = ["entity_fts MATCH :q"]
    params: dict[str, Any] = {"q": expression, "n": limit, **_marks()}
    where += item_filters("entity_fts.rowid + 0", params, kinds=kinds, case_id=case_id)
    found = _scored_then_snipped(
        conn, "entity_fts", ENTITY_RANK, where, params,
        snippet=_snippet("entity_fts", -1, 16), columns="i.kind, i.name",
    )  # fmt: skip
    return [(i, row[2], row[3], row[1], score) for i, row, score in found]


def search_notes(
    conn: Connection, expression: str, *, limit: int, case_id: int | None = None
) -> list[tuple[int, int | None, str, str | None, str | None, str, float]]:
    """Case summaries and item notes: (case id, item id or None, case title, item kind,
    item name, snippet, rank)."""
    where = ["note_fts MATCH :q"]
    params: dict[str, Any] = {"q": expression, "n": limit, **_marks()}
    if case_id is not None:
        where.append("note_fts.case_id = :c")
        params["c"] = case_id
    sql = (
        "SELECT h.case_id, h.item_id, c.title, i.kind, i.name, h.snip, h.rank FROM ("
        f"SELECT case_id, item_id, {_snippet('note_fts', 2, 24)} AS snip, rank "
        f"FROM note_fts WHERE {' AND '.join(where)} ORDER BY rank LIMIT :n) h "
        "JOIN case_file c ON c.id = h.case_id LEFT JOIN item i ON i.id = h.item_id "
        "ORDER BY h.rank"
    )
    return [tuple(r) for r in _run(conn, sql, params)]


def title_prefix_expression(words: list[str], *, prefix: bool = True) -> str:
    """An expression matching article titles containing every word, the last one as a prefix
    (quick open: "export contr" finds "Export Controls ...")."""
    terms = [_quote(w) for w in words if _has_token(w)]
    if not terms:
        return ""
    if prefix:
        terms[-1] += "*"
    return "{title} : (" + " ".join(terms) + ")"


def title_candidates(conn: Connection, words: list[str], *, limit: int) -> list[tuple[int, str]]:
    """Newest articles whose title has all the words (last one a prefix): (item id, title).

    Ordered by rowid, not rank, so FTS5 stops after ``limit`` rows however common the words.
    Whole words are tried first: FTS5 reads a prefix's every posting before the first row
    (20 ms for a word in a quarter of 100k articles), a whole word only as far as needed.
    The caller re-scores the few candidates.
    """
    sql = (
        "SELECT h.id, i.name FROM (SELECT rowid AS id FROM article_fts WHERE article_fts MATCH :q "
        "ORDER BY rowid DESC LIMIT :n) h JOIN item i ON i.id = h.id"
    )
    return newest_titles(
        lambda expression: _run(conn, sql, {"q": expression, "n": limit}),
        (title_prefix_expression(words, prefix=prefix) for prefix in (False, True)),
        limit,
    )


# --- index health -------------------------------------------------------------------------


#: Where each kind of index row lives, for ``search_backend``'s shared inspection queries.
ARTICLE_INDEX, ARTICLE_INDEX_KEY = "article_fts_docsize", "id"
ENTITY_INDEX, ENTITY_INDEX_KEY = "entity_fts", "rowid"
NOTE_INDEX = "note_fts"


def index_size_bytes(conn: Connection) -> dict[str, int]:
    """Bytes on disk of the search index tables and of the whole database."""
    sizes: dict[str, int] = {}
    try:
        for table in ("article_fts", "entity_fts", "note_fts"):
            sizes[table] = int(
                conn.exec_driver_sql(
                    "SELECT coalesce(sum(pgsize), 0) FROM dbstat WHERE name LIKE ?",
                    (table + "%",),
                ).scalar_one()
            )
    except OperationalError:  # SQLite built without dbstat
        sizes = {}
    page_size = conn.exec_driver_sql("PRAGMA page_size").scalar_one()
    pages = conn.exec_driver_sql("PRAGMA page_count").scalar_one()
    sizes["database"] = int(page_size) * int(pages)
    return sizes
