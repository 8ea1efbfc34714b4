"""The names of a set of watch-list entries, indexed for screening (pure, no database).

A screened name is compared (``namematch.compare``) only with list names that share
word-starts with it (``NameKey.blocks``): two of them when both names have two distinctive
words or more (a shared "Mohammed" alone is not enough), else one; or the same letters once
spaces and order are set aside. Pairs of blocks are indexed directly, so finding the
candidates costs what they number, not what the commonest word-start numbers.

Names whose lengths alone keep them below the threshold (``namematch.too_short``: a
company name of 6 letters cannot reach 85% against one of 20) are dropped before they are
prepared or compared.

An index is cheap to load: ``to_data`` is what blocking needs and the names as written (no
prepared keys), plain lists, strings and dicts stored as JSON beside the list when it is
imported; ``from_data`` reads it back, needing nothing else from the list, and prepares a
name only when it is first compared, and then only if its distinctive keys, stored too, leave
it a chance (``could_match``: most candidates share word-starts and no word). An import that screens a few new names against a
20,000-entry list then pays for those few, not for indexing the list. Its postings are
stored and kept as text ("3 17 42"), read when a block is looked up: a loaded index holds a
few containers for the garbage collector to walk, not one per key (an import's process keeps
it between batches, and every full collection walked them all).
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from desktop.extract.namematch import (
    ANY,
    DEFAULT_THRESHOLD,
    ORGANIZATION,
    PERSON,
    Match,
    NameKey,
    Spelt,
    compare,
    could_match,
    joins_spelt,
    partners,
    prepare,
    too_short,
)
from desktop.extract.namematch import (
    spelt as spelt_of,
)

#: The version of ``ScreeningIndex.to_data``; bump it whenever ``prepare`` blocks or joins
#: differently (or ``NameKey.length`` counts otherwise), so stored indexes of an older version
#: are built again instead of trusted.
DATA_VERSION = "nk6"
_LISTS = ("entry", "pos", "kind", "length", "text", "keys")
_MAPS = ("exact", "few", "many", "pairs")
#: Kinds as stored: one letter each (the kind of every name, and in every key).
_CODE = {PERSON: "p", ORGANIZATION: "o", ANY: "a"}
_KIND = {code: kind for kind, code in _CODE.items()}
#: After a kind's letter in a key: the word-starts of a name's readings as Chinese syllables.
READ = "~"


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


#: Name numbers: a list while names are added; text ("3 17 42") as stored and loaded; an
#: array of ints once looked up (read once; neither text nor array is walked by the collector).
Postings = list[int] | str | array


def _post(postings: dict[str, Postings], key: str, number: int) -> None:
    """Adds a name's number under ``key`` (loaded postings become a list again)."""
    old = postings.get(key)
    if old is None:
        postings[key] = [number]
    elif isinstance(old, list):
        old.append(number)
    else:
        postings[key] = [*_numbers_of(old), number]


def _numbers_of(postings: Postings) -> Iterable[int]:
    return map(int, postings.split()) if isinstance(postings, str) else postings


def _text(postings: Postings | None) -> str:
    if postings is None:
        return ""
    return postings if isinstance(postings, str) else " ".join(map(str, postings))


def _look(into: set[int], postings: dict[str, Postings], keys: Iterable[str]) -> None:
    """Adds the numbers posted under ``keys`` to ``into``."""
    for posted in keys:
        numbers = postings.get(posted)
        if numbers is None:
            continue
        if isinstance(numbers, str):  # read once
            numbers = postings[posted] = array("l", map(int, numbers.split()))
        into.update(numbers)


