"""Name matching for watch-list screening: pure functions over strings, no database, no Qt.

A screening name is compared in three steps, cheapest first:

1. **exact**: the same text;
2. **normalised**: the same words once case, punctuation, diacritics, spacing ("Hua Ying" /
   "HuaYing"), word order and company suffixes (Co., Ltd., LLC, JSC...) are set aside;
3. **fuzzy**: every word is reduced to a transliteration key (Aleksandr/Alexander, Yury/Yuri,
   Mohamed/Muhammad meet) and words are paired one to one with rapidfuzz.

A Chinese name that reads as Wade-Giles syllables is also compared with one that reads as
pinyin syllables, both in a neutral spelling (``desktop.extract.romanise``): "Hsi Chin-p'ing"
is "Xi Jinping", "Kuomintang" is "Guomindang". Their syllables must be the same ones (no fuzzy
match on top: "Yangming" is not "Yanping"); such a match scores at most ``ROMANISED_BEST``.

The **distinctive-word rule** keeps look-alikes apart: every distinctive word of the shorter
name must pair with a word of the other name, and distinctive words left over on the other side
cost in proportion to their length. Generic words (Trading, Capital, Technology, a city) may
differ at a small cost. "North Star Capital" is therefore not "Northern Star Trading LLC"
(north/northern do not pair), while "HuaYing Semiconductor Company" is "Hua Ying Semiconductor
Co., Ltd.".

``desktop.extract.name_index.ScreeningIndex`` blocks names by the openings of their words'
consonant skeletons (``NameKey.blocks``), so a name is scored only against list names that
look alike, never against the whole list.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import combinations

import numpy
from rapidfuzz import fuzz, process

from desktop.extract.romanise import pinyin_reading, wade_reading

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
        changsha hefei zhengzhou chongqing xian inner mongolia ningxia guangxi tibet xizang hainan
        gansu qinghai jiangxi guizhou macau macao taiwan air airlines airline airways national
        state joint stock of and for al
        """
    )
)
#: Descriptors that name the same line of business: one written for another is no difference
#: ("Huaying Microelectronics" / "Huaying Semiconductor"); two from different lines are one
#: ("Orion Marine Supply" is not "Orion Engineering Supply").
DESCRIPTOR_GROUPS = tuple(
    frozenset(_words(line))
    for line in """
        semiconductor semiconductors microelectronics electronics electronic devices components
        technology technologies tech digital software systems system network networks
        trading trade traders commercial commerce import export imports exports impex import-export
        capital investment investments fund partners financial finance bank
        industries industrial industry manufacturing factory plant works
        petroleum oil gas energy
        shipping marine maritime logistics transport
        aviation aerospace air airlines airline airways
        machinery machine equipment tools tool instruments precision
        chemical chemicals materials
        metals steel mining
        optics optical
        research institute academy university laboratory laboratories lab science sciences scientific
        engineering construction project projects design
        services service solutions consulting management
        """.strip().splitlines()
)
#: The Arabic article as romanised (al-, el-, ol-, ul-): one word, whichever is written.
ARTICLES = frozenset(("al", "el", "ol", "ul"))
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
#: Each rule with a letter or two any match of it holds: a word without them is not run
#: through the pattern (most words meet few of the rules; a list's words are keyed once each,
#: and this was most of preparing a name not seen before).
_TRIGGERS = {"[ao]w(?=[^aeiou])": "w", "c(?!h)": "c", "^ye": "ye", "^i(?=[aeiou])": "i",
             "ij$": "ij", "ej$": "ej", "^abd[aeiou][lr]": "abd", "[ae]h$": "h",
             r"(.)\1+": "", "^r(?=[aeiou][a-z]?$)": "r"}  # fmt: skip
