"""Sentence boundaries, only as far as evidence needs them.

A period ends a sentence unless the word before it is a known abbreviation ("Nov.", "Dept.",
"Mr.") or an initial ("J."). "U.S." and friends end a sentence only when what follows visibly
starts one ("... in the U.S. The rule ..."), because in news copy they are mostly mid-sentence.
A line break always ends a sentence: paragraphs, headlines and header lines stand alone.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable

from desktop.extract.lexicon import ABBREVIATIONS, SENTENCE_FINAL_ABBREVIATIONS
from desktop.extract.textview import TextView

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
_WORD_CHARS = re.compile(r"[\w.]*")  # str.isalnum(), "_" and "."
# What ``_END`` matches at the start of a run of terminals, bounded by the end of its line
# (a run's later characters never match where its first does not): used to list a line's
# candidate ends in one scan. The second form, for texts with no "?", "!" or "…", opens
# with a literal, which the regex engine finds far faster than a character class.
_RUN_END = re.compile(r"(?<![.!?…])[.!?…]+[\"”’')\]]*(?=[ \t]|$)")
_DOT_END = re.compile(r"\.(?<![.!?…]\.)\.*[\"”’')\]]*(?=[ \t]|$)")


def _is_end(text: str, match: re.Match[str]) -> bool:
    start = match.start()
    if text[start] != "." or (match.end() - start > 1 and text[start + 1] == "."):
        return True  # "?", "!", "…", a line break, or an ellipsis
    # the word the period belongs to: back over letters, digits, dots (at most 20 characters)
    if start >= 7 and text[start - 7 : start].isalpha():
        return True  # seven letters or more: longer than any abbreviation, not an initial
    word = text[max(0, start - 20) : start]
    word = word[len(word) - _WORD_CHARS.match(word[::-1]).end() :]  # type: ignore[union-attr]  # "*" matches ""
    if not word:
        return True
    word = word.lower()
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
    return _span(text, offset)


def sentence_spans(text: str, offsets: Iterable[int]) -> dict[int, tuple[int, int]]:
    """``sentence_span`` of many offsets into one text (an article's mentions), each line's
    sentence ends found once (see :class:`Sentences`)."""
    find = Sentences(text).span
    return {offset: find(offset) for offset in sorted(set(offsets))}


class Sentences:
    """``sentence_span`` for many offsets into one text: each line's accepted sentence ends
    are found in one left-to-right scan, then every offset is a bisection.

    Why that answers exactly as ``_span`` does: for an offset that starts a word or a line
    (the character before it is a space, a tab or a line break) in a line no longer than the
    1,500-character window, neither window clips the line, every candidate end ``_span``
    tries on either side is the start of a run of terminals, and its match cannot reach the
    offset (a match never takes in a space), so it is the same match whether it is bounded by
    the offset (backward scan) or by the line's end (forward scan and this scan). The
    backward scan's answer is the last accepted end before the offset, the forward scan's the
    first at or after it. Every other offset goes to ``_span``.
    """

    __slots__ = ("text", "_ends", "_line", "_lines")

    def __init__(self, text: str) -> None:
        self.text = text
        self._ends = _RUN_END if "?" in text or "!" in text or "…" in text else _DOT_END
        # the last line used: (start, end, run starts, ends, answers by sentence index)
        self._line: tuple[int, int, list[int], list[int], dict[int, tuple[int, int]]] = (
            0,
            -1,
            [],
            [],
            {},
        )
        self._lines: dict[int, tuple[int, int, list[int], list[int], dict]] = {}

    def span(self, offset: int) -> tuple[int, int]:
        return self.spans((offset,))[0]

    def spans(self, offsets: Iterable[int]) -> list[tuple[int, int]]:
        """:meth:`span` of each offset, in one call (an article's mentions: in text order,
        consecutive offsets mostly share a line)."""
        text = self.text
        n = len(text)
        lines = self._lines
        line_start, line_end, runs, ends, answers = self._line
        out: list[tuple[int, int]] = []
        for offset in offsets:
            if not line_start <= offset < line_end:
                if not 0 <= offset < n:
                    out.append(_span(text, offset))
                    continue
                # only as far back as the window: a longer line goes to ``_span`` anyway,
                # and an unbounded search made a 19 MB one-line article quadratic
                lo = max(0, offset - _WINDOW - 1)
                start = text.rfind("\n", lo, offset) + 1
                if not start and lo:
                    out.append(_span(text, offset))
                    continue
                line = lines.get(start)
                if line is None:
                    line = lines[start] = self._scan(start)
                self._line = line
                line_start, line_end, runs, ends, answers = line
            if (offset != line_start and text[offset - 1] not in " \t") or (
                line_end - line_start > _WINDOW
            ):
                out.append(_span(text, offset))  # inside a word, after punctuation, or long
                continue
            i = bisect_left(runs, offset)
            answer = answers.get(i)
            if answer is None:
                answer = _trimmed(
                    text,
                    ends[i - 1] if i else line_start,
                    ends[i] if i < len(ends) else line_end,
                    offset,
                )
                if answer[0] != answer[1]:  # on whitespace between sentences: per offset
                    answers[i] = answer
            out.append(answer)
        return out

    def _scan(self, line_start: int) -> tuple[int, int, list[int], list[int], dict]:
        """The line's end, and where each accepted sentence end in it starts and ends."""
        text = self.text
        limit = line_start + _WINDOW + 1
        line_end = text.find("\n", line_start, limit)
        if line_end < 0:
            line_end = min(len(text), limit)  # past the window: the line is ``_span``'s
        runs: list[int] = []
        ends: list[int] = []
        if line_end - line_start <= _WINDOW:  # longer lines go to ``_span``
            for m in self._ends.finditer(text, line_start, line_end):
                at = m.start()
                # ``_is_end``'s first answers, without the call: not a period, or a period
                # after seven letters (most sentence ends)
                if text[at] != "." or (at >= 7 and text[at - 7 : at].isalpha()) or _is_end(text, m):
                    runs.append(at)
                    ends.append(m.end())
        return (line_start, line_end, runs, ends, {})


def _span(text: str, offset: int) -> tuple[int, int]:
    """``sentence_span``: the last accepted end before the offset (scanned from the right)
    and the first at or after it, each within the line and a 1,500-character window."""
    n = len(text)
    if n == 0:
        return (0, 0)
    offset = min(max(offset, 0), n - 1)
    lo = max(0, offset - _WINDOW)
    lo = max(lo, text.rfind("\n", lo, offset) + 1)  # searches bounded by the window: linear
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
    end = min(n, offset + _WINDOW)
    para_end = text.find("\n", offset, end)
    if para_end >= 0:
        end = para_end
    pos = offset
    while True:
        term = _TERMINAL.search(text, pos, end)
        if term is None:
            break
        m = _END.match(text, term.start(), end)
        if m is not None and _is_end(text, m):
            end = m.end()
            break
        pos = m.end() if m is not None else term.end()
    return _trimmed(text, start, end, offset)


def _trimmed(text: str, start: int, end: int, offset: int) -> tuple[int, int]:
    """The sentence between ``start`` and ``end`` without surrounding whitespace; an empty
    span at ``offset`` when the offset sat on whitespace between sentences."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else (offset, offset)


def sentence_at(text: str, offset: int) -> tuple[str, int, int]:
    start, end = sentence_span(text, offset)
    return text[start:end], start, end


class ViewSentences:
    """Sentences of a :class:`TextView`, asked and answered in stored-text offsets: the span
    points into the stored text, the sentence is the view's words (a hard-wrapped sentence is
    whole, on one line, with no soft hyphens in it)."""

    __slots__ = ("finder", "view")

    def __init__(self, view: TextView, finder: Sentences | None = None) -> None:
        self.view = view
        self.finder = finder if finder is not None else Sentences(view.text)

    def span(self, offset: int) -> tuple[int, int]:
        view = self.view
        if view.identical_offsets:
            return self.finder.span(offset)
        s, e = self.finder.span(view.view_offset(offset))
        return view.source_span(s, e)

    def spans(self, offsets: list[int]) -> list[tuple[int, int]]:
        """:meth:`span` of each offset, in one call (see :meth:`Sentences.spans`)."""
        view = self.view
        if view.identical_offsets:
            return self.finder.spans(offsets)
        to_view, to_source = view.view_offset, view.source_span
        return [to_source(s, e) for s, e in self.finder.spans([to_view(o) for o in offsets])]

    def sentence(self, offset: int) -> tuple[int, int, str]:
        s, e = self.span(offset)
        return s, e, self.view.words(s, e)
