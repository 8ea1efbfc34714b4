"""Name normalisation shared by alias lookup, resolution and search (one home for it)."""

from __future__ import annotations

import functools
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
