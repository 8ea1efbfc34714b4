"""People: names found from evidence in the text, their roles, affiliations and short forms.

A run of capitalised words is only a person when something says so: a title before it
("Under Secretary Alan Estevez"), a speech verb or appositive around it ("X said", "according
to X", "X, a senior adviser ..."), a common given name, an East Asian surname-first pattern
("Wang Wentao", "Ahn Duk-geun") or the curated list of often-quoted people. Headlines (title
line, all-caps lines) need the stronger signals only, since every word there is capitalised.
Later single-word references ("Economy said") resolve to a full name seen in the same article,
and are never guessed without one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from desktop.extract.doc import Doc, Hit
from desktop.extract.gazetteer import Gazetteer
from desktop.extract.lexicon import (
    HARD_STOP,
    ROLE_BEFORE_LAST,
    ROLE_WORDS,
    SPEECH_VERBS,
    TITLE_WORDS,
)

# Titles that on their own prove the next name is a person (modifiers like "Trade" do not).
STRONG_TITLES = TITLE_WORDS - frozenset(
    [
        "Trade",
        "Commerce",
        "Foreign",
        "Defense",
        "Defence",
        "Finance",
        "Industry",
        "National",
        "Security",
        "Senior",
        "Principal",
        "Special",
        "Former",
        "Then",
        "Incoming",
        "Outgoing",
        "Permanent",
        "Parliamentary",
        "State",
        "Acting",
        "Vice",
        "Deputy",
        "Under",
        "Assistant",
        "Executive",
        "Chief",
        "Head",
        "Partner",
        "Fellow",
        "Official",
        "Officials",
    ]
)
PARTICLES = frozenset(
    [
        "van",
        "von",
        "der",
        "den",
        "de",
        "da",
        "di",
        "du",
        "del",
        "la",
        "le",
        "bin",
        "al",
        "dos",
        "das",
    ]
)
_POSSESSIVE = ("’s", "'s")

_AFTER_SPEECH = re.compile(
    r"[ \t]+(?:(?:also|later|then|previously|recently|has|had|have)[ \t]+)?(?:"
    + SPEECH_VERBS
    + r")\b"
)
# ", a/the ...", ", head of ...", or a role without an article (", deputy assistant secretary").
_AFTER_APPOS = re.compile(
    r",[ \t]+(?:(?:a|an|the|who|whose|now|then|former)\b|[a-z]+[ \t]+(?:of|at|for|to|with)\b"
    r"|(?:[a-z-]+[ \t]+){0,3}(?:" + "|".join(sorted(ROLE_WORDS)) + r")s?\b)"
)
_BEFORE_CUE = re.compile(r"\b(?:said|says|according to|told|by|spoke with|asked|quoted)[ \t]+$")
_APPOSITIVE = re.compile(
    r",[ \t]+(?:(?:a|an|the)[ \t]+)?(?P<phrase>[^,;:()“”\"\n]{3,160}?)(?=[ \t]*(?:,|;|\.(?:[ \t]|$)|\)|—|--)|[ \t]+(?:said|says|told)\b)"
)
_PHRASE_REST = re.compile(
    r"[^,;:()“”\"\n]{0,160}?(?=[ \t]*(?:,|;|\.(?:[ \t]|$)|\)|—|--)|[ \t]+(?:said|says|told)\b)"
)
_ROLE_BEFORE = re.compile(
    r"(?P<role>(?:(?:senior|deputy|chief|top|former|a|an)[ \t]+)?(?:official|spokesperson|spokesman|"
    r"spokeswoman|adviser|advisor|analyst|economist|director|secretary|minister|professor|fellow|"
    r"CEO|chief executive|lawyer|attorney|head|chair|chairman|president|researcher|negotiator))[ \t]+$"
)
_OF_ORG = re.compile(r"[ \t]+(?:of|at|from|with)[ \t]+(?:the[ \t]+)?")
_ROLE_TRIM = re.compile(r"[ \t]+(?:at|of|with|for|in|from|to)(?:[ \t]+the)?[ \t]*$")
_LEADING_ROLE = frozenset(
    [
        "senior",
        "deputy",
        "assistant",
        "under",
        "chief",
        "former",
        "acting",
        "executive",
        "managing",
        "vice",
        "principal",
        "special",
        "general",
        "associate",
        "lead",
        "top",
    ]
)


def is_name_token(tok: str) -> bool:
    """A capitalised word that could be part of a name: not an acronym, letters only."""
    if len(tok) < 2 or not tok[0].isupper():
        return False
    core = tok.replace("-", "").replace("'", "").replace("’", "")
    return core.isalpha() and not core.isupper()


def _is_initial(tok: str) -> bool:
    return len(tok) == 2 and tok[1] == "." and tok[0].isupper()


@dataclass(slots=True)
class Person:
    name: str
    mentions: list[tuple[int, int]] = field(default_factory=list)
    # full-name occurrences with the title prefix found before them: (start, end, role, org hit)
    occurrences: list[tuple[int, int, str | None, Hit | None]] = field(default_factory=list)
    role: str | None = None
    affiliation: str | None = None
    evidence_at: int | None = None  # where the affiliation was stated


@dataclass(slots=True)
class Token:
    start: int
    end: int
    text: str  # possessive stripped
    cls: str  # E entity, T title, X never a name, N name-like, P particle, D digits
    poss: bool = False  # the word carried a possessive "'s"


class PeopleFinder:
    """Collects person candidates run by run, then resolves short references and roles."""

    def __init__(self, doc: Doc, gaz: Gazetteer) -> None:
        self.doc = doc
        self.gaz = gaz
        self.people: dict[str, Person] = {}
        self.pending: list[tuple[int, int, str, str | None, Hit | None]] = []  # titled singles
        self.leftovers: list[tuple[int, int, str]] = []  # name-like words to resolve later
        self._orgs: list[Hit] = []  # organization hits in the order found, for _describe

    # -- phase 1: runs ---------------------------------------------------------------------
    def scan_run(self, tokens: list[Token]) -> None:
        """Find name segments among a run's tokens (org/gazetteer tokens already marked E)."""
        n = len(tokens)
        i = 0
        while i < n:
            tok = tokens[i]
            if tok.cls not in "NP" or (tok.cls == "P"):
                i += 1
                continue
            j = i
            while j + 1 < n and (
                tokens[j + 1].cls == "N"
                or (tokens[j + 1].cls == "P" and j + 2 < n and tokens[j + 2].cls in "NP")
                or (tokens[j + 1].cls in "TX" and self._flips(tokens, j + 1))
            ):
                j += 1
            self._segment(tokens, i, j)
            i = j + 1

    def _flips(self, tokens: list[Token], k: int) -> bool:
        """A title/stop word right after a given name is a surname ("Angus King", "Ned Price")."""
        tok = tokens[k]
        prev = tokens[k - 1]
        if tok.text in HARD_STOP or not is_name_token(tok.text):
            return False
        if k + 1 < len(tokens) and tokens[k + 1].cls == "N":
            return False
        return prev.text in self.gaz.given_names and (k < 2 or tokens[k - 2].cls != "N")

    def _segment(self, tokens: list[Token], i: int, j: int) -> None:
        doc, text = self.doc, self.doc.text
        seg = tokens[i : j + 1]
        start, end = seg[0].start, seg[-1].end
        name = text[start:end]
        # the title and organization just before the name, inside the same run
        k = i - 1
        org_hit: Hit | None = None
        title_start = None
        strong = False
        while k >= 0 and tokens[k].cls in "TE":
            tk = tokens[k]
            if tk.cls == "T":
                strong = strong or tk.text in STRONG_TITLES
                title_start = tk.start
            else:
                hit = doc.by_start.get(tk.start)
                if hit is None or hit.kind != "organization" or title_start is None:
                    break
                org_hit = hit
                title_start = tk.start
            k -= 1
        role = None
        if title_start is not None:
            last_t = i - 1
            role = text[title_start : tokens[last_t].end].rstrip(".,")
            if role.endswith(_POSSESSIVE):
                role = role[:-2]
        if len(seg) == 1 or len(seg) > 4:
            if len(seg) == 1 and strong:
                self.pending.append((start, end, name, role, org_hit))
            else:
                self.leftovers.extend((t.start, t.end, t.text) for t in seg if t.cls == "N")
            return
        first = seg[0].text
        known = name in self.gaz.person_names
        given = first in self.gaz.given_names
        eastern = first in self.gaz.east_asian_surnames and len(seg) <= 3
        evidence = known or strong or given or eastern
        if not evidence and not doc.in_headline(start):
            evidence = bool(
                _AFTER_SPEECH.match(text, end)
                or _AFTER_APPOS.match(text, end)
                or _BEFORE_CUE.search(text, max(0, start - 20), start)
            )
        if not evidence:
            self.leftovers.append((start, end, name))
            self.leftovers.extend((t.start, t.end, t.text) for t in seg if t.cls == "N")
            return
        person = self.people.get(name)
        if person is None:
            person = self.people[name] = Person(name)
        person.mentions.append((start, end))
        person.occurrences.append((start, end, role, org_hit))

    # -- phase 2: short references, roles ------------------------------------------------------
    def resolve(self) -> None:
        keys: dict[str, str | None] = {}
        for name in self.people:
            parts = [p for p in name.split() if p not in PARTICLES and not _is_initial(p)]
            cands = {parts[-1]}
            if parts[0] in self.gaz.east_asian_surnames:
                cands.add(parts[0])
            for key in cands:
                keys[key] = None if key in keys and keys[key] != name else name
        for start, end, name, role, org_hit in self.pending:
            full = keys.get(name) or (name if name in self.people else None)
            if full is None:
                full = name
                self.people[name] = Person(name)
            person = self.people[full]
            person.mentions.append((start, end))
            person.occurrences.append((start, end, role, org_hit))
        for start, end, word in self.leftovers:
            full = self.people.get(word) and word or keys.get(word)
            if full:
                self.people[full].mentions.append((start, end))
        if self.people:
            self._orgs = [h for h in self.doc.hits if h.kind == "organization"]
        for person in self.people.values():
            self._describe(person)

    def _past_inner_commas(self, ps: int, pe: int) -> int:
        """Where an appositive phrase really ends when a known name with a comma in it
        ("Ministry of Trade, Industry and Energy") straddles the comma that cut it."""
        doc, text = self.doc, self.doc.text
        for _ in range(3):
            inside = [h for h in doc.hits_in(pe - 1, pe + 1) if ps <= h.start < pe < h.end]
            if not inside:
                break
            rest = _PHRASE_REST.match(text, inside[-1].end)
            if rest is None:
                break
            pe = rest.end()
        return pe

    def _describe(self, person: Person) -> None:
        """Role and affiliation from the first occurrences that state them."""
        doc, text = self.doc, self.doc.text
        for start, end, role, org_hit in sorted(person.occurrences):
            if role and not person.role:
                person.role = role
            if org_hit and not person.affiliation:
                person.affiliation, person.evidence_at = org_hit.name, start
            if person.role and person.affiliation:
                return
            # "X, a senior adviser for China at Commerce,"
            m = _APPOSITIVE.match(text, end)
            if m and not person.role:
                ps, pe = m.span("phrase")
                pe = self._past_inner_commas(ps, pe)
                phrase = text[ps:pe]
                words = phrase.lower().split()
                if (
                    words
                    and (set(words) & ROLE_WORDS)
                    and (
                        text[m.start() : ps].strip(", \t")
                        or words[0] in _LEADING_ROLE
                        or words[0] in ROLE_WORDS
                    )
                ):
                    orgs = [h for h in self._orgs if ps <= h.start and h.end <= pe]
                    if orgs:
                        org = orgs[-1]
                        head = _ROLE_TRIM.sub("", text[ps : org.start]).strip()
                        person.role = head or phrase.strip()
                        if not person.affiliation:
                            person.affiliation, person.evidence_at = org.name, start
                    else:
                        person.role = phrase.strip()
            # "X of BIS", "X at CSIS"
            if not person.affiliation:
                m2 = _OF_ORG.match(text, end)
                if m2:
                    hit = doc.by_start.get(m2.end())
                    if hit is not None and hit.kind == "organization":
                        person.affiliation, person.evidence_at = hit.name, start
            # "a Commerce Department official, X" / "BIS spokesperson X" / "BIS's X"
            if not person.affiliation or not person.role:
                lo = max(0, start - 60)
                before = text[max(0, start - 20) : start]
                last = before.split()[-1:] if before[-1:] in (" ", "\t") else []
                m3 = (
                    _ROLE_BEFORE.search(text, lo, start)
                    if last and last[0] in ROLE_BEFORE_LAST
                    else None
                )
                if m3:
                    rs = m3.start("role")
                    hit = doc.by_end.get(rs - 1) if rs > 0 else None
                    if hit is not None and hit.kind == "organization":
                        if not person.affiliation:
                            person.affiliation, person.evidence_at = hit.name, start
                        if not person.role:
                            person.role = re.sub(r"^(?:a|an)[ \t]+", "", m3.group("role"))
                if not person.affiliation and text[start - 3 : start] in ("’s ", "'s "):
                    hit = doc.by_end.get(start - 3)
                    if hit is not None and hit.kind == "organization":
                        person.affiliation, person.evidence_at = hit.name, start
