"""The screening index stored as JSON finds what the index it was made from finds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.extract.name_index import ScreeningIndex

PAIRS = Path(__file__).parents[1] / "data" / "watch" / "name_pairs.tsv"


def _rows() -> list[tuple[str, str, str]]:
    return [
        tuple(line.split("\t")[:3])  # type: ignore[misc]
        for line in PAIRS.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]


def _found(index: ScreeningIndex, rows: list[tuple[str, str, str]]) -> list[list[tuple]]:
    return [
        [(h.entry_id, h.entry_name, h.primary, h.match.score) for h in index.search(seen, kind)]
        for kind, _listed, seen in rows
    ]


def test_a_stored_index_finds_what_the_built_one_finds() -> None:
    rows = _rows()
    half = len(rows) // 2
    parts, names_of, built = [], {}, ScreeningIndex()
    for chunk in (rows[:half], rows[half:]):  # two lists, stored apart, loaded as one
        part = ScreeningIndex()
        for n, (kind, listed, _seen) in enumerate(chunk, start=len(names_of)):
            names = [listed, listed.upper()]
            part.add(n, kind, names)
            built.add(n, kind, names)
            names_of[n] = names
        parts.append(json.loads(json.dumps(part.to_data())))
    before = json.dumps(parts)
    loaded = ScreeningIndex.from_data(parts, names_of)
    assert json.dumps(parts) == before  # the stored parts are not changed by loading them
    assert loaded.size == built.size == 2 * len(rows)
    found = _found(loaded, rows)
    assert found == _found(built, rows)
    assert sum(map(bool, found)) > len(rows) // 2


def test_a_stored_index_of_another_version_or_other_entries_is_refused() -> None:
    index = ScreeningIndex()
    index.add(1, "person", ["Yury Borisov", "Yuri Borisov"])
    data = index.to_data()
    with pytest.raises(ValueError, match="version"):
        ScreeningIndex.from_data([{**data, "version": "old"}], {1: ["Yury Borisov"] * 2})
    with pytest.raises(ValueError, match="other names"):
        ScreeningIndex.from_data([data], {2: ["Yury Borisov"]})
