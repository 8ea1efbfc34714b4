"""``extract(text)``: entities, citations and links of one article, in one pass per recogniser.

Order matters and is deliberate:
1. gazetteer names (longest known name wins, case-sensitive; all-caps lines looked up
   upper-cased), which claims "U.S.", "Commerce", "BIS" before anything guesses at them;
2. one scan of capitalised runs (and digit runs, for article IDs): pattern organizations
   first, then people among the words nobody claimed;
3. short references to people, unnamed groups, then merging mentions by canonical name.
Everything is compiled at import time; per article the work is a few C-level regex scans plus
Python only for the (few dozen) capitalised runs.
"""

from __future__ import annotations

import re
from collections import Counter

from desktop.extract.citations import citations_from_numbers
from desktop.extract.doc import Doc, Hit
from desktop.extract.gazetteer import Gazetteer, gazetteer
from desktop.extract.groups import GroupFound, find_groups
from desktop.extract.lexicon import NOT_NAME, ORG_HEADS, TITLE_WORDS
from desktop.extract.orgs import EXTENDABLE, find_orgs
from desktop.extract.people import PARTICLES, PeopleFinder, Token, is_name_token
from desktop.extract.sentences import sentence_span
from desktop.extract.types import Citation, ExtractedEntity, ExtractedLink, Extraction, Mention

EXTRACTOR_VERSION = 1

_TOK = r"[A-Z0-9][\w'’&-]*(?:\.[\w'’&-]+)*\.?"
_RUN = re.compile(
    _TOK
    + r"(?:(?<![a-z]{4}\.)[ \t]+(?:(?:van|von|der|den|de|da|di|du|del|bin|al|la|le)[ \t]+)*"
    + r"[A-Z][\w'’&-]*(?:\.[\w'’&-]+)*\.?)*"
)
_SPLIT = re.compile(r"\S+")
_CAPS_TOKEN = re.compile(r"[A-Z0-9][A-Z0-9'’&.-]*")
_MINISTER_NEXT = re.compile(r"[ \t]+Minist")
_CAPWORD_NEXT = re.compile(r"[ \t]+[A-Z][a-z]")
_KIND_ORDER = {
    "person": 0,
    "organization": 1,
    "country": 2,
    "place": 3,
    "group": 4,
    "regulation": 5,
}


def _gazetteer_hits(doc: Doc, gaz: Gazetteer) -> None:
    text = doc.text
    by_key = gaz.by_key
    given = gaz.given_names
    for m in gaz.pattern.finditer(text):
        s, e = m.span()
        if s and (text[s - 1].isalnum() or text[s - 1] == "_"):
            continue  # inside a word ("USTRADE")
        surface = m.group()
        entry = by_key.get(surface) or gaz.lookup(surface)
        if entry is None:
            continue
        if " " not in surface:
            if entry.kind == "organization" and _MINISTER_NEXT.match(text, e):
                continue  # "Chinese Commerce Minister": not the U.S. Commerce Department
            if surface in given and _CAPWORD_NEXT.match(text, e):
                continue  # "Chad Bown", "Jordan Smith": a person, not a country
        doc.add(Hit(s, e, entry.kind, entry.name, entry))
    _lower_hits(doc, gaz)
    if doc.caps_ranges:
        _caps_hits(doc, gaz)


def _lower_hits(doc: Doc, gaz: Gazetteer) -> None:
    """Lower-case phrases ("foreign direct product rules"), searched only near their last word."""
    text = doc.text
    windows: list[tuple[int, int]] = []
    for anchor in gaz.lower_anchors:
        pos = text.find(anchor)
        while pos >= 0:
            windows.append((max(0, pos - gaz.lower_reach), pos + gaz.lower_reach))
            pos = text.find(anchor, pos + 1)
    if not windows:
        return
    windows.sort()
    merged: list[tuple[int, int]] = []
    for lo, hi in windows:
        if merged and lo <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(hi, merged[-1][1]))
        else:
            merged.append((lo, hi))
    for lo, hi in merged:
        for m in gaz.lower_pattern.finditer(text, lo, hi):
            s, e = m.span()
            entry = gaz.lookup(m.group())
            if entry is not None and s not in doc.by_start and not doc.overlaps(s, e):
                doc.add(Hit(s, e, entry.kind, entry.name, entry))


