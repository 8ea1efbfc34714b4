"""Article bodies stored compressed in a SQLite library (issue 22, migration 0009).

A body is kept as zlib-compressed UTF-8 (a BLOB) when that is smaller, else as the text itself
(an empty or tiny body); reading accepts both, so a row written either way reads the same.
A PostgreSQL library stores the text as it is: the server compresses long values itself
(TOAST). Every read of ``article.body`` goes through :class:`BodyText` (the ORM and Core) or,
in SQL, through the function :data:`SQL_FUNCTION` that every SQLite connection registers
(``dialect.sqlite.configure_connection``): the search index reads bodies through it.
"""

from __future__ import annotations

import zlib
from typing import Any

from sqlalchemy import Text
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator

#: the SQLite function that reads a stored body back as text: ``cf_body(a.body)``
SQL_FUNCTION = "cf_body"
#: zlib's default level: 1.3 points smaller than level 1 for 16 µs more per article
_LEVEL = 6


def pack_body(text: str) -> str | bytes:
    """A body as a SQLite library stores it: compressed when that is smaller."""
    if len(text) < 64:
        return text
    packed = zlib.compress(text.encode("utf-8"), _LEVEL)
    return packed if len(packed) < len(text) else text


def unpack_body(value: str | bytes | None) -> str:
    """A stored body as text, whichever way it was stored."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return zlib.decompress(value).decode("utf-8")


class BodyText(TypeDecorator[str]):
    """``article.body``: text to the application, compressed in a SQLite file."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: str | None, dialect: Dialect) -> Any:
        if value is None or dialect.name != "sqlite":
            return value
        return pack_body(value)

    def process_result_value(self, value: Any, dialect: Dialect) -> str:
        return unpack_body(value)
