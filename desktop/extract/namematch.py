"""Name matching for watch-list screening: pure functions over strings, no database, no Qt.

A screening name is compared in three steps, cheapest first:

1. **exact**: the same text;
2. **normalised**: the same words once case, punctuation, diacritics, spacing ("Hua Ying" /
   "HuaYing"), word order and company suffixes (Co., Ltd., LLC, JSC...) are set aside;
3. **fuzzy**: every word is reduced to a transliteration key (Aleksandr/Alexander, Yury/Yuri,
   Mohamed/Muhammad meet) and words are paired one to one with rapidfuzz.

The **distinctive-word rule** keeps look-alikes apart: every distinctive word of the shorter
name must pair with a word of the other name, and distinctive words left over on the other side
cost in proportion to their length. Generic words (Trading, Capital, Technology, a city) may
differ at a small cost. "North Star Capital" is therefore not "Northern Star Trading LLC"
(north/northern do not pair), while "HuaYing Semiconductor Company" is "Hua Ying Semiconductor
Co., Ltd.".

``ScreeningIndex`` blocks names by the opening of their words' consonant skeletons, so a name
is scored only against list names that share a word-start with it, never against the whole
list: time grows with the names that look alike, not with the list's length.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz

#: The default threshold of a list: a hit scores at least this (0-100).
DEFAULT_THRESHOLD = 85
PERSON, ORGANIZATION, ANY = "person", "organization", "any"


def _words(text: str) -> list[str]:
    return text.split()


#: Legal forms, dropped at either end of a company name ("OOO Romashka", "Foo Co., Ltd.").
COMPANY_SUFFIXES = frozenset(
    _words(
        """
        co company cos corp corporation inc incorporated ltd limited llc llp lp plc jsc pjsc ojsc
        cjsc oao ooo zao pao ao gmbh mbh ag sa sas sarl srl spa bv nv kk pte pty bhd sdn ab oy kg
        kft zrt doo ad fze fzco fzc fz wll est ltda cia sae sal spc jv the
        """
    )
)
#: Words that describe what a company does or where, not which one it is.
DESCRIPTORS = frozenset(
    _words(
        """
        trading trade traders capital group holding holdings international intl industries
        industrial industry technology technologies tech electronics microelectronics electronic
        semiconductor semiconductors engineering enterprise enterprises services service solutions
        systems system investment investments partners logistics shipping import export imports
        exports manufacturing development global general resources energy petroleum oil gas
        research institute university academy center centre laboratory laboratories lab science
        sciences scientific instruments equipment machinery aviation aerospace marine maritime
        transport commercial commerce factory plant works bureau agency products supply supplies
        digital network networks communications telecom software design materials chemical
        chemicals metals steel mining optics optical precision devices device components parts
        machine tools tool import-export impex co-operative cooperative association foundation
        bank financial finance fund management consulting construction project projects beijing
        shanghai shenzhen guangzhou hangzhou tianjin wuhan chengdu hong kong moscow petersburg
        tehran dubai pyongyang minsk china chinese russian russia iranian iran korea zhejiang
        jiangsu guangdong fujian sichuan hubei hunan shandong hebei henan anhui liaoning jilin
        heilongjiang shaanxi shanxi yunnan xinjiang nanjing suzhou xiamen dalian qingdao harbin
        changsha hefei zhengzhou chongqing xian air airlines airline airways national state joint
        stock of and for
        """
    )
)
#: Particles and titles that do not tell people apart.
NAME_PARTICLES = frozenset(
    _words(
        """
        al el ul ad ar as ash an at az ad-din bin ben ibn binti bint mr mrs ms dr prof gen general
        col colonel sheikh shaikh haji hajji von van der de da di du le la
        """
    )
)
_CYRILLIC = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
        _words("a b v g d e e zh z i i k l m n o p r s t u f kh ts ch sh shch - y - e yu ya"),
        strict=True,
    )
)
_DROPPED = re.compile(r"[.'\u2019\u02bc`]")
_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)
_TRANSLIT = tuple(
    (re.compile(a), b)
    for a, b in (
        ("tsch", "ch"), ("sch", "sh"), ("tch", "ch"), ("zh", "j"), ("kh", "h"), ("gh", "g"),
        ("dh", "d"), ("th", "t"), ("ph", "f"), ("ck", "k"), ("q", "k"), ("x", "ks"),
        ("w", "v"), ("ou", "u"), ("oo", "u"), ("ee", "i"), ("c(?!h)", "k"), ("^ye", "e"),
        ("y", "i"), ("ij$", "i"), ("ej$", "ei"), ("^abd[aeiou][lr]", "abd"),
        ("[ae]h$", "a"), ("io", "e"),
        (r"(.)\1+", r"\1"),
    )
)  # fmt: skip
_VOWELS = re.compile(r"[aeiou]")


def fold(text: str) -> str:
    """Lower case, no diacritics, Cyrillic romanised, punctuation as spaces."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().replace("&", " and "))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    if any("\u0400" <= ch <= "\u04ff" for ch in plain):
        plain = "".join(_CYRILLIC.get(ch, ch).replace("-", "") for ch in plain)
    return _NON_WORD.sub(" ", _DROPPED.sub("", plain)).strip()


