"""Who a person is and what they belong to, read from the words around their name.

The same patterns that prove a name is a person say whom they speak for: a title before it
("Chinese Commerce Minister Wang Wentao", "Deputy Secretary of Commerce Don Graves"), a party
tag after it ("Sen. Marco Rubio (R-Fla.)", "Rep. Ro Khanna, D-Calif."), an appositive ("Liu
Pengyu, a spokesman for the Chinese embassy", "Estevez, who heads the bureau"), or a role
before it ("the bureau's head, Alan Estevez", "Northgate Lithography spokesman Arjun Mehra").
Each gives the role text and affiliations (organization, country, party, state) with the
place they were stated, so the link keeps its evidence sentence. A lower-case back-reference
("the bureau", "the commission's") resolves to the nearest organization named with that word.
A capitalised name that only such a pattern introduces ("chief compliance officer at
Northgate Lithography") becomes an organization, with all its mentions.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from desktop.extract.doc import Doc, Hit
from desktop.extract.lexicon import (
    HARD_STOP,
    NOT_NAME,
    ROLE_BEFORE_LAST,
    ROLE_WORDS,
    TITLE_WORDS,
    _words,
)

if TYPE_CHECKING:
    from desktop.extract.people import PeopleFinder, Person

_APPOSITIVE = re.compile(
    r",\s+(?:(?:a|an|the)\s+)?(?P<phrase>(?:[^,;:()“”\"\n]|\n(?!\n)){3,160}?)(?=[ \t]*(?:,|;|\.(?:\s|$)|\)|—|--|[\"“])|[ \t]+(?:said|says|told)\b)"
)
_PHRASE_REST = re.compile(
    r"[^,;:()“”\"\n]{0,160}?(?=[ \t]*(?:,|;|\.(?:\s|$)|\)|—|--|[\"“])|[ \t]+(?:said|says|told)\b)"
)
_ROLE_BEFORE = re.compile(
    r"(?P<role>(?<![\w-])(?:[a-z-]+[ \t]+){0,3}(?:official|spokesperson|spokesman|chief|"
    r"spokeswoman|adviser|advisor|analyst|economist|director|secretary|minister|professor|fellow|"
    r"CEO|chief executive|lawyer|attorney|head|chair|chairman|president|researcher|negotiator))[ \t]+$"
)
_ROLE_FOR = re.compile(
    r"\b((?:[a-z-]+[ \t]+){0,2}(?:" + "|".join(sorted(ROLE_WORDS)) + r"))[ \t]+(?:for|of|at|with)"
    r"[ \t]+(?:the[ \t]+)?(?:[A-Z][\w.]*['’]s[ \t]+)?$"  # "... for China's Taiwan Affairs Office"
)
_TITLE_OF_FOR = re.compile(
    r"\b(?:(?:Deputy|Under|Assistant|Acting|Vice|Principal|Senior|Associate|Special)[ \t]+)*"
    r"(?:Secretary|Minister|Director|Administrator|Commissioner)[ \t]+of[ \t]+(?:the[ \t]+)?"
    r"(?P<body>[A-Z][\w.]*)[ \t]+for[ \t]+(?:[A-Z][\w-]*[ \t]+(?:(?:and|&)[ \t]+)?){1,6}$"
)
_ROLE_COMMA = re.compile(
    r"(?<=[ \t])((?:[a-z-]+[ \t]+){0,2}(?:" + "|".join(sorted(ROLE_WORDS)) + r"))$"
)
_OF_ORG = re.compile(r"[ \t]+(?:of|at|from|with)[ \t]+(?:the[ \t]+)?")
_ROLE_TRIM = re.compile(r"[ \t]+(?:at|of|with|for|in|from|to|on)(?:[ \t]+the)?[ \t]*$")
_LEADING_ROLE = frozenset(
    _words(
        "senior deputy assistant under chief former acting executive managing vice principal "
        "special general associate lead top"
    )
)
_TITLE_OF = re.compile(
    r"(?:(?:Deputy|Under|Assistant|Acting|Vice|Principal|Senior|Executive|Associate|Special|"
    r"Permanent)[ \t]+)*(?:Secretary|Minister|Director|Administrator|Commissioner|Chairman|"
    r"Chairwoman|Chair|Governor|President|Ambassador|Secretary-General|Representative|Head|"
    r"Chief)[ \t]+(?:of|for|to)[ \t]+(?:the[ \t]+)?$"
)
_PARTY = re.compile(
    r"\s*(?:\(\s*|,\s*)([RDI])[-–‑]([A-Z][A-Za-z.]*(?:[ \t][A-Z][A-Za-z.]*)?)(?=[),;])"
)
_PARTIES = {"R": "Republican Party", "D": "Democratic Party"}
_WHO_HEADS = re.compile(
    r",[ \t]+who[ \t]+(heads|leads|runs|chairs|directs|oversees)[ \t]+(?:the[ \t]+)?"
)
_HEAD_ROLES = {"chairs": "chair", "directs": "director"}
_POSS_ROLE_BEFORE = re.compile(
    r"\b[Tt]he[ \t]+([a-z]+)['’]s[ \t]+((?:[a-z-]+[ \t]+){0,3}[a-z-]+),[ \t]*$"
)
_LOWER_POSS = re.compile(r"(?:the[ \t]+)?([a-z]+)['’]s[ \t]+(.+)$")
_CAP_RUN = r"[A-Z][\w&'’.-]*(?:[ \t]*\n?[ \t]*(?<=\s)(?:&[ \t]+)?[A-Z][\w&'’.-]*){0,5}"
_AT_RUN = re.compile(r"[ \t](?:at|of|for|with)[ \t]+(?:the[ \t]+)?(" + _CAP_RUN + ")")
_RUN_BEFORE = re.compile("(" + _CAP_RUN + r")[ \t]+$")
_POSSESSIVE = ("’s ", "'s ")
_AT_ONLY = re.compile(r"[ \t]+at[ \t]+(?:the[ \t]+)?")  # "the Wadhwani AI Center at CSIS"


def title_of(text: str, pos: int) -> int | None:
    """Where a "Secretary of" / "Minister for the" title ending at *pos* opens, if one does."""
    m = _TITLE_OF.search(text, max(0, pos - 70), pos)
    return m.start() if m else None


def describe_all(finder: PeopleFinder) -> None:
    """Roles and affiliations of every person found; people that turn out to be
    organizations ("Northgate Lithography said") are dropped."""
    if not finder.people:
        return
    ctx = _Context(finder)
    for person in list(finder.people.values()):
        ctx.describe(person)
    orgs = {h.name for h in finder.doc.hits if h.kind == "organization"}
    for name in [n for n in finder.people if n in orgs]:
        del finder.people[name]


class _Context:
    def __init__(self, finder: PeopleFinder) -> None:
        self.finder = finder
        self.doc: Doc = finder.doc
        self.text = finder.doc.text
        self._orgs: list[Hit] | None = None  # built on first use: most articles never need it

    @property
    def orgs(self) -> list[Hit]:
        """Organization hits in text order (kept sorted as organizations are added)."""
        if self._orgs is None:
            self._orgs = sorted((h for h in self.doc.hits if h.kind == "organization"), key=_start)
        return self._orgs

    # -- organizations named only by the pattern ------------------------------------------
    def add_org(self, s: int, e: int) -> Hit | None:
        """Make the capitalised run ``[s, e)`` an organization, with every mention of it."""
        text, doc = self.text, self.doc
        surface = text[s:e].rstrip(".")
        words = surface.split()
        if (
            not words
            or words[0] in HARD_STOP
            or words[0] in TITLE_WORDS
            or all(w in NOT_NAME for w in words)
            or surface in self.finder.people
            and len(words) < 2
        ):
            return None
        name = " ".join(words)
        first: Hit | None = None
        # every mention, however the lines are wrapped ("Northgate\nLithography")
        for m in re.finditer(r"\s+".join(map(re.escape, words)), text):
            pos, end = m.span()
            boundary = (not pos or not text[pos - 1].isalnum()) and not text[
                end : end + 1
            ].isalnum()
            if boundary and not any(h.start < end and pos < h.end for h in doc.hits):
                hit = Hit(pos, end, "organization", name, None)
                doc.add(hit)
                self.orgs.append(hit)
                if pos == s:
                    first = hit
        self.orgs.sort(key=_start)
        return first

    def anaphor(self, word: str, before: int) -> Hit | None:
        """ "the bureau" -> the nearest organization before *before* with "Bureau" in its name."""
        cap = word.capitalize()
        for hit in reversed(self.orgs):
            if hit.start < before and cap in hit.name.split():
                return hit
        return None

    # -- one person ---------------------------------------------------------------------
    def describe(self, person: Person) -> None:
        for start, end, role, hits in sorted(person.occurrences):
            if role and not person.role:
                person.role = role
            for hit in hits:
                person.affiliate(hit.kind, hit.name, start)
            tag_end = self._party(person, start, end)
            if person.role and person.affiliation and tag_end == end:
                continue
            self._after(person, start, tag_end)
            if not person.affiliation or not person.role:
                self._before(person, start)

    def _party(self, person: Person, start: int, end: int) -> int:
        """ "(R-Fla.)", ", D-Calif.": the party and the state, each a mention of its own.
        Returns where the tag ends (an appositive may follow it), or *end*."""
        m = _PARTY.match(self.text, end)
        if m is None:
            return end
        gaz = self.finder.gaz
        abbr = m.group(2)
        state = gaz.state_abbr.get(abbr) or gaz.state_abbr.get(abbr.rstrip("."))
        if state is None and abbr in gaz.state_abbr.values():
            state = abbr
        party = _PARTIES.get(m.group(1))
        if state is None:
            return end
        for kind, name, (s, e) in (
            ("organization", party, m.span(1)),
            ("place", state, m.span(2)),
        ):
            if name is None:
                continue
            if s not in self.doc.by_start:
                self.doc.add(Hit(s, e, kind, name, self.finder.gaz.get(kind, name)))
            person.affiliate(kind, name, start)
        return m.end() + (self.text[m.end() : m.end() + 1] == ")")

    def _after(self, person: Person, start: int, end: int) -> None:
        text, doc = self.text, self.doc
        heads = _WHO_HEADS.match(text, end)  # "Estevez, who heads the bureau"
        if heads is not None:
            hit = doc.by_start.get(heads.end())
            if hit is None or hit.kind != "organization":
                word = re.match(r"[a-z]+", text[heads.end() : heads.end() + 30])
                hit = self.anaphor(word.group(), start) if word else None
            if hit is not None:
                person.affiliate(hit.kind, hit.name, start)
                person.role = person.role or _HEAD_ROLES.get(heads.group(1), "head")
            return
        m = _APPOSITIVE.match(text, end)  # "X, a senior adviser for China at Commerce,"
        if m is not None:
            self._appositive(person, start, m)
        if not person.affiliation:  # "X of BIS", "X at CSIS"
            m2 = _OF_ORG.match(text, end)
            if m2:
                hit = doc.by_start.get(m2.end())
                if hit is not None and hit.kind == "organization":
                    person.affiliate(hit.kind, hit.name, start)

    def _appositive(self, person: Person, start: int, m: re.Match[str]) -> None:
        text = self.text
        ps, pe = m.span("phrase")
        pe = self._past_inner_commas(ps, pe)
        phrase = text[ps:pe]
        words = phrase.lower().split()
        if not (
            words
            and any(w.rstrip("'’s") in ROLE_WORDS or w in ROLE_WORDS for w in words)
            and (
                text[m.start() : ps].strip(", \t\n")
                or words[0] in _LEADING_ROLE
                or words[0] in ROLE_WORDS
                or _opens_with_possessive(self.doc, ps)  # "South Korea's trade minister"
            )
        ):
            return
        targets = [
            h
            for h in self.doc.starting_in(ps, pe + 1)
            if h.end <= pe and h.kind in ("organization", "country")
        ]
        targets.sort(key=_start)
        orgs = [h for h in targets if h.kind == "organization"]
        role = phrase.strip()
        if not orgs:
            at = _AT_RUN.search(phrase)
            if at is not None and not any(
                h.start < ps + at.end(1) and ps + at.start(1) < h.end for h in self.doc.hits
            ):
                made = self.add_org(ps + at.start(1), ps + at.end(1))
                if made is not None:
                    orgs = [made]
                    targets = [made]
        if not targets:
            poss = _LOWER_POSS.match(phrase)  # "the commission's executive vice-president"
            if poss is not None:
                hit = self.anaphor(poss.group(1), start)
                if hit is not None:
                    person.affiliate(hit.kind, hit.name, start)
                    person.role = person.role or poss.group(2).strip()
                    return
            person.role = person.role or role
            return
        first = orgs[0] if orgs else targets[0]
        if text.startswith(_POSSESSIVE, first.end):
            head = text[first.end + 3 : pe].strip()  # "South Korea's trade minister"
        else:
            head = _ROLE_TRIM.sub("", text[ps : first.start]).strip()
        person.role = person.role or head or role
        person.affiliate(first.kind, first.name, start)
        if len(orgs) > 1 and _AT_ONLY.fullmatch(text, orgs[0].end, orgs[1].start):
            self.finder.part_of.append((orgs[0].name, orgs[1].name, start))

    def _past_inner_commas(self, ps: int, pe: int) -> int:
        """Where an appositive phrase really ends when a known name with a comma in it
        ("Ministry of Trade, Industry and Energy") straddles the comma that cut it."""
        doc, text = self.doc, self.text
        for _ in range(3):
            inside = [h for h in doc.starting_in(ps, pe) if pe < h.end]  # pattern names too
            if not inside:
                break
            rest = _PHRASE_REST.match(text, inside[-1].end)
            if rest is None:
                break
            pe = rest.end()
        return pe

    def _before(self, person: Person, start: int) -> None:
        """ "a Commerce Department official, X", "BIS spokesperson X", "BIS's X", "Japan's X",
        "the bureau's head, X", "Northgate Lithography spokesman X"."""
        doc, text = self.doc, self.text
        lo = max(0, start - 60)
        portfolio = _TITLE_OF_FOR.search(text, max(0, start - 120), start)
        if portfolio is not None:  # "Under Secretary of Commerce for Industry and Security X"
            hit = doc.by_start.get(portfolio.start("body"))
            if hit is not None and hit.kind in ("organization", "country"):
                person.affiliate(hit.kind, hit.name, start)
                person.role = " ".join(text[portfolio.start() : start].split())
                return
        poss = _POSS_ROLE_BEFORE.search(text, max(0, start - 80), start)
        if poss is not None and poss.group(2).split()[-1] in ROLE_WORDS:
            hit = self.anaphor(poss.group(1), start)
            if hit is not None:
                person.affiliate(hit.kind, hit.name, start)
                person.role = person.role or poss.group(2)
                return
        if text[start - 2 : start] == ", ":  # "a spokesperson for the Chinese Foreign Ministry, X"
            hit = doc.by_end.get(start - 2)
            if hit is not None and hit.kind in ("organization", "country"):
                m4 = _ROLE_FOR.search(text, max(0, hit.start - 50), hit.start)
                if m4 is not None:
                    person.affiliate(hit.kind, hit.name, start)
                    person.role = person.role or m4.group(1)
                    return
            m5 = _ROLE_COMMA.search(text, max(0, start - 40), start - 2) if hit is None else None
            hit = doc.by_end.get(m5.start() - 1) if m5 is not None and m5.start() else None
            if m5 is not None and hit is not None and hit.kind in ("organization", "country"):
                person.affiliate(hit.kind, hit.name, start)  # "The European Commission
                person.role = person.role or m5.group(1)  # president, Ursula von der Leyen"
                return
        before = text[max(0, start - 20) : start]
        last = before.split()[-1:] if before[-1:] in (" ", "\t") else []
        m3 = _ROLE_BEFORE.search(text, lo, start) if last and last[0] in ROLE_BEFORE_LAST else None
        if m3:
            rs = m3.start("role")
            hit = doc.by_end.get(rs - 1) if rs > 0 else None
            if hit is None and rs > 0:
                run = _RUN_BEFORE.search(text, max(0, rs - 60), rs)
                if run is not None and not doc.hits_in(run.start(1), run.end(1)):
                    hit = self.add_org(run.start(1), run.end(1))
            if hit is not None and hit.kind in ("organization", "country"):
                person.affiliate(hit.kind, hit.name, start)
                if not person.role:
                    person.role = re.sub(r"^(?:a|an)[ \t]+", "", m3.group("role"))
        if not person.affiliation and text[start - 3 : start] in _POSSESSIVE:
            hit = doc.by_end.get(start - 3)
            if hit is not None and hit.kind in ("organization", "country"):
                person.affiliate(hit.kind, hit.name, start)


def _opens_with_possessive(doc: Doc, pos: int) -> bool:
    hit = doc.by_start.get(pos)
    return hit is not None and doc.text.startswith(_POSSESSIVE, hit.end)


def _start(hit: Hit) -> int:
    return hit.start


_UNIT_WORDS = ("unit", "subsidiary", "division", "affiliate", "arm")
# "X, a unit of Y", "X, a wholly owned subsidiary of Y"
# words that may stand between "of" and the parent: "Hong Kong-based", "Russian state-owned",
# "China's"
_PARENT_MODIFIERS = (
    r"(?:(?:[A-Z][\w.]*(?:[ \t][A-Z][\w.]*)?-based|[A-Z][\w.]*(?:[ \t][A-Z][\w.]*)?['’]s"
    r"|[A-Z][a-z]+(?=[ \t]+(?:[a-z]|[A-Z]))|[a-z]+-owned)[ \t]+){0,2}"
)
_UNIT_OF = re.compile(
    r",[ \t]+(?:a|an|the)[ \t]+(?:[\w-]+[ \t]+){0,2}(?:unit|subsidiary|division|affiliate|arm)"
    r"[ \t]+of[ \t]+(?:the[ \t]+)?" + _PARENT_MODIFIERS + "$"
)
# "Y's subsidiary X", "Y unit X"
_UNIT_BEFORE = re.compile(
    r"(?:['’]s)?[ \t]+(?:[a-z-]+[ \t]+){0,2}(?:unit|subsidiary|division|affiliate|arm)[ \t]+(?:,[ \t]*)?"
)


# "X, a subsidiary of AFK Sistema": the capitalised name after "of" (made an organization)
_UNIT_OF_RUN = re.compile(
    r",[ \t]+(?:a|an|the)[ \t]+(?:[a-z-]+[ \t]+){0,2}(?:unit|subsidiary|division|affiliate|arm)"
    r"[ \t]+of[ \t]+(?:the[ \t]+)?(" + _CAP_RUN + ")"
)


def find_part_of(finder: PeopleFinder) -> None:
    """Organizations the text puts inside others ("X, a unit of Y", "Y's subsidiary X",
    "the Atlantic Council's GeoEconomics Center")."""
    doc, text = finder.doc, finder.doc.text
    orgs = sorted((h for h in doc.hits if h.kind == "organization"), key=_start)
    if not any(w in text for w in _UNIT_WORDS):
        _possessive_units(finder, orgs)
        return
    ctx: _Context | None = None
    for hit in orgs:
        m = _UNIT_OF_RUN.match(text, hit.end)
        if m is None:
            continue
        rs, re_ = m.span(1)
        cut = re.search(r"\.\s", text[rs:re_])  # the sentence ends inside the run
        re_ = rs + cut.start() if cut else re_
        if not any(h.start < re_ and rs < h.end for h in doc.hits):
            ctx = ctx or _Context(finder)
            ctx.add_org(rs, re_)
    if ctx is not None:
        orgs = sorted((h for h in doc.hits if h.kind == "organization"), key=_start)
    _possessive_units(finder, orgs)
    for i, hit in enumerate(orgs):
        nxt = orgs[i + 1] if i + 1 < len(orgs) else None
        if nxt is None or nxt.start - hit.end > 60:
            continue
        if _UNIT_OF.match(text, hit.end, nxt.start):
            finder.part_of.append((hit.name, nxt.name, hit.start))
        elif _UNIT_BEFORE.fullmatch(text, hit.end, nxt.start):
            finder.part_of.append((nxt.name, hit.name, hit.start))


def _possessive_units(finder: PeopleFinder, orgs: list[Hit]) -> None:
    """ "the Atlantic Council's GeoEconomics Center": a body right after another's possessive
    is part of it (a country's possessive says whose it is, not what contains it)."""
    text = finder.doc.text
    by_start = {h.start: h for h in orgs}
    for hit in orgs:
        if text.startswith(_POSSESSIVE, hit.end):
            inner = by_start.get(hit.end + 3)
            if inner is not None and inner.name != hit.name:
                finder.part_of.append((inner.name, hit.name, hit.start))


def merge_short_names(finder: PeopleFinder) -> None:
    """ "Elmos" after "Elmos Semiconductor", "Ural Tank Works" beside "Ural Tank Works JSC": an
    organization named only by pattern whose words open exactly one longer organization name
    of the same article (at most two words longer) is that organization."""
    doc = finder.doc
    orgs = [h for h in doc.hits if h.kind == "organization"]
    names = {h.name for h in orgs}
    renamed: dict[str, str] = {}
    for hit in orgs:
        if hit.entry is not None or hit.name in renamed:
            continue
        longer = [
            n
            for n in names
            if n.startswith(hit.name + " ") and len(n.split()) - len(hit.name.split()) <= 2
        ]
        if len(longer) == 1:
            renamed[hit.name] = longer[0]
    if not renamed:
        return
    for hit in orgs:
        if hit.entry is None and hit.name in renamed:
            hit.name = renamed[hit.name]
    for person in finder.people.values():
        seen: set[str] = set()
        person.affiliations = [
            (k, renamed.get(n, n), at)
            for k, n, at in person.affiliations
            if renamed.get(n, n) not in seen and not seen.add(renamed.get(n, n))  # type: ignore[func-returns-value]
        ]
        if person.affiliation in renamed:
            person.affiliation = renamed[person.affiliation]
    finder.part_of = [(renamed.get(a, a), renamed.get(b, b), at) for a, b, at in finder.part_of]
