"""A list's name index is stored with the list, so an import screens its new names without
indexing a 20,000-entry list first; a missing, stale or damaged stored index is built again."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import delete, select, update

from desktop.extract.name_index import DATA_VERSION
from desktop.services import screening, watchlists
from desktop.services.importer import import_paths
from desktop.store.models import WatchListIndex

DATA = Path(__file__).parents[1] / "data" / "watch"
CHIP = DATA / "articles" / "chip.txt"


def _stored(library) -> dict[int, dict]:
    with library.session() as session:
        rows = session.execute(select(WatchListIndex.list_id, WatchListIndex.data)).all()
    return {list_id: json.loads(data) for list_id, data in rows}


def _matched(library) -> set[str]:
    with library.session() as session:
        return {h.matched for h in watchlists.list_hits(session)}


@pytest.fixture
def cold(monkeypatch: pytest.MonkeyPatch) -> None:
    """A new process: no index kept in memory."""
    monkeypatch.setattr(screening, "_CACHE", screening._IndexCache())


def test_importing_a_list_stores_its_index(library, cold, monkeypatch) -> None:
    result = watchlists.import_list_file(library=library, path=DATA / "csl.json")
    stored = _stored(library)[result.list_id]
    assert stored["entries"] == 4 and stored["version"] == DATA_VERSION

    def indexing(*_a: object) -> None:
        raise AssertionError("the list was indexed again")

    def reading(*_a: object) -> None:
        raise AssertionError("the list's 20,000 entries were read")

    monkeypatch.setattr(screening, "_index_data", indexing)
    monkeypatch.setattr(screening, "_entry_rows", reading)  # the stored index is enough
    report = import_paths(library=library, paths=[CHIP], workers=0)
    assert report.watch_hits == 2  # found through the stored index alone
    assert _matched(library) == {"HuaYing Semiconductor", "Alexander Petrov"}


@pytest.mark.parametrize(
    "damage", ["missing", "not json", "old version", "stale", "other entries", "broken"]
)
def test_a_missing_or_bad_index_is_built_again_and_kept(library, cold, damage: str) -> None:
    result = watchlists.import_list_file(library=library, path=DATA / "csl.json")
    good = _stored(library)[result.list_id]
    with library.write() as session:
        where = WatchListIndex.list_id == result.list_id
        if damage == "missing":  # a list imported before indexes were stored
            session.execute(delete(WatchListIndex).where(where))
        elif damage == "not json":
            session.execute(update(WatchListIndex).where(where).values(data="{oops"))
        elif damage == "old version":
            session.execute(
                update(WatchListIndex).where(where).values(data=json.dumps({**good, "version": 0}))
            )
        elif damage == "other entries":  # names entries the list does not hold
            data = {**good, "entry": [n + 1000 for n in good["entry"]]}
            session.execute(update(WatchListIndex).where(where).values(data=json.dumps(data)))
        elif damage == "broken":  # lists of different lengths
            data = {**good, "text": good["text"][:1]}
            session.execute(update(WatchListIndex).where(where).values(data=json.dumps(data)))
        else:  # an index of fewer entries than the list has
            data = {**good, "entries": 1, "max_id": 1}
            session.execute(update(WatchListIndex).where(where).values(data=json.dumps(data)))
    report = import_paths(library=library, paths=[CHIP], workers=0)
    assert report.watch_hits == 2
    assert _stored(library)[result.list_id] == good


def test_own_entries_are_indexed_as_they_are_added(library, cold, monkeypatch) -> None:
    import_paths(library=library, paths=[DATA / "articles"], workers=0)
    watchlists.add_own_entry(library=library, name="Omar Hadad", kind="person")
    monkeypatch.setattr(screening, "_index_data", None)  # must not be needed
    screening.screen(library=library)
    assert _matched(library) == {"Omar Haddad"}


def test_reimport_with_other_names_reindexes(library, cold, tmp_path: Path) -> None:
    import_paths(library=library, paths=[CHIP], workers=0)
    first = tmp_path / "names.txt"
    first.write_text("Nordic Marine Supply GmbH\n", encoding="utf-8")
    watchlists.import_list_file(library=library, path=first, name="Case 12")
    assert screening.screen(library=library).new_hits == 0
    first.write_text("Nordic Marine Supply GmbH | Hua Ying Semiconductor\n", encoding="utf-8")
    watchlists.import_list_file(library=library, path=first, name="Case 12")
    assert screening.screen(library=library).new_hits == 1
    assert _matched(library) == {"HuaYing Semiconductor"}


def test_an_import_screens_batch_by_batch(library, cold, monkeypatch) -> None:
    from desktop.services import importer

    watchlists.import_list_file(library=library, path=DATA / "csl.json")
    monkeypatch.setattr(importer, "BATCH_ARTICLES", 1)  # a batch per article, each screened
    report = import_paths(library=library, paths=[DATA / "articles"], workers=0)
    assert report.imported == 2 and not report.unscreened
    assert _matched(library) == {"HuaYing Semiconductor", "Alexander Petrov"}
    assert report.watch_hits == 2  # each counted once, in the batch that brought it
    assert report.watch_hits == len(_matched(library))


def test_an_import_screens_only_the_names_it_adds(library, cold, monkeypatch, tmp_path) -> None:
    """An entity already in the library (screened when it came, or when its list did) is not
    screened again because another article mentions it: only new entities and new names."""
    watchlists.import_list_file(library=library, path=DATA / "csl.json")
    import_paths(library=library, paths=[CHIP], workers=0)
    screened: list[str] = []
    names = screening._names

    def recording(session, item_ids):  # noqa: ANN001, ANN202
        found = names(session, item_ids)
        screened.extend(name for _, _, name in found)
        return found

    monkeypatch.setattr(screening, "_names", recording)
    again = tmp_path / "again.txt"
    again.write_text(
        "Chipmaker Hires\n\nHuaYing Semiconductor Company hired Omar Haddad, a banker from "
        "Dubai, on Friday, the company said.\n",
        encoding="utf-8",
    )
    report = import_paths(library=library, paths=[again], workers=0)
    assert report.imported == 1
    assert "Omar Haddad" in screened
    assert "HuaYing Semiconductor" not in screened
    assert _matched(library) == {"HuaYing Semiconductor", "Alexander Petrov"}
