"""The text extraction reads, with a map back to the stored text its offsets must point into.

Stored text keeps the article as written (hard-wrapped lines, a soft hyphen inside a name);
highlights and evidence are offsets into it. Extraction instead reads a *view* of it:

- a line break inside a hard-wrapped paragraph (wire copy, e-mail newsletters wrapped at
  60–80 characters) becomes a space, so "Commerce Secretary Gina\\nRaimondo" is one name and
  a sentence runs on across the break;
- a non-breaking or other Unicode space becomes a plain space;
- format characters that are invisible inside words (soft hyphen, zero-width space and
  joiners, word joiner, bidi marks, a stray BOM) are dropped, so "Rai\\u00admondo" is
  "Raimondo".

The first two are one character for one, so offsets stay equal; only dropped characters need
the map (:meth:`TextView.source_span`, :meth:`TextView.view_offset`). The same paragraph rule
tells the reader which lines to show as one paragraph (:func:`paragraphs`).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

# invisible inside a word: soft hyphen, Mongolian vowel separator, zero-width space/joiners,
# LRM/RLM, bidi embeddings and isolates, word joiner and invisible operators, BOM, ALM
_FORMAT = re.compile(
    "[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]"
)
# spaces other than " " (NBSP, en/em/thin spaces, narrow NBSP, ideographic space ...)
_SPACE = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_UNUSUAL = re.compile(_FORMAT.pattern[:-1] + _SPACE.pattern[1:])  # either kind, one scan
_SPACE_TABLE = {ord(c): " " for c in "\u00a0\u1680\u202f\u205f\u3000"} | {
    c: " " for c in range(0x2000, 0x200B)
}
#: a line longer than this (with words in it) is a paragraph on one line, not wrapped copy
WRAP_MAX = 100
_ENDS_PARAGRAPH = frozenset('.!?:;"”’)]')
_LIST_ITEM = re.compile(r"\s*(?:[-*•–—>|]|\d{1,3}[.)]\s)")


def _words(line: str) -> bool:
    return line.count(" ") >= 3


def wrapped_breaks(text: str) -> list[int]:
    """Offsets of the line breaks inside hard-wrapped paragraphs (the title line is never
    joined to what follows).

    A text is hard-wrapped when at least four in five of its lines of words fit in
    ``WRAP_MAX`` characters. Its width is then about its longest such line (outliers, such as
    an opening line that carries a dateline, aside), and a break is a wrap
    when the next line's first word would not have fitted on the line (what every wrapping
    tool does) or the line is three quarters full and stops mid-sentence, the next line does not start a list item or an indented paragraph, and
    neither line is a headline in capitals when the other is not.
    """
    if text.count("\n") < 2:
        return []
    lines = text.split("\n")
    first = next((i for i, line in enumerate(lines) if line.strip()), 0)
    texty = [len(line) for line in lines[first + 1 :] if _words(line)]  # not the headline
    if len(texty) < 2:
        return []
    short = [n for n in texty if n <= WRAP_MAX]
    if len(short) < 2 or len(short) < 0.8 * len(texty):
        return []
    short.sort()
    typical = short[int(0.9 * (len(short) - 1))]
    width = max(n for n in short if n <= typical + 5)  # a first line with a dateline is longer
    breaks: list[int] = []
    pos = 0
    title_seen = False
    for i in range(len(lines) - 1):
        line, nxt = lines[i].rstrip(), lines[i + 1]
        pos += len(lines[i]) + 1  # offset just past this line's break
        if not line.strip():
            continue
        if not title_seen:
            title_seen = True  # the headline stands alone
            continue
        head = nxt.lstrip()
        if not head:
            continue
        indent = len(nxt) - len(head)
        if indent > len(line) - len(line.lstrip()) or _LIST_ITEM.match(nxt):
            continue
        word = head.split(None, 1)[0]
        if len(line) + 1 + len(word) <= width and (
            len(line) < 0.75 * width or line[-1] in _ENDS_PARAGRAPH
        ):
            continue  # the next word would have fitted: a real line end (unless the line is
            # nearly full and stops mid-sentence, as copy re-wrapped by hand does)
        if line.isupper() and not nxt.isupper():
            continue  # a headline in capitals over the text
        breaks.append(pos - 1)
    return breaks


def paragraphs(text: str, start: int = 0) -> list[tuple[int, int]]:
    """``(start, end)`` of each non-blank paragraph of ``text[start:]``: lines joined where
    :func:`wrapped_breaks` says the copy was hard-wrapped, else one paragraph per line."""
    joined = set(wrapped_breaks(text))
    out: list[tuple[int, int]] = []
    para_start = None
    pos = start
    n = len(text)
    while pos <= n:
        nl = text.find("\n", pos)
        end = n if nl < 0 else nl
        if text[pos:end].strip():
            if para_start is None:
                para_start = pos
            if nl >= 0 and nl in joined:
                pos = nl + 1
                continue
            out.append((para_start, end))
            para_start = None
        elif para_start is not None:
            out.append((para_start, pos - 1))
            para_start = None
        if nl < 0:
            break
        pos = nl + 1
    return out


class TextView:
    """``text``: what extraction reads; ``source``: the stored text offsets point into."""

    __slots__ = ("source", "text", "_cuts", "_src_cuts")

    def __init__(self, source: str) -> None:
        self.source = source
        text = source
        breaks = wrapped_breaks(text)
        if breaks:
            chars = list(text)
            for b in breaks:
                chars[b] = " "
            text = "".join(chars)
        self._cuts: list[int] = []  # view offsets where a source character was dropped
        self._src_cuts: list[int] = []  # the dropped characters' source offsets
        if text.isascii() or not _UNUSUAL.search(text):
            self.text = text
            return
        if _SPACE.search(text):
            text = text.translate(_SPACE_TABLE)
        if _FORMAT.search(text):
            kept: list[str] = []
            last = 0
            for m in _FORMAT.finditer(text):
                kept.append(text[last : m.start()])
                self._src_cuts.append(m.start())
                self._cuts.append(m.start() - len(self._cuts))
                last = m.end()
            kept.append(text[last:])
            text = "".join(kept)
        self.text = text

    @property
    def identical_offsets(self) -> bool:
        """Whether view and source offsets are the same (nothing was dropped)."""
        return not self._cuts

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """The stored-text span of the view's ``[start, end)``: dropped characters just
        before the start or after the end stay outside, those inside are included."""
        cuts = self._cuts
        if not cuts:
            return start, end
        s = start + bisect_right(cuts, start)
        e = end + bisect_left(cuts, end) if end > start else s
        return s, max(s, e)

    def source_offset(self, offset: int) -> int:
        return offset + bisect_right(self._cuts, offset) if self._cuts else offset

    def view_offset(self, offset: int) -> int:
        """The view offset of a stored-text offset (a dropped character maps to the next)."""
        return offset - bisect_left(self._src_cuts, offset) if self._src_cuts else offset

    def words(self, start: int, end: int) -> str:
        """The view's text of the stored-text span ``[start, end)``, whitespace collapsed:
        an evidence sentence as a reader sees it."""
        return " ".join(self.text[self.view_offset(start) : self.view_offset(end)].split())
