"""Search everything and quick open: find things by the words an analyst remembers.

Full-text search runs over article titles and bodies, entity names and aliases, and case and
item notes, through the search back end (``desktop.store.search_backend``: FTS5 on SQLite,
tsvector on PostgreSQL, picked per connection; no search syntax of either lives here). A malformed query is never an
error: it is searched as plain words and the result carries a notice for the search field.

Quick open matches names fuzzily: entity names, aliases and case titles are few and short, so
they are loaded once into a ``NameIndex`` and matched in memory with rapidfuzz; article titles
are many and long, so candidates come from the title index (every word, the last a prefix) and
only those few are scored.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import partial

from rapidfuzz import fuzz, process
from sqlmodel import Session, func, select

from desktop.services.changes import Changes
from desktop.store import dialect
from desktop.store import search_backend as backend
from desktop.store.db import Library
from desktop.store.models import ARTICLE, ENTITY_KINDS, Alias, Article, CaseFile, CaseItem, Item
from desktop.store.text import normalize_name

ENTITY = "entity"  # filter: any entity kind
NOTE = "note"  # filter and hit kind: an item's note within a case
CASE = "case"  # hit kind: a case's summary; quick-open kind: a case by title
COMMAND = "command"  # quick-open kind: an action of the window
SEARCH_KINDS = (ARTICLE, ENTITY, *ENTITY_KINDS, NOTE)
#: orders of the hits: best match first, or the best hits by date (undated hits last)
SEARCH_ORDERS = ("rank", "newest", "oldest")
#: Quick open looks up article titles by prefix only from this many characters on: shorter
#: prefixes expand to thousands of index terms and would cost more than they find.
MIN_TITLE_PREFIX = 3


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One result. ``id`` is the item to open, or the case id when ``kind`` is "case"."""

    id: int
    kind: str  # article, an entity kind, "note" (an item's note in a case) or "case"
    title: str
    snippet: str  # plain text; ``highlights`` says which spans matched
    highlights: tuple[tuple[int, int], ...]
    score: float  # higher is better (BM25, sign flipped)
    case_id: int | None = None  # for notes and case summaries
    published: date | None = None  # for articles

    @property
    def item_id(self) -> int | None:
        return None if self.kind == CASE else self.id


@dataclass(frozen=True, slots=True)
class SearchResult:
    query: str
    hits: tuple[SearchHit, ...]
    plain: bool = False  # the query was not valid syntax and was searched as plain words
    notice: str | None = None  # what the search field should say about the query


@dataclass(frozen=True, slots=True)
class IndexStats:
    articles: int
    entities: int
    notes: int
    sizes: dict[str, int] = field(default_factory=dict)  # bytes: per index table, "database"