class ScreeningIndex:
    """The names of a set of list entries, blocked by word-start skeletons and kind."""

    def __init__(self) -> None:
        self._entry: list[int] = []  # per indexed name: its entry,
        self._pos: list[int] = []  # which of the entry's names,
        self._kind: list[str] = []  # and the entry's kind (``_CODE``)
        self._length: list[int] = []  # letters of its distinctive keys (``too_short``)
        self._text: list[str] = []  # the name as written
        self._keys: list[str] = []  # its distinctive keys, spaced (``could_match``)
        self._prepared: dict[int, NameKey] = {}  # prepared on first comparison
        self._split: dict[int, Spelt] = {}  # ``_keys`` worked out on first look
        self._present: tuple[int, set[str]] = (0, set())  # names counted, their kinds
        # postings: name numbers, a list while names are added, text ("3 17") once loaded
        self._exact: dict[str, Postings] = {}  # "kind joined"
        self._few: dict[str, Postings] = {}  # "kind block": names of at most one word
        self._many: dict[str, Postings] = {}  # "kind block": names of two words or more
        self._pairs: dict[str, Postings] = {}  # "kind block block"

    @property
    def size(self) -> int:
        return len(self._entry)

    def add(self, entry_id: int, kind: str, names: Iterable[str]) -> None:
        """Indexes an entry's names (its main name first)."""
        names = list(names)
        kind = kind if kind in (PERSON, ORGANIZATION) else ANY
        code = _CODE[kind]
        for pos, text in enumerate(names):
            if not text or not text.strip():
                continue
            key = prepare(text, kind)
            number = len(self._entry)
            self._entry.append(entry_id)
            self._pos.append(pos)
            self._kind.append(code)
            self._length.append(key.length)
            self._text.append(text)
            self._keys.append(" ".join(key.distinctive))
            words = len(key.distinctive)
            self._prepared[number] = key
            _post(self._exact, f"{code} {key.joined}", number)
            single = self._few if words <= 1 else self._many
            # a name read as Chinese syllables is posted by its readings' word-starts too, apart
            # ("o~"): only names that read so are looked up there
            for prefix, blocks, pairs in (
                (code, key.blocks, key.pairs),
                (f"{code}{READ}", key.read_blocks, key.read_pairs),
            ):
                for block in sorted(blocks):
                    _post(single, f"{prefix} {block}", number)
                if words > 1:
                    for pair in sorted(pairs):
                        _post(self._pairs, f"{prefix} {pair}", number)

    def to_data(self) -> dict[str, Any]:
        """The index and its names as written (no prepared keys), as JSON-ready lists, strings
        and dicts."""
        data: dict[str, Any] = {"version": DATA_VERSION}
        data.update({k: getattr(self, f"_{k}") for k in _LISTS})
        data.update(
            {k: {key: _text(v) for key, v in getattr(self, f"_{k}").items()} for k in _MAPS}
        )
        data["kind"] = "".join(self._kind)  # one string: far quicker to read back
        return data

    @classmethod
    def from_data(cls, parts: Iterable[Mapping[str, Any]]) -> ScreeningIndex:
        """One index of several stored ones (``to_data``); raises ValueError when a part is
        of another version or damaged."""
        index = cls()
        for part in parts:
            if part.get("version") != DATA_VERSION:
                raise ValueError("an index of another version")
            offset = len(index._entry)
            if len({len(part[name]) for name in _LISTS}) != 1 or not set(part["kind"]) <= {*_KIND}:
                raise ValueError("a damaged index")
            for name in _LISTS:
                getattr(index, f"_{name}").extend(part[name])
            for name in _MAPS:
                mine: dict[str, Postings] = getattr(index, f"_{name}")
                if not all(isinstance(v, str) for v in part[name].values()):
                    raise ValueError("a damaged index")
                if not mine:  # the first list's, taken as is (never changed in place)
                    setattr(index, f"_{name}", dict(part[name]))
                    continue
                for key, numbers in part[name].items():  # new text: the parts stay as given
                    moved = " ".join(str(n + offset) for n in _numbers_of(numbers))
                    old = mine.get(key)
                    mine[key] = f"{_text(old)} {moved}" if old else moved
        return index

    def _kinds_present(self) -> set[str]:
        """The kinds (``_CODE``) of the names indexed."""
        if self._present[0] != len(self._kind):
            self._present = (len(self._kind), set(self._kind))
        return self._present[1]

    def _name(self, number: int) -> NameKey:
        key = self._prepared.get(number)
        if key is None:
            text = self._text[number]
            key = self._prepared[number] = prepare(text, _KIND[self._kind[number]], blocking=False)
        return key

    def candidates(self, key: NameKey, threshold: int = 0) -> list[Candidate]:
        """Names of agreeing kinds sharing enough word-starts with ``key`` to be worth
        comparing (the rule in the module doc), in the order they were added; with a
        ``threshold``, without those whose length alone keeps them below it (``too_short``),
        which are then never prepared."""
        numbers, _read = self._numbers(key, threshold)
        return [Candidate(self._entry[n], self._name(n), self._pos[n] == 0) for n in numbers]

    def _numbers(self, key: NameKey, threshold: int) -> tuple[list[int], set[int]]:
        """The numbers of the names ``candidates`` gives, and those of them found by the
        readings of the name as Chinese syllables."""
        present = self._kinds_present()
        kinds = [_CODE[k] for k in ((key.kind, ANY) if key.kind != ANY else _CODE)]
        kinds = [k for k in kinds if k in present]  # most lists have no names of any kind
        found: set[int] = set()
        read: set[int] = set()
        for into, suffix, blocks, pairs in (
            (found, "", key.blocks, key.pairs),
            (read, READ, key.read_blocks, key.read_pairs),
        ):
            if not blocks:
                continue
            several = len(key.distinctive) > 1
            for kind in (k + suffix for k in kinds):
                if not suffix:
                    _look(into, self._exact, (f"{kind} {key.joined}",))
                _look(into, self._few, [f"{kind} {block}" for block in blocks])
                if several:
                    _look(into, self._pairs, [f"{kind} {pair}" for pair in pairs])
                else:
                    _look(into, self._many, [f"{kind} {block}" for block in blocks])
        found |= read
        if threshold and key.kind != PERSON:  # a person's name is never too short (``too_short``)
            length, kind_of = self._length, self._kind
            verdicts: dict[tuple[str, int], bool] = {}  # few lengths and kinds: each told once
            kept = []
            for n in found:
                told = (kind_of[n], length[n])
                short = verdicts.get(told)
                if short is None:
                    short = verdicts[told] = too_short(
                        key.kind, _KIND[told[0]], key.length, told[1], threshold
                    )
                if not short:
                    kept.append(n)
            return sorted(kept), read
        return sorted(found), read

    def search(
        self, text: str, kind: str = ANY, threshold: int = DEFAULT_THRESHOLD
    ) -> list[ScreenHit]:
        """The entries ``text`` matches at ``threshold`` or better, best name per entry."""
        key = prepare(text, kind)
        best: dict[int, ScreenHit] = {}
        numbers, read = self._numbers(key, threshold)
        if not numbers:
            return []
        prepared, split = self._prepared, self._split
        pending: dict[int, Spelt] = {}
        for n in numbers:
            if n not in read and n not in prepared:
                spelt = split.get(n)
                if spelt is None:
                    spelt = split[n] = spelt_of(self._keys[n].split())
                pending[n] = spelt
        known = None  # the words the name's keys pair with, scored at once when many
        if len(pending) > 8 and key.kind != ANY:
            words = (w for spelt in pending.values() for w in spelt[0])
            known = partners(key, words, person=key.kind == PERSON)
        # with ``known``, ``could_match`` told here, without a call per candidate (the same
        # test: every word of the name of fewer words has a partner, else the letters join)
        mine = key.distinctive
        for n in numbers:
            name = prepared.get(n)
            if name is None:  # not prepared yet: only if its keys leave it a chance
                spelt = pending.get(n)
                if spelt is not None:
                    code, keys = self._kind[n], spelt[0]
                    person = key.kind == PERSON and code != "o"
                    if (
                        known is None
                        or known.person != person
                        or not mine
                        or not keys
                        or key.text == self._text[n]
                    ):
                        if not could_match(key, self._text[n], _KIND[code], keys, known):
                            continue
                    else:
                        if len(mine) <= len(keys):
                            few, more = len(mine), len(keys)
                            pairs = all(not known.of[w].isdisjoint(keys) for w in mine)
                        else:
                            few, more = len(keys), len(mine)
                            pairs = known.any.issuperset(keys)
                        if person and few < 2 and more > 1:
                            pairs = False  # one word of a person's name: only if it joins
                        if not pairs and not joins_spelt(key, spelt):
                            continue
                name = self._name(n)
            match = compare(key, name)
            if match is None or match.score < threshold:
                continue
            entry_id, primary = self._entry[n], self._pos[n] == 0
            old = best.get(entry_id)
            if old is None or (match.score, primary) > (old.match.score, old.primary):
                best[entry_id] = ScreenHit(entry_id, name.text, text, primary, match)
        return sorted(best.values(), key=lambda h: (-h.match.score, h.entry_id))


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