_TRANSLIT = tuple(
    (re.compile(a), b, _TRIGGERS.get(a, a))
    for a, b in (
        ("tsch", "ch"), ("sch", "sh"), ("tch", "ch"), ("zh", "j"), ("kh", "h"), ("gh", "k"),
        ("dh", "d"), ("th", "t"), ("ph", "f"), ("ck", "k"), ("q", "k"), ("x", "ks"),
        ("[ao]w(?=[^aeiou])", "u"), ("w", "v"), ("ou", "u"), ("oo", "u"), ("ee", "i"), ("c(?!h)", "k"), ("^ye", "e"),
        ("y", "i"), ("^i(?=[aeiou])", ""), ("ij$", "i"), ("ej$", "ei"), ("^abd[aeiou][lr]", "abd"),
        ("[ae]h$", "a"), ("io", "e"),
        (r"(.)\1+", r"\1"), ("^r(?=[aeiou][a-z]?$)", "l"),
    )
)  # fmt: skip
_VOWELS = re.compile(r"[aeiou]")


def fold(text: str) -> str:
    """Lower case, no diacritics, Cyrillic romanised, punctuation as spaces."""
    plain = text.casefold().replace("&", " and ")
    if not plain.isascii():  # most names are: nothing to decompose or romanise
        decomposed = unicodedata.normalize("NFKD", plain)
        plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
        if any("\u0400" <= ch <= "\u04ff" for ch in plain):
            plain = "".join(_CYRILLIC.get(ch, ch).replace("-", "") for ch in plain)
    return _NON_WORD.sub(" ", _DROPPED.sub("", plain)).strip()


@functools.lru_cache(maxsize=131072)
def translit(word: str) -> str:
    """One key for a word's common romanisations: Aleksandr/Alexandr, Yury/Yuri/Iurii,
    Sergey/Sergei, Hussein/Husain come close or meet."""
    for pattern, repl, trigger in _TRANSLIT:
        if trigger in word:
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


@functools.lru_cache(maxsize=131072)
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


@dataclass(slots=True, eq=False)
class NameKey:
    """A name prepared for comparison (once per name, not per pair): what ``compare`` asks of
    a name again and again (sorted words, joined keys, adjacent word pairs) is computed here.
    Never changed once made (not frozen only because a frozen one took a third of the time of
    preparing a name to make: every screened name is prepared)."""

    text: str
    kind: str
    words: tuple[str, ...]  # folded words, suffixes and particles dropped
    distinctive: tuple[str, ...]  # transliteration keys of the distinctive words
    generic: tuple[str, ...]  # keys of the descriptor words (companies only)
    stripped: bool  # a legal form or particle was dropped
    blocks: frozenset[str] = field(default_factory=frozenset)
    joined: str = ""  # the distinctive keys, sorted and joined: spacing and order set aside
    bag: tuple[str, ...] = ()  # the words, sorted
    generic_bag: tuple[str, ...] = ()  # the generic keys, sorted
    keys: frozenset[str] = frozenset()  # the distinctive keys
    merges: frozenset[str] = frozenset()  # 2 and 3 adjacent distinctive keys, joined
    length: int = 0  # letters of the distinctive keys (``too_short``); 0: not bounded
    #: pairs of its word-starts (``blocks``; one twice when two words start alike); a name
    #: read as Chinese syllables has its readings' too
    pairs: frozenset[str] = frozenset()
    #: the name read as Wade-Giles and as pinyin syllables (``romanise``), in neutral
    #: spelling, when it reads so, and their word-starts and pairs of them
    wade: NameKey | None = None
    pinyin: NameKey | None = None
    read_blocks: frozenset[str] = frozenset()
    read_pairs: frozenset[str] = frozenset()


def _descriptor(word: str) -> bool:
    return word in DESCRIPTORS or word.removesuffix("s") in DESCRIPTORS or word + "s" in DESCRIPTORS


@functools.cache
def _groups() -> dict[str, int]:
    """The transliteration key of each descriptor -> its ``DESCRIPTOR_GROUPS`` number."""
    return {translit(w): n for n, group in enumerate(DESCRIPTOR_GROUPS) for w in group}


def _unpaired(a: Sequence[str], b: Sequence[str]) -> tuple[list[str], list[str]]:
    """Generic words of each name without a counterpart in the other: a close spelling, or
    a word of the same line of business (``DESCRIPTOR_GROUPS``)."""
    left = list(b)
    missing: list[str] = []
    groups = _groups()
    for word in a:
        best = max(left, key=lambda other: fuzz.ratio(word, other), default=None)
        if best is not None and fuzz.ratio(word, best) >= 85:
            left.remove(best)
            continue
        group = groups.get(word)
        same = next((o for o in left if group is not None and groups.get(o) == group), None)
        if same is not None:
            left.remove(same)
        else:
            missing.append(word)
    return missing, left


