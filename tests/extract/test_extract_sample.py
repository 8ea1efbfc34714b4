"""extract() on the suite's sample article (tests/data/samples): people with roles,
organizations and their aliases, countries, a working group, a regulation and citations."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from desktop.extract import ExtractedEntity, Extraction, extract, parse

SAMPLE = (
    Path(__file__).resolve().parents[1] / "data" / "samples" / "japan-chip-tool-consultation.txt"
)


@pytest.fixture(scope="module")
def text() -> str:
    return SAMPLE.read_text(encoding="utf-8").replace("\r\n", "\n")


@pytest.fixture(scope="module")
def x(text: str) -> Extraction:
    return extract(text, own_ref=parse(text, SAMPLE.name).ref)


def _norm(s: str | None) -> str:
    return re.sub(r"[.\s]+", " ", (s or "").lower()).strip()


def find(x: Extraction, kind: str, *names: str) -> ExtractedEntity | None:
    """A name matches the entity's name or any mention, ignoring case, dots and spacing."""
    for e in x.entities:
        if e.kind != kind:
            continue
        forms = {_norm(e.name)} | {_norm(m.text) for m in e.mentions}
        if any(_norm(n) in forms for n in names):
            return e
    return None


@pytest.mark.parametrize(
    ("kind", "names"),
    [
        ("person", ["Marisa Okonkwo"]),
        ("person", ["Xi Jinping"]),
        ("organization", ["Department of Commerce", "Commerce Department"]),
        ("organization", ["Bureau of Industry and Security", "BIS"]),
        ("organization", ["Hudson Institute"]),
        ("country", ["United States", "U.S."]),
        ("country", ["Japan"]),
        ("country", ["China"]),
        ("country", ["Russia"]),
    ],
)
def test_expected_entities(x: Extraction, kind: str, names: list[str]) -> None:
    assert find(x, kind, *names), f"no {kind} {names[0]}"


def test_okonkwo_role_affiliation_and_short_mentions(x: Extraction) -> None:
    mo = find(x, "person", "Marisa Okonkwo")
    assert mo is not None
    assert mo.role == "deputy assistant secretary for strategic trade"
    assert mo.affiliation == "Department of Commerce"
    assert len([m for m in mo.mentions if m.text == "Okonkwo"]) >= 3


def test_aliases_resolve_to_canonical_names(x: Extraction) -> None:
    commerce = find(x, "organization", "Commerce")
    assert commerce is not None and commerce.name == "Department of Commerce"
    assert {m.text for m in commerce.mentions} == {"Commerce", "Commerce Department"}
    assert "U.S. Department of Commerce" in commerce.aliases
    bis = find(x, "organization", "BIS")
    assert bis is not None and bis.name == "Bureau of Industry and Security"
    assert bis.part_of == "Department of Commerce"
    us = find(x, "country", "U.S.")
    assert us is not None and us.name == "United States"


def test_no_spurious_entities(x: Extraction) -> None:
    names = {(e.kind, _norm(e.name)) for e in x.entities}
    for bad in ("okonkwo", "western", "not just a briefing", "tokyo"):
        assert ("organization", bad) not in names and ("country", bad) not in names
    people = {e.name for e in x.entities if e.kind == "person"}
    assert people == {"Marisa Okonkwo", "Xi Jinping"}


def test_possessive_mention_is_the_name_part(x: Extraction, text: str) -> None:
    us = find(x, "country", "U.S.")
    assert us is not None
    possessive = text.index("U.S.’s")
    assert any(m.start == possessive and m.text == "U.S." for m in us.mentions)


def test_working_group_with_members(x: Extraction) -> None:
    groups = [e for e in x.entities if e.kind == "group"]
    assert len(groups) == 1
    group = groups[0]
    assert "working group" in group.name
    assert group.members == ["United States", "Japan"]
    member_links = [lk for lk in x.links if lk.kind == "member_of"]
    assert {lk.source for lk in member_links} == {"United States", "Japan"}
    assert all(
        lk.target == group.name and "launched a new working group" in lk.sentence
        for lk in member_links
    )


def test_foreign_direct_product_rule(x: Extraction) -> None:
    regs = [e for e in x.entities if e.kind == "regulation"]
    assert any("direct product" in e.name.lower() for e in regs)


def test_citations(x: Extraction, text: str) -> None:
    assert [c.ref for c in x.citations] == ["2301120031", "2212150044", "2204080017", "2301250009"]
    for c in x.citations:
        assert text[c.start : c.end] == c.ref


def test_links(x: Extraction, text: str) -> None:
    kinds = {(lk.kind, lk.source, lk.target) for lk in x.links}
    assert ("affiliated_with", "Marisa Okonkwo", "Department of Commerce") in kinds
    assert ("part_of", "Bureau of Industry and Security", "Department of Commerce") in kinds
    names = {e.name for e in x.entities}
    for lk in x.links:
        assert lk.source in names and lk.target in names
        assert text[lk.start : lk.end] == lk.sentence


def test_offsets_and_one_entity_per_name(x: Extraction, text: str) -> None:
    keys = [(e.kind, e.name) for e in x.entities]
    assert len(keys) == len(set(keys))
    for e in x.entities:
        for m in e.mentions:
            assert text[m.start : m.end] == m.text


def test_own_ref_is_not_a_citation() -> None:
    text = "ID: 2211300012\nTitle\nBody cites 2210270047 and 2211300012."
    refs = [c.ref for c in extract(text, own_ref=parse(text).ref).citations]
    assert refs == ["2210270047"]
    assert [c.ref for c in extract(text).citations] == ["2211300012", "2210270047", "2211300012"]


def test_implausible_ids_are_not_citations() -> None:
    assert extract("Call 5551234567 or 2213450000 or 12345678901.").citations == []
