"""Sentence boundaries, only as far as evidence needs them.

A period ends a sentence unless the word before it is a known abbreviation ("Nov.", "Dept.",
"Mr.") or an initial ("J."). "U.S." and friends end a sentence only when what follows visibly
starts one ("... in the U.S. The rule ..."), because in news copy they are mostly mid-sentence.
A line break always ends a sentence: paragraphs, headlines and header lines stand alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from desktop.extract.lexicon import ABBREVIATIONS, SENTENCE_FINAL_ABBREVIATIONS

# A candidate end: terminal punctuation, closing quotes/brackets, then whitespace; or a newline.
# (Written to open with one character class, which lets the regex engine skip ahead quickly:
# equivalent to ``[.!?…]+[\"”’')\]]*(?=[ \t]+|$)|\n`` at three times the speed.)
_END = re.compile(r"[.!?…\n](?:(?<=\n)|(?<!\n)[.!?…]*[\"”’')\]]*(?=[ \t]+|$))")
_TERMINALS = ".!?…"
_TERMINAL = re.compile("[.!?…]")
_STARTERS = frozenset(
    [
        "The",
        "This",
        "That",
        "These",
        "Those",
        "It",
        "Its",
        "He",
        "She",
        "They",
        "We",
        "I",
        "In",
        "On",
        "At",
        "But",
        "And",
        "A",
        "An",
        "As",
        "For",
        "If",
        "However",
        "Meanwhile",
        "Under",
        "After",
        "Before",
        "When",
        "While",
        "Some",
        "Many",
        "Most",
    ]
)
_WINDOW = 1500


def _is_end(text: str, match: re.Match[str]) -> bool:
    token = match.group()
    if token == "\n":
        return True
    if not token.startswith(".") or token.startswith(".."):
        return True
    # the word the period belongs to
    start = match.start()
    j, lim = start, max(0, start - 20)
    while j > lim and (text[j - 1].isalnum() or text[j - 1] in "._"):
        j -= 1  # back over the word (letters, digits, dots) the period belongs to
    if j == start:
        return True
    word = text[j:start].lower()
    if len(word) == 1 and word.isalpha():
        return False  # an initial: "J. Smith"
    if word in ABBREVIATIONS or (
        word.count(".") and word.replace(".", "").isalpha() and len(word) <= 5
    ):
        if word not in SENTENCE_FINAL_ABBREVIATIONS and word.count(".") == 0:
            return False
        nxt = text[match.end() : match.end() + 30].split(None, 1)
        return bool(nxt) and (nxt[0] in _STARTERS or nxt[0][:1] in '“"')
    return True


def sentence_span(text: str, offset: int) -> tuple[int, int]:
    """The ``(start, end)`` of the sentence containing *offset*, whitespace trimmed.

    Never raises: offsets outside the text are clamped.
    """
    return _span(text, offset)[:2]


def sentence_spans(text: str, offsets: Iterable[int]) -> dict[int, tuple[int, int]]:
    """``sentence_span`` of many offsets into one text (an article's mentions), each sentence
    scanned once: an offset that starts a word after the last one's, before the terminal
    that ended that sentence, gets the same answer without a scan (see ``_span``)."""
    out: dict[int, tuple[int, int]] = {}
    prev = -1  # the last offset scanned, and how far its answer holds
    reach = -1
    span = (0, 0)
    for offset in sorted(set(offsets)):
        if prev < offset <= reach and 0 < offset < len(text) and text[offset - 1] in " \t":
            out[offset] = span
            continue
        start, end, reach = _span(text, offset)
        span = (start, end)
        out[offset] = span
        prev = offset
        if not 0 <= offset < len(text):
            reach = -1  # a clamped offset: its answer is not its neighbours'
    return out


def _span(text: str, offset: int) -> tuple[int, int, int]:
    """``sentence_span`` plus its reach: every later offset up to the reach whose character
    before is a space or tab has the same answer.

    Why that holds: when *offset* starts a word (or a line) and the line is short enough that
    neither 1,500-character window clips it, the scans of a later word-start offset in the
    same line see the same terminals with the same matches (no match can run into a space,
    and none reaches either offset), the backward scan finds nothing new between the two
    (the forward scan rejected every terminal there), and the forward scan meets the same
    accepted terminal. Otherwise the reach is -1 and every offset is scanned.
    """
    n = len(text)
    if n == 0:
        return (0, 0, -1)
    offset = min(max(offset, 0), n - 1)
    line_start = text.rfind("\n", 0, offset) + 1
    lo = max(line_start, offset - _WINDOW)
    start = lo
    # the last real end before the offset, found from the right: C-level rfind to the nearest
    # terminal character, then the same test a left-to-right scan would apply there
    last = [text.rfind(t, lo, offset) for t in _TERMINALS]  # nearest of each kind
    while True:
        c = max(last)
        if c < 0:
            break
        while c > lo and text[c - 1] in _TERMINALS:
            c -= 1  # a run ("?!", "...") is one candidate, from its first character
        m = _END.match(text, c, offset)
        if m is not None and m.end() <= offset and _is_end(text, m):
            start = m.end()
            break
        last = [p if p < c else text.rfind(t, lo, c) for t, p in zip(_TERMINALS, last, strict=True)]
    para_end = text.find("\n", offset)
    end = min(n if para_end < 0 else para_end, offset + _WINDOW)
    reach = end  # the accepted terminal's position, or the window's end when none is
    pos = offset
    while True:
        term = _TERMINAL.search(text, pos, end)
        if term is None:
            break
        m = _END.match(text, term.start(), end)
        if m is not None and _is_end(text, m):
            reach = term.start()
            end = m.end()
            break
        pos = m.end() if m is not None else term.end()
    if (
        offset + _WINDOW < (n if para_end < 0 else para_end)
        or offset - _WINDOW > line_start
        or (offset > line_start and text[offset - 1] not in " \t")
    ):
        reach = -1
    reach = min(reach, line_start + _WINDOW)  # a later offset's window must not clip the line
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start >= end:  # offset sat on whitespace between sentences
        return (offset, offset, -1)
    return (start, end, reach)


def sentence_at(text: str, offset: int) -> tuple[str, int, int]:
    start, end = sentence_span(text, offset)
    return text[start:end], start, end
