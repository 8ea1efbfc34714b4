"""Layout and metadata of real-looking articles (tests/data/layout/): the same suggestions
whatever the layout, offsets that point at their own words in the stored text, and the
article's date (with where it came from), outlet, dateline place and byline."""

from __future__ import annotations

import codecs
import re
from datetime import date
from pathlib import Path

import pytest

from desktop.extract import extract
from desktop.extract.sentences import Sentences, _span
from desktop.extract.textview import TextView, paragraphs, wrapped_breaks
from desktop.services.prepare import read_article_file

DATA = Path(__file__).resolve().parents[1] / "data" / "layout"
WIRE = (DATA / "wire-seoul.txt").read_text(encoding="utf-8")


def _unwrapped(text: str) -> str:
    """The same article with each paragraph on one line and no blank lines."""
    title, _, body = text.partition("\n")
    paras = [" ".join(p.split()) for p in body.split("\n\n") if p.strip()]
    return title + "\n" + "\n".join(paras) + "\n"


LAYOUTS = {
    "wrapped.txt": WIRE.encode(),
    "unwrapped.txt": _unwrapped(WIRE).encode(),
    "crlf.txt": WIRE.replace("\n", "\r\n").encode(),
    "bom.txt": codecs.BOM_UTF8 + WIRE.encode(),
    "utf16.txt": WIRE.encode("utf-16"),
    "leading.txt": ("\n\n   \n" + WIRE).encode(),
    "two-blank.txt": WIRE.replace("\n\n", "\n\n\n", 1).encode(),
}


def _reading(path: Path) -> tuple[object, ...]:
    parsed = read_article_file(path)
    found = extract(parsed.text, own_ref=parsed.ref)
    for e in found.entities:
        for m in e.mentions:
            got = parsed.text[m.start : m.end]
            assert got == m.text and got[0].isalnum() and got == got.strip(), (path.name, got)
    entities = sorted((e.kind, e.name, e.role or "", e.affiliation or "") for e in found.entities)
    links = sorted((lk.kind, lk.source, lk.target, lk.sentence) for lk in found.links)
    meta = (parsed.title, parsed.published, parsed.published_from, parsed.source, parsed.dateline)
    return meta, tuple(entities), tuple(links)


def test_every_layout_gives_the_same_reading(tmp_path: Path) -> None:
    readings = {}
    for name, data in LAYOUTS.items():
        path = tmp_path / name
        path.write_bytes(data)
        readings[name] = _reading(path)
    first = readings["wrapped.txt"]
    for name, reading in readings.items():
        assert reading == first, name
    meta, entities, _ = first
    assert meta == (
        "Seoul Seeks Earlier Notice of U.S. Chip Rules",
        None,  # no year anywhere: a dateline's "Nov. 30" alone is no date
        None,
        "Trade Wire",
        "Seoul",
    )
    names = {(kind, name) for kind, name, _, _ in entities}
    assert ("person", "Gina Raimondo") in names  # "Gina\nRaimondo" at a line end is one name
    assert ("person", "Gina") not in names
    assert ("place", "Seoul") in names  # the dateline's place is a place mention


