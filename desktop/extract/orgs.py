"""Organizations (and named groups) that the gazetteer does not know, found by their shape.

An organization name ends in a head word ("Institute", "Ministry", "Corp.") or opens with one
and continues with "of/for/on ..." ("Ministry of Foreign Affairs and Trade"). Words that open
sentences ("The", "In") are never part of it, so "In Korea Strategic Trade Institute ..." still
yields the institute. Headline-only words never produce one: a head word is required.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from desktop.extract.doc import Doc, Hit
from desktop.extract.gazetteer import Gazetteer
from desktop.extract.lexicon import (
    HARD_STOP,
    LEGAL_FORM_WORDS,
    ORG_HEADS,
    ORG_LAST_WORDS,
    ORG_LEADING_NOISE,
    ORG_TAILS,
    WEAK_ORG_HEADS,
)
from desktop.extract.people import _AFTER_SPEECH, STRONG_TITLES, Token

EXTENDABLE = frozenset(
    [
        "Ministry",
        "Department",
        "Institute",
        "University",
        "Office",
        "Bureau",
        "Center",
        "Centre",
        "Council",
        "Commission",
        "Committee",
        "Agency",
        "Academy",
        "Federation",
        "Association",
        "Chamber",
        "Board",
        "Directorate",
        "Secretariat",
        "Administration",
        "Organization",
        "Organisation",
        "Society",
        "Union",
        "Court",
        "Authority",
        "College",
        "School",
        "Service",
        "Forum",
        "Foundation",
        "Bank",
        "Fund",
    ]
)
_STEP = re.compile(
    r"[ \t]+(of|for|on|and|&)[ \t]+(?:the[ \t]+)?"
    r"([A-Z][\w'’&-]*(?:[ \t]+(?:[A-Z][\w'’&-]*))*)"
)
_PORTFOLIO = re.compile(
    r"(?:Secretary|Minister|Commissioner|Director|Administrator)[ \t]+(?:of|for)[ \t]+(?:the[ \t]+)?$"
)
# a head that may follow another ("Iran Aviation Industries Organization")
_SECOND_HEADS = frozenset(["Organization", "Organisation", "Corporation"])
ORG_HEADS_WITH_PERIOD = frozenset(["Co", "Corp", "Inc", "Ltd", "Co.", "Corp.", "Inc.", "Ltd."])
_GROUP_LAST = frozenset(["Dialogue", "Coalition", "Group", "Force"])  # see _group_head
_GROUP_PRE = frozenset(
    ["Working", "Task", "Strike", "Contact", "Steering", "Expert", "Coordination", "Consultative"]
)


def _group_head(tokens: list[Token], idx: int) -> bool:
    word = tokens[idx].text
    if word in ("Dialogue", "Coalition"):
        return True
    return word in ("Group", "Force") and idx > 0 and tokens[idx - 1].text in _GROUP_PRE


def _extend(doc: Doc, pos: int, allow_and: bool) -> int:
    """Follow "of X", "for X", "and X" after a head word; returns the new end."""
    text = doc.text
    while True:
        m = _STEP.match(text, pos)
        if m is None:
            return pos
        conj, words = m.group(1), m.group(2).split()
        if conj in ("and", "&") and (not allow_and or m.start(2) in doc.by_start):
            return pos
        if words[0] in HARD_STOP:
            return pos
        pos = m.end()


# A company suffix after the run: "Holdings plc", "Co., Ltd.", "Corp., Ltd."
_SUFFIX_NEXT = re.compile(r"(?:[ \t]+plc\b|,[ \t]+(?:Ltd\.|Inc\.|LLC\b|Limited\b|S\.A\.|AG\b))")
_CUE_BEFORE = re.compile(
    r"\b(?:at|of|from|with|by|and|told|to)[ \t]+(?:the[ \t]+)?$|[A-Za-z.]['’]s[ \t]+$"
)
# "Silex Microsystems, a Swedish unit of ...": described as a body
_BODY_APPOS = re.compile(r",[ \t]+(?:a|an|the)[ \t]+")


def _speaking_org(doc: Doc, tokens: list[Token]) -> bool:
    """ "Amnesty International said", "at Human Rights Watch": a name ending in a word no
    person's name ends in, that speaks or is spoken of like a body, is an organization."""
    last = tokens[-1]
    if last.cls == "E" or last.text not in ORG_LAST_WORDS or doc.in_headline(last.start):
        return False
    k = len(tokens) - 1
    while k > 0 and tokens[k - 1].cls in "NX" and tokens[k - 1].text not in ORG_LEADING_NOISE:
        k -= 1
    if k == len(tokens) - 1 or not any(t.cls == "N" for t in tokens[k:]):
        return False
    start, end = tokens[k].start, last.end
    text = doc.text
    if not (
        _AFTER_SPEECH.match(text, end)
        or _BODY_APPOS.match(text, end)
        or _CUE_BEFORE.search(text, max(0, start - 16), start)
    ):
        return False
    doc.add(Hit(start, end, "organization", " ".join(text[start:end].split()), None))
    doc.pattern_end = max(doc.pattern_end, end)
    for t in tokens[k:]:
        t.cls = "E"
    return True


