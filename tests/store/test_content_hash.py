"""The duplicate key of an article (``content_hash``): libraries store it, so a faster
computation must give exactly the key the definition gives, for any text."""

from __future__ import annotations

import hashlib

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.store.text import content_hash

#: every character ``str.splitlines`` breaks at, and other whitespace beside them
BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
SPACES = " \t\x1f\xa0\u2000\u3000"


def defined_hash(text: str) -> str:
    """The key as defined (and as every library stored it): each non-blank line's words,
    one space apart, the lines one line break apart."""
    lines = (" ".join(line.split()) for line in text.splitlines() if line.strip())
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from([*BREAKS, *SPACES, "a", "B", "é", "\r\n", ".", "中"])).map("".join))
def test_content_hash_is_the_defined_key_for_any_spacing(text: str) -> None:
    assert content_hash(text) == defined_hash(text)


def test_content_hash_ignores_spacing_and_blank_lines_only() -> None:
    same = content_hash("Title\r\n\r\n  Body  text.\u2028Second\x1fline \n")
    assert same == content_hash("Title\nBody text.\nSecond line")
    assert same != content_hash("Title Body text.\nSecond line")
    assert content_hash("") == content_hash(" \n\t\u2029") == hashlib.sha256(b"").hexdigest()


def test_a_long_run_of_spaces_is_hashed() -> None:
    text = "a" + " " * 200_000 + "b" + "\n " * 100_000 + "c"
    assert content_hash(text) == defined_hash(text)
