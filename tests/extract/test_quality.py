"""Precision/recall/F1 per entity kind and for relations, on hand-annotated articles.

Each ``tests/data/extract/NAME.txt`` has a ``NAME.json`` listing the canonical names an analyst
would expect (written by hand before looking at the extractor's output), per kind, and
optionally the relations the text states (``[kind, source, target]``). A kind missing from a
file is not scored for that file (the older files list only people, organizations, countries).

``tests/data/extract_heldout/`` is written the same way but never used to tune the rules: its
scores are printed (``python -m tests.extract.test_quality``) and held to a lower floor, so
the gap between the two says how much the rules are fitted to their own examples. Its
``ROUNDS.json`` says which articles were written together (each round scored once before any
rule was changed for it); ``--round N`` prints one round. An article may be ``.txt``, ``.md``
or ``.html``: every file is read as the import reads it (decode, page metadata, parse), and an
optional ``meta`` object in its annotation ({published, source, dateline}) is scored too.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.extract import extract, parse
from desktop.extract.decode import decode_article

DATA = Path(__file__).resolve().parents[1] / "data" / "extract"
HELD_OUT = DATA.parent / "extract_heldout"
KINDS = ("person", "organization", "country", "place", "group", "regulation")
Scores = dict[str, tuple[float, float, float]]
# floors on the tuning set, and on the held-out set (rules are not fitted to it)
FLOORS = {"person": 0.9, "organization": 0.8, "country": 0.9, "place": 0.8, "group": 0.6,
          "regulation": 0.8, "relation": 0.7}  # fmt: skip
HELD_OUT_FLOORS = {"person": 0.85, "organization": 0.85, "country": 0.9, "place": 0.85,
                   "group": 0.75, "regulation": 0.85, "relation": 0.7}  # fmt: skip


def _key(name: str) -> str:
    """Group names are made up from members and topic (see :mod:`desktop.extract.groups` for
    the rule both annotation and extraction follow): compare them loosely."""
    return " ".join(name.lower().replace("–", "-").replace("—", "-").split())


ARTICLE_SUFFIXES = (".txt", ".md", ".html")
META_FIELDS = ("published", "source", "dateline")


def articles(folder: Path = DATA, round_no: str | None = None) -> list[Path]:
    """The annotated articles of *folder* (of one held-out round when *round_no* is given)."""
    paths = sorted(p for p in folder.iterdir() if p.suffix in ARTICLE_SUFFIXES)
    if round_no is None:
        return paths
    stems = set(json.loads((folder / "ROUNDS.json").read_text(encoding="utf-8"))[round_no])
    return [p for p in paths if p.stem in stems]


def meta_score(folder: Path = DATA, round_no: str | None = None) -> tuple[int, int]:
    """(fields right, fields annotated) of the articles' published date, outlet and dateline."""
    right = total = 0
    for path in articles(folder, round_no):
        want = json.loads(path.with_suffix(".json").read_text(encoding="utf-8")).get("meta")
        if want is None:
            continue
        text, page = decode_article(path.read_bytes(), path.name)
        parsed = parse(text, path.name, page)
        got = {"published": parsed.published.isoformat() if parsed.published else None,
               "source": parsed.source, "dateline": parsed.dateline}  # fmt: skip
        right += sum(got[f] == want.get(f) for f in META_FIELDS)
        total += len(META_FIELDS)
    return right, total


def scores(folder: Path = DATA, round_no: str | None = None) -> Scores:
    counts = {k: [0, 0, 0] for k in (*KINDS, "relation")}  # true positives, found, expected
    for path in articles(folder, round_no):
        text, page = decode_article(path.read_bytes(), path.name)
        parsed = parse(text, path.name, page)
        expected = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        x = extract(parsed.text, own_ref=parsed.ref)
        for kind in KINDS:
            if kind not in expected:
                continue
            got = {_key(e.name) for e in x.entities if e.kind == kind}
            want = {_key(n) for n in expected[kind]}
            _count(counts[kind], got, want)
        if "relations" in expected:
            got_r = {(k, s, t) for k, s, t in ((li.kind, li.source, li.target) for li in x.links)}
            want_r = {tuple(r) for r in expected["relations"]}
            _count(counts["relation"], got_r, want_r)
    out = {}
    for kind, (tp, found, want) in counts.items():
        p = tp / found if found else 1.0
        r = tp / want if want else 1.0
        out[kind] = (p, r, 2 * p * r / (p + r) if p + r else 0.0)
    return out


def _count(c: list[int], got: set, want: set) -> None:  # type: ignore[type-arg]
    c[0] += len(got & want)
    c[1] += len(got)
    c[2] += len(want)


def macro(s: Scores) -> float:
    return sum(s[k][2] for k in KINDS) / len(KINDS)


def test_there_are_enough_articles() -> None:
    assert len(articles(DATA)) >= 10
    assert len(articles(HELD_OUT)) >= 30
    rounds = json.loads((HELD_OUT / "ROUNDS.json").read_text(encoding="utf-8"))
    in_rounds = [stem for key, stems in rounds.items() if key != "_doc" for stem in stems]
    assert sorted(in_rounds) == sorted(p.stem for p in articles(HELD_OUT))


@pytest.mark.parametrize("kind", sorted(FLOORS))
def test_f1_floor(kind: str) -> None:
    p, r, f1 = scores()[kind]
    assert f1 >= FLOORS[kind], f"{kind}: precision {p:.2f} recall {r:.2f} F1 {f1:.2f}"


@pytest.mark.parametrize("kind", sorted(HELD_OUT_FLOORS))
def test_held_out_f1_floor(kind: str) -> None:
    p, r, f1 = scores(HELD_OUT)[kind]
    assert f1 >= HELD_OUT_FLOORS[kind], f"{kind}: precision {p:.2f} recall {r:.2f} F1 {f1:.2f}"


def _print(label: str, s: Scores) -> None:
    print(label)
    for kind, (p, r, f1) in s.items():
        print(f"  {kind:13} P={p:.2f} R={r:.2f} F1={f1:.2f}")
    print(f"  macro F1 (six kinds) {macro(s):.2f}")


if __name__ == "__main__":  # python -m tests.extract.test_quality [--round N] prints the tables
    import sys

    if "--round" in sys.argv:
        n = sys.argv[sys.argv.index("--round") + 1]
        _print(f"held-out round {n}", scores(HELD_OUT, n))
        right, total = meta_score(HELD_OUT, n)
        print(f"  metadata (published, source, dateline): {right}/{total}")
    else:
        _print("tuning set (tests/data/extract)", scores())
        _print("held-out set (tests/data/extract_heldout)", scores(HELD_OUT))