def prepare(text: str, kind: str = ANY, *, blocking: bool = True) -> NameKey:
    """``text`` prepared for ``compare``; without ``blocking``, no ``blocks`` or ``pairs`` (a
    name already indexed, prepared to be compared)."""
    words = ["al" if w in ARTICLES else w for w in fold(text).split()]
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
    stripped = len(kept) != len(words)
    one_unread = kind != PERSON and len(distinctive) > 1  # "Chung-hsing Telecommunication"
    readings = (
        _reading(distinctive, wade_reading, one_unread),
        _reading(distinctive, pinyin_reading, one_unread),
    )
    keyed: dict[tuple[str, ...], NameKey] = {}  # the two readings are often the same words
    for r in readings:
        if r is not None and tuple(r) not in keyed:
            keyed[tuple(r)] = _key(
                text, kind, [*r, *generic], r, generic, stripped, spelt=True, blocking=blocking
            )
    wade, pinyin = (None if r is None else keyed[tuple(r)] for r in readings)
    return _key(text, kind, kept, distinctive, generic, stripped, wade, pinyin, blocking=blocking)


def _reading(
    words: list[str], read: Callable[[str], str | None], one_unread: bool
) -> list[str] | None:
    """The words read as Chinese syllables of one romanisation (``romanise``), in neutral
    spelling, when all of them read so, or (``one_unread``) all but one; else None."""
    out, unread = [], 0
    for word in words:
        reading = read(word)
        if reading is None:
            unread += 1
            if unread > one_unread:
                return None
        out.append(word if reading is None else reading)
    return out


