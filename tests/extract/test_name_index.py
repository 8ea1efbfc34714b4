"""The screening index stored as JSON finds what the index it was made from finds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.extract.name_index import ScreeningIndex
from desktop.extract.namematch import DEFAULT_THRESHOLD, compare, prepare, too_short

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
    parts, built = [], ScreeningIndex()
    for start, chunk in ((0, rows[:half]), (half, rows[half:])):  # two lists, loaded as one
        part = ScreeningIndex()
        for n, (kind, listed, _seen) in enumerate(chunk, start=start):
            names = [listed, listed.upper()]
            part.add(n, kind, names)
            built.add(n, kind, names)
        parts.append(json.loads(json.dumps(part.to_data())))
    before = json.dumps(parts)
    loaded = ScreeningIndex.from_data(parts)
    assert json.dumps(parts) == before  # the stored parts are not changed by loading them
    assert loaded.size == built.size == 2 * len(rows)
    found = _found(loaded, rows)
    assert found == _found(built, rows)
    assert sum(map(bool, found)) > len(rows) // 2


def test_a_stored_index_of_another_version_or_damaged_is_refused() -> None:
    index = ScreeningIndex()
    index.add(1, "person", ["Yury Borisov", "Yuri Borisov"])
    data = index.to_data()
    with pytest.raises(ValueError, match="version"):
        ScreeningIndex.from_data([{**data, "version": "old"}])
    with pytest.raises(ValueError, match="damaged"):
        ScreeningIndex.from_data([{**data, "text": ["Yury Borisov"]}])
    with pytest.raises(ValueError, match="damaged"):
        ScreeningIndex.from_data([{**data, "kind": "px"}])


def test_company_names_too_short_to_reach_the_threshold_are_not_compared() -> None:
    """The length bound drops only pairs the full comparison scores below the threshold:
    every labelled pair, and each name against the others, scores the same through it."""
    names = [(kind, text) for kind, listed, seen in _rows() for text in (listed, seen)]
    dropped = 0
    for kind, text in names[:120]:
        key = prepare(text, kind)
        for other_kind, other in names:
            other_key = prepare(other, other_kind)
            if too_short(kind, other_kind, key.length, other_key.length, DEFAULT_THRESHOLD):
                dropped += 1
                match = compare(key, other_key)
                assert match is None or match.score < DEFAULT_THRESHOLD, (text, other)
    assert dropped > 1000  # the bound does drop many


def test_a_loaded_index_gives_the_garbage_collector_almost_nothing_to_walk() -> None:
    """An import's process keeps the index between batches: each of its postings a container
    the collector walks on every full pass made a list's 50,000 of them cost the rest of the
    import 10% more CPU. Loaded, the postings are text: a few containers, whatever the size."""
    import gc

    index = ScreeningIndex()
    for n, (kind, listed, seen) in enumerate(_rows()):
        index.add(n, kind, [listed, seen, f"{listed} {n}"])
    data = json.loads(json.dumps(index.to_data()))
    gc.collect()
    before = len(gc.get_objects())
    loaded = ScreeningIndex.from_data([data, data])
    gc.collect()
    assert len(gc.get_objects()) - before < 30
    assert loaded.size == 2 * index.size


def test_names_set_aside_by_their_keys_are_names_the_comparison_finds_no_match_in() -> None:
    """``could_match`` (the stored keys, no preparing) says no only where ``compare`` finds
    nothing: every labelled pair, and each name against the others."""
    from desktop.extract.namematch import could_match, partners

    names = [(kind, text) for kind, listed, seen in _rows() for text in (listed, seen)]
    keyed = [(kind, text, prepare(text, kind)) for kind, text in names]
    refused = 0
    for kind, text in names[:150]:
        key = prepare(text, kind)
        scored = partners(
            key, (w for *_, k in keyed for w in k.distinctive), person=kind == "person"
        )
        for other_kind, other, other_key in keyed:
            told = could_match(key, other, other_kind, other_key.distinctive)
            # scored all at once, the same answer
            assert could_match(key, other, other_kind, other_key.distinctive, scored) == told
            if not told:
                refused += 1
                assert compare(key, other_key) is None, (text, other)
    assert refused > 10000  # most pairs are told from their keys


def test_the_index_finds_what_comparing_every_candidate_finds() -> None:
    """Candidates are told apart by their keys before any is prepared (with partners scored at
    once when there are many): only names the comparison finds no match in are set aside. A
    crowded list of look-alikes, searched, gives what comparing every candidate gives."""
    import random
    from functools import partial

    from tests.bench.bench_watch import FIELDS, GIVEN, STEMS, SURNAMES, synthetic_list

    doc = synthetic_list(3000, 3, [])
    index = ScreeningIndex()
    for n, row in enumerate(doc["results"]):
        kind = "person" if row["type"] == "Individual" else "organization"
        index.add(n, kind, [row["name"], *row["alt_names"]])
    data = json.loads(json.dumps(index.to_data()))
    rng = random.Random(4)
    people = [r["alt_names"][0] for r in doc["results"] if r["type"] == "Individual"]
    given, surname, stem, field = (partial(rng.choice, w) for w in (GIVEN, SURNAMES, STEMS, FIELDS))
    forms = (
        lambda: (f"{given()} {surname()}", "person"),
        lambda: (f"{given()} {given()}ovich {surname()}", "person"),  # many candidates
        lambda: (f"{stem()} {field()} Group", "organization"),
        lambda: (f"{stem()} {stem()} {field()}", "organization"),
        lambda: (f"{rng.choice(people)} {given()}ovich", "person"),  # a listed name, a word more
    )
    queries = [rng.choice(forms)() for _ in range(400)]
    loaded = ScreeningIndex.from_data([data])  # candidates not prepared until compared
    hits = crowded = 0
    for text, kind in queries:
        key = prepare(text, kind)
        best: dict[int, tuple[int, bool]] = {}
        candidates = index.candidates(key, DEFAULT_THRESHOLD)
        crowded += len(candidates) > 8
        for candidate in candidates:
            match = compare(key, candidate.name)
            if match is not None and match.score >= DEFAULT_THRESHOLD:
                old = best.get(candidate.entry_id, (0, False))
                best[candidate.entry_id] = max(old, (match.score, candidate.primary))
        found = {h.entry_id: (h.match.score, h.primary) for h in loaded.search(text, kind)}
        assert found == best, text
        hits += len(found)
    assert hits > 10 and crowded > 10, (hits, crowded)
