"""The watch-list name matcher: variants hit, look-alikes do not, and the labelled set of name
pairs meets precision >= 0.95 and recall >= 0.90 at the default threshold."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.extract.name_index import ScreeningIndex, reason
from desktop.extract.namematch import DEFAULT_THRESHOLD, compare, prepare

PAIRS = Path(__file__).parents[1] / "data" / "watch" / "name_pairs.tsv"
#: Pairs written after the matcher was tuned on PAIRS, and never used to tune it.
HELD_OUT = PAIRS.with_name("name_pairs_heldout.tsv")
#: Written after the rules its misses suggested were made from HELD_OUT, before the matcher
#: ran on them: the honest figure since.
HELD_OUT_2 = PAIRS.with_name("name_pairs_heldout2.tsv")
#: Wade-Giles and pinyin spellings of Chinese names, and near-misses: written before the
#: syllable rule (``desktop.extract.romanise``) and before the matcher ran on them.
WADE_GILES = PAIRS.with_name("name_pairs_wadegiles.tsv")


def _score(listed: str, seen: str, kind: str = "any") -> int:
    match = compare(prepare(seen, kind), prepare(listed, kind))
    return match.score if match else 0


@pytest.mark.parametrize(
    ("listed", "seen", "kind"),
    [
        ("Hua Ying Semiconductor Co., Ltd.", "HuaYing Semiconductor Company", "organization"),
        ("PETROV, Aleksandr Ivanovich", "Alexander Petrov", "person"),
        ("Yury Borisov", "Yuri Borisov", "person"),
        ("Yuriy Kovalchuk", "Iurii Kovalchuk", "person"),
        ("Muammar Qadhafi", "Muammar Gaddafi", "person"),
        ("Kim Jong Un", "Kim Jongun", "person"),
        ("Zhang Wei", "Wei Zhang", "person"),  # reordered
        ("Rosoboronexport JSC", "OOO Rosoboronexport", "organization"),  # suffixes
        ("Aero Parts & Supply Ltd.", "AERO PARTS AND SUPPLY LIMITED", "organization"),
        ("Jürgen Müller", "Jurgen Muller", "person"),  # diacritics
        ("Александр Петров", "Aleksandr Petrov", "person"),  # Cyrillic
    ],
)
def test_variants_hit(listed: str, seen: str, kind: str) -> None:
    assert _score(listed, seen, kind) >= DEFAULT_THRESHOLD


@pytest.mark.parametrize(
    ("listed", "seen", "kind"),
    [
        ("Northern Star Trading LLC", "North Star Capital", "organization"),
        ("Northern Star Trading LLC", "Southern Star Trading LLC", "organization"),
        ("Bank Melli Iran", "Bank Mellat", "organization"),
        ("Ivan Petrov", "Igor Petrov", "person"),
        ("Alexander Petrov", "Petrov", "person"),  # a family name alone says too little
        ("Kim Jong Un", "Kim Jong Nam", "person"),
    ],
)
def test_look_alikes_do_not_hit(listed: str, seen: str, kind: str) -> None:
    assert _score(listed, seen, kind) < DEFAULT_THRESHOLD


def test_reason_names_both_names_and_the_score() -> None:
    index = ScreeningIndex()
    index.add(7, "organization", ["Hua Ying Semiconductor Co., Ltd.", "Huaying Microelectronics"])
    [hit] = index.search("HuaYing Semiconductor Company", "organization")
    assert hit.entry_id == 7 and hit.match.score == 100
    assert reason(hit, ["country CN agrees"]) == (
        "name 'Hua Ying Semiconductor Co., Ltd.' = 'HuaYing Semiconductor Company' "
        "(normalised: company suffix, spacing); country CN agrees"
    )
    [fuzzy] = index.search("Huaying Microelectronic Co", "organization")
    assert reason(fuzzy).startswith(
        "alias 'Huaying Microelectronics' ~ 'Huaying Microelectronic Co' "
    )


def test_index_finds_nearly_what_a_full_comparison_finds() -> None:
    """Blocking (shared word-starts) loses at most 2% of the pairs the full comparison hits
    (Stephen/Steven: stf/stv); the precision/recall test below goes through the index."""
    lost, full = [], 0
    for kind, listed, seen, _label in _pairs():
        wanted = _score(listed, seen, kind) >= DEFAULT_THRESHOLD
        full += wanted
        if wanted and not _indexed(listed, seen, kind):
            lost.append((listed, seen))
    print(f"\nthe index lost {len(lost)} of {full} hits: {lost}")
    assert len(lost) <= full * 0.02


def _indexed(listed: str, seen: str, kind: str) -> bool:
    index = ScreeningIndex()
    index.add(1, kind, [listed])
    return bool(index.search(seen, kind))


def _pairs(path: Path = PAIRS) -> list[tuple[str, str, str, bool]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            kind, listed, seen, label = line.split("\t")
            rows.append((kind, listed, seen, label == "1"))
    return rows


def _precision_recall(path: Path) -> tuple[float, float]:
    pairs = _pairs(path)
    tp = fp = fn = 0
    misses = []
    for kind, listed, seen, same in pairs:
        hit = _indexed(listed, seen, kind)  # what screening finds
        tp += hit and same
        fp += hit and not same
        fn += same and not hit
        if hit != same:
            misses.append(f"{'FP' if hit else 'FN'} {listed!r} / {seen!r}")
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    print(
        f"\n{path.name}: {len(pairs)} labelled pairs at threshold {DEFAULT_THRESHOLD}: "
        f"precision {precision:.3f}, recall {recall:.3f} (tp {tp}, fp {fp}, fn {fn})"
    )
    print("\n".join(misses))
    return precision, recall


def test_labelled_pairs_precision_and_recall() -> None:
    assert len(_pairs()) >= 200
    precision, recall = _precision_recall(PAIRS)
    assert precision >= 0.95
    assert recall >= 0.90


def test_held_out_pairs_precision_and_recall() -> None:
    """The honest figure: pairs the matcher was not tuned on (printed; the floors are lower
    than the tuning set's, and were set after the first run, not the matcher)."""
    assert len(_pairs(HELD_OUT)) >= 60
    precision, recall = _precision_recall(HELD_OUT)
    assert precision >= 0.85
    assert recall >= 0.75


def test_held_out_pairs_round_2_precision_and_recall() -> None:
    """Printed; floors as for the first held-out set."""
    assert len(_pairs(HELD_OUT_2)) >= 60
    precision, recall = _precision_recall(HELD_OUT_2)
    assert precision >= 0.85
    assert recall >= 0.75


def test_wade_giles_pairs_precision_and_recall() -> None:
    """Printed; held out, floors as for the other held-out sets."""
    assert len(_pairs(WADE_GILES)) >= 30
    precision, recall = _precision_recall(WADE_GILES)
    assert precision >= 0.85
    assert recall >= 0.75


def test_all_labelled_pairs_together_precision_and_recall() -> None:
    """The tuning set and every held-out set as one: the issue's floors."""
    rows = [row for path in (PAIRS, HELD_OUT, HELD_OUT_2, WADE_GILES) for row in _pairs(path)]
    tp = sum(_indexed(listed, seen, kind) and same for kind, listed, seen, same in rows)
    hits = sum(_indexed(listed, seen, kind) for kind, listed, seen, _same in rows)
    wanted = sum(same for *_, same in rows)
    print(f"\nall {len(rows)} labelled pairs: precision {tp / hits:.3f}, recall {tp / wanted:.3f}")
    assert tp / hits >= 0.95
    assert tp / wanted >= 0.90


def test_reason_says_what_was_set_aside() -> None:
    """Names that meet once transliterated are not said to differ in spacing."""
    index = ScreeningIndex()
    index.add(4, "person", ["SOLEIMANI, Qasem"])
    [hit] = index.search("Ghassem Soleimani", "person")
    assert reason(hit) == (
        "name 'SOLEIMANI, Qasem' = 'Ghassem Soleimani' "
        "(normalised: word order, spelling/transliteration)"
    )
    index.add(5, "organization", ["Hua Ying Semiconductor Co., Ltd."])
    [hit] = index.search("HuaYing Semiconductor", "organization")
    assert reason(hit).endswith("(normalised: company suffix, spacing)")
