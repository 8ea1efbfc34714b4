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

from desktop.extract.affiliations import describe_all, title_of
from desktop.extract.doc import Doc, Hit
from desktop.extract.gazetteer import Gazetteer
from desktop.extract.lexicon import (
    HARD_STOP,
    HONORIFICS,
    ROLE_WORDS,
    SPEECH_VERBS,
    TITLE_ABBREVIATIONS,
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
# a transcript's speaker label at a line's start: "ARI SHAPIRO, HOST:", "JANE DOE, BYLINE:"
_SPEAKER = re.compile(
    r"^[ \t]*([A-Z][A-Z'’-]+(?:[ \t]+[A-Z][A-Z'’.-]*){1,3}),[ \t]+([A-Z][A-Z -]{1,30}):",
    re.MULTILINE,
)

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
_BEFORE_CUE = re.compile(
    r"\b(?:said|says|according to|told|by|spoke with|asked|quoted)[ \t]+$"
    r"|\b(?:" + "|".join(sorted(ROLE_WORDS)) + r"),[ \t]+$"  # "the commission's chair, X"
)
# "a spokesperson for the Chinese Foreign Ministry, X": a role, its body, a comma, the name
_ROLE_FOR_BEFORE = re.compile(
    r"\b(?:" + "|".join(sorted(ROLE_WORDS)) + r")[ \t]+(?:for|of|at|with)[ \t]+(?:the[ \t]+)?"
    r"[A-Z][\w'’&.-]*(?:[ \t]+[A-Z][\w'’&.-]*){0,6},[ \t]+$"
)


_LIST_NAME = r"[A-Z][\w'’-]+(?:[ \t]+(?:[A-Z]\.[ \t]+)?[A-Z][\w'’-]+){1,3}"
# "A, B and C of the D" / "A and B of D": a list of names that ends at an organization
_NAME_LIST_OF = re.compile(
    "(" + _LIST_NAME + r"(?:,[ \t]+" + _LIST_NAME + r")*,?[ \t]+and[ \t]+" + _LIST_NAME + ")"
    r"[ \t]+(?:of|at|from)[ \t]+(?:the[ \t]+)?$"
)
_OF_BEFORE = re.compile(r"[ \t](?:of|at|from)[ \t]+(?:the[ \t]+)?$")
_LIST_SPLIT = re.compile(r",[ \t]+(?:and[ \t]+)?|[ \t]+and[ \t]+")


def _after_owner(doc: Doc, start: int) -> bool:
    """ "Japan's Yasutoshi Nishimura": a name right after a country's or body's possessive."""
    if doc.text[start - 3 : start] not in ("’s ", "'s "):
        return False
    hit = doc.by_end.get(start - 3)
    return hit is not None and hit.kind in ("country", "organization")


def is_name_token(tok: str) -> bool:
    """A capitalised word that could be part of a name: not an acronym, letters only."""
    if len(tok) < 2 or not tok[0].isupper():
        return False
    core = tok.replace("-", "").replace("'", "").replace("’", "")
    return core.isalpha() and not core.isupper()


_INITIALS = re.compile(r"(?:[A-Z]\.){1,3}")


def _is_initial(tok: str) -> bool:
    """ "H.", "J.W.": initials that open a name."""
    return (len(tok) == 2 and tok[1] == "." and tok[0].isupper()) or bool(_INITIALS.fullmatch(tok))


@dataclass(slots=True)
class Person:
    name: str
    mentions: list[tuple[int, int]] = field(default_factory=list)
    # occurrences with the title prefix found before them: (start, end, role, the
    # organization or country hits in that prefix)
    occurrences: list[tuple[int, int, str | None, tuple[Hit, ...]]] = field(default_factory=list)
    role: str | None = None
    affiliation: str | None = None
    evidence_at: int | None = None  # where the affiliation was stated
    # every stated affiliation: (kind of the target, its canonical name, where it was stated)
    affiliations: list[tuple[str, str, int]] = field(default_factory=list)

    def affiliate(self, hit_kind: str, name: str, at: int) -> None:
        """Record an affiliation once; the first organization is *the* affiliation shown."""
        if any(n == name for _, n, _ in self.affiliations):
            return
        self.affiliations.append((hit_kind, name, at))
        if self.affiliation is None or (
            hit_kind == "organization"
            and not any(k == "organization" for k, _, _ in self.affiliations[:-1])
        ):
            self.affiliation, self.evidence_at = name, at


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
        self.pending: list[tuple[int, int, str, str | None, tuple[Hit, ...]]] = []  # titled singles
        self.leftovers: list[tuple[int, int, str]] = []  # name-like words to resolve later
        # organizations the text puts inside others: (part, whole, where it is said)
        self.part_of: list[tuple[str, str, int]] = []

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
        # the title, organization and country just before the name, inside the same run
        k = i - 1
        hits: list[Hit] = []
        title_start = None
        strong = False
        last_t = -1
        while k >= 0 and tokens[k].cls in "TE":
            tk = tokens[k]
            if tk.cls == "T":
                strong = strong or tk.text in STRONG_TITLES
                if tk.text not in HONORIFICS:
                    title_start = tk.start
                    last_t = k if last_t < 0 else last_t
            else:
                hit = doc.by_start.get(tk.start)
                if hit is None or hit.kind not in ("organization", "country", "place"):
                    break
                if hit.kind == "place" and title_start is None:
                    break  # a place is a prefix only before a title ("Ohio Governor X")
                if title_start is None:
                    titled = title_of(text, hit.start)  # "Secretary of Commerce Don Graves"
                    if titled is None or hit.end + 1 != start or hit.kind != "organization":
                        break
                    title_start, last_t, strong = titled, k, True
                    hits.append(hit)
                    break
                hits.append(hit)
                if hit.kind == "organization":
                    title_start = tk.start
                else:
                    break  # "Chinese Commerce Minister": the country opens the prefix
            k -= 1
        role = None
        if title_start is not None:
            titled = title_of(text, title_start)  # "Secretary of State Antony Blinken"
            if titled is not None:
                title_start = titled
            role = text[title_start : tokens[last_t].end].rstrip(",")
            if role.endswith(_POSSESSIVE):
                role = role[:-2]
            if role.endswith(".") and role.rsplit(None, 1)[-1] not in TITLE_ABBREVIATIONS:
                role = role[:-1]
        org_hit = tuple(hits)
        if len(seg) == 1 or len(seg) > 4:
            if len(seg) == 1 and strong:
                self.pending.append((start, end, name, role, org_hit))
            else:
                self.leftovers.extend((t.start, t.end, t.text) for t in seg if t.cls == "N")
            return
        first = seg[0].text
        given_names = self.gaz.given_names
        if (
            len(seg) > 2
            and first not in given_names
            and first not in self.gaz.east_asian_surnames
            and name not in self.gaz.person_names
        ):
            # "... Financial Intelligence Brian Nelson": the name opens at a given name
            for m in range(1, len(seg) - 1):
                if seg[m].text in given_names and seg[m].cls == "N":
                    self._segment(tokens, i + m, j)
                    return
        known = name in self.gaz.person_names
        given = first in self.gaz.given_names
        eastern = first in self.gaz.east_asian_surnames and len(seg) <= 3
        initials = _is_initial(first) and not _is_initial(seg[-1].text)  # "H. R. McMaster"
        evidence = known or strong or given or eastern or initials
        if not evidence and not doc.in_headline(start):
            evidence = bool(
                _AFTER_SPEECH.match(text, end)
                or _AFTER_APPOS.match(text, end)
                or _BEFORE_CUE.search(text, max(0, start - 20), start)
                or (
                    text[start - 2 : start] == ", "
                    and _ROLE_FOR_BEFORE.search(text, max(0, start - 90), start)
                )
                or _after_owner(doc, start)
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

    def transcript_speakers(self) -> None:
        """Broadcast transcripts label each turn ("ARI SHAPIRO, HOST:", later "SHAPIRO:"):
        the label's name is a person, its role the label's role word."""
        text = self.doc.text
        for m in _SPEAKER.finditer(text):
            name = " ".join(w.capitalize() for w in m.group(1).split())
            person = self.people.get(name)
            if person is None:
                person = self.people[name] = Person(name)
            person.mentions.append(m.span(1))
            person.occurrences.append((m.start(1), m.end(1), m.group(2).lower(), ()))
            surname = m.group(1).split()[-1]
            for later in re.finditer(r"^" + re.escape(surname) + ":", text, re.MULTILINE):
                person.mentions.append((later.start(), later.end() - 1))

    # -- phase 2: short references, roles ------------------------------------------------------
    def name_lists(self) -> None:
        """ "Jane Roe, John Doe and Ann Poe of the Quill Institute": every name in a list that
        ends at an organization is a person of that organization, when one of them is known to
        be a person or opens with a given name."""
        doc, text = self.doc, self.doc.text
        for org in [h for h in doc.hits if h.kind == "organization"]:
            lo = max(0, org.start - 160)
            if not _OF_BEFORE.search(text, max(0, org.start - 12), org.start) or (
                text.find(" and ", lo, org.start) < 0
            ):
                continue  # most organizations: cheap checks before the list pattern
            m = _NAME_LIST_OF.search(text, lo, org.start)
            if m is None:
                continue
            spans, pos = [], m.start(1)
            for part in _LIST_SPLIT.split(m.group(1)):
                spans.append((pos, pos + len(part), part))
                pos = text.find(part, pos) + len(part)
                nxt = _LIST_SPLIT.match(text, pos)
                pos = nxt.end() if nxt else pos
            names = [n for _, _, n in spans]
            if not all(is_name_token(w) or _is_initial(w) for n in names for w in n.split()):
                continue
            if any(doc.hits_in(s, e) for s, e, _ in spans):
                continue
            if not any(n in self.people or n.split()[0] in self.gaz.given_names for n in names):
                continue
            for s, e, name in spans:
                person = self.people.get(name)
                if person is None:
                    person = self.people[name] = Person(name)
                if (s, e) not in person.mentions:
                    person.mentions.append((s, e))
                    person.occurrences.append((s, e, None, ()))
                person.affiliate("organization", org.name, s)

    def resolve(self) -> None:
        self.name_lists()
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
        describe_all(self)