def find_orgs(doc: Doc, tokens: list[Token]) -> None:
    """Mark pattern organizations among a run's tokens (sets their class to E, adds hits)."""
    if _speaking_org(doc, tokens):
        return
    n = len(tokens)
    idx = 0
    while idx < n:
        tok = tokens[idx]
        head = tok.text
        if head not in ORG_HEADS and head[-1:] == "." and head[:-1] in ORG_HEADS:
            head = head[:-1]  # "Angstrem JSC." at a sentence's end
        is_group = head in _GROUP_LAST and _group_head(tokens, idx)
        if is_group and doc.in_headline(tok.start):
            idx += 1
            continue  # "Allies Set Up Task Force": headline words
        if head not in ORG_HEADS and not is_group:
            idx += 1
            continue
        hit_here = doc.by_start.get(tok.start) if tok.cls == "E" else None
        if tok.cls == "E" and not (
            hit_here is not None and hit_here.kind == "organization" and head in EXTENDABLE
        ):
            idx += 1
            continue
        weak = head in WEAK_ORG_HEADS
        if weak and doc.in_headline(tok.start):
            idx += 1
            continue
        # walk left over words that can belong to a name
        k = idx
        while k > 0:
            prev = tokens[k - 1]
            if prev.poss or prev.text in ORG_LEADING_NOISE:
                break
            if prev.text in STRONG_TITLES and not (
                head in ORG_TAILS and k >= 2 and tokens[k - 2].cls == "N"
            ):
                break  # a title ends the name, unless a company's ("Golden Falcon General Trading LLC")
            if prev.cls == "E":
                hit = doc.by_start.get(prev.start)
                if hit is None or hit.end < prev.end:
                    break  # "Moscow-based Angstrem JSC": the place is not part of the name
                if hit.kind not in ("country", "place") and not (
                    weak and hit.kind == "organization"
                ):
                    break
            elif prev.cls not in "NTXP":
                break
            k -= 1
        if weak and not any(t.cls in "NE" for t in tokens[k:idx]):
            idx += 1
            continue  # "Chip Technology", "Advanced Systems": no proper name in it
        # company names run on past their head: "... Electronics Equipment", "... Technology Co."
        last = idx
        while (
            last + 1 < n
            and tokens[last + 1].cls != "E"
            and (tokens[last + 1].text in ORG_TAILS or tokens[last + 1].text in _SECOND_HEADS)
        ):
            last += 1
            if tokens[last].poss:
                break
        if all(tokens[t].text in LEGAL_FORM_WORDS for t in range(k, last + 1)):
            # "Joint Stock Company Kronshtadt": the legal form opens the name
            while last + 1 < n and tokens[last + 1].cls == "N":
                last += 1
        tok = tokens[last]
        start = tokens[k].start
        end = tok.end if hit_here is None or last > idx else hit_here.end
        if head in EXTENDABLE and not tok.poss:
            end = _extend(doc, end, allow_and=hit_here is None)
        if hit_here is not None and end == hit_here.end and _countries_only(doc, tokens[k:idx]):
            idx += 1
            continue  # the gazetteer already has this name ("U.S. Department of the Treasury")
        if k == idx and end == tok.end:
            idx += 1
            continue  # a bare "Ministry" names nothing
        if _PORTFOLIO.search(doc.text, max(0, start - 30), start):
            idx += 1
            continue  # "Assistant Secretary for Export Administration": a portfolio, not a body
        overl = doc.hits_in(start, end)
        if any(h.start < start or h.end > end for h in overl):
            idx += 1
            continue
        for h in overl:
            doc.remove(h)
        suffix = _SUFFIX_NEXT.match(doc.text, end)
        if suffix is not None:
            end = suffix.end()
        if doc.text[end - 1] == "." and not _ends_abbreviated(doc.text, start, end):
            end -= 1  # the sentence's period, not a "Co." or "Ltd."
        name = " ".join(doc.text[start:end].split())
        doc.add(Hit(start, end, "group" if is_group else "organization", name, None))
        doc.pattern_end = max(doc.pattern_end, end)
        j = k
        while j < n and tokens[j].start < end:
            tokens[j].cls = "E"
            j += 1
        idx = j


