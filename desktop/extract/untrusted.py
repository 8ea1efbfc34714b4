"""Text from files and file names, made safe to print or store.

A terminal obeys control characters in what it prints (``ESC ] 0;… BEL`` retitles it, ``ESC [``
recolours, a bidi override reorders the line), so human output shows them as escapes; a file
name that is not UTF-8 arrives as surrogate-escaped ``str`` that no UTF-8 encoder accepts, so it
is stored and printed with its odd bytes written out (``caf\\xe9.txt``)."""

from __future__ import annotations

import re

#: C0 controls but tab and newline, DEL, C1 controls, bidi embeddings/overrides/isolates,
#: and lone surrogates (undecodable bytes of a file name)
_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # a byte surrogateescape could not decode
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def terminal_safe(text: str) -> str:
    """``text`` with every character a terminal would act on shown as an escape."""
    return _UNSAFE.sub(_escape, text)


def printable_name(name: str) -> str:
    """A file name as valid Unicode: undecodable bytes written as ``\\xNN``."""
    if not re.search("[\ud800-\udfff]", name):
        return name
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
