"""Chinese names in Wade-Giles and in pinyin, brought to one spelling (pure, no I/O).

"Hsi Chin-p'ing" is "Xi Jinping", "Mao Tse-tung" is "Mao Zedong", "Kuomintang" is
"Guomindang": the same syllables in two romanisations. A word is read as a run of syllables
of one system (``wade_reading``, ``pinyin_reading``), each syllable written in a *neutral*
spelling both systems meet on: pinyin's, with the aspirated and unaspirated initials made one
(b/p, d/t, g/k, z/c, and j/q/zh/ch), since most texts drop the Wade-Giles apostrophes that
tell them apart ("Teng Hsiao-ping" for T'eng... is still Deng Xiaoping), and "you"/"yu" made
one (Wade-Giles "yu" and "yü" lose their difference once folded).

The tables are built here from the systems' published rules (initials and finals of pinyin,
and how Wade-Giles writes each pinyin syllable), not copied from any list:

* initials: b p d t g k -> p p' t t' k k'; j q -> ch ch' (before i, ü); zh ch -> ch ch';
  x -> hs; z c -> ts ts' (tz tz' before the -u of zi/ci); s -> s (ss- in ssu); r -> j;
* finals: -ong -iong -> -ung -iung; -ian -> -ien; -ie -> -ieh; -üe -> -üeh; -i after zh ch sh
  r -> -ih, after z c s -> -u; -e after g k h -> -o; -uo after d t n l z c s zh ch r -> -o;
  -ui after g k -> -uei; er -> erh; yi -> i; you -> yu; yan -> yen; ye -> yeh; yong -> yung.

The diacritics (ü, ê) and apostrophes are gone by the time a word reaches here (``fold``).
"""

from __future__ import annotations

import functools
import re

#: Pinyin finals each initial takes (a generous inventory: a syllable too many costs little,
#: one missing would leave a name unread).
_FINALS = {
    "bpm": "a o ai ei ao an en ang eng i ie iao ian in ing u ou iu",
    "f": "a o ei ou an en ang eng u",
    "dt": "a e ai ei ao ou an en ang eng ong i ie iao iu ian ing u uo ui uan un",
    "nl": "a e ai ei ao ou an en ang eng ong i ia ie iao iu ian in iang ing u uo uan un ue",
    "gkh": "a e ai ei ao ou an en ang eng ong u ua uo uai ui uan un uang",
    "jqx": "i ia ie iao iu ian in iang ing iong u ue uan un",
    "zh ch sh r": "a e i ai ei ao ou an en ang eng ong u ua uo uai ui uan un uang",
    "zcs": "a e i ai ei ao ou an en ang eng ong u uo ui uan un",
}
_ZERO = "a o e ai ei ao ou an en ang eng er yi ya ye yao you yan yin yang ying yong yu yue yuan yun wu wa wo wai wei wan wen wang weng"  # fmt: skip
#: Initials of one sound but for aspiration, made one in the neutral spelling.
_NEUTRAL_INITIAL = {"p": "b", "t": "d", "k": "g", "q": "j", "zh": "j", "ch": "j", "c": "z"}
_WADE_INITIAL = {"b": "p", "p": "p", "d": "t", "t": "t", "g": "k", "k": "k", "j": "ch", "q": "ch",
                 "zh": "ch", "ch": "ch", "x": "hs", "z": "ts", "c": "ts", "r": "j"}  # fmt: skip


def _initials(group: str) -> list[str]:
    return group.split() if " " in group else list(group)


def _pinyin() -> list[tuple[str, str]]:
    """Every pinyin syllable as (initial, final)."""
    out = [
        (i, f)
        for group, finals in _FINALS.items()
        for i in _initials(group)
        for f in finals.split()
    ]
    return out + [("", s) for s in _ZERO.split()]


