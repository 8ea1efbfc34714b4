"""What an article says about itself: dateline, outlet, byline, Markdown front matter.

A wire dateline ("SEOUL, Nov. 30 (Trade Wire) -", "WASHINGTON, March 3 -", "BERLIN (AP) —")
opens the first paragraph: its place is a place the article mentions, its date and outlet
belong to the article. A dateline has a date or an outlet in parentheses, and a place of one
to four capitalised words; anything else at the start of a paragraph is just text.

Where a published date came from is kept beside it (``published_from``), as one of the codes
in :data:`DATE_SOURCES`, so the reader can say "from the dateline (year from the ID)".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: published_from codes and how the window and print say them
DATE_SOURCES = {
    "dateline": "from the dateline",
    "dateline-id": "from the dateline (year from the ID)",
    "dateline-text": "from the dateline (year from the article's other dates)",
    "page": "from the page",
    "front-matter": "from the front matter",
    "id": "from the ID",
    "user": "set by you",
}

_DASH = r"(?:-{1,2}|–|—)"
# place[, region][, date][ (outlet)] dash: at the start of a line, after optional indentation
_DATELINE = re.compile(
    r"[ \t]*(?P<place>[A-Z][A-Za-z.'’]*(?:[ -][A-Z][A-Za-z.'’]*){0,3})"
    r"(?P<rest>(?:,[ \t]*[^,()\n–—]{2,30}?){0,2})"
    r"[ \t]*(?:\((?P<outlet>[^()\n]{1,40})\))?"
    r"[ \t]*" + _DASH + r"[ \t]"
)
_MONTH_DAY = re.compile(
    r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?[ \t]+\d{1,2}\b"
)
_BYLINE = re.compile(r"[ \t]*By[ \t]+(?P<name>[A-Z][\w.'’-]+(?:[ \t]+[A-Z][\w.'’-]+){0,3})[ \t]*$")
_FRONT_KEY = re.compile(r"(?P<key>[A-Za-z_][\w-]*)[ \t]*:[ \t]*(?P<value>.*)$")
#: lines after the headline where a dateline or byline may stand
META_LINES = 10
#: a line this short that does not end a sentence is a header line ("FOR IMMEDIATE RELEASE",
#: "Press Release JY-2271", "Date: 2024-04-18", an office's name), not the first paragraph
_HEADER_LINE_MAX = 100
_SENTENCE_END = (".", "!", "?", '"', "”", "’", ":")


@dataclass(frozen=True, slots=True)
class Dateline:
    place: str  # as written ("SEOUL")
    start: int  # the place's span in the text
    end: int
    date_text: str  # "Nov. 30", "Nov. 30, 2022", or ""
    outlet: str | None


def find_dateline(text: str, start: int) -> Dateline | None:
    """The dateline opening one of the first lines of ``text[start:]``, if there is one."""
    pos = start
    for _ in range(META_LINES):
        nl = text.find("\n", pos)
        end = len(text) if nl < 0 else nl
        if text[pos:end].strip():
            found = _dateline_at(text, pos, end)
            if found is not None:
                return found
            if not _BYLINE.match(text, pos, end) and not _header_line(text[pos:end].strip()):
                return None  # the first paragraph started without one
        if nl < 0:
            return None
        pos = nl + 1
    return None


def _header_line(line: str) -> bool:
    """A date, a release line or an office's name above the first paragraph."""
    if _MONTH_DAY.match(line):
        return True
    return len(line) <= _HEADER_LINE_MAX and not line.endswith(_SENTENCE_END) and ". " not in line


def _dateline_at(text: str, pos: int, end: int) -> Dateline | None:
    m = _DATELINE.match(text, pos, min(end, pos + 120))
    if m is None:
        return None
    rest = m["rest"]
    dated = _MONTH_DAY.search(rest)
    place = m["place"].rstrip(".")
    if dated is None and not m["outlet"] and not (place.isupper() and len(place) >= 4):
        return None  # "WASHINGTON —" is a dateline; "Critics -" is not
    words = place.split()
    if not words or any(w in ("The", "A", "An", "In", "On") for w in words[:1]):
        return None
    date_text = rest[dated.start() :].strip(" ,") if dated is not None else ""
    outlet = " ".join(m["outlet"].split()) if m["outlet"] else None
    return Dateline(place, m.start("place"), m.start("place") + len(place), date_text, outlet)


def place_name(place: str) -> str:
    """ "NEW YORK" -> "New York"; a place written in capitals gets its usual case."""
    if not place.isupper():
        return place
    return " ".join(w if len(w) <= 2 and "." in w else w.capitalize() for w in place.split())


def find_byline(lines: list[str]) -> str | None:
    """ "By Jane Doe" on a line of its own near the top."""
    for line in lines:
        m = _BYLINE.match(line)
        if m:
            return m["name"]
    return None


def front_matter(text: str) -> tuple[dict[str, str], int]:
    """Markdown front matter (``---`` ``key: value`` lines ``---``) at the very start: the
    fields (keys lower-cased, quotes removed) and where the text after it starts."""
    if not text.startswith("---\n"):
        return {}, 0
    close = text.find("\n---", 3, 4096)
    if close < 0:
        return {}, 0
    after = text.find("\n", close + 4)
    fields: dict[str, str] = {}
    for line in text[4:close].split("\n"):
        m = _FRONT_KEY.match(line.strip())
        if m and m["value"].strip():
            fields.setdefault(m["key"].lower(), m["value"].strip().strip("'\"").strip())
    return fields, (len(text) if after < 0 else after + 1)
