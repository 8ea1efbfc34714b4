"""A section's ids, read for the centre list (issue 22): the list holds every id of a section
(a million at a million articles), so they are read into a compact array (8 bytes an id), a
row at a time, never as a list of driver rows first (about 95 bytes an id: the window's peak
memory grew with the library)."""

from __future__ import annotations

import tracemalloc
from array import array
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import insert

from desktop.services.library import list_item_ids
from desktop.store.models import Article, Item

MANY = 12_000  # articles, one a day from FIRST_DAY
FIRST_DAY = date(1990, 1, 1)
HALF_WAY = FIRST_DAY + timedelta(days=MANY // 2)
#: the memory an extra id may cost while a list is read: its 8 bytes in the array, the
#: array's room to grow, nothing per row
BYTES_AN_ID = 24


@pytest.fixture
def many(library) -> list[int]:  # noqa: ANN001
    """MANY articles, titled and dated in id order; their ids."""
    ids = list(range(1_000_001, 1_000_001 + MANY))
    now = datetime.now(UTC)
    with library.write() as s:
        s.connection().execute(insert(Item), [
            {"id": i, "kind": "article", "name": f"Article {n:06d}", "created_at": now,
             "updated_at": now, "version": 1} for n, i in enumerate(ids)
        ])  # fmt: skip
        s.connection().execute(insert(Article), [
            {"item_id": i, "body": "", "title_line": 0, "reviewed": False, "placeholder": False,
             "published": FIRST_DAY + timedelta(days=n)} for n, i in enumerate(ids)
        ])  # fmt: skip
    return ids


def _read(library, **kwargs: object) -> tuple[Sequence[int], int]:  # noqa: ANN001
    """The ids and the peak of memory allocated while reading them."""
    with library.session() as s:
        list_item_ids(s, section="articles", **kwargs)  # statements compiled and cached
        tracemalloc.start()
        try:
            ids = list_item_ids(s, section="articles", **kwargs)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    return ids, peak


@pytest.mark.parametrize("sort", ["published", "name"])  # the driver's path and the ORM's
def test_a_sections_ids_cost_bytes_an_id_not_a_row_object(library, many, sort: str) -> None:  # noqa: ANN001
    every, peak_every = _read(library, sort=sort, descending=True)
    half, peak_half = _read(library, sort=sort, descending=True, date_from=HALF_WAY)
    assert list(every) == many[::-1]  # newest first / by title, last first
    assert list(half) == many[::-1][: len(half)]
    assert len(every) - len(half) > MANY // 3
    assert (peak_every - peak_half) / (len(every) - len(half)) < BYTES_AN_ID
    assert isinstance(every, array)  # what the list model keeps
