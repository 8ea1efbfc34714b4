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
from bisect import bisect_left

from desktop.extract.affiliations import find_part_of, merge_short_names
from desktop.extract.assemble import Assembled, assemble, in_source, to_extraction
from desktop.extract.citations import citations_from_numbers
from desktop.extract.doc import Doc, Hit
from desktop.extract.gazetteer import Entry, Gazetteer, gazetteer, norm_surface
from desktop.extract.groups import find_groups, relabel_known_groups
from desktop.extract.language import language_notice
from desktop.extract.lexicon import GENERIC_NAME_WORDS, NOT_NAME, ORG_HEADS, TITLE_WORDS, UNIT_HEADS
from desktop.extract.meta import find_dateline, place_name
from desktop.extract.orgs import EXTENDABLE, find_acronyms, find_orgs, find_plural_heads
from desktop.extract.people import PARTICLES, PeopleFinder, Token, _is_initial, is_name_token
from desktop.extract.regulations import find_regulations
from desktop.extract.sentences import Sentences, ViewSentences
from desktop.extract.textview import TextView
from desktop.extract.types import Extraction

EXTRACTOR_VERSION = 1

_TOK = r"[A-Z0-9][\w'’&-]*(?:\.[\w'’&-]+)*\.?"
#: at most this many words per run: no name is longer, and an unbounded repeat kept the regex
#: engine's state for every word of a run (200 MB for 2 MB of capitalised words)
_RUN_WORDS = 24
_RUN = re.compile(
    _TOK
    + r"(?:(?<![a-z]{4}\.)(?<![A-Z]{3}\.)[ \t]+(?:&[ \t]+)?"
    + r"(?:(?:van|von|der|den|de|da|di|du|del|bin|al|la|le)[ \t]+)*"
    + r"[A-Z][\w'’&-]*(?:\.[\w'’&-]+)*\.?){0,%d}" % (_RUN_WORDS - 1)  # noqa: UP031
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
_RUNS: dict[str, list[tuple[int, int, str, str, bool]]] = {}  # run -> see _run_layout
_RUN_CACHED = 48  # longer runs are not cached (a file of capitalised words is all runs)


def _surface_info(gaz: Gazetteer, surface: str) -> _Info:
    """What a matched surface means, and which context checks it needs (cached per surface)."""
    info = _SURFACES.get(surface)
    if info is None:
        entry = gaz.lookup(surface)
        single = entry is not None and " " not in surface
        info = (
            entry,
            entry is not None and single and entry.kind == "organization",
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
    if not found:
        return
    # the gazetteer's hits so far are sorted and disjoint, so their ends are sorted too: the
    # last one opening before a phrase's end is the only one that can overlap it
    known = list(doc.hits)
    starts = [h.start for h in known]
    added: list[Hit] = []
    for s, e, surface in found:
        entry = gaz.lookup(surface)
        if entry is None or s in doc.by_start:
            continue
        i = bisect_left(starts, e)
        if i and known[i - 1].end > s:
            continue
        if any(h.start < e and s < h.end for h in added):
            continue
        hit = Hit(s, e, entry.kind, entry.name, entry)
        doc.add(hit)
        added.append(hit)


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
    elif is_name_token(word) or (len(word) <= 6 and word[-1] == "." and _is_initial(word)):
        cls = "N"
    else:
        cls = "X"
    info = (word, len(raw) - len(word), cls, poss)
    if len(_TOKENS) > _CACHE_MAX:
        _TOKENS.clear()
    _TOKENS[raw] = info
    return info


def _run_layout(run: str) -> list[tuple[int, int, str, str, bool]]:
    """A run's words, read once per distinct run: (start, end, word, class, possessive),
    offsets relative to the run, the end after any cut (see :func:`_token_info`)."""
    cache = _TOKENS
    layout = []
    for m in _SPLIT.finditer(run):
        raw = m.group()
        word, cut, cls, poss = cache.get(raw) or _token_info(raw)
        layout.append((m.start(), m.end() - cut, word, cls, poss))
    if len(run) <= _RUN_CACHED:
        if len(_RUNS) > _CACHE_MAX:
            _RUNS.clear()
        _RUNS[run] = layout
    return layout


def _classify(doc: Doc, run_start: int, run: str) -> list[Token]:
    hits = doc.hits_in(run_start, run_start + len(run))
    n_hits = len(hits)
    h = 0  # hits and words are both in text order: walk them together
    tokens: list[Token] = []
    for rs, re_, word, cls, poss in _RUNS.get(run) or _run_layout(run):
        s, e = run_start + rs, run_start + re_
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


def _dateline_hit(doc: Doc, gaz: Gazetteer) -> None:
    """The dateline's place ("SEOUL, Nov. 30 (Trade Wire) -") is a place the article names."""
    line = find_dateline(doc.text, doc.title_end + 1)
    if line is None or any(h.start < line.end and line.start < h.end for h in doc.hits):
        return
    name = place_name(line.place)
    entry = gaz.lookup(name)
    if entry is not None and entry.kind in ("place", "country"):
        doc.add(Hit(line.start, line.end, entry.kind, entry.name, entry))
    else:
        doc.add(Hit(line.start, line.end, "place", name))


def extract(text: str, own_ref: str | None = None) -> Extraction:
    """Entities, citations and links in *text* (offsets into *text*); never raises on a str.

    *own_ref* is the article's own ID (from :func:`parse`), which is not a citation.
    """
    if not isinstance(text, str) or not text:
        return Extraction()
    return to_extraction(text, extract_assembled(text, own_ref))


def extract_assembled(source: str, own_ref: str | None = None) -> Assembled:
    """:func:`extract` as plain tuples (see :mod:`desktop.extract.assemble`), for a
    non-empty *source*: what the import's worker processes use.

    Extraction reads a :class:`TextView` of the text (hard wraps joined, invisible format
    characters dropped); every offset it returns points into *source*.
    """
    view = TextView(source)
    text = view.text
    gaz = gazetteer()
    doc = Doc(
        text,
        _headline_end(text),
        _caps_ranges(text),
    )
    _gazetteer_hits(doc, gaz)
    _dateline_hit(doc, gaz)
    if "ies of" in text or "ents of" in text:
        find_plural_heads(doc, gaz)
    find_regulations(doc)
    doc.freeze()
    people = PeopleFinder(doc, gaz)
    numbers: list[tuple[int, int]] = []
    by_start = doc.by_start
    leftovers = people.leftovers
    lone = _LONE
    pattern_end = 0  # doc.pattern_end, re-read after each organization scan
    find = text.find
    pos = 0
    # findall is cheaper than finditer (no match objects), and the start of each match is
    # where its text next occurs: a match starts at the first capital or digit after the
    # previous one, since a single such character already matches.
    for word in _RUN.findall(text):
        s = find(word, pos)
        pos = e = s + len(word)
        if s < pattern_end:
            continue  # already inside an organization name that ran on ("... for Export Administration")
        if s:
            before = text[s - 1]
            if before.isalnum() or before in "’'_":
                continue
        if word[0] < "A":  # a digit
            if text[s : s + 10].isdigit() and not text[s + 10 : s + 11].isdigit():
                numbers.append((s, s + 10))
            continue
        hit = by_start.get(s)
        if hit is not None and hit.end >= e:
            continue  # wholly a known name
        if " " not in word and "\t" not in word and word not in EXTENDABLE:
            # the common case, a lone capitalised word: only a possible short name of a person
            kept = lone.get(word)
            if kept is None:
                kept = _lone_word(word)
            if kept:
                leftovers.append((s, s + len(kept), kept))
            continue
        tokens = _classify(doc, s, word)
        find_orgs(doc, tokens)
        pattern_end = doc.pattern_end
        people.scan_run(tokens)
    aliases = find_acronyms(doc, gaz.lookup)
    if ":" in text:
        people.transcript_speakers()
    people.resolve()
    find_part_of(people)
    merge_short_names(people)
    sentences = Sentences(text)
    groups = find_groups(doc, sentences)
    if any(h.kind == "group" and h.entry is not None for h in doc.hits):
        groups += relabel_known_groups(doc, sentences)
    citations = citations_from_numbers(text, numbers, own_ref)
    result = assemble(doc, gaz, people, groups, citations, ViewSentences(view, sentences), aliases)
    notice = language_notice(text)
    if notice is not None:
        # not English: keep what the gazetteer knows, drop what English wording suggested
        known = [ent for ent in result.entities if ent[8] == "gazetteer"]
        names = {ent[1] for ent in known}
        links = [lk for lk in result.links if lk[1] in names and lk[2] in names]
        result = result._replace(entities=known, links=links, notice=notice)
    return in_source(result)
