"""Sentence boundaries, only as far as evidence needs them.

A period ends a sentence unless the word before it is a known abbreviation ("Nov.", "Dept.",
"Mr.") or an initial ("J."). "U.S." and friends end a sentence only when what follows visibly
starts one ("... in the U.S. The rule ..."), because in news copy they are mostly mid-sentence.
A line break always ends a sentence: paragraphs, headlines and header lines stand alone.
"""

from __future__ import annotations

import re

from desktop.extract.lexicon import ABBREVIATIONS, SENTENCE_FINAL_ABBREVIATIONS

# A candidate end: terminal punctuation, closing quotes/brackets, then whitespace; or a newline.
# (Written to open with one character class, which lets the regex engine skip ahead quickly:
# equivalent to ``[.!?…]+[\"”’')\]]*(?=[ \t]+|$)|\n`` at three times the speed.)
_END = re.compile(r"[.!?…\n](?:(?<=\n)|(?<!\n)[.!?…]*[\"”’')\]]*(?=[ \t]+|$))")
_WORD_BEFORE = re.compile(r"([\w.]+)\.$")
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
    back = text[max(0, start - 20) : start + 1]
    word_m = _WORD_BEFORE.search(back)
    if word_m is None:
        return True
    word = word_m.group(1).lower()
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
    n = len(text)
    if n == 0:
        return (0, 0)
    offset = min(max(offset, 0), n - 1)
    lo = max(text.rfind("\n", 0, offset) + 1, offset - _WINDOW)
    start = lo
    # the last real end before the offset: candidates are cheap to list (one C-level scan),
    # deciding is not, so decide from the right and stop at the first real end
    for m in reversed(list(_END.finditer(text, lo, offset))):
        if m.end() <= offset and _is_end(text, m):
            start = m.end()
            break
    para_end = text.find("\n", offset)
    end = min(n if para_end < 0 else para_end, offset + _WINDOW)
    for m in _END.finditer(text, offset, end):
        if _is_end(text, m):
            end = m.end() if m.group() != "\n" else m.start()
            break
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start >= end:  # offset sat on whitespace between sentences
        return (offset, offset)
    return (start, end)


def sentence_at(text: str, offset: int) -> tuple[str, int, int]:
    start, end = sentence_span(text, offset)
    return text[start:end], start, end