def test_stored_text_drops_blank_line_after_title_and_offsets_follow(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(LAYOUTS["two-blank.txt"])
    parsed = read_article_file(path)
    assert parsed.text == f"{parsed.title}\n{parsed.body}"
    assert parsed.body.startswith("SEOUL, Nov. 30")
    found = extract(parsed.text)
    raimondo = next(e for e in found.entities if e.name == "Gina Raimondo")
    assert [parsed.text[m.start : m.end] for m in raimondo.mentions] == [
        "Gina\nRaimondo",
        "Raimondo",
    ]


def test_evidence_sentences_are_whole_across_wraps() -> None:
    view = TextView(WIRE)
    assert len(wrapped_breaks(WIRE)) == 7  # 3 in the first paragraph, 4 in the second
    finder = Sentences(view.text)
    s, e = finder.span(view.text.index("Raimondo met"))
    assert view.text[s:e].startswith("SEOUL, Nov. 30 (Trade Wire) - South Korea's")
    assert view.text[s:e].endswith("in Washington.")
    assert view.words(s, e).count("\n") == 0


def test_reader_paragraphs_join_wrapped_lines_only() -> None:
    title_end = WIRE.index("\n")
    paras = paragraphs(WIRE, title_end + 1)
    assert len(paras) == 3
    assert WIRE[paras[0][0] :].startswith("SEOUL") and WIRE[paras[0][1] - 11 : paras[0][1]] == (
        "Washington."
    )
    plain = _unwrapped(WIRE)
    assert len(paragraphs(plain, plain.index("\n") + 1)) == 3  # one line, one paragraph


def test_short_lines_are_not_joined() -> None:
    text = "Title\nBy Jane Doe\nDate: 2022-11-30\n" + "A paragraph that is long enough. " * 6
    assert wrapped_breaks(text) == []
    lists = "Title\n" + "\n".join(
        f"- item number {i} of a list that is fairly long" for i in range(6)
    )
    assert wrapped_breaks(lists) == []


@pytest.mark.parametrize(
    "name",
    ["Gina\u00a0Raimondo", "Gina Rai\u00admondo", "Gina \u200bRaimondo", "Gi\u200dna Raimondo"],
)
def test_invisible_characters_do_not_cut_a_name(name: str) -> None:
    text = f"Title\nCommerce Secretary {name} said on Tuesday the rules would change."
    found = extract(text)
    person = next(e for e in found.entities if e.kind == "person")
    assert person.name == "Gina Raimondo"
    (m,) = person.mentions
    assert text[m.start : m.end] == name  # the stored text's own characters, whole


def test_metadata_of_each_fixture() -> None:
    cases = {
        "2303030041-washington.txt": (date(2023, 3, 3), "dateline-id", None, "Washington", None),
        "berlin-ap.txt": (None, None, "AP", "Berlin", None),
        "harbor-ledger.html": (date(2023, 1, 27), "page", "Harbor Ledger", None, "Maria Jansen"),
        "policy-brief.md": (date(2022, 10, 7), "front-matter", "Policy Desk", None, "Sam Ortiz"),
        "time-only.html": (date(2022, 12, 12), "page", None, None, None),
    }
    for name, want in cases.items():
        p = read_article_file(DATA / name)
        assert (p.published, p.published_from, p.source, p.dateline, p.byline) == want, name


def test_titles_of_html_and_markdown() -> None:
    assert read_article_file(DATA / "harbor-ledger.html").title == "Dutch Tool Rules Near"
    md = read_article_file(DATA / "policy-brief.md")
    assert md.title == "Brief on Entity List additions"
    assert "---" not in md.text and "title:" not in md.text
    assert md.text.startswith("Brief on Entity List additions\n")


def test_dateline_year_from_the_text_and_from_the_dateline(tmp_path: Path) -> None:
    body = "\n\nWASHINGTON, Nov. 30 - Officials met after a Nov. 29, 2022 event, they said.\n"
    path = tmp_path / "a.txt"
    path.write_text("Headline" + body, encoding="utf-8")
    p = read_article_file(path)
    assert (p.published, p.published_from) == (date(2022, 11, 30), "dateline-text")
    path.write_text("Headline\n\nSEOUL, Nov. 30, 2022 (Trade Wire) - Officials met.\n")
    p = read_article_file(path)
    assert (p.published, p.published_from, p.source) == (
        date(2022, 11, 30),
        "dateline",
        "Trade Wire",
    )


def test_id_date_when_nothing_else_says(tmp_path: Path) -> None:
    path = tmp_path / "2211300012.txt"
    path.write_text("Headline\nThe ministry said nothing more.\n", encoding="utf-8")
    p = read_article_file(path)
    assert (p.published, p.published_from) == (date(2022, 11, 30), "id")


def test_a_sentence_that_merely_starts_with_a_name_is_no_dateline(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Headline\nEconomy, a senior adviser - she said - spoke.\n", encoding="utf-8")
    p = read_article_file(path)
    assert p.dateline is None and p.source is None


class _CountingStr(str):
    """A str that counts the characters its find/rfind calls may scan."""

    scanned = 0

    def _count(self, start: int | None, end: int | None) -> None:
        n = len(self)
        s = 0 if start is None else max(0, start if start >= 0 else n + start)
        e = n if end is None else min(n, end if end >= 0 else n + end)
        type(self).scanned += max(0, e - s)

    def find(self, sub, start=None, end=None):  # type: ignore[no-untyped-def, override]
        self._count(start, end)
        return super().find(sub, start, end)

    def rfind(self, sub, start=None, end=None):  # type: ignore[no-untyped-def, override]
        self._count(start, end)
        return super().rfind(sub, start, end)


@pytest.mark.parametrize("finder", ["one", "many"])
def test_sentence_finding_scans_a_bounded_window_per_offset(finder: str) -> None:
    """A one-line article of 2 MB: each sentence look-up scans about its own window, not the
    text before it (which made a 19 MB article take 483 s)."""
    text = _CountingStr("Word " * 400_000)
    offsets = list(range(0, len(text), len(text) // 200))
    _CountingStr.scanned = 0
    if finder == "one":
        for offset in offsets:
            _span(text, offset)
    else:
        sentences = Sentences(text)
        for offset in offsets:
            sentences.span(offset)
    assert _CountingStr.scanned <= len(offsets) * 10 * 1_600  # linear: a window per offset
    assert re.fullmatch(r"(Word )+", text[:50])


def test_a_nearly_full_line_that_stops_mid_sentence_is_a_wrap() -> None:
    # copy re-wrapped by hand: "Institute" would have fitted, yet the line runs on
    text = (
        "Title\n"
        "SEOUL, Sept 4 (Trade Wire) - South Korea will expand the list of goods to be\n"
        "banned from export, the ministry said on Monday, as it steps up its checks.\n"
        "It added more. Park Jung-sung, a senior researcher at the Korea\n"
        "Institute for Industrial Economics and Trade, said suppliers were exposed.\n"
        "Another paragraph starts here and ends with a full stop.\n"
        "Last line of the article, which is long enough to count here.\n"
    )
    joined = TextView(text).text
    assert "the Korea Institute for" in joined
    assert "full stop.\nLast" in joined  # a short line that ends a sentence stays
