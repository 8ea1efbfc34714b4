"""Name normalisation shared by alias lookup, resolution and search (one home for it)."""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata

_DROPPED = re.compile(r"[.'\u2019]")
_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)


def strip_accents(text: str) -> str:
    """The text decomposed (NFKD) without its combining marks: "Müller" -> "Muller"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@functools.lru_cache(maxsize=65536)
def normalize_name(name: str) -> str:
    """Case-, accent-, punctuation- and spacing-insensitive key: "U.S." and "us" meet."""
    return _NON_WORD.sub(" ", _DROPPED.sub("", strip_accents(name).casefold())).strip()


def content_hash(text: str) -> str:
    """An article's duplicate key: same words in the same order = same article, whatever the
    spacing or line endings (used by import and by case bundles alike).

    The key hashes each non-blank line's words, one space apart, the lines one line break
    apart. Written with ``map`` and ``filter`` over C-level string methods: a third of the
    time of a generator over the lines (which was about 5% of an import worker's time)."""
    lines = filter(None, map(" ".join, map(str.split, text.splitlines())))
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()


#: the largest integer both back ends store in an integer column (PostgreSQL's ``integer``)
INT_MAX = 2**31 - 1


def storable(value: object) -> object:
    """A value as both back ends store it: text without NUL characters (SQLite keeps them,
    PostgreSQL refuses them) and integers within ``integer`` (an offset past it is no place
    in any text). Anything else as it is."""
    if isinstance(value, str):
        return value.replace("\x00", "") if "\x00" in value else value
    if isinstance(value, int) and not isinstance(value, bool):
        return max(-INT_MAX - 1, min(INT_MAX, value))
    return value


# characters the extraction's text view drops inside words (desktop.extract.textview._FORMAT):
# soft hyphen, zero-width space and joiners, bidi marks, word joiner, BOM
_INVISIBLE = re.compile(
    "[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]"
)


def reader_words(piece: str) -> str:
    """A stored-text span as a reader sees it: invisible characters dropped, whitespace
    (line breaks, Unicode spaces) collapsed. Equal to the extraction's ``TextView.words`` of
    the same span, so an evidence sentence can be read back from the body."""
    if not piece.isascii():
        piece = _INVISIBLE.sub("", piece)
    return " ".join(piece.split())


def sentence_text(quote: str | None, start: int | None, end: int | None, body: str | None) -> str:
    """An evidence sentence: its stored copy, else the body's span ``[start, end)``."""
    if quote is not None:
        return quote
    if start is None or end is None or body is None:
        return ""
    return reader_words(body[start:end])


def sentence_ref(
    body: str, body_at: int, start: int, end: int, sentence: str
) -> tuple[int | None, int | None, str | None]:
    """How to store an evidence sentence found at ``[start, end)`` of the full text (title
    line, newline, body; the body starts at ``body_at``): (start, end) in the body when the
    body reads back to exactly ``sentence``, else the sentence itself as a copy."""
    s, e = start - body_at, end - body_at
    if 0 <= s <= e <= len(body) and reader_words(body[s:e]) == sentence:
        return s, e, None
    return None, None, sentence
