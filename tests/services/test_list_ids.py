"""A section's ids, read for the centre list (issue 22): the list holds every id of a section
(a million at a million articles), so they are read into a compact array (8 bytes an id), a
row at a time, never as a list of driver rows first (about 95 bytes an id: the window's peak
memory grew with the library)."""

from __future__ import annotations

import ctypes
import ctypes.util
import sqlite3
import tracemalloc
from array import array
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import insert
from sqlmodel import Session

from desktop.services.library import list_item_ids
from desktop.store.models import Article, Item

MANY = 12_000  # articles, one a day from FIRST_DAY
FIRST_DAY = date(1990, 1, 1)
HALF_WAY = FIRST_DAY + timedelta(days=MANY // 2)
#: the memory an extra id may cost while a list is read: its 8 bytes in the array, the
#: array's room to grow, nothing per row
BYTES_AN_ID = 24


def many_articles(session: Session, titles: list[str]) -> list[int]:
    """Articles with these titles, dated a day apart from FIRST_DAY in id order; their ids."""
    ids = list(range(1_000_001, 1_000_001 + len(titles)))
    now = datetime.now(UTC)
    session.connection().execute(insert(Item), [
        {"id": i, "kind": "article", "name": title, "created_at": now, "updated_at": now,
         "version": 1} for i, title in zip(ids, titles, strict=True)
    ])  # fmt: skip
    session.connection().execute(insert(Article), [
        {"item_id": i, "body": "", "title_line": 0, "reviewed": False, "placeholder": False,
         "published": FIRST_DAY + timedelta(days=n)} for n, i in enumerate(ids)
    ])  # fmt: skip
    return ids


@pytest.fixture
def many(library) -> list[int]:  # noqa: ANN001
    """MANY articles, titled and dated in id order; their ids."""
    with library.write() as s:
        return many_articles(s, [f"Article {n:06d}" for n in range(MANY)])


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


def _sqlite_memory() -> Callable[[bool], tuple[int, int]] | None:
    """SQLite's heap in this process (now, high-water; ``True`` resets the high-water), read
    from the library the ``sqlite3`` module runs on; None where that is not a shared one."""
    try:
        lib = ctypes.CDLL(ctypes.util.find_library("sqlite3") or "libsqlite3.so.0")
        if lib.sqlite3_libversion_number() != sqlite3.sqlite_version_info[0] * 1_000_000 + (
            sqlite3.sqlite_version_info[1] * 1000 + sqlite3.sqlite_version_info[2]
        ):
            return None
    except (OSError, AttributeError):
        return None

    def status(reset: bool) -> tuple[int, int]:
        now, high = ctypes.c_int64(), ctypes.c_int64()
        lib.sqlite3_status64(0, ctypes.byref(now), ctypes.byref(high), int(reset))
        return now.value, high.value

    return status


@pytest.mark.sqlite_only
def test_reading_a_long_list_keeps_few_of_its_pages(db_url: str) -> None:
    """The pages a list's ids are read from are read once: a connection keeps a few of them
    (``SCAN_CACHE_KIB``), not its whole page cache's worth, whatever the library's size."""
    from desktop.store.db import Library
    from desktop.store.dialect.sqlite import SCAN_CACHE_KIB

    status = _sqlite_memory()
    if status is None:
        pytest.skip("SQLite is not a shared library here: its heap cannot be read")
    title = "A long title " * 40  # 520 characters: the (kind, name) index is 6 MiB
    with Library.open(db_url).write() as s:
        many_articles(s, [f"{title}{n:06d}" for n in range(MANY)])
    fresh = Library.open(db_url)  # new connections, empty page caches
    try:
        with fresh.session() as s:
            s.connection()
            before = status(True)[0]
            ids = list_item_ids(s, section="articles", sort="name")
            grew = status(False)[1] - before
    finally:
        fresh.close()
    assert len(ids) == MANY
    assert grew < 2 * SCAN_CACHE_KIB * 1024  # the index: 6 MiB
