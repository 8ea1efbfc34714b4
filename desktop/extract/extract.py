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
from desktop.extract.gazetteer import Entry, Gazetteer, gazetteer, norm_surface
from desktop.extract.groups import GroupFound, find_groups
from desktop.extract.lexicon import GENERIC_NAME_WORDS, NOT_NAME, ORG_HEADS, TITLE_WORDS, UNIT_HEADS
from desktop.extract.orgs import EXTENDABLE, find_orgs
from desktop.extract.people import PARTICLES, PeopleFinder, Person, Token, is_name_token
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
_UNIT_NEXT = re.compile(r"[ \t]+(?:" + "|".join(sorted(UNIT_HEADS)) + r")\b")
# Per-surface results computed once per process (bounded: cleared when it grows too large).
_CACHE_MAX = 200_000
# (entry, single-word organization, given name, place, generic words only)
_Info = tuple[Entry | None, bool, bool, bool, bool]
_SURFACES: dict[str, _Info] = {}
_LONE: dict[str, str] = {}  # lone capitalised word -> the possible short name in it, or ""
_TOKENS: dict[str, tuple[str, int, str, bool]] = {}  # run word -> see _token_info
_KIND_ORDER = {
    "person": 0,
    "organization": 1,
    "country": 2,
    "place": 3,
    "group": 4,
    "regulation": 5,
}


def _surface_info(gaz: Gazetteer, surface: str) -> _Info:
    """What a matched surface means, and which context checks it needs (cached per surface)."""
    info = _SURFACES.get(surface)
    if info is None:
        entry = gaz.lookup(surface)
        single = entry is not None and " " not in surface
        info = (
            entry,
            single and entry.kind == "organization",  # type: ignore[union-attr]
            single and surface in gaz.given_names,
            entry is not None and entry.kind == "place",
            entry is not None and _is_generic(surface),
        )
        if len(_SURFACES) > _CACHE_MAX:
            _SURFACES.clear()
        _SURFACES[surface] = info
    return info


def _is_generic(surface: str) -> bool:
    """A name made only of everyday capitalised words ("Export Control Working Group"): in a
    title-case headline those are just the headline's words, not the body they name."""
    words = surface.split()
    return len(words) > 1 and all(w.title() in GENERIC_NAME_WORDS for w in words)


def _title_case_line(doc: Doc, pos: int) -> bool:
    """Whether *pos* is in the headline or in a line that capitalises (nearly) every word."""
    if doc.in_headline(pos):
        return True
    text = doc.text
    lo = text.rfind("\n", 0, pos) + 1
    hi = text.find("\n", pos)
    words = [w for w in text[lo : hi if hi >= 0 else len(text)].split() if len(w) > 3]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.8 * len(words)


def _gazetteer_hits(doc: Doc, gaz: Gazetteer) -> None:
    text = doc.text
    hits, by_start, by_end = doc.hits, doc.by_start, doc.by_end
    surfaces = _SURFACES
    for m in gaz.pattern.finditer(text):
        s, e = m.span()
        if s and (text[s - 1].isalnum() or text[s - 1] == "_"):
            continue  # inside a word ("USTRADE")
        surface = m.group()
        info = surfaces.get(surface) or _surface_info(gaz, surface)
        entry = info[0]
        if entry is None:
            continue
        if info[1] and _MINISTER_NEXT.match(text, e):
            continue  # "Chinese Commerce Minister": not the U.S. Commerce Department
        if info[2] and _CAPWORD_NEXT.match(text, e):
            continue  # "Chad Bown", "Jordan Smith": a person, not a country
        if info[3] and _UNIT_NEXT.match(text, e):
            continue  # "the Asia Program at the Wilson Center": part of a unit's name
        if info[4] and _title_case_line(doc, s):
            continue  # "... Export Control Working Group Meets In Seoul": headline words
        hit = Hit(s, e, entry.kind, entry.name, entry)
        hits.append(hit)
        by_start[s] = hit
        by_end[e] = hit
    _lower_hits(doc, gaz)
    if doc.caps_ranges:
        _caps_hits(doc, gaz)


def _lower_hits(doc: Doc, gaz: Gazetteer) -> None:
    """Lower-case phrases ("foreign direct product rules"), where no name is found already."""
    text = doc.text
    found = []
    head = gaz.lower_pattern.match(text)  # at the very start, with nothing before it
    if head is not None:
        found.append((head.start(), head.end(), head.group()))
    for m in gaz.lower_scan.finditer(text, head.end() if head is not None else 0):
        found.append((m.start(1), m.end(1), m.group(1)))
    for s, e, surface in found:
        entry = gaz.lookup(surface)
        if entry is not None and s not in doc.by_start and not doc.overlaps(s, e):
            doc.add(Hit(s, e, entry.kind, entry.name, entry))


def _caps_hits(doc: Doc, gaz: Gazetteer) -> None:
    """ALL-CAPS headlines: look each word sequence up upper-cased, longest first."""
    text = doc.text
    taken = {h.start for h in doc.hits}
    firsts = gaz.upper_first_words
    for lo, hi in doc.caps_ranges:
        toks = [(m.start(), m.end()) for m in _CAPS_TOKEN.finditer(text, lo, hi)]
        i = 0
        while i < len(toks):
            first = norm_surface(text[toks[i][0] : toks[i][1]])
            if (
                first not in firsts
                and first[:-2] not in firsts
                and first.rstrip(".,") not in firsts
                and first[:-1] not in firsts
            ):
                i += 1  # no known name opens with this word (cheap test before the slow ones)
                continue
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
                if entry is not None and not (n > 1 and _is_generic(text[s:e])):
                    doc.add(Hit(s, e, entry.kind, entry.name, entry))
                    i += n
                    break
            else:
                i += 1


