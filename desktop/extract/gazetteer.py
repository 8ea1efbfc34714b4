"""The curated gazetteer (``desktop/resources/gazetteer/*.json``) compiled into one matcher.

Why a trie-shaped regex: Python's ``re`` tries alternatives one by one, so a flat alternation of
a few thousand names runs at well under 1 MB/s, while the same names factored into a prefix
trie let the engine reject most positions after one or two characters (tens of MB/s). The
matcher is case-sensitive on purpose: "US"/"us", "State"/"state" and "Economy"/"economy"
differ, and news copy capitalises proper names reliably. All-caps lines get a separate,
upper-cased lookup (see :meth:`Gazetteer.lookup_upper`).
"""

from __future__ import annotations

import json
import os
import re
import string
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from desktop import resource

# Characters that vary in real copy for the same name: curly vs straight apostrophes, hyphen
# vs en dash, any whitespace (including a line break inside a wrapped name).
_APOS = "'’‘`"
_DASH = "-‐‑–—"
_NORM_TABLE = str.maketrans({**{c: "'" for c in _APOS}, **{c: "-" for c in _DASH}})
_WS_RUN = re.compile(r"\s+")
_CHAR_CLASS = {" ": r"\s", "'": "['’‘`]", "-": "[-‐‑–—]"}


def norm_surface(text: str) -> str:
    """Map a matched surface form to the key it was stored under."""
    text = text.translate(_NORM_TABLE)
    if "  " in text or "\n" in text or "\t" in text or "\r" in text:
        text = _WS_RUN.sub(" ", text)
    return text


@dataclass(frozen=True, slots=True)
class Entry:
    """One known entity: its kind, canonical name and what else the gazetteer knows."""

    kind: str
    name: str
    aliases: tuple[str, ...] = ()
    part_of: str | None = None
    country: str | None = None
    members: tuple[str, ...] = ()


def resource_dir() -> Path:
    """Where the gazetteer JSON lives: ``desktop/resources/gazetteer`` inside the package.

    ``CASEFILE_GAZETTEER`` overrides it (tests, a curated list of one's own).
    """
    env = os.environ.get("CASEFILE_GAZETTEER")
    if env:
        return Path(env)
    return resource("gazetteer")


def _load(name: str) -> dict:
    with open(resource_dir() / name, encoding="utf-8") as fh:
        return json.load(fh)


def _trie_regex(words: list[str]) -> str:
    """A regex equivalent to ``|``-joining *words*, factored as a prefix trie.

    Optional tails are greedy, so at any start position the longest known name wins.
    """
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = True

    def build(node: dict) -> str:
        alts = []
        for ch in sorted(k for k in node if k):
            alts.append(_CHAR_CLASS.get(ch) or re.escape(ch))
            alts[-1] += build(node[ch])
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if "" in node:
            return "(?:" + body + ")?"
        return body

    return build(trie)


def _lower_variants(alias: str) -> list[str]:
    """Regulations are often written in lower case ("foreign direct product rules").

    Only title-case words are lowered, so acronyms inside a name stay as they are
    ("BIS Entity List" -> "BIS entity list"); a capitalised first word is added for sentence
    starts.
    """
    if " " not in alias or alias.isupper() or any(c.isdigit() for c in alias):
        return [alias]
    if alias.rsplit(" ", 1)[-1] in ("Act", "Law", "Order", "Statute", "Convention"):
        return [alias]  # statutes keep their capitals in real copy
    words = alias.split(" ")
    low = " ".join(w.lower() if w[:1].isupper() and w[1:].islower() else w for w in words)
    cap = low[0].upper() + low[1:]
    return list(dict.fromkeys([alias, low, cap]))


# Any character that is neither a word character nor "-" may precede a lower-case phrase.
_BEFORE_LOWER = (
    re.escape("".join(c for c in string.punctuation if c not in "-_") + "‘’“”«»–—‐‑…") + r"\s"
)


