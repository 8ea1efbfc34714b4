"""Chinese names in Wade-Giles meet their pinyin spelling, syllable by syllable."""

from __future__ import annotations

import pytest

from desktop.extract.name_index import ScreeningIndex, reason
from desktop.extract.namematch import DEFAULT_THRESHOLD
from desktop.extract.romanise import pinyin_reading, wade_reading


@pytest.mark.parametrize(
    ("wade", "pinyin"),
    [
        ("hsi", "xi"),  # hs / x
        ("chin", "jin"),  # ch / j before i
        ("ching", "qing"),  # ch' / q, the apostrophe dropped
        ("chou", "zhou"),  # ch / zh
        ("tse", "ze"),  # ts / z
        ("tsai", "cai"),  # ts' / c
        ("tzu", "zi"),
        ("tung", "dong"),  # t / d, -ung / -ong
        ("kuo", "guo"),  # k / g
        ("piao", "biao"),  # p / b
        ("jen", "ren"),  # j / r
        ("shih", "shi"),
        ("hsueh", "xue"),
        ("chien", "qian"),  # -ien / -ian
        ("kuomintang", "guomindang"),  # one word, three syllables
    ],
)
def test_a_wade_giles_word_reads_as_its_pinyin(wade: str, pinyin: str) -> None:
    assert wade_reading(wade) == pinyin_reading(pinyin) is not None


@pytest.mark.parametrize(("word"), ["petrov", "aurora", "microelectronics", "smith"])
def test_words_that_are_no_run_of_syllables_are_not_read(word: str) -> None:
    assert wade_reading(word) is None and pinyin_reading(word) is None


@pytest.mark.parametrize(
    ("listed", "seen", "kind"),
    [
        ("Xi Jinping", "Hsi Chin-p'ing", "person"),
        ("Mao Zedong", "Mao Tse-tung", "person"),
        ("Deng Xiaoping", "Teng Hsiao-ping", "person"),
        ("Cai Wu", "Ts'ai Wu", "person"),
        ("Guomindang", "Kuomintang", "organization"),
    ],
)
def test_screening_finds_a_wade_giles_name_on_a_pinyin_list(
    listed: str, seen: str, kind: str
) -> None:
    index = ScreeningIndex()
    index.add(1, kind, [listed])
    [hit] = index.search(seen, kind)
    assert hit.match.score >= DEFAULT_THRESHOLD
    assert "Wade-Giles/pinyin" in reason(hit)


@pytest.mark.parametrize(
    ("listed", "seen"),
    [
        ("Zhou Enlai", "Chao En-lai"),  # Zhao, not Zhou
        ("Mao Zedong", "Mao Tse-min"),
        ("Liu Yangming", "Liu Yanping"),  # one syllable differs: no fuzzy match on readings
    ],
)
def test_another_syllable_is_another_name(listed: str, seen: str) -> None:
    index = ScreeningIndex()
    index.add(1, "person", [listed])
    assert index.search(seen, "person") == []


def test_every_run_of_syllables_is_read() -> None:
    """The quick shape test never turns away a word that is a run of syllables."""
    import random

    from desktop.extract.romanise import _tables

    wade, pinyin = _tables()
    rng = random.Random(3)
    for table, read in ((wade, wade_reading), (pinyin, pinyin_reading)):
        syllables = sorted(table)
        for _ in range(500):
            word = "".join(rng.choice(syllables) for _ in range(rng.randint(1, 4)))
            assert read(word) is not None, word
