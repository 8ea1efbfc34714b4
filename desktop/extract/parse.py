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
from desktop.extract.meta import Dateline, find_byline, find_dateline, front_matter, place_name
from desktop.extract.types import ParsedArticle

TITLE_MAX = 300
HEADER_LINES = 6
MARKDOWN = (".md", ".markdown")

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


def _header_date(lines: list[str], ref_date: date | None) -> date | None:
    """A "Date: ..." header or a line that is only a date, near the top."""
    for line in lines[:HEADER_LINES]:
        m = _DATE_HEADER.match(line)
        if m:
            found = find_date(m["rest"], ref_date=ref_date)
            if found:
                return found
    for line in lines[1 : HEADER_LINES + 2]:
        stripped = line.strip()
        if stripped and len(stripped) <= 40:  # a line that is only a date
            found = find_date(stripped)
            if (
                found
                and len(_ISO.sub("", _MDY.sub("", _DMY.sub("", stripped))).strip(" ,.-")) <= 12
            ):
                return found
    return None


_YEAR = re.compile(r"(?<![0-9])(?:19|20)[0-9]{2}(?![0-9])")
_ISO_START = re.compile(r"((?:19|20)\d{2})-(\d{2})-(\d{2})")


def _dateline_date(
    line: Dateline, ref_date: date | None, text: str
) -> tuple[date | None, str | None]:
    """The dateline's date and where its year came from: the dateline, the ID, else the
    article's other full dates (the first one written with a year)."""
    if not line.date_text:
        return None, None
    found = find_date(line.date_text)
    if found:
        return found, "dateline"
    if ref_date is not None:
        found = find_date(line.date_text, ref_date=ref_date)
        return (found, "dateline-id") if found else (None, None)
    for year in _YEAR.finditer(text, 0, 20_000):  # a year is rare: look for a date only there
        m = _MDY.search(text, max(0, year.start() - 24), year.end())
        if m and m["year"]:
            found = find_date(line.date_text, ref_date=date(int(m["year"]), 1, 1))
            return (found, "dateline-text") if found else (None, None)
    return None, None


def _page_date(value: str | None) -> date | None:
    """A date from the page's metadata: ISO 8601 ("2023-01-27T08:30:00Z") or written out."""
    if not value:
        return None
    iso = _ISO_START.match(value.strip())
    if iso:
        return _make(int(iso[1]), int(iso[2]), int(iso[3]))
    return find_date(value)


def _title_and_body(text: str, lines: list[str], header_idx: int | None) -> tuple[str, str]:
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
            return title, body
        offset += len(line) + 1
    return "", ""


def parse(text: str, filename: str = "", page: dict[str, str] | None = None) -> ParsedArticle:
    """Split *text* into title and body and read its ID, date, outlet and dateline; never
    raises on a str.

    ``ParsedArticle.text`` is the text as stored: the title line, one line break, the body
    (leading blank lines, the blank line after the title and Markdown front matter gone), so
    the offsets extraction finds in it are the offsets the reader shows. *page* holds what an
    HTML page's head said (see :func:`desktop.extract.htmltext.html_meta`).
    """
    if not isinstance(text, str):
        text = ""
    raw = text
    fields, after = front_matter(text) if filename.lower().endswith(MARKDOWN) else ({}, 0)
    if after:
        text = text[after:]
    page = {**(page or {}), **fields}
    lines = text.split("\n", HEADER_LINES + 4)
    ref, header_idx = _own_ref(lines, filename)
    title, body = _title_and_body(text, lines, header_idx)
    if filename.lower().endswith(MARKDOWN) and title.startswith("#"):
        title = title.lstrip("#").strip() or title
    if fields.get("title"):
        if title and title != fields["title"]:
            body = f"{title}\n{body}" if body else title
        title = fields["title"][:TITLE_MAX]
    stored = f"{title}\n{body}" if body else title
    ref_date = id_date(ref) if ref else None
    dateline = find_dateline(stored, len(title) + 1) if body else None
    published: date | None = _page_date(fields.get("published") or fields.get("date"))
    published_from = "front-matter" if published else None
    if published is None:
        published = _page_date(page.get("published") or page.get("date"))
        published_from = "page" if published else None
    if published is None:
        published = _header_date(lines, ref_date)
        published_from = "page" if published else None
    if published is None and dateline is not None:
        published, published_from = _dateline_date(dateline, ref_date, body)
    if published is None and ref_date is not None:
        published, published_from = ref_date, "id"
    source = page.get("source") or page.get("site_name") or page.get("publisher")
    if not source and dateline is not None:
        source = dateline.outlet
    byline = page.get("author") or page.get("byline") or find_byline(body.split("\n", 4)[:4])
    return ParsedArticle(
        text=stored,
        title=title,
        body=body,
        ref=ref,
        published=published,
        published_from=published_from,
        source=source[:200] if source else None,
        dateline=place_name(dateline.place) if dateline is not None else None,
        byline=byline[:200] if byline else None,
        raw=raw,
    )