class Gazetteer:
    """Every known name, compiled once: ``finditer`` plus dictionary lookups."""

    def __init__(self) -> None:
        self.by_key: dict[str, Entry] = {}
        self.upper: dict[str, Entry] = {}
        self.entries: dict[tuple[str, str], Entry] = {}
        self.person_names: frozenset[str] = frozenset()
        self.given_names: frozenset[str] = frozenset()
        self.east_asian_surnames: frozenset[str] = frozenset()
        self.state_abbr: dict[str, str] = {}
        self._load_all()
        upper = [k for k in self.by_key if not k[0].islower()]
        lower = [k for k in self.by_key if k[0].islower()]
        # Two patterns: names starting with a capital (the hot path, scanned over every text)
        # and lower-case phrases ("foreign direct product rules"), scanned only from a space.
        self.pattern = re.compile("(?:" + _trie_regex(upper) + r")(?![\w])")
        lower_trie = _trie_regex(lower)
        self.lower_pattern = re.compile(r"(?<![\w-])(?:" + lower_trie + r")(?![\w])")
        # The same, for a scan of the whole text: opening with the character before the phrase
        # (a plain character class, instead of a look-behind) lets the regex engine skip to
        # candidate positions quickly, which makes this scan about as cheap as a str.find.
        self.lower_scan = re.compile("[" + _BEFORE_LOWER + "](" + lower_trie + r")(?![\w])")
        self.upper_max_words = max(k.count(" ") + 1 for k in self.upper)
        self.upper_first_words = frozenset(k.split(" ", 1)[0] for k in self.upper)

    def _add(self, entry: Entry, surfaces: list[str], *, upper: bool = True) -> None:
        self.entries[(entry.kind, entry.name)] = entry
        for surface in surfaces:
            key = norm_surface(surface)
            if not key or key in self.by_key:
                continue  # first entry wins: files are ordered by priority
            self.by_key[key] = entry
            if upper and len(key) >= 2:
                self.upper.setdefault(key.upper(), entry)

    def _load_all(self) -> None:
        places = _load("places.json")
        for row in places["countries"]:
            entry = Entry("country", row["name"], tuple(row["aliases"] + row["adjectives"]))
            self._add(entry, [row["name"], *row["aliases"], *row["adjectives"]])
        for row in _load("groups.json")["entries"]:
            entry = Entry(
                "group", row["name"], tuple(row["aliases"]), members=tuple(row["members"])
            )
            self._add(entry, [row["name"], *row["aliases"]])
        for row in _load("organizations.json")["entries"]:
            entry = Entry(
                "organization",
                row["name"],
                tuple(row["aliases"]),
                part_of=row.get("part_of"),
                country=row.get("country"),
            )
            self._add(entry, [row["name"], *row["aliases"]])
        for row in _load("regulations.json")["entries"]:
            entry = Entry(
                "regulation", row["name"], tuple(row["aliases"]), country=row.get("country")
            )
            surfaces = [v for s in [row["name"], *row["aliases"]] for v in _lower_variants(s)]
            self._add(entry, surfaces, upper=False)
        states = _load("us_states.json")["states"]
        world = _load("world_places.json")["places"]
        for row in places["places"] + [{**s, "country": "United States"} for s in states] + world:
            aliases = tuple(row.get("aliases", ()))
            entry = Entry("place", row["name"], aliases, country=row.get("country"))
            self._add(entry, [row["name"], *aliases])
        # "R-Fla.", "D-CA": a state's abbreviations, read only in party tags and datelines
        self.state_abbr = {a: s["name"] for s in states for a in (s["ap"], s["postal"])}
        people = _load("people.json")
        self.person_names = frozenset(people["names"])
        self.given_names = frozenset(people["given_names"]) | frozenset(
            _load("given_names_census.json")["given_names"]
        )
        self.east_asian_surnames = frozenset(people["east_asian_surnames"])

    def lookup(self, surface: str) -> Entry | None:
        entry = self.by_key.get(surface)
        if entry is None:
            entry = self.by_key.get(norm_surface(surface))
        return entry

    def lookup_upper(self, surface: str) -> Entry | None:
        return self.upper.get(norm_surface(surface))

    def get(self, kind: str, name: str) -> Entry | None:
        return self.entries.get((kind, name))


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The process-wide gazetteer (built on first use, about 0.1 s)."""
    return Gazetteer()
