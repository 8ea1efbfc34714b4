"""BM25 for the newest matches, computed here from cached document frequencies (SQLite).

FTS5's ``bm25()`` first counts, for every phrase of the query, the documents holding it across
the whole index (``xQueryPhrase``): for a word in nine articles of ten that walk is 2.5 ms at
100,000 articles and grows with the library (25 ms a word at a million), before a single row
is scored. Here the same formula (k1 = 1.2, b = 0.75, title 4×, body 1×, FTS5's IDF clamped
at 1e-6) is computed for the ``window`` newest matches only:

- document frequencies are counted once per phrase and cached per library; a cached count is
  used until the number of indexed articles has moved by more than 1% (an import refreshes
  them; a change that small moves no ranking);
- the number of articles and the token totals come from FTS5's averages record, each
  candidate's title and body lengths from its ``docsize`` row (one indexed read each);
- how often each phrase occurs in a candidate's title and body is counted in its text with a
  pattern that follows the unicode61 tokenizer (letters and digits, case and accents folded).

The matches themselves are still FTS5's; only the scores are computed here, so the cost of a
first page depends on the window, not on the library.
"""

from __future__ import annotations

import math
import re
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from desktop.store.text import strip_accents

K1, B = 1.2, 0.75
#: column weights, as ``search_sqlite.ARTICLE_RANK`` gives them to FTS5
TITLE_WEIGHT, BODY_WEIGHT = 4.0, 1.0
_PHRASE = re.compile(r'"((?:[^"]|"")*)"(\*)?')
_TOKEN = re.compile(r"[^\W_]+")
#: cached document frequencies kept per library, at most this many phrases
_CACHE_SIZE = 4096


@dataclass(frozen=True, slots=True)
class Phrase:
    """One quoted phrase of a MATCH expression: its tokens as FTS5 folds them."""

    match: str  # the phrase alone as a MATCH expression: its document frequency's query
    tokens: tuple[str, ...]
    prefix: bool  # the last token is a prefix ("export"*)


def fold(text: str) -> str:
    """Case and accents folded as unicode61 (remove_diacritics 2) folds them."""
    return strip_accents(text).casefold()


def phrases(expression: str) -> list[Phrase]:
    """The phrases of an expression ``search_sqlite.parse_query`` wrote (every term is quoted),
    each once, in order."""
    out: dict[str, Phrase] = {}
    for m in _PHRASE.finditer(expression):
        tokens = _TOKEN.findall(fold(m.group(1).replace('""', '"')))
        if not tokens:
            continue
        prefix = bool(m.group(2))
        key = " ".join(tokens) + ("*" if prefix else "")
        if key in out:
            continue
        out[key] = Phrase(match=m.group(0), tokens=tuple(tokens), prefix=prefix)
    return list(out.values())


def varints(blob: bytes | None) -> list[int]:
    """SQLite varints, as FTS5 writes its averages and docsize records."""
    out: list[int] = []
    data, i = blob or b"", 0
    while i < len(data):
        value = 0
        for k in range(9):
            byte = data[i]
            i += 1
            if k == 8:
                value = (value << 8) | byte
                break
            value = (value << 7) | (byte & 0x7F)
            if not byte & 0x80:
                break
        out.append(value)
    return out


def idf(rows: int, df: int) -> float:
    """FTS5's: log((N - n + 0.5) / (n + 0.5)), at least 1e-6."""
    value = math.log((rows - df + 0.5) / (df + 0.5)) if rows > 0 else 0.0
    return value if value > 0.0 else 1e-6


def _spans(marked: str, marks: tuple[str, str]) -> list[list[str]]:
    """The folded tokens of each highlighted span of a text ``highlight()`` marked."""
    start, end = marks
    out: list[list[str]] = []
    i = marked.find(start)
    while i >= 0:
        j = marked.find(end, i)
        if j < 0:
            break
        span = marked[i + 1 : j]
        out.append(_TOKEN.findall(span.lower() if span.isascii() else fold(span)))
        i = marked.find(start, j)
    return out


def _occurrences(phrase: Phrase, spans: list[list[str]]) -> int:
    """How often the phrase's tokens appear in a row within the highlighted spans."""
    tokens, n, count = list(phrase.tokens), len(phrase.tokens), 0
    if n == 1 and not phrase.prefix:  # the common case: one whole word
        return sum(span.count(tokens[0]) for span in spans)
    for span in spans:
        for k in range(len(span) - n + 1):
            if span[k : k + n - 1] == tokens[:-1] and (
                span[k + n - 1].startswith(tokens[-1])
                if phrase.prefix
                else span[k + n - 1] == tokens[-1]
            ):
                count += 1
    return count


def score(
    candidates: Iterable[tuple[int, str, str, Sequence[int]]],
    found: Sequence[Phrase],
    idfs: Sequence[float],
    avgdl: float,
    *,
    marks: tuple[str, str],
) -> list[tuple[int, float]]:
    """(id, rank) per candidate (id, highlighted title, highlighted body, column sizes), best
    first (most negative rank, as FTS5's bm25() returns it), the newer (higher id) first among
    equals."""
    out: list[tuple[int, float]] = []
    for item_id, title, body, sizes in candidates:
        dl = float(sum(sizes))
        norm = K1 * (1.0 - B + B * dl / avgdl) if avgdl > 0 else K1
        in_title, in_body = _spans(title, marks), _spans(body, marks)
        total = 0.0
        for phrase, weight in zip(found, idfs, strict=True):
            f = TITLE_WEIGHT * _occurrences(phrase, in_title) + BODY_WEIGHT * _occurrences(
                phrase, in_body
            )
            total += weight * f * (K1 + 1.0) / (f + norm)
        out.append((item_id, -total))
    out.sort(key=lambda pair: (pair[1], -pair[0]))
    return out


class FrequencyCache:
    """Document frequencies per library and phrase, with the article count they were read at."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._by_library: dict[str, dict[str, tuple[int, int]]] = {}

    def get(self, library: str, phrase: str, rows: int) -> int | None:
        with self._lock:
            hit = self._by_library.get(library, {}).get(phrase)
        if hit is None:
            return None
        at, df = hit
        return df if abs(rows - at) <= rows // 100 else None

    def put(self, library: str, phrase: str, rows: int, df: int) -> None:
        with self._lock:
            cache = self._by_library.setdefault(library, {})
            if len(cache) >= _CACHE_SIZE:
                cache.clear()
            cache[phrase] = (rows, df)

    def clear(self) -> None:
        with self._lock:
            self._by_library.clear()


FREQUENCIES = FrequencyCache()
