"""parse(): title, own ID and publication date."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.extract import parse


def test_title_and_body() -> None:
    p = parse("\n  Headline here  \nFirst paragraph.\nSecond.", "a.txt")
    assert p.title == "Headline here"
    assert p.body == "First paragraph.\nSecond."
    assert p.ref is None and p.published is None


def test_giant_single_line_title_is_capped() -> None:
    text = "word " * 2000
    p = parse(text)
    assert len(p.title) <= 301
    assert p.body  # the text stays searchable


@pytest.mark.parametrize(
    "name", ["2211300012.txt", "2211300012-some-title.txt", "/x/y/2211300012 copy.TXT"]
)
def test_ref_from_filename(name: str) -> None:
    p = parse("Title\nBody cites 2210270047.", name)
    assert p.ref == "2211300012"
    assert p.published == date(2022, 11, 30)


@pytest.mark.parametrize("header", ["ID: 2211300012", "Article 2211300012", "2211300012"])
def test_ref_from_header_line(header: str) -> None:
    p = parse(f"{header}\nHeadline\nBody (see 2210270047).", "x.txt")
    assert p.ref == "2211300012"
    assert p.title == "Headline"


def test_ids_in_body_are_not_the_own_ref() -> None:
    p = parse("Headline\nAs reported (see 2210270047), BIS acted.", "notes.txt")
    assert p.ref is None
    assert p.published is None


def test_invalid_date_ids_are_ignored() -> None:
    assert parse("T", "9999999999.txt").ref is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Headline\nNov. 30, 2022\nBody", date(2022, 11, 30)),
        ("Headline\n2022-11-30\nBody", date(2022, 11, 30)),
        ("Headline\nPublished: November 30, 2022\nBody", date(2022, 11, 30)),
        ("Headline\nBRUSSELS, Nov. 30, 2022 - The Commission said", date(2022, 11, 30)),
        ("Headline\nWASHINGTON, Nov. 30 (Reuters) - Officials said", None),
        ("Headline\nSEOUL, Dec 1 (Yonhap) -- The ministry said", None),
        ("Headline\nThe rule takes effect Nov. 30 after a Nov. 29 event.", None),
    ],
)
def test_published(text: str, expected: date | None) -> None:
    assert parse(text, "x.txt").published == expected


def test_dateline_year_from_own_ref() -> None:
    p = parse("Headline\nSEOUL, Dec 1 (Yonhap) -- The ministry said", "2212010007.txt")
    assert p.published == date(2022, 12, 1)


def test_header_date_beats_ref() -> None:
    p = parse("ID: 2212050031\nHeadline\nDate: 2022-12-04\nBody", "")
    assert p.published == date(2022, 12, 4)
