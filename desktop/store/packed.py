"""Article bodies stored compressed in a SQLite library (issue 22, migrations 0009 and 0012).

A body is kept as zlib-compressed UTF-8 (a BLOB) when that is smaller, else as the text itself
(an empty or tiny body); reading accepts both, so a row written either way reads the same.
Since 0012 the compressor starts from a preset dictionary (:data:`DICTIONARY`); a stream says
in its own header whether it used one and which (zlib's FDICT flag and the dictionary's
Adler-32), so bodies written before read back unchanged. A PostgreSQL library stores the text
as it is: the server compresses long values itself (TOAST). Every read of ``article.body``
goes through :class:`BodyText` (the ORM and Core) or, in SQL, through the function
:data:`SQL_FUNCTION` that every SQLite connection registers
(``dialect.sqlite.configure_connection``): the search index reads bodies through it.
"""

from __future__ import annotations

import zlib
from functools import cache
from typing import Any

from sqlalchemy import Text
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator

from desktop import resource

#: the SQLite function that reads a stored body back as text: ``cf_body(a.body)``
SQL_FUNCTION = "cf_body"
#: zlib's default level: 1.3 points smaller than level 1 for 16 µs more per article
_LEVEL = 6
#: The preset dictionary: 8 KB of Casefile's own demo article text. News bodies share their
#: words and turns of phrase, and a 2.5 KB body starts out knowing them: a fifth smaller
#: (the benchmark corpus 20.8%, the test articles, which it was not drawn from, 18.3%) for
#: about 10 µs more per article. An 8 KB window (wbits 13) holds it and most of a body.
#: FROZEN: every body written with it needs these exact bytes to be read back. A better
#: dictionary is a new file added here; the old one stays, found by its Adler-32.
DICTIONARY = "bodies-1.txt"
_DICTIONARY_ADLER32 = 0x577B7E74
_WBITS = 13
_FDICT = 0x20  # the flag bit in a zlib stream's second byte


@cache
def _dictionaries() -> dict[int, bytes]:
    """Every preset dictionary a stored body may name, by its Adler-32."""
    data = resource("zdict", DICTIONARY).read_bytes()
    if zlib.adler32(data) != _DICTIONARY_ADLER32:
        raise RuntimeError(
            f"Casefile's {DICTIONARY} was changed; stored article texts need the original "
            "bytes. Reinstall Casefile."
        )
    return {_DICTIONARY_ADLER32: data}


@cache
def _primed() -> Any:
    """A compressor that has read the dictionary; each body compresses with a copy of it
    (reading 8 KB of dictionary for every body cost more than the copy)."""
    return zlib.compressobj(
        _LEVEL,
        zlib.DEFLATED,
        _WBITS,
        8,
        zlib.Z_DEFAULT_STRATEGY,
        _dictionaries()[_DICTIONARY_ADLER32],
    )


def pack_body(text: str, *, preset: bool = True) -> str | bytes:
    """A body as a SQLite library stores it: compressed when that is smaller.

    ``preset=False`` writes the format of revisions 0009-0011 (no dictionary): what their
    migrations wrote, and what going down to them leaves."""
    if len(text) < 64:
        return text
    data = text.encode("utf-8")
    if preset:
        compressor = _primed().copy()
        packed = compressor.compress(data) + compressor.flush()
    else:
        packed = zlib.compress(data, _LEVEL)
    return packed if len(packed) < len(text) else text


def uses_preset(value: str | bytes | None) -> bool:
    """Whether a stored body was compressed with a preset dictionary (written since 0012)."""
    return isinstance(value, bytes) and len(value) > 1 and bool(value[1] & _FDICT)


def unpack_body(value: str | bytes | None) -> str:
    """A stored body as text, whichever way it was stored."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if not uses_preset(value):
        return zlib.decompress(value).decode("utf-8")
    named = int.from_bytes(value[2:6], "big")
    dictionary = _dictionaries().get(named)
    if dictionary is None:
        raise ValueError(
            f"an article text was stored by a newer Casefile (dictionary {named:08x}); "
            "update Casefile to read this library"
        )
    reader = zlib.decompressobj(zlib.MAX_WBITS, zdict=dictionary)
    return (reader.decompress(value) + reader.flush()).decode("utf-8")


def stored_body(text: str, *, sqlite: bool) -> str | bytes:
    """A body as its library stores it: packed in a SQLite file, as text on PostgreSQL.
    One rule for the ORM (:class:`BodyText`) and the import's raw writes."""
    return pack_body(text) if sqlite else text


class BodyText(TypeDecorator[str]):
    """``article.body``: text to the application, compressed in a SQLite file."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: str | None, dialect: Dialect) -> Any:
        if value is None:
            return value
        return stored_body(value, sqlite=dialect.name == "sqlite")

    def process_result_value(self, value: Any, dialect: Dialect) -> str:
        return unpack_body(value)
