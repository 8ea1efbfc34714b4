"""Article IDs: ten digits, YYMMDD plus a four-digit sequence ("2211300012").

The date part must be a real calendar date, which keeps phone numbers, ECCN-free digit runs
and amounts ("1000000000") out.
"""

from __future__ import annotations

import re
from datetime import date

from desktop.extract.types import Citation

ARTICLE_ID = re.compile(r"(?<![0-9])[0-9]{10}(?![0-9])")


def id_date(ref: str) -> date | None:
    """The calendar date an article ID encodes (20YY), or None if it is not a valid ID."""
    if len(ref) != 10 or not ref.isdigit():
        return None
    try:
        return date(2000 + int(ref[0:2]), int(ref[2:4]), int(ref[4:6]))
    except ValueError:
        return None


def is_article_id(ref: str) -> bool:
    return id_date(ref) is not None


def citations_from_numbers(
    text: str, spans: list[tuple[int, int]], own_ref: str | None
) -> list[Citation]:
    """Citations from candidate digit-run spans already found by the main scan."""
    out: list[Citation] = []
    for start, end in spans:
        ref = text[start:end]
        if ref == own_ref or id_date(ref) is None:
            continue
        out.append(Citation(ref, start, end))
    return out


def find_citations(text: str, own_ref: str | None = None) -> list[Citation]:
    """Every plausible article ID in *text*, in order, except *own_ref*."""
    spans = [m.span() for m in ARTICLE_ID.finditer(text)]
    return citations_from_numbers(text, spans, own_ref)
