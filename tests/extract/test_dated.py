"""Dated statements: which sentences state a date, and which date (issue 19)."""

from __future__ import annotations

from datetime import date

from desktop.extract.dated import dated_statements

WIRE = (
    "SEOUL PRESSES WASHINGTON\n"
    "SEOUL, Nov. 30, 2022 (Trade Wire) - The ministry said on Wednesday it would ask\n"
    "for earlier notice, after rules announced on Oct. 7 caught firms by surprise.\n"
    "\n"
    "Officials met counterparts from the Commerce Department in Washington on\n"
    "Nov. 10, the ministry said. Talks may 5 percent faster.\n"
)


def test_dates_resolve_against_the_article_and_skip_the_dateline() -> None:
    found = dated_statements(WIRE, published=date(2022, 11, 30), body_start=25)
    assert [(s.date, s.written, s.year_given) for s in found] == [
        (date(2022, 10, 7), "Oct. 7", False),
        (date(2022, 11, 10), "Nov. 10", False),
    ]
    first, second = found
    # the sentence after the dateline starts after it; the wrapped sentence is whole
    assert first.sentence.startswith("The ministry said on Wednesday")
    assert WIRE[first.start : first.start + 3] == "The"
    assert second.sentence == (
        "Officials met counterparts from the Commerce Department in Washington on Nov. 10, "
        "the ministry said."
    )
    assert WIRE[second.start : second.end].split() == second.sentence.split()


def test_a_yearless_date_late_in_the_year_before_a_january_article_is_last_year() -> None:
    (s,) = dated_statements("T\nThe rule took effect on Dec. 20.", published=date(2023, 1, 5))
    assert s.date == date(2022, 12, 20)
    (s,) = dated_statements("T\nTalks resume on Feb. 3.", published=date(2023, 1, 5))
    assert s.date == date(2023, 2, 3)


def test_full_dates_need_no_article_date_and_bad_ones_are_skipped() -> None:
    text = (
        "T\nOn 12 March 2021 the list grew. It was filed 2020-06-30 in Geneva. "
        "Nothing happened on Feb. 30, 2021. The meeting on Nov. 10 is not dated."
    )
    found = dated_statements(text, published=None)
    assert [s.date for s in found] == [date(2021, 3, 12), date(2020, 6, 30)]
    assert all(s.year_given for s in found)


def test_no_dates_no_statements_and_lowercase_may_is_a_verb() -> None:
    assert dated_statements("", published=date(2022, 1, 1)) == []
    assert dated_statements("T\nPrices may 5 times rise.", published=date(2022, 1, 1)) == []
    assert dated_statements("T\nOn Wednesday they met.", published=date(2022, 1, 1)) == []


def test_time_is_linear_in_the_text() -> None:
    body = "The panel met on Jan. 4 in Paris. Others spoke.\n\n" * 5_000
    found = dated_statements("T\n" + body, published=date(2022, 6, 1))
    assert len(found) == 5_000 and found[-1].date == date(2022, 1, 4)
