"""Article fields from text: title, body, the article's own ID and its publication date.

The own ID comes only from places that describe the article itself (its file name, a header
line such as "ID: 2211300012"), never from the body, where IDs are citations of other
articles. The date comes from a header or dateline in the first lines, else from the own ID's
YYMMDD; a guessed date is worse than none, so a dateline without a year ("WASHINGTON, Nov. 30
(Reuters) -") only counts when the ID supplies the year.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import PurePath

from desktop.extract.citations import id_date
from desktop.extract.lexicon import MONTHS
from desktop.extract.types import ParsedArticle

TITLE_MAX = 300
HEADER_LINES = 6

_ID_IN_NAME = re.compile(r"(?<![0-9])([0-9]{10})(?![0-9])")
_ID_HEADER = re.compile(
    r"^\s*(?:(?:article|doc(?:ument)?|story|ref(?:erence)?)?\s*(?:id|no\.?|number|#)?\s*[:#]?\s*)"
    r"([0-9]{10})\s*$",
    re.IGNORECASE,
)
_DATE_HEADER = re.compile(
    r"^\s*(?:date|dated|published|publication date|posted|updated)\s*[:\-]\s*(?P<rest>.+)$",
    re.IGNORECASE,
)
_MONTH = r"(?P<mon>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
_MDY = re.compile(
    _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(?P<year>(?:19|20)\d{2}))?\b",
    re.IGNORECASE,
)
_DMY = re.compile(
    r"\b(?P<day>\d{1,2})\s+" + _MONTH + r",?\s+(?P<year>(?:19|20)\d{2})\b", re.IGNORECASE
)
_ISO = re.compile(r"\b(?P<year>(?:19|20)\d{2})-(?P<mon>\d{1,2})-(?P<day>\d{1,2})\b")
_US_NUM = re.compile(r"\b(?P<mon>\d{1,2})/(?P<day>\d{1,2})/(?P<year>(?:19|20)\d{2})\b")
# "WASHINGTON, Nov. 30 (Reuters) -", "SEOUL, Dec 1 (Yonhap) --", "BRUSSELS, Nov. 30, 2022 -"
_DATELINE = re.compile(
    r"^[A-Z][A-Za-z .'-]{1,40},\s+(?P<date>[^()\n]{3,30}?)\s*(?:\([^)\n]{1,30}\))?\s*[-–—]"
)


def _make(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def find_date(s: str, *, ref_date: date | None = None) -> date | None:
    """A date written in *s*; a month and day without a year need *ref_date* for the year."""
    m = _ISO.search(s)
    if m:
        return _make(int(m["year"]), int(m["mon"]), int(m["day"]))
    for rx in (_MDY, _DMY):
        m = rx.search(s)
        if m:
            month = MONTHS.get(m["mon"].lower().rstrip("."))
            if month is None:
                continue
            year = m["year"] if "year" in m.groupdict() else None
            if year:
                return _make(int(year), month, int(m["day"]))
            if ref_date is not None:
                return _make(ref_date.year, month, int(m["day"]))
            return None
    num = _US_NUM.search(s)
    if num:
        return _make(int(num["year"]), int(num["mon"]), int(num["day"]))
    return None


def _own_ref(lines: list[str], filename: str) -> tuple[str | None, int | None]:
    """(ID, index of the header line that gave it, if any)."""
    if filename:
        stem = PurePath(filename.replace("\\", "/")).name
        for m in _ID_IN_NAME.finditer(stem):
            if id_date(m.group(1)):
                return m.group(1), None
    for i, line in enumerate(lines[:HEADER_LINES]):
        hm = _ID_HEADER.match(line)
        if hm and id_date(hm.group(1)):
            return hm.group(1), i
    return None, None


def _published(lines: list[str], ref: str | None) -> date | None:
    ref_date = id_date(ref) if ref else None
    for line in lines[:HEADER_LINES]:
        m = _DATE_HEADER.match(line)
        if m:
            found = find_date(m["rest"], ref_date=ref_date)
            if found:
                return found
    for line in lines[1 : HEADER_LINES + 2]:
        stripped = line.strip()
        if not stripped:
            continue
        if len(stripped) <= 40:  # a line that is only a date
            found = find_date(stripped)
            if (
                found
                and len(_ISO.sub("", _MDY.sub("", _DMY.sub("", stripped))).strip(" ,.-")) <= 12
            ):
                return found
        m = _DATELINE.match(stripped)
        if m:
            found = find_date(m["date"], ref_date=ref_date)
            if found:
                return found
    return ref_date


def parse(text: str, filename: str = "") -> ParsedArticle:
    """Split *text* into title and body and read its ID and date; never raises on a str."""
    if not isinstance(text, str):
        text = ""
    lines = text.split("\n", HEADER_LINES + 4)
    ref, header_idx = _own_ref(lines, filename)
    title = ""
    body = ""
    offset = 0
    for i, line in enumerate(lines):
        if line.strip() and i != header_idx:
            title = line.strip()
            rest = text[offset + len(line) + 1 :] if offset + len(line) < len(text) else ""
            if len(title) > TITLE_MAX:
                cut = title.rfind(" ", 0, TITLE_MAX)
                body = text[offset:].strip()
                title = title[: cut if cut > TITLE_MAX // 2 else TITLE_MAX].rstrip() + "…"
            else:
                body = rest.strip("\n")
            break
        offset += len(line) + 1
    return ParsedArticle(
        text=text, title=title, body=body, ref=ref, published=_published(lines, ref)
    )
