"""Property tests: no input makes the pure functions raise, and every offset is honest."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.extract import RefusedFile, decode, extract, parse, sentence_span
from desktop.extract.textview import TextView

WORDS = st.sampled_from(
    [
        "U.S.", "U.S.’s", "China", "Commerce", "BIS", "Economy", "said", "Mr.", "Nov.", "30,",
        "2210270047", "working group", "the two countries", "Xi Jinping", "Ministry", "of",
        "Foreign Affairs", "Institute", "\n", ",", ".", "’s", "Under Secretary", "Alan",
        "ALL CAPS LINE", "foreign direct product rules", "—", "(see", ")", "Ahn Duk-geun",
    ]
)  # fmt: skip
TEXTS = st.one_of(st.text(max_size=400), st.lists(WORDS, max_size=80).map(" ".join))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_extract_never_raises_and_offsets_match(text: str) -> None:
    x = extract(text)
    names = {e.name for e in x.entities}
    for e in x.entities:
        assert e.mentions
        for m in e.mentions:
            assert 0 <= m.start < m.end <= len(text)
            assert text[m.start : m.end] == m.text
    for c in x.citations:
        assert text[c.start : c.end] == c.ref
    for lk in x.links:
        assert lk.source in names and lk.target in names
        assert TextView(text).words(lk.start, lk.end) == lk.sentence


@settings(max_examples=200, deadline=None)
@given(TEXTS, st.text(max_size=40))
def test_parse_never_raises(text: str, filename: str) -> None:
    p = parse(text, filename)
    assert p.raw == text
    assert p.text == (f"{p.title}\n{p.body}" if p.body else p.title)  # what is stored
    assert p.ref is None or (len(p.ref) == 10 and p.ref.isdigit())


@settings(max_examples=200, deadline=None)
@given(TEXTS, st.integers(min_value=-5, max_value=500))
def test_sentence_span_in_bounds(text: str, offset: int) -> None:
    s, e = sentence_span(text, offset)
    assert 0 <= s <= e <= len(text)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=600))
def test_decode_returns_text_or_refuses(data: bytes) -> None:
    try:
        out = decode(data)
    except RefusedFile:
        return
    assert isinstance(out, str)
    assert "\r" not in out and not out.startswith("\ufeff")