def _key(
    text: str,
    kind: str,
    kept: list[str],
    distinctive: list[str],
    generic: list[str],
    stripped: bool,
    wade: NameKey | None = None,
    pinyin: NameKey | None = None,
    *,
    spelt: bool = False,
    blocking: bool = True,
) -> NameKey:
    """``spelt``: the distinctive words are a reading's, in neutral spelling: their own keys
    (``translit`` is for the spellings of names in letters; it would part what they meet on)."""
    keys = tuple(distinctive) if spelt else tuple(translit(w) for w in distinctive)
    blocks: set[str] = set()
    pairs: set[str] = set()
    read_blocks: set[str] = set()
    read_pairs: set[str] = set()
    if blocking:
        starts = [_block(k) for k in keys]
        blocks = {*starts, *(_block(a + b) for a, b in zip(keys, keys[1:], strict=False))}
        if len(keys) > 1:
            pairs = {f"{a} {b}" for a, b in combinations(sorted(blocks), 2)}
            pairs |= {f"{a} {a}" for a in starts if starts.count(a) > 1}  # "Jiang Jing"
        for reading in (wade, pinyin):
            if reading is not None:
                read_blocks |= reading.blocks
                read_pairs |= reading.pairs
    generic_keys = tuple(translit(w) for w in generic)
    merges = {"".join(keys[i : i + n]) for n in (2, 3) for i in range(len(keys) - n + 1)}
    return NameKey(
        text=text,
        kind=kind,
        words=tuple(kept),
        distinctive=keys,
        generic=generic_keys,
        stripped=stripped,
        blocks=frozenset(blocks),
        joined="".join(sorted(keys)),
        bag=tuple(sorted(kept)),
        generic_bag=tuple(sorted(generic_keys)),
        keys=frozenset(keys),
        merges=frozenset(merges),
        length=0 if wade or pinyin else sum(map(len, keys)),
        pairs=frozenset(pairs),
        read_blocks=frozenset(read_blocks),
        read_pairs=frozenset(read_pairs),
        wade=wade,
        pinyin=pinyin,
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


#: The longest a word can be next to one it pairs with at ``WORD_CUTOFF``: an indel ratio
#: of ``r`` needs 2 * min / (la + lb) >= r / 100.
_LONGEST = 200 / WORD_CUTOFF - 1


def too_short(kind_a: str, kind_b: str, length_a: int, length_b: int, threshold: int) -> bool:
    """Whether two names cannot reach ``threshold`` by the lengths of their distinctive keys
    alone (``NameKey.length``), so that screening need not prepare or compare them.

    Holds for names compared as companies (``compare``): every word of the name with fewer
    words pairs with a word of the other at ``WORD_CUTOFF``, at most ``_LONGEST`` times as
    long, so the words paired are at most ``_LONGEST`` times the letters of that name; and
    its score is at most 100 * sqrt(paired letters / the other name's letters), rounded. Joining
    adjacent words keeps the letters; names the same once normalised have the same letters.
    People's names are never set aside here."""
    if PERSON in (kind_a, kind_b) and ORGANIZATION not in (kind_a, kind_b):
        return False
    short, long = sorted((length_a, length_b))
    if not short or short * _LONGEST >= long:
        return False  # the name of fewer words may be either
    return 100 * (_LONGEST * short / long) ** 0.5 < threshold - 0.5 - 1e-9  # scores are rounded


#: The best a Wade-Giles name scores against a pinyin one: the neutral spelling sets the
#: aspiration aside, which an apostrophe may have told.
ROMANISED_BEST = 95
ROMANISED = "Wade-Giles/pinyin"


def compare(a: NameKey, b: NameKey) -> Match | None:
    """How well two prepared names match, or None when they do not (see the module doc);
    a name read as Wade-Giles syllables is also compared, in neutral spelling, with the other
    read as pinyin syllables (``romanise``): the same syllables, whatever their spacing and
    order, and words more on one side cost as usual (the better match is kept)."""
    match = _compare(a, b)
    if match is not None and match.score >= ROMANISED_BEST:
        return match
    for wade, pinyin in ((a.wade, b.pinyin), (a.pinyin, b.wade)):
        if wade is None or pinyin is None:
            continue
        read = _compare(wade, pinyin)
        if read is None or "spelling/transliteration" in read.notes:
            continue  # the syllables must be the same ones: "Yangming" is not "Yanping"
        if match is None or min(read.score, ROMANISED_BEST) > match.score:
            notes = (ROMANISED, *read.notes)
            match = Match(min(read.score, ROMANISED_BEST), "fuzzy", notes)
    return match


def could_match(
    a: NameKey, text: str, kind: str, keys: Sequence[str], partners: Partners | None = None
) -> bool:
    """Whether ``compare(a, prepare(text, kind))`` can find a match in the names as spelt,
    told from the other name's distinctive keys (``keys``) without preparing it: False only
    when it cannot (no word of the name of fewer words pairs). Their readings as Chinese
    syllables are not told here: the index finds those pairs by the readings' word-starts.
    ``partners``: ``a``'s, among the other names' keys (quicker for many names)."""
    if a.text == text:
        return True
    if not a.distinctive or not keys:
        return False
    person = PERSON in (a.kind, kind) and ORGANIZATION not in (a.kind, kind)
    short, long = (
        (a.distinctive, keys) if len(a.distinctive) <= len(keys) else (keys, a.distinctive)
    )
    if person and len(short) < 2 and len(long) > 1:
        return joins(a, keys)
    if partners is not None and partners.person == person:
        if short is a.distinctive:
            pairs = all(partners.of[w].intersection(keys) for w in short)
        else:
            pairs = all(w in partners.any for w in short)
    else:
        cutoff = PERSON_CUTOFF if person else WORD_CUTOFF
        pairs = all(
            any(word_similarity(w, o, sounds=person) >= cutoff for o in long) for w in short
        )
    # a word that pairs with none (most candidates) leaves only the same letters spaced
    # otherwise; when every word has a partner, ``compare`` decides
    return pairs or joins(a, keys)


#: What telling whether a name joins another (``joins``) asks of a name's distinctive keys:
#: the keys, their letters, the keys sorted and joined, and each 2 and 3 adjacent keys joined.
#: Plain tuples of strings (a screening index keeps them: soon nothing the garbage collector
#: walks).
Spelt = tuple[tuple[str, ...], int, str, tuple[str, ...]]


def spelt(keys: Sequence[str]) -> Spelt:
    """``keys`` worked out for ``joins_spelt``."""
    keys = tuple(keys)
    adjacent = {"".join(keys[i : i + n]) for n in (2, 3) for i in range(len(keys) - n + 1)}
    return keys, sum(map(len, keys)), "".join(sorted(keys)), tuple(adjacent)


def joins(a: NameKey, keys: Sequence[str]) -> bool:
    """Whether ``a`` and the name of distinctive ``keys`` have the same letters once spacing
    and order are set aside, or words one of them writes joined."""
    return joins_spelt(a, spelt(keys))


def joins_spelt(a: NameKey, other: Spelt) -> bool:
    """``joins`` of the other name's keys worked out (``spelt``)."""
    keys, letters, joined, adjacent = other
    return (
        (letters == a.length and a.joined == joined)
        or not a.merges.isdisjoint(keys)
        or not a.keys.isdisjoint(adjacent)
    )


@dataclass(frozen=True, slots=True)
class Partners:
    """The words of other names each distinctive key of a name pairs with (``_pair``'s
    test), scored all at once (``partners``) instead of candidate by candidate."""

    person: bool
    of: dict[str, frozenset[str]]  # a key of the name -> the words it pairs with
    any: frozenset[str]  # the words some key of the name pairs with


def partners(a: NameKey, words: Iterable[str], *, person: bool) -> Partners:
    """``Partners`` of ``a``'s keys among ``words``, compared as people's names or not."""
    others = sorted(set(words))
    cutoff = PERSON_CUTOFF if person else WORD_CUTOFF
    found: dict[str, set[str]] = {word: set() for word in a.distinctive}
    if others and a.distinctive:  # scored in C; only those at the cutoff (people: near it)
        scores = process.cdist(
            a.distinctive, others, scorer=fuzz.ratio, score_cutoff=65 if person else cutoff
        )
        for row, column in zip(*numpy.nonzero(scores), strict=True):
            word, other = a.distinctive[row], others[column]
            if scores[row, column] >= cutoff or word_similarity(word, other, sounds=True) >= cutoff:
                found[word].add(other)
    of: dict[str, frozenset[str]] = {word: frozenset(words) for word, words in found.items()}
    return Partners(person, of, frozenset().union(*of.values()))


def _compare(a: NameKey, b: NameKey) -> Match | None:
    if a.text == b.text:
        return Match(100, "exact")
    if not a.distinctive or not b.distinctive:
        return None
    person = PERSON in (a.kind, b.kind) and ORGANIZATION not in (a.kind, b.kind)
    notes: list[str] = []
    if a.stripped or b.stripped:
        notes.append("company suffix" if not person else "titles")
    if a.bag == b.bag or (a.joined == b.joined and a.generic_bag == b.generic_bag):
        if a.bag == b.bag:
            if a.words != b.words:
                notes.append("word order")
        elif len(a.distinctive) != len(b.distinctive):
            notes.append("spacing")  # "Hua Ying" / "HuaYing"
        else:  # the same keys from other words: Qasem/Ghassem
            if a.distinctive != b.distinctive:
                notes.append("word order")
            notes.append("spelling/transliteration")
        return Match(100, "normalised", tuple(notes))
    # adjacent words written as one on the other side; most pairs have none (checked first)
    wa = (
        _merge_pairs(list(a.distinctive), b.distinctive)
        if a.merges & b.keys
        else list(a.distinctive)
    )
    if wa == list(a.distinctive) and not b.merges & a.keys:
        wb = list(b.distinctive)
    else:
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
        missing_a, missing_b = _unpaired(a.generic, b.generic)
        score -= 6 * min(len(missing_a) + len(missing_b), 3)
        groups = _groups()  # one line of business written for another ("Group" is none)
        conflicts = min(sum(w in groups for w in missing_a), sum(w in groups for w in missing_b))
        score -= 5 * min(conflicts, 2)
    if wa != list(a.distinctive) or wb != list(b.distinctive):
        notes.append("spacing")
    if order != sorted(order):
        notes.append("word order")
    if sim < 100:
        notes.append("spelling/transliteration")
    if len(long) > len(short):
        notes.append(f"{len(long) - len(short)} more word(s) on one side")
    return Match(max(0, min(99, round(score))), "fuzzy", tuple(notes))