def _caps_hits(doc: Doc, gaz: Gazetteer) -> None:
    """ALL-CAPS headlines: look each word sequence up upper-cased, longest first."""
    text = doc.text
    taken = {h.start for h in doc.hits}
    for lo, hi in doc.caps_ranges:
        toks = [(m.start(), m.end()) for m in _CAPS_TOKEN.finditer(text, lo, hi)]
        i = 0
        while i < len(toks):
            if toks[i][0] in taken or any(h.start <= toks[i][0] < h.end for h in doc.hits):
                i += 1
                continue
            for n in range(min(gaz.upper_max_words, len(toks) - i), 0, -1):
                s, e = toks[i][0], toks[i + n - 1][1]
                surface = text[s:e]
                if surface.endswith(("’S", "'S")):
                    surface, e = surface[:-2], e - 2
                entry = gaz.lookup_upper(surface.rstrip(".,") if n > 1 else surface)
                if entry is None and surface.endswith("."):
                    entry = gaz.lookup_upper(surface[:-1])
                    if entry is not None:
                        e -= 1
                if entry is not None:
                    doc.add(Hit(s, e, entry.kind, entry.name, entry))
                    i += n
                    break
            else:
                i += 1


def _classify(doc: Doc, run_start: int, run_end: int) -> list[Token]:
    text = doc.text
    hits = doc.hits_in(run_start, run_end)
    tokens: list[Token] = []
    for m in _SPLIT.finditer(text, run_start, run_end):
        s, e = m.span()
        word = m.group()
        poss = word.endswith(("’s", "'s")) and len(word) > 3
        if poss:
            word, e = word[:-2], e - 2
        if word[-1] == "." and len(word) > 4 and "." not in word[:-1] and word not in ORG_HEADS:
            word, e = word[:-1], e - 1  # "Dombrovskis." at the end of a sentence
        if hits and any(h.start < e and s < h.end for h in hits):
            cls = "E"
        elif word in TITLE_WORDS:
            cls = "T"
        elif word in NOT_NAME:
            cls = "X"
        elif word in PARTICLES:
            cls = "P"
        elif is_name_token(word) or (len(word) == 2 and word[1] == "." and word[0].isupper()):
            cls = "N"
        else:
            cls = "X"
        tokens.append(Token(s, e, word, cls, poss))
    return tokens


def _headline_end(text: str) -> int:
    stripped = len(text) - len(text.lstrip())
    nl = text.find("\n", stripped)
    return len(text) if nl < 0 else nl


def _caps_ranges(text: str) -> list[tuple[int, int]]:
    out = []
    pos = 0
    for line in text.split("\n"):
        if len(line) >= 8 and line.isupper() and " " in line.strip():
            out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def extract(text: str, own_ref: str | None = None) -> Extraction:
    """Entities, citations and links in *text* (offsets into *text*); never raises on a str.

    *own_ref* is the article's own ID (from :func:`parse`), which is not a citation.
    """
    if not isinstance(text, str) or not text:
        return Extraction()
    gaz = gazetteer()
    doc = Doc(
        text,
        _headline_end(text),
        _caps_ranges(text) if any(c.isupper() for c in text[:1]) or True else [],
    )
    _gazetteer_hits(doc, gaz)
    doc.freeze()
    people = PeopleFinder(doc, gaz)
    numbers: list[tuple[int, int]] = []
    by_start = doc.by_start
    leftovers = people.leftovers
    for m in _RUN.finditer(text):
        s, e = m.span()
        if s < doc.pattern_end:
            continue  # already inside an organization name that ran on ("... for Export Administration")
        if s and (text[s - 1].isalnum() or text[s - 1] in "’'_"):
            continue
        if text[s].isdigit():
            if text[s : s + 10].isdigit() and not text[s + 10 : s + 11].isdigit():
                numbers.append((s, s + 10))
            continue
        if s in by_start and by_start[s].end >= e:
            continue  # wholly a known name
        word = m.group()
        if " " not in word and "\t" not in word and word not in EXTENDABLE:
            # the common case, a lone capitalised word: only a possible short name of a person
            if word.endswith(("’s", "'s")):
                word = word[:-2]
            elif word.endswith("."):
                word = word[:-1]
            if word not in NOT_NAME and word not in TITLE_WORDS and is_name_token(word):
                leftovers.append((s, s + len(word), word))
            continue
        tokens = _classify(doc, s, e)
        find_orgs(doc, tokens)
        people.scan_run(tokens)
    people.resolve()
    country_counts = Counter(h.name for h in doc.hits if h.kind == "country")
    groups = find_groups(doc, country_counts)
    return _assemble(doc, gaz, people, groups, citations_from_numbers(text, numbers, own_ref))


