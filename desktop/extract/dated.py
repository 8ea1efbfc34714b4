"""Dated statements: the sentences of an article that say when something happened.

"Officials met in Washington on Nov. 10, the ministry said." is an event of Nov. 10, not of
the day the article came out. A statement is a sentence with an explicit calendar date in it
(month and day, with or without a year; an ISO date); weekdays ("on Wednesday") and vague
times ("last month") are left out, because a guessed date is worse than none.

A date without a year takes its year from the article's published date: the same year, unless
that puts it more than half a year after the article (a January article's "Dec. 20" is last
December). Without a published date such a date is not resolved and the sentence is skipped.
The dateline's own date ("SEOUL, Nov. 30, 2022 (Trade Wire) -") is the article's date, not a
statement. Offsets point into the stored text, like evidence; the sentence is read through the
same text view as extraction, so a hard-wrapped sentence is whole.

Pure and linear: one regex pass over the text, a sentence lookup per date found.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from desktop.extract.lexicon import MONTHS
from desktop.extract.meta import find_dateline
from desktop.extract.sentences import ViewSentences
from desktop.extract.textview import TextView

#: a yearless date further than this after the published date belongs to the year before
LOOK_AHEAD = timedelta(days=183)
SENTENCE_MAX = 600  # characters of a sentence kept in an event

_MONTH_NAMES = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
# Two patterns, each opening with a character set, which lets the regex engine skip ahead
# (a leading \b or a group of alternatives would try every position: 6x slower). Month names
# are capitalised here (unlike the header parser): "may 5" is not a date.
_MONTH_FIRST = re.compile(
    r"(?P<mon>[JFMASOND][a-z]{2,8})\.?[ \t]+(?P<day>[0-3]?[0-9])(?:st|nd|rd|th)?(?![0-9:])"
    r"(?:,?[ \t]+(?P<year>(?:19|20)[0-9]{2})(?![0-9]))?"
)
_NUMBER_FIRST = re.compile(
    r"(?P<num>[0-9][0-9]{0,3})(?:[ \t]+(?P<dmon>" + _MONTH_NAMES + r"),?[ \t]+"
    r"(?P<dyear>(?:19|20)[0-9]{2})|-(?P<imon>[01][0-9])-(?P<iday>[0-3][0-9]))(?![0-9])"
)
_MONTH_WORD = re.compile(_MONTH_NAMES + r"$")
_DASH = re.compile(r"[ \t](?:-{1,2}|–|—)[ \t]")


@dataclass(frozen=True, slots=True)
class DatedStatement:
    """One sentence and the date it states; ``start``/``end`` are stored-text offsets."""

    date: date
    start: int
    end: int
    sentence: str
    written: str  # the date as written ("Nov. 10")
    year_given: bool  # False: the year came from the published date


def _found(m: re.Match[str]) -> tuple[int, int, int | None] | None:
    """(month, day, year or None) of a match, or None when it is not a date."""
    text = m.string
    if m.start() and (text[m.start() - 1].isalnum() or text[m.start() - 1] == "-"):
        return None  # inside a word or a number
    groups = m.groupdict()
    if "mon" in groups:
        if not _MONTH_WORD.match(m["mon"]):
            return None
        return MONTHS[m["mon"].lower()], int(m["day"]), int(m["year"]) if m["year"] else None
    num = m["num"]
    if m["imon"]:
        if len(num) != 4 or num[:2] not in ("19", "20"):
            return None
        return int(m["imon"]), int(m["iday"]), int(num)
    if len(num) > 2:
        return None
    return MONTHS[m["dmon"].lower()], int(num), int(m["dyear"])


def _resolve(parts: tuple[int, int, int | None], published: date | None) -> date | None:
    month, day, year = parts
    try:
        if year is not None:
            return date(year, month, day)
        if published is None:
            return None
        found = date(published.year, month, day)
        if found - published > LOOK_AHEAD:
            found = date(published.year - 1, month, day)
        return found
    except ValueError:  # Feb. 30, a leap day in the wrong year
        return None


def _dateline_end(text: str, body_start: int) -> int:
    """Where the dateline ends (0 without a dated dateline): dates before it are the
    article's date, already its published date, and the sentence after it starts there."""
    line = find_dateline(text, body_start)
    if line is None or not line.date_text:
        return 0
    nl = text.find("\n", line.start)
    dash = _DASH.search(text, line.start, len(text) if nl < 0 else nl)
    return dash.end() if dash else line.end + len(line.date_text) + 4


def dated_statements(
    text: str, *, published: date | None, body_start: int = 0
) -> list[DatedStatement]:
    """The dated sentences of *text* (the stored text: title line, line break, body), one per
    sentence (its first date), in text order. *body_start* is where the body begins."""
    if not text:
        return []
    view = TextView(text)
    skip = _dateline_end(text, body_start) if body_start else 0
    finder: ViewSentences | None = None
    out: list[DatedStatement] = []
    last_end = -1
    matches = sorted(
        (*_MONTH_FIRST.finditer(view.text), *_NUMBER_FIRST.finditer(view.text)),
        key=lambda m: m.start(),
    )
    for m in matches:
        at = view.source_offset(m.start())
        if at < skip or at < last_end:
            continue
        parts = _found(m)
        when = _resolve(parts, published) if parts is not None else None
        if parts is None or when is None:
            continue
        year_given = parts[2] is not None
        if finder is None:
            finder = ViewSentences(view)
        start, end, sentence = finder.sentence(at)
        if start < skip:  # the first sentence, after its dateline
            start, sentence = skip, view.words(skip, end)
        if end <= start:
            continue
        last_end = end
        sentence = " ".join(sentence.split())
        if len(sentence) > SENTENCE_MAX:
            sentence = sentence[: SENTENCE_MAX - 1].rstrip() + "…"
        out.append(DatedStatement(when, start, end, sentence, m.group(0), year_given))
    return out


__all__ = ["DatedStatement", "dated_statements"]