@functools.lru_cache(maxsize=131072)
def translit(word: str) -> str:
    """One key for a word's common romanisations: Aleksandr/Alexandr, Yury/Yuri/Iurii,
    Sergey/Sergei, Hussein/Husain come close or meet."""
    for pattern, repl in _TRANSLIT:
        word = pattern.sub(repl, word)
    return word


@functools.lru_cache(maxsize=131072)
def skeleton(key: str) -> str:
    """The consonants of a key, after its first letter (any opening vowel as ``a``):
    Mohamed/Muhammad -> mhmd, Osama/Usama -> asm."""
    if not key:
        return ""
    head = "a" if key[0] in "aeiou" else key[0]
    return head + _VOWELS.sub("", key[1:])


_SOFT = re.compile("[hc]")


def _block(key: str) -> str:
    """A word's blocking key: its skeleton's opening, h and c set aside (Mikhail/Michail)."""
    sk = skeleton(key)
    return (sk[:1] + _SOFT.sub("", sk[1:]))[:3]


def word_similarity(a: str, b: str, *, sounds: bool = False) -> float:
    """0-100 for two transliteration keys. ``sounds``: people's names, whose vowels wander
    between romanisations (Mohamed/Muhammad, Osama/Usama), also meet on their consonants."""
    if a == b:
        return 100.0
    score = fuzz.ratio(a, b)
    if sounds and score < 88:
        sa = skeleton(a)
        if sa == skeleton(b) and ((len(sa) >= 4 and score >= 65) or score >= 75):
            score = 88.0
    return score


@dataclass(frozen=True, slots=True)
class NameKey:
    """A name prepared for comparison (once per name, not per pair)."""

    text: str
    kind: str
    words: tuple[str, ...]  # folded words, suffixes and particles dropped
    distinctive: tuple[str, ...]  # transliteration keys of the distinctive words
    generic: tuple[str, ...]  # keys of the descriptor words (companies only)
    stripped: bool  # a legal form or particle was dropped
    blocks: frozenset[str] = field(default_factory=frozenset)

    @property
    def joined(self) -> str:
        return "".join(sorted(self.distinctive))


def _descriptor(word: str) -> bool:
    return word in DESCRIPTORS or word.removesuffix("s") in DESCRIPTORS or word + "s" in DESCRIPTORS


def _unpaired(a: Sequence[str], b: Sequence[str]) -> int:
    """Generic words of either name without a close counterpart in the other."""
    left = list(b)
    missing = 0
    for word in a:
        best = max(left, key=lambda other: fuzz.ratio(word, other), default=None)
        if best is not None and fuzz.ratio(word, best) >= 85:
            left.remove(best)
        else:
            missing += 1
    return missing + len(left)


