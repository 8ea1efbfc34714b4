"""Name normalisation shared by alias lookup, resolution and search (one home for it)."""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata

_DROPPED = re.compile(r"[.'\u2019]")
_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)


@functools.lru_cache(maxsize=65536)
def normalize_name(name: str) -> str:
    """Case-, accent-, punctuation- and spacing-insensitive key: "U.S." and "us" meet."""
    decomposed = unicodedata.normalize("NFKD", name)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _NON_WORD.sub(" ", _DROPPED.sub("", stripped.casefold())).strip()


def content_hash(text: str) -> str:
    """An article's duplicate key: same words in the same order = same article, whatever the
    spacing or line endings (used by import and by case bundles alike)."""
    normalised = "\n".join(" ".join(line.split()) for line in text.splitlines() if line.strip())
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()


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