def _assemble(
    doc: Doc,
    gaz: Gazetteer,
    people: PeopleFinder,
    groups: list[GroupFound],
    citations: list[Citation],
) -> Extraction:
    text = doc.text
    ents: dict[tuple[str, str], ExtractedEntity] = {}
    first: dict[tuple[str, str], int] = {}
    evidence: dict[tuple[str, str], int] = {}

    def entity(kind: str, name: str) -> ExtractedEntity:
        key = (kind, name)
        ent = ents.get(key)
        if ent is None:
            entry = gaz.get(kind, name)
            ent = ents[key] = ExtractedEntity(kind=kind, name=name)
            if entry is not None:
                ent.aliases = list(entry.aliases)
                ent.members = list(entry.members)
                ent.country = entry.country
                ent.part_of = entry.part_of
                ent.origin = "gazetteer"
            else:
                ent.origin = "pattern"
        return ent

    for hit in doc.hits:
        ent = entity(hit.kind, hit.name)
        ent.mentions.append(Mention(hit.start, hit.end, text[hit.start : hit.end]))
    for person in people.people.values():
        if not person.mentions:
            continue
        ent = entity("person", person.name)
        ent.origin = "context"
        ent.role = person.role
        ent.affiliation = person.affiliation
        for s, e in person.mentions:
            ent.mentions.append(Mention(s, e, text[s:e]))
        if person.affiliation and person.evidence_at is not None:
            evidence[("person", person.name)] = person.evidence_at
    links: list[ExtractedLink] = []
    for group in groups:
        ent = entity("group", group.name)
        ent.origin = "context"
        ent.members = list(group.members)
        for s, e in group.mentions:
            ent.mentions.append(Mention(s, e, text[s:e]))
    for key, ent in ents.items():
        unique = {m.start: m for m in ent.mentions}
        ent.mentions = [unique[k] for k in sorted(unique)]
        first[key] = ent.mentions[0].start if ent.mentions else len(text)
    ordered = sorted(
        ents.values(), key=lambda e: (first[(e.kind, e.name)], _KIND_ORDER.get(e.kind, 9))
    )

    def link(kind: str, source: str, target: str, at: int) -> None:
        s, e = sentence_span(text, at)
        links.append(ExtractedLink(kind, source, target, text[s:e], s, e))

    orgs = {e.name for e in ordered if e.kind == "organization"}
    for ent in ordered:
        if ent.kind == "person" and ent.affiliation in orgs:
            link(
                "affiliated_with",
                ent.name,
                ent.affiliation or "",
                evidence.get(("person", ent.name), ent.mentions[0].start),
            )
        elif ent.kind == "organization" and ent.part_of in orgs:
            link("part_of", ent.name, ent.part_of or "", ent.mentions[0].start)
        elif ent.kind == "group" and ent.members:
            present = {(e.name) for e in ordered if e.kind in ("country", "organization")}
            for member in ent.members:
                if member in present:
                    link("member_of", member, ent.name, ent.mentions[0].start)
    return Extraction(entities=ordered, citations=citations, links=links)