def _lone_word(word: str) -> str:
    """The name-like part of a lone capitalised word ("Economy’s" -> "Economy"), or ""."""
    kept = word
    if kept.endswith(("’s", "'s")):
        kept = kept[:-2]
    elif kept.endswith("."):
        kept = kept[:-1]
    if kept in NOT_NAME or kept in TITLE_WORDS or not is_name_token(kept):
        kept = ""
    if len(_LONE) > _CACHE_MAX:
        _LONE.clear()
    _LONE[word] = kept
    return kept


def _token_info(raw: str) -> tuple[str, int, str, bool]:
    """A run word's static reading: (word, characters cut at its end, class, possessive)."""
    word = raw
    poss = word.endswith(("’s", "'s")) and len(word) > 3
    if poss:
        word = word[:-2]
    if word[-1] == "." and len(word) > 4 and "." not in word[:-1] and word not in ORG_HEADS:
        word = word[:-1]  # "Dombrovskis." at the end of a sentence
    if word in TITLE_WORDS:
        cls = "T"
    elif word in NOT_NAME:
        cls = "X"
    elif word in PARTICLES:
        cls = "P"
    elif is_name_token(word) or (len(word) == 2 and word[1] == "." and word[0].isupper()):
        cls = "N"
    else:
        cls = "X"
    info = (word, len(raw) - len(word), cls, poss)
    if len(_TOKENS) > _CACHE_MAX:
        _TOKENS.clear()
    _TOKENS[raw] = info
    return info


def _classify(doc: Doc, run_start: int, run_end: int) -> list[Token]:
    text = doc.text
    hits = doc.hits_in(run_start, run_end)
    n_hits = len(hits)
    h = 0  # hits and words are both in text order: walk them together
    tokens: list[Token] = []
    cache = _TOKENS
    for m in _SPLIT.finditer(text, run_start, run_end):
        s, e = m.span()
        raw = m.group()
        word, cut, cls, poss = cache.get(raw) or _token_info(raw)
        e -= cut
        while h < n_hits and hits[h].end <= s:
            h += 1
        if h < n_hits and hits[h].start < e:
            cls = "E"
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
    lone = _LONE
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
            kept = lone.get(word)
            if kept is None:
                kept = _lone_word(word)
            if kept:
                leftovers.append((s, s + len(kept), kept))
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
    """One entity per (kind, canonical name), mentions de-duplicated by start, then links.

    Spans are grouped first and :class:`Mention` values built once per distinct span, since
    building values is the expensive part of this step.
    """
    text = doc.text
    spans: dict[tuple[str, str], dict[int, int]] = {}  # key -> {start: end}, last one wins
    for hit in doc.hits:
        key = (hit.kind, hit.name)
        found = spans.get(key)
        if found is None:
            found = spans[key] = {}
        found[hit.start] = hit.end
    described: dict[tuple[str, str], Person | GroupFound] = {}
    for person in people.people.values():
        if not person.mentions:
            continue
        key = ("person", person.name)
        found = spans.setdefault(key, {})
        for s, e in person.mentions:
            found[s] = e
        described[key] = person
    for group in groups:
        key = ("group", group.name)
        found = spans.setdefault(key, {})
        for s, e in group.mentions:
            found[s] = e
        described[key] = group
    ents: list[tuple[int, int, int, ExtractedEntity]] = []
    for n, (key, found) in enumerate(spans.items()):
        kind, name = key
        ent = ExtractedEntity(kind=kind, name=name)
        entry = gaz.get(kind, name)
        if entry is not None:
            ent.aliases = list(entry.aliases)
            ent.members = list(entry.members)
            ent.country = entry.country
            ent.part_of = entry.part_of
        else:
            ent.origin = "pattern"
        extra = described.get(key)
        if isinstance(extra, Person):
            ent.origin = "context"
            ent.role = extra.role
            ent.affiliation = extra.affiliation
        elif isinstance(extra, GroupFound):
            ent.origin = "context"
            ent.members = list(extra.members)
        ent.mentions = [Mention(s, found[s], text[s : found[s]]) for s in sorted(found)]
        first = ent.mentions[0].start if ent.mentions else len(text)
        ents.append((first, _KIND_ORDER.get(kind, 9), n, ent))
    ents.sort()
    ordered = [item[3] for item in ents]

    links: list[ExtractedLink] = []
    sentences: dict[int, tuple[int, int]] = {}

    def link(kind: str, source: str, target: str, at: int) -> None:
        span = sentences.get(at)
        if span is None:
            span = sentences[at] = sentence_span(text, at)
        s, e = span
        links.append(ExtractedLink(kind, source, target, text[s:e], s, e))

    orgs = {e.name for e in ordered if e.kind == "organization"}
    present = {e.name for e in ordered if e.kind in ("country", "organization")}
    for ent in ordered:
        kind = ent.kind
        if kind == "person":
            if ent.affiliation in orgs:
                said = described[("person", ent.name)]
                at = said.evidence_at if isinstance(said, Person) else None
                link(
                    "affiliated_with",
                    ent.name,
                    ent.affiliation or "",
                    at if at is not None else ent.mentions[0].start,
                )
        elif kind == "organization":
            if ent.part_of in orgs:
                link("part_of", ent.name, ent.part_of or "", ent.mentions[0].start)
        elif kind == "group" and ent.members:
            for member in ent.members:
                if member in present:
                    link("member_of", member, ent.name, ent.mentions[0].start)
    return Extraction(entities=ordered, citations=citations, links=links)
