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

_MON = (
    r"(?P<mon>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
# month names are capitalised here (unlike the header parser): "may 5" is not a date
_DATE = re.compile(
    r"\b(?:"
    + _MON
    + r"[ \t]+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?![\d:])(?:,?[ \t]+(?P<year>(?:19|20)\d{2}))?"
    r"|(?P<dday>[0-3]?\d)[ \t]+(?P<dmon>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May"
    r"|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
    r",?[ \t]+(?P<dyear>(?:19|20)\d{2})"
    r"|(?P<iyear>(?:19|20)\d{2})-(?P<imon>[01]\d)-(?P<iday>[0-3]\d)"
    r")\b"
)
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


def _resolve(m: re.Match[str], published: date | None) -> tuple[date | None, bool]:
    try:
        if m["iyear"]:
            return date(int(m["iyear"]), int(m["imon"]), int(m["iday"])), True
        if m["dyear"]:
            month = MONTHS[m["dmon"].lower()]
            return date(int(m["dyear"]), month, int(m["dday"])), True
        month = MONTHS[m["mon"].lower()]
        if m["year"]:
            return date(int(m["year"]), month, int(m["day"])), True
        if published is None:
            return None, False
        found = date(published.year, month, int(m["day"]))
        if found - published > LOOK_AHEAD:
            found = date(published.year - 1, month, int(m["day"]))
        return found, False
    except (ValueError, KeyError):  # Feb. 30, a leap day in the wrong year
        return None, False


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
    for m in _DATE.finditer(view.text):
        at = view.source_offset(m.start())
        if at < skip or at < last_end:
            continue
        when, year_given = _resolve(m, published)
        if when is None:
            continue
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