def prepare(text: str, kind: str = ANY) -> NameKey:
    words = fold(text).split()
    kept = list(words)
    if kind != PERSON:
        while kept and kept[-1] in COMPANY_SUFFIXES:
            kept.pop()
        while kept and kept[0] in COMPANY_SUFFIXES:
            kept.pop(0)
    if kind != ORGANIZATION:
        kept = [w for w in kept if w not in NAME_PARTICLES and (len(w) > 1 or w.isdigit())]
    kept = kept or words
    if kind == PERSON:
        distinctive, generic = kept, []
    else:
        distinctive = [w for w in kept if not _descriptor(w)]
        generic = [w for w in kept if _descriptor(w)]
        if not distinctive:
            distinctive, generic = kept, []
    keys = tuple(translit(w) for w in distinctive)
    blocks = {_block(k) for k in keys}
    blocks |= {_block(a + b) for a, b in zip(keys, keys[1:], strict=False)}
    return NameKey(
        text=text,
        kind=kind,
        words=tuple(kept),
        distinctive=keys,
        generic=tuple(translit(w) for w in generic),
        stripped=len(kept) != len(words),
        blocks=frozenset(blocks),
    )


@dataclass(frozen=True, slots=True)
class Match:
    score: int  # 0-100
    how: str  # exact | normalised | fuzzy
    notes: tuple[str, ...] = ()  # what was set aside: "word order", "company suffix"...


def _merge_pairs(words: list[str], other: Sequence[str]) -> list[str]:
    """Adjacent words joined where the other name writes them as one ("hua ying" / "huaying",
    "nam chon gang" / "namchongang")."""
    targets = set(other)
    out: list[str] = []
    i = 0
    while i < len(words):
        for n in (3, 2):
            if i + n <= len(words) and "".join(words[i : i + n]) in targets:
                out.append("".join(words[i : i + n]))
                i += n
                break
        else:
            out.append(words[i])
            i += 1
    return out


def _pair(
    short: list[str], long: list[str], cutoff: float, sounds: bool
) -> list[tuple[float, str, int, int]] | None:
    """Pairs every word of ``short`` with a distinct word of ``long`` (best first); None when
    one cannot be paired at ``cutoff`` or better."""
    pairs = sorted(
        (
            (word_similarity(a, b, sounds=sounds), i, j)
            for i, a in enumerate(short)
            for j, b in enumerate(long)
        ),
        reverse=True,
    )
    used_s: set[int] = set()
    used_l: set[int] = set()
    out: list[tuple[float, str, int, int]] = []
    for sim, i, j in pairs:
        if sim < cutoff:
            break
        if i in used_s or j in used_l:
            continue
        used_s.add(i)
        used_l.add(j)
        out.append((sim, long[j], i, j))
    return out if len(used_s) == len(short) else None


WORD_CUTOFF = 85.0  # distinctive words of companies: Mikron is not Mikran
PERSON_CUTOFF = 80.0  # names of people: Yusuf/Youssef, Haniyeh/Haniya


def compare(a: NameKey, b: NameKey) -> Match | None:
    """How well two prepared names match, or None when they do not (see the module doc)."""
    if a.text == b.text:
        return Match(100, "exact")
    if not a.distinctive or not b.distinctive:
        return None
    person = PERSON in (a.kind, b.kind) and ORGANIZATION not in (a.kind, b.kind)
    notes: list[str] = []
    if a.stripped or b.stripped:
        notes.append("company suffix" if not person else "titles")
    if sorted(a.words) == sorted(b.words) or (
        a.joined == b.joined and sorted(a.generic) == sorted(b.generic)
    ):
        if a.words != b.words and sorted(a.words) == sorted(b.words):
            notes.append("word order")
        elif a.words != b.words:
            notes.append("spacing")
        return Match(100, "normalised", tuple(notes))
    wa = _merge_pairs(list(a.distinctive), b.distinctive)
    wb = _merge_pairs(list(b.distinctive), wa)
    short, long = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    if person and len(short) < 2 and len(long) > 1:
        return None  # one word of a person's name ("Petrov") says too little
    paired = _pair(short, long, PERSON_CUTOFF if person else WORD_CUTOFF, person)
    if paired is None:
        return None
    matched_len = sum(len(p[1]) for p in paired)
    total_len = sum(len(w) for w in long)
    sim = sum(p[0] * len(p[1]) for p in paired) / max(matched_len, 1)
    order = [p[3] for p in sorted(paired, key=lambda p: p[2])]
    if person:
        score = sim - 3 * min(len(long) - len(short), 3)
    else:
        score = sim * (matched_len / max(total_len, 1)) ** 0.5
        unmatched = _unpaired(a.generic, b.generic)
        score -= 6 * min(unmatched, 3)
    if wa != list(a.distinctive) or wb != list(b.distinctive):
        notes.append("spacing")
    if order != sorted(order):
        notes.append("word order")
    if sim < 100:
        notes.append("spelling/transliteration")
    if len(long) > len(short):
        notes.append(f"{len(long) - len(short)} more word(s) on one side")
    return Match(max(0, min(99, round(score))), "fuzzy", tuple(notes))