def _wade(initial: str, final: str) -> list[str]:
    """How Wade-Giles writes a pinyin syllable (folded: no apostrophe, ü or ê)."""
    if not initial:
        zero = {"yi": "i", "you": "yu", "yan": "yen", "ye": "yeh", "yong": "yung", "yue": "yueh",
                "er": "erh", "e": "o"}  # fmt: skip
        return [zero.get(final, final)] + (["e"] if final == "e" else [])
    head = _WADE_INITIAL.get(initial, initial)
    tail = final
    if final == "i" and initial in ("zh", "ch", "sh", "r"):
        tail = "ih"
    elif final == "i" and initial in ("z", "c", "s"):
        return ["ssu", "szu"] if initial == "s" else ["tzu"]
    elif (final == "e" and initial in ("g", "k", "h")) or (
        final == "uo" and initial not in ("g", "k", "h", "sh")
    ):
        tail = "o"  # ko, ho; to, lo, tso, cho, jo
    elif final == "ui" and initial in ("g", "k"):
        tail = "uei"
    else:
        for a, b in (
            ("iong", "iung"),
            ("ong", "ung"),
            ("ian", "ien"),
            ("ie", "ieh"),
            ("ue", "ueh"),
        ):
            if final.endswith(a):
                tail = final[: -len(a)] + b
                break
    return [head + tail]


def _neutral(initial: str, final: str) -> str:
    if not initial and final == "you":
        return "yu"
    return _NEUTRAL_INITIAL.get(initial, initial) + final


@functools.cache
def _tables() -> tuple[dict[str, str], dict[str, str]]:
    """Wade-Giles spelling -> neutral, pinyin spelling -> neutral. A Wade-Giles spelling two
    pinyin syllables of different neutral spellings share keeps the first (pinyin "e" and "o"
    are both Wade-Giles "o")."""
    wade: dict[str, str] = {}
    pinyin: dict[str, str] = {}
    for initial, final in _pinyin():
        neutral = _neutral(initial, final)
        pinyin.setdefault(initial + final, neutral)
        for spelling in _wade(initial, final):
            wade.setdefault(spelling, neutral)
    return wade, pinyin


#: What any run of syllables of either system looks like (an initial, vowels, an ending):
#: most names that are none ("petrov", "ivan") are told by it before they are read.
_SHAPE = re.compile(
    r"(?:(?:[bpmfdtnlgkhjqxrzcsyw]|[zcs]h|t[sz]|hs|s[sz])?[aeiou]+(?:ng|n|rh|r|h)?)+"
)


def _read(word: str, table: dict[str, str]) -> str | None:
    """The word as a run of syllables of ``table`` (fewest syllables), in neutral spelling;
    None when it is not one. Only the ends of syllables already read are tried from, so a
    word that is no such run (most names) is given up after a letter or two."""
    n = len(word)
    if not 1 <= n <= 30 or not _SHAPE.fullmatch(word):
        return None
    best: dict[int, tuple[int, str]] = {0: (0, "")}
    for start in range(n):
        prev = best.get(start)
        if prev is None:
            continue
        for end in range(start + 1, min(n, start + 6) + 1):
            syllable = table.get(word[start:end])
            if syllable is not None and (end not in best or prev[0] + 1 < best[end][0]):
                best[end] = (prev[0] + 1, prev[1] + syllable)
    found = best.get(n)
    return None if found is None else found[1]


@functools.lru_cache(maxsize=65536)
def wade_reading(word: str) -> str | None:
    """A folded word read as Wade-Giles syllables, in neutral spelling ("hsiao" -> "xiao",
    "tung" -> "dong", "kuomintang" -> "guomindang"), or None."""
    return _read(word, _tables()[0])


@functools.lru_cache(maxsize=65536)
def pinyin_reading(word: str) -> str | None:
    """A folded word read as pinyin syllables, in neutral spelling ("xiaoping" ->
    "xiaobing"), or None."""
    return _read(word, _tables()[1])
