"""``sentence_spans`` and ``Sentences`` (one scan per line, used by import) answer exactly as
``sentence_span`` does for every offset, including clamped ones and awkward punctuation."""

from __future__ import annotations

import random
import re
from pathlib import Path

from desktop.extract.sentences import Sentences, sentence_span, sentence_spans

DATA = Path(__file__).resolve().parents[1] / "data" / "extract"
PIECES = ["U.S.", " ", "\t", "\n", ".", "..", "?!", "”", "'", ")", "Mr.", "J.", "The", "word",
          "Inc.", "…", "a.m.", "Nov.", "Washington", "e.g.", '"', "x" * 400]  # fmt: skip


def _check(text: str, offsets: list[int]) -> None:
    got = sentence_spans(text, offsets)
    assert set(got) == set(offsets)
    for offset in offsets:
        assert got[offset] == sentence_span(text, offset), (text, offset)


def test_same_answers_as_one_at_a_time_on_real_articles() -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(DATA.glob("*.txt"))]
    assert texts
    for text in texts:
        words = [m.start() for m in re.finditer(r"\S+", text)]
        _check(text, words + [-3, -1, len(text), len(text) + 5])
        _check(text, words[::7])


def test_same_answers_on_random_punctuation_soup() -> None:
    rnd = random.Random(8)
    for _ in range(1500):
        text = "".join(
            rnd.choice(PIECES) + rnd.choice(["", " ", " "]) for _ in range(rnd.randint(0, 50))
        )
        _check(text, [rnd.randrange(-2, len(text) + 3) for _ in range(25)])


def test_one_finder_answers_offsets_in_any_order() -> None:
    """A :class:`Sentences` keeps the lines it has scanned: asking in random order, across
    lines, long lines (past the 1,500-character window) and offsets inside words or right
    after punctuation ("said.China") must not change an answer."""
    rnd = random.Random(11)
    pieces = [*PIECES, "said.China", "U.S.“The", "end.”", "y" * 1490, "\n" + "z " * 760]
    for _ in range(300):
        text = "".join(rnd.choice(pieces) + rnd.choice(["", " "]) for _ in range(40))
        finder = Sentences(text)
        offsets = [rnd.randrange(-2, len(text) + 3) for _ in range(60)]
        offsets += [m.start() for m in re.finditer(r"\S+", text)][:80]
        rnd.shuffle(offsets)
        for offset in offsets:
            assert finder.span(offset) == sentence_span(text, offset), (text, offset)


def test_many_offsets_in_one_call() -> None:
    """``Sentences.spans`` (an article's evidence offsets, in one call) answers each offset as
    ``sentence_span`` does, in any order, repeated or not, across lines of any length."""
    rnd = random.Random(12)
    pieces = [*PIECES, "said.China", "U.S.“The", "end.”", "y" * 1490, "\n" + "z " * 760]
    for _ in range(300):
        text = "".join(rnd.choice(pieces) + rnd.choice(["", " "]) for _ in range(40))
        offsets = [rnd.randrange(-2, len(text) + 3) for _ in range(60)]
        offsets += [m.start() for m in re.finditer(r"\S+", text)][:80]
        offsets += offsets[:10]
        rnd.shuffle(offsets)
        finder = Sentences(text)
        finder.span(rnd.randrange(0, len(text) + 1))  # a line already in use
        if rnd.random() < 0.5:
            offsets.sort()  # as prepare asks
        assert finder.spans(offsets) == [sentence_span(text, o) for o in offsets], text