def split_marks(marked: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Snippet text without the back end's highlight markers, and the spans they enclosed.

    Jumps from marker to marker with ``str.find``: walking the snippet a character at a time
    was ~5 ms of a 50-hit search."""
    start_mark, end_mark = backend.HL_START, backend.HL_END
    plain: list[str] = []
    spans: list[tuple[int, int]] = []
    pos, i, start = 0, 0, -1
    while True:
        a, b = marked.find(start_mark, i), marked.find(end_mark, i)
        nxt = min(x for x in (a, b, len(marked)) if x >= 0)
        plain.append(marked[i:nxt])
        pos += nxt - i
        if nxt == len(marked):
            return "".join(plain), tuple(spans)
        if nxt == a:
            start = pos
        else:
            if start >= 0 and pos > start:
                spans.append((start, pos))
            start = -1
        i = nxt + 1


#: a longer query is cut here, with a notice: matching and ranking cost grows with the square
#: of the number of terms (2,000 words took over a minute), and no one types more
MAX_QUERY_TERMS = 64
MAX_QUERY_CHARS = 1_000


def cap_query(query: str) -> tuple[str, str | None]:
    """The query as searched, and a notice when it had to be shortened."""
    terms = query.split()
    if len(terms) <= MAX_QUERY_TERMS and len(query) <= MAX_QUERY_CHARS:
        return query, None
    kept = " ".join(terms[:MAX_QUERY_TERMS])[:MAX_QUERY_CHARS]
    if len(kept) == MAX_QUERY_CHARS and " " in kept:  # do not search half a word
        kept = kept.rsplit(" ", 1)[0]
    return kept, (
        f"Only the first {len(kept.split())} words were searched (a search takes at most "
        f"{MAX_QUERY_TERMS} words and {MAX_QUERY_CHARS:,} characters)"
    )


def _hit(
    id_: int, kind: str, title: str, marked: str, rank: float, *,
    case_id: int | None = None, published: date | None = None,
) -> SearchHit:  # fmt: skip
    snippet, spans = split_marks(marked or "")
    score = round(-float(rank), 4)
    return SearchHit(id_, kind, title, snippet, spans, score, case_id, published)


def _run(
    session: Session,
    expression: str,
    *,
    kind: str | None,
    case_id: int | None,
    date_from: date | None,
    date_to: date | None,
    limit: int,
    window: int | None,
) -> list[SearchHit]:
    conn = session.connection()
    dated = date_from is not None or date_to is not None
    hits: list[SearchHit] = []
    if kind in (None, ARTICLE):
        for id_, title, published, snip, rank in backend.search_articles(
            conn,
            expression,
            limit=limit,
            case_id=case_id,
            date_from=date_from,
            date_to=date_to,
            window=window,
        ):
            hits.append(_hit(id_, ARTICLE, title, snip, rank, published=dialect.as_date(published)))
    if dated:  # only articles have a publication date
        return hits
    if kind is None or kind == ENTITY or kind in ENTITY_KINDS:
        kinds = (kind,) if kind in ENTITY_KINDS else None
        for id_, ekind, name, snip, rank in backend.search_entities(
            conn, expression, limit=limit, kinds=kinds, case_id=case_id
        ):
            hits.append(_hit(id_, ekind, name, snip, rank))
    if kind in (None, NOTE):
        for cid, item_id, case_title, _ikind, item_name, snip, rank in backend.search_notes(
            conn, expression, limit=limit, case_id=case_id
        ):
            if item_id is None:
                hits.append(_hit(cid, CASE, case_title, snip, rank, case_id=cid))
            else:
                title = f"Note on {item_name} in {case_title}"
                hits.append(_hit(item_id, NOTE, title, snip, rank, case_id=cid))
    hits.sort(key=lambda h: -h.score)
    return hits[:limit]


def search(
    *,
    session: Session,
    query: str,
    kind: str | None = None,
    case_id: int | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    limit: int = 50,
    exhaustive: bool = False,
    order: str = "rank",
) -> SearchResult:
    """Ranked hits across articles, entities and notes; never raises for what was typed.

    ``kind`` narrows to "article", "entity" (any kind), one entity kind, or "note"; ``case_id``
    to the items (and notes) of one case; a date range to articles published within it.
    When very many articles match, only the newest few thousand are ranked (fast at 100k; see
    ``search_sqlite.RANK_WINDOW``) unless ``exhaustive`` is set. ``order`` "newest" or
    "oldest" shows the same best ``limit`` hits by published date, undated ones last.
    """
    if kind is not None and kind not in SEARCH_KINDS:
        raise ValueError(f"Unknown kind {kind!r}; expected one of {', '.join(SEARCH_KINDS)}")
    if order not in SEARCH_ORDERS:
        raise ValueError(f"Unknown order {order!r}; expected one of {', '.join(SEARCH_ORDERS)}")
    searched, shortened = cap_query(query)
    parsed = backend.parse_query(searched)
    if shortened:
        parsed = backend.FtsQuery(
            parsed.expression, parsed.plain, "; ".join(n for n in (shortened, parsed.notice) if n)
        )
    if not parsed.expression:
        return SearchResult(query, (), parsed.plain, parsed.notice if query.strip() else None)
    window = None if exhaustive else backend.RANK_WINDOW
    run = partial(
        _run, session,
        kind=kind, case_id=case_id, date_from=date_from, date_to=date_to, limit=limit, window=window,
    )  # fmt: skip
    try:
        hits = run(parsed.expression)
    except backend.QuerySyntaxError:  # parse_query let something through: fall back
        parsed = backend.FtsQuery(
            backend.plain_words(searched),
            True,
            "The search syntax was not understood: searched as plain words",
        )
        try:
            hits = run(parsed.expression) if parsed.expression else []
        except backend.QuerySyntaxError:
            hits = []
    if order != "rank":
        hits = by_date(hits, newest=order == "newest")
    return SearchResult(query, tuple(hits), parsed.plain, parsed.notice)


def by_date(hits: Sequence[SearchHit], *, newest: bool) -> list[SearchHit]:
    """Dated hits by date (ties keep their rank order), then the undated in rank order."""
    dated = sorted((h for h in hits if h.published), key=lambda h: h.published or date.min,
                   reverse=newest)  # fmt: skip
    return dated + [h for h in hits if not h.published]


# --- keeping the index in step ------------------------------------------------------------


def reindex(*, library: Library) -> Changes:
    """Rebuild every search index row from the tables (``casefile reindex``)."""
    with library.write() as session:
        dialect.rebuild_search_index(session.connection())
    with library.engine.connect() as conn:
        dialect.checkpoint(conn)
    return Changes(everything=True)


def index_consistent(*, library: Library) -> bool:
    """True when the index holds exactly the library's articles, entities and notes."""
    with library.session() as session:
        conn = session.connection()
        if backend.article_index_gaps(conn) or not dialect.search_index_ok(conn):
            return False
        aliases: dict[int, set[str]] = {}
        for entity_id, name in session.exec(select(Alias.entity_id, Alias.name)):
            aliases.setdefault(entity_id, set()).add(name)
        # Whether an entity's own name is repeated among its aliases differs between writers;
        # it changes nothing that can be found, so it is left out of the comparison.
        expected = {
            int(id_ or 0): (name, frozenset(aliases.get(int(id_ or 0), set()) - {name}))
            for id_, name in session.exec(select(Item.id, Item.name).where(Item.kind != ARTICLE))
        }
        indexed = {
            id_: (name, names - {name})
            for id_, (name, names) in backend.entity_index_rows(conn).items()
        }
        if indexed != expected:
            return False
        notes: set[tuple[int, int | None, str]] = {
            (int(c.id or 0), None, c.summary)
            for c in session.exec(select(CaseFile))
            if c.summary.strip()
        }
        notes |= {
            (ci.case_id, ci.item_id, ci.note)
            for ci in session.exec(select(CaseItem).where(CaseItem.note != ""))
            if ci.note.strip()
        }
        return backend.note_index_rows(conn) == notes


def index_stats(*, session: Session) -> IndexStats:
    articles = session.exec(select(func.count()).select_from(Article)).one()
    entities = session.exec(select(func.count()).where(Item.kind != ARTICLE)).one()
    notes = len(backend.note_index_rows(session.connection()))
    return IndexStats(articles, entities, notes, backend.index_size_bytes(session.connection()))


# --- quick open ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class QuickMatch:
    kind: str  # article, an entity kind, "case" or "command"
    id: int  # item id or case id; 0 for a command
    name: str  # what to show: the canonical name
    matched: str  # the name or alias that matched (equal to name unless an alias)
    score: float  # 0..100, higher is better
    command: str = ""  # the command id when kind == "command"


#: fuzzy matches scoring below this are dropped when some name contains the words typed
FUZZY_FLOOR = 80.0


class NameIndex:
    """Entity names and aliases, case titles and commands, normalised, in memory.

    Loaded once (a palette loads it when it opens); ``match`` is then pure Python + rapidfuzz.
    """

    def __init__(self, entries: Iterable[tuple[str, int, str, str, str]] = ()) -> None:
        self._keys: list[str] = []
        self._entries: list[tuple[str, int, str, str, str]] = []  # kind, id, name, matched, cmd
        self._spaced: list[str] = []  # " " + key: a word start is " " + query inside it
        self._by_length: list[int] = []  # positions ordered by key length
        self._lengths: list[int] = []
        for entry in entries:
            self.add(*entry)

    def add(self, kind: str, id_: int, name: str, matched: str, command: str = "") -> None:
        key = normalize_name(matched)
        if key:
            self._keys.append(key)
            self._entries.append((kind, id_, name, matched, command))
            self._spaced.append(f" {key}")
            self._by_length = []  # rebuilt on the next match

    def __len__(self) -> int:
        return len(self._keys)

    @classmethod
    def load(cls, *, session: Session, commands: Sequence[tuple[str, str]] = ()) -> NameIndex:
        index = cls()
        for command_id, label in commands:
            index.add(COMMAND, 0, label, label, command_id)
        names: dict[int, tuple[str, str]] = {}
        for id_, kind, name in session.exec(
            select(Item.id, Item.kind, Item.name).where(Item.kind != ARTICLE)
        ):
            names[int(id_ or 0)] = (kind, name)
            index.add(kind, int(id_ or 0), name, name)
        for entity_id, alias in session.exec(select(Alias.entity_id, Alias.name)):
            if entity_id in names and alias != names[entity_id][1]:
                kind, name = names[entity_id]
                index.add(kind, entity_id, name, alias)
        for id_, title in session.exec(select(CaseFile.id, CaseFile.title)):
            index.add(CASE, id_ or 0, title, title)
        return index

    def match(self, text: str, limit: int = 20) -> list[QuickMatch]:
        query = normalize_name(text)
        if not query:  # nothing typed: commands first, then cases, in order
            return [
                QuickMatch(k, i, n, m, 100.0, c)
                for k, i, n, m, c in self._entries
                if k in (COMMAND, CASE)
            ][:limit]
        keys, spaced = self._keys, f" {query}"
        # Word starts anywhere in a name ("comm" -> "U.S. Commerce Department"): a plain scan.
        found = {pos for pos, key in enumerate(self._spaced) if spaced in key}
        # Word starts score 95 or more, above any fuzzy match: with enough of them, done.
        if len({self._entries[pos][:3] for pos in found}) < limit:
            found.update(self._fuzzy(query, limit))
        best: dict[tuple[str, int, str], QuickMatch] = {}
        scores = {pos: name_score(query, keys[pos]) for pos in found}
        # Beside names that contain what was typed, only close typos are worth offering.
        floor = FUZZY_FLOOR if any(v >= 93.0 for v in scores.values()) else 0.0
        for pos in found:
            kind, id_, name, matched, command = self._entries[pos]
            score = scores[pos]
            if score < floor:
                continue
            ident = (kind, id_, command)
            if ident not in best or score > best[ident].score:
                best[ident] = QuickMatch(kind, id_, name, matched, score, command)
        return sorted(best.values(), key=_order)[:limit]

    def _fuzzy(self, query: str, limit: int) -> set[int]:
        """Typos and inner substrings. The query is aligned only inside names at least as
        long as it (a short alias inside the query, "nt" in "export contr", means nothing);
        whole names typed with a slip ("bsi" for "BIS") are caught by plain ratio."""
        if len(self._by_length) != len(self._keys):
            self._by_length = sorted(range(len(self._keys)), key=lambda p: len(self._keys[p]))
            self._lengths = [len(self._keys[p]) for p in self._by_length]
        longer = self._by_length[bisect_left(self._lengths, len(query)) :]
        found: set[int] = set()
        for _key, _score, n in process.extract(
            query,
            [self._keys[pos] for pos in longer],
            scorer=fuzz.partial_ratio,
            limit=limit * 3,
            score_cutoff=75,
        ):
            found.add(longer[n])
        for _key, _score, pos in process.extract(
            query, self._keys, scorer=fuzz.ratio, limit=limit, score_cutoff=75
        ):
            found.add(pos)
        return found


def _order(match: QuickMatch) -> tuple[float, int, str]:
    return (-match.score, len(match.matched), match.name.lower())


def name_score(query: str, key: str) -> float:
    """0..100 for a normalised query against a normalised name: the whole name beats its
    start, a word start beats the inside of a word, and typos cost what rapidfuzz says."""
    if key == query:
        return 100.0
    if f" {query} " in f" {key} ":  # whole words: at the start, then anywhere
        return 99.0 if key.startswith(f"{query} ") else 97.0
    if key.startswith(query):
        return 96.0
    if f" {query}" in f" {key}":
        return 95.0
    words = query.split()
    if len(words) > 1 and all(f" {w}" in f" {key}" for w in words):
        return 93.0  # every word typed starts a word of the name, in any order
    inside = fuzz.partial_ratio(query, key) * 0.9 if len(key) >= len(query) else 0.0
    return round(max(inside, fuzz.ratio(query, key)), 1)


def quick_open(
    *, session: Session, text: str, limit: int = 20, names: NameIndex | None = None
) -> list[QuickMatch]:
    """The best few articles, entities, cases (and commands in ``names``) for what was typed.

    Pass a loaded ``names`` to keep keystrokes fast; without it the names are loaded here.
    """
    if names is None:
        names = NameIndex.load(session=session)
    matches = names.match(text, limit)
    query = normalize_name(text)
    if not query:
        return matches  # commands, then cases, in their own order
    words = text.split()  # raw words: the index tokenizes "U.S." itself
    if words and len(normalize_name(words[-1])) < MIN_TITLE_PREFIX:
        words = words[:-1]  # too short to expand: match titles on the complete words only
    if words:
        conn = session.connection()
        for id_, title in backend.title_candidates(conn, words, limit=limit * 2):
            # Every word is in the title (the index said so), if not at its start.
            score = max(name_score(query, normalize_name(title)), 90.0)
            matches.append(QuickMatch(ARTICLE, id_, title, title, score))
    matches.sort(key=_order)
    return matches[:limit]
