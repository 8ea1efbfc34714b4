"""Date ranges and date order in the services behind the lists (issue 19), on each back end:
the articles list's ids, search hits and a case's items."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.services.date_filter import case_item_days, parse_day
from desktop.services.library import list_item_ids
from desktop.services.search import search
from tests.ui.conftest import build_dated

YEAR_2022 = (date(2022, 1, 1), date(2022, 12, 31))


@pytest.fixture
def dated(library) -> dict[str, int]:  # noqa: ANN001
    return build_dated(library)


def test_parse_day_reads_years_months_and_days() -> None:
    assert parse_day("2023") == date(2023, 1, 1)
    assert parse_day("2023", last=True) == date(2023, 12, 31)
    assert parse_day("2024-02", last=True) == date(2024, 2, 29)
    assert parse_day(" 2022-11-30 ") == date(2022, 11, 30)
    with pytest.raises(ValueError):
        parse_day("30/11/2022")


def test_article_ids_in_a_range_by_date_or_by_title(library, dated) -> None:  # noqa: ANN001
    with library.session() as s:
        newest = list_item_ids(s, section="articles", sort="published", descending=True,
                               date_from=YEAR_2022[0], date_to=YEAR_2022[1])  # fmt: skip
        by_title = list_item_ids(s, section="articles", sort="name", text_filter="chip",
                                 date_from=date(2022, 11, 1))  # fmt: skip
        until = list_item_ids(s, section="articles", sort="published", date_to=date(2022, 10, 7))
        every = list_item_ids(s, section="articles", sort="published")
    assert list(newest) == [dated["nov"], dated["oct"]]
    assert list(by_title) == [dated["jan"], dated["nov"]]  # "Dutch…", "Seoul…"
    assert list(until) == [dated["oct"]]
    assert len(every) == 4  # no range: the undated article too


def test_case_items_take_their_articles_dates(library, dated) -> None:  # noqa: ANN001
    with library.session() as s:
        days = case_item_days(s, dated["case"])
        in_nov = case_item_days(s, dated["case"], date(2022, 11, 1), date(2022, 12, 31))
        in_oct = case_item_days(s, dated["case"], None, date(2022, 10, 31))
        from_nov = case_item_days(s, dated["case"], date(2022, 11, 1))
    assert days == {
        dated["oct"]: date(2022, 10, 7),
        dated["nov"]: date(2022, 11, 30),
        dated["commerce"]: date(2022, 10, 7),  # its January article is not in the case
        dated["raimondo"]: date(2022, 11, 30),
    }
    assert set(in_nov) == {dated["nov"], dated["raimondo"]}
    assert set(in_oct) == {dated["oct"], dated["commerce"]}
    assert set(from_nov) == {dated["nov"], dated["raimondo"]}  # Commerce's January: not here


def test_search_hits_by_date_undated_last(library, dated) -> None:  # noqa: ANN001
    with library.session() as s:
        newest = search(session=s, query="chips", order="newest")
        oldest = search(session=s, query="chips", order="oldest", date_from=date(2022, 11, 1))
    assert [h.id for h in newest.hits] == [dated[k] for k in ("jan", "nov", "oct", "none")]
    assert [h.id for h in oldest.hits] == [dated["nov"], dated["jan"]]
    with library.session() as s, pytest.raises(ValueError):
        search(session=s, query="chips", order="sideways")
