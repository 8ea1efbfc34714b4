"""Precision/recall/F1 of people, organizations and countries on hand-annotated articles.

Each ``tests/data/extract/NAME.txt`` has a ``NAME.json`` listing the canonical names an analyst
would expect (written by hand before looking at the extractor's output).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.extract import extract, parse

DATA = Path(__file__).resolve().parents[1] / "data" / "extract"
KINDS = ("person", "organization", "country")


def scores() -> dict[str, tuple[float, float, float]]:
    counts = {k: [0, 0, 0] for k in KINDS}  # true positives, found, expected
    for path in sorted(DATA.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        expected = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        x = extract(text, own_ref=parse(text, path.name).ref)
        for kind in KINDS:
            got = {e.name for e in x.entities if e.kind == kind}
            want = set(expected[kind])
            c = counts[kind]
            c[0] += len(got & want)
            c[1] += len(got)
            c[2] += len(want)
    out = {}
    for kind, (tp, found, want) in counts.items():
        p = tp / found if found else 1.0
        r = tp / want if want else 1.0
        out[kind] = (p, r, 2 * p * r / (p + r) if p + r else 0.0)
    return out


def test_there_are_enough_articles() -> None:
    assert len(list(DATA.glob("*.txt"))) >= 6


@pytest.mark.parametrize("kind", KINDS)
def test_f1_at_least_0_8(kind: str) -> None:
    p, r, f1 = scores()[kind]
    assert f1 >= 0.8, f"{kind}: precision {p:.2f} recall {r:.2f} F1 {f1:.2f}"


if __name__ == "__main__":  # python -m tests.extract.test_quality prints the table
    for kind, (p, r, f1) in scores().items():
        print(f"{kind:13} P={p:.2f} R={r:.2f} F1={f1:.2f}")
