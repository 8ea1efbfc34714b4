"""Regulations the gazetteer does not know, found by the shape of their names.

Legal instruments are named on a few fixed patterns: "License Exception ENC", "Executive
Order 14105", "Country Group D:1", "the Section 1260H list", and capitalised titles ending in
a statute word ("... Act", "... Act of 2018", "... Act for Fiscal Year 2021", "... Regulations",
"General Agreement on Tariffs and Trade"). Each pattern opens with a rare literal, so the text
is searched for the literal first (a C-level scan) and the regex runs only there.
"""

from __future__ import annotations

import re

from desktop.extract.doc import Doc, Hit
from desktop.extract.lexicon import HARD_STOP

# (literal to look for, pattern anchored at the literal's position minus its reach)
_FIXED = (
    ("License Exception", re.compile(r"License Exceptions? [A-Z]{3}\b")),
    ("Executive Order", re.compile(r"Executive Order (?:No\. )?\d{4,5}\b")),
    ("Country Group", re.compile(r"Country Groups? [A-E]:\d\b")),
    ("Section", re.compile(r"Section \d{2,4}[A-Z]?(?: [a-z]+)?(?= list\b)(?: list)?")),
)
# A capitalised title ending in a statute word, with "of/on/for/and/the/to" inside it.
_WORD = r"[A-Z][\w'’.-]*"
_TITLE_BEFORE = re.compile(
    r"(?:" + _WORD + r"[ \t]+(?:(?:of|on|for|and|the|to|in|&)[ \t]+)*){1,9}$"
)
_HEADS = ("Act", "Regulations", "Agreement", "Treaty", "Convention")
_AFTER_HEAD = re.compile(
    r"(?:[ \t]+(?:of|on|for)[ \t]+(?:the[ \t]+)?(?:(?:Fiscal[ \t]+Year[ \t]+)?\d{4}\b|"
    + _WORD
    + r"(?:[ \t]+(?:(?:and|of|the)[ \t]+)*"
    + _WORD
    + r")*))?"
)
_LEAD_NOISE = HARD_STOP - frozenset(["General", "National", "International", "Foreign"])


# "Council Regulation (EU) 2023/1214", "COMMISSION IMPLEMENTING REGULATION (EU) No 2021/821"
_EU_ACT = re.compile(
    r"(?i:(?:(?:council|commission)[ \t]+)?(?:(?:implementing|delegated)[ \t]+)?"
    r"(?:regulation|directive|decision))[ \t]+\((?:EU|EC|EEC|Euratom|CFSP)\)[ \t]+"
    r"(?:No[ \t]+)?\d{1,4}/\d{1,4}(?:/[A-Z]+)?\b"
)


def _eu_act_name(surface: str) -> str:
    """ "COUNCIL REGULATION (EU) 2023/1214" -> "Council Regulation (EU) 2023/1214"."""
    return " ".join(w if w.startswith("(") or any(c.isdigit() for c in w) or w == "No"
                    else w.capitalize() for w in surface.split())  # fmt: skip


def _head_first(text: str, hs: int, he: int) -> tuple[int, int] | None:
    """ "the Treaty on the Functioning of the European Union": a treaty or convention named
    by what follows its head."""
    if text[hs:he] not in ("Treaty", "Convention"):
        return None
    tail = _AFTER_HEAD.match(text, he)
    if tail is None or tail.end() == he:
        return None
    end = tail.end() - (text[tail.end() - 1] == ".")
    return hs, end


def find_regulations(doc: Doc) -> None:
    """Add pattern regulations to *doc* (before :meth:`Doc.freeze`): a pattern name wins over
    shorter non-regulation hits inside it and yields to a known regulation it overlaps."""
    text = doc.text
    found: list[tuple[int, int]] = []
    for literal, rx in _FIXED:
        pos = text.find(literal)
        while pos >= 0:
            m = rx.match(text, pos)
            if m is not None:
                end = m.end()
                if text.startswith(" list", end) and literal == "Section":
                    end += 5
                found.append((pos, end))
            pos = text.find(literal, pos + len(literal))
    for head in _HEADS:
        pos = text.find(head)
        while pos >= 0:
            hs, he = pos, pos + len(head)
            pos = text.find(head, he)
            if (hs and text[hs - 1] != " ") or text[he : he + 1].isalnum():
                continue  # not a word of its own ("Acts", "React")
            if doc.in_headline(hs):
                continue  # "Senate Passes Chip Security Act": the body names it properly
            span = _titled(text, hs, he)
            if span is not None:
                found.append(span)
    names: dict[tuple[int, int], str] = {}
    if "(E" in text or "(CFSP)" in text:
        for m in _EU_ACT.finditer(text):
            found.append(m.span())
            names[m.span()] = _eu_act_name(m.group())
    for s, e in sorted(found):
        inside = [h for h in doc.hits if h.start < e and s < h.end]
        if any(h.kind == "regulation" or h.start < s or h.end > e for h in inside):
            continue
        for h in inside:
            if h.kind not in ("country", "place"):  # "U.S.-Mexico-Canada Agreement" names them
                doc.remove(h)
        doc.add(Hit(s, e, "regulation", names.get((s, e)) or " ".join(text[s:e].split()), None))


def _titled(text: str, hs: int, he: int) -> tuple[int, int] | None:
    """The capitalised title that ends in the head word at ``[hs, he)``, or None."""
    m = _TITLE_BEFORE.search(text, max(0, hs - 120), hs)
    if m is None:
        return _head_first(text, hs, he)
    words = text[m.start() : hs].split()
    skip = 0
    while skip < len(words) and (words[skip] in _LEAD_NOISE or not words[skip][0].isupper()):
        skip += 1  # "The", "Under": sentence openers, not part of the title
    if skip == len(words):
        return _head_first(text, hs, he)
    start = m.start()
    for w in words[:skip]:
        start = text.index(w, start) + len(w)
    start = text.index(words[skip], start)
    end = he
    tail = _AFTER_HEAD.match(text, he)
    if tail is not None and tail.end() > he:
        end = tail.end()
        if text[end - 1] == ".":
            end -= 1  # the sentence's period
    if len(words) - skip < 1 or (text[hs:he] == "Agreement" and end == he):
        return None  # "the Paris Agreement" is known; a bare "Trade Agreement" is not a name
    return start, end