@dataclass(frozen=True, slots=True)
class Candidate:
    """One name of a list entry, as indexed: the entry's id and which of its names."""

    entry_id: int
    name: NameKey
    primary: bool  # the entry's main name (else an alias)


@dataclass(frozen=True, slots=True)
class ScreenHit:
    entry_id: int
    entry_name: str  # the entry's name or alias that matched
    matched: str  # the screened name
    primary: bool
    match: Match


class ScreeningIndex:
    """The names of a set of list entries, blocked by word-start skeletons."""

    def __init__(self) -> None:
        self._names: list[Candidate] = []
        self._words: list[int] = []  # distinctive words per name, for the candidate rule
        self._blocks: dict[str, list[int]] = {}
        self._exact: dict[str, list[int]] = {}

    @property
    def size(self) -> int:
        return len(self._names)

    def add(self, entry_id: int, kind: str, names: Iterable[str]) -> None:
        for n, text in enumerate(names):
            if not text or not text.strip():
                continue
            cand = Candidate(entry_id, prepare(text, kind), n == 0)
            number = len(self._names)
            self._names.append(cand)
            self._words.append(len(cand.name.distinctive))
            self._exact.setdefault(cand.name.joined, []).append(number)
            for block in cand.name.blocks:
                self._blocks.setdefault(block, []).append(number)

    def candidates(self, key: NameKey) -> list[Candidate]:
        """Names sharing enough word-starts with ``key`` to be worth comparing: two when both
        names have two distinctive words or more (a shared "Mohammed" alone is not enough),
        else one; and any name with the same letters once spaces are set aside."""
        shared = Counter(self._exact.get(key.joined, ()))
        shared.update({n: 2 for n in shared})
        for block in key.blocks:
            shared.update(self._blocks.get(block, ()))
        mine, words, names = min(2, len(key.distinctive)), self._words, self._names
        if mine < 2:
            return [names[n] for n in shared]
        return [names[n] for n, count in shared.items() if count >= 2 or count >= words[n]]

    def search(
        self, text: str, kind: str = ANY, threshold: int = DEFAULT_THRESHOLD
    ) -> list[ScreenHit]:
        """The entries ``text`` matches at ``threshold`` or better, best name per entry."""
        key = prepare(text, kind)
        best: dict[int, ScreenHit] = {}
        for cand in self.candidates(key):
            if not _kinds_agree(kind, cand.name.kind):
                continue
            match = compare(key, cand.name)
            if match is None or match.score < threshold:
                continue
            old = best.get(cand.entry_id)
            if old is None or (match.score, cand.primary) > (old.match.score, old.primary):
                best[cand.entry_id] = ScreenHit(
                    cand.entry_id, cand.name.text, text, cand.primary, match
                )
        return sorted(best.values(), key=lambda h: (-h.match.score, h.entry_id))


def _kinds_agree(a: str, b: str) -> bool:
    return ANY in (a, b) or a == b


def reason(hit: ScreenHit, extra: Sequence[str] = ()) -> str:
    """The hit in words: "alias 'Huaying Microelectronics' ~ 'HuaYing Semiconductor' 91%"."""
    which = "name" if hit.primary else "alias"
    m = hit.match
    if m.how == "exact":
        head = f"{which} '{hit.entry_name}' = '{hit.matched}' (exact)"
    elif m.how == "normalised":
        head = f"{which} '{hit.entry_name}' = '{hit.matched}' (normalised)"
    else:
        head = f"{which} '{hit.entry_name}' ~ '{hit.matched}' {m.score}%"
    notes = list(m.notes)
    parts = [head + (f" ({', '.join(notes)})" if notes and m.how == "fuzzy" else "")]
    if notes and m.how == "normalised":
        parts[0] = parts[0][:-1] + f": {', '.join(notes)})"
    return "; ".join([*parts, *extra])