def _countries_only(doc: Doc, tokens: list[Token]) -> bool:
    """Whether every token is (part of) a country's name: "U.S." before a known body only
    says whose it is, so the body keeps its canonical name."""
    for t in tokens:
        hit = doc.by_start.get(t.start)
        if t.cls != "E" or (hit is not None and hit.kind != "country"):
            return False
    return True


def _ends_abbreviated(text: str, start: int, end: int) -> bool:
    """ "... Electronics Co." and "..., Ltd." keep their period at a sentence's end."""
    return text[start:end].rsplit(None, 1)[-1] in ORG_HEADS_WITH_PERIOD


_PAREN_ACRONYM = re.compile(r"[ \t]*\(([A-Z][A-Z0-9&]{1,9})\)")


def find_acronyms(doc: Doc, known: Callable[[str], object]) -> dict[str, tuple[str, ...]]:
    """ "the Harrow Strategic Trade Institute (HSTI)": the acronym is an alias of a name found
    by pattern, and each later "HSTI" is a mention of it. *known* answers whether the
    gazetteer already gives the acronym a meaning (its own entry wins)."""
    text = doc.text
    if "(" not in text:
        return {}
    aliases: dict[str, tuple[str, ...]] = {}
    for hit in [h for h in doc.hits if h.entry is None and h.kind != "person"]:
        m = _PAREN_ACRONYM.match(text, hit.end)
        if m is None or known(m.group(1)):
            continue
        acronym = m.group(1)
        aliases[hit.name] = (acronym,)
        pos = text.find(acronym)
        while pos >= 0:
            end = pos + len(acronym)
            free = (not pos or not text[pos - 1].isalnum()) and not text[end : end + 1].isalnum()
            if free and not any(h.start < end and pos < h.end for h in doc.hits):
                doc.add(Hit(pos, end, hit.kind, hit.name, None))
            pos = text.find(acronym, end)
    return aliases


_LIST_WORD = re.compile(r"(?:\([^()\n]{0,20}\)|[^.;:()\n])*?\b([A-Z][a-z]+)\b")
_PLURAL_HEADS = (("Departments of", "Department of"), ("Ministries of", "Ministry of"))


def find_plural_heads(doc: Doc, gaz: Gazetteer) -> None:
    """ "the Departments of Commerce (Chair), State, Defense, Energy and the Treasury": each
    listed word names the known body "Department of <word>" (or "of the <word>")."""
    text = doc.text
    for plural, single in _PLURAL_HEADS:
        pos = text.find(plural)
        while pos >= 0:
            cur = pos + len(plural)
            stop = min(len(text), cur + 200)
            for _ in range(8):
                m = _LIST_WORD.match(text, cur, stop)
                if m is None:
                    break
                cur = m.end()
                ws, we = m.span(1)
                word = m.group(1)
                entry = gaz.lookup(f"{single} {word}") or gaz.lookup(f"{single} the {word}")
                if entry is None or entry.kind != "organization":
                    continue
                if not any(h.start < we and ws < h.end for h in doc.hits):
                    doc.add(Hit(ws, we, "organization", entry.name, entry))
            pos = text.find(plural, pos + len(plural))
