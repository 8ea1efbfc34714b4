"""Markup helpers for the detail views. Article text is untrusted input: every piece of text
goes through ``esc`` and only our own tags are added around it."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from datetime import date, datetime

from desktop.services.dto import CaseRef, ItemRef
from desktop.ui.icons import DEFAULT_COLOR, KIND_COLORS, KIND_LABELS

ITEM_SCHEME = "item"
CASE_SCHEME = "case"

#: QTextDocument's CSS subset: spacing, colours and weights only
DOCUMENT_CSS = """
body { color: #1f2933; }
p.title { font-size: 15pt; font-weight: 600; margin-top: 2px; margin-bottom: 4px; line-height: 120%; }
p.section { font-size: 8pt; font-weight: 600; color: #5a6270; margin-top: 18px; margin-bottom: 6px; }
p { margin-top: 0px; margin-bottom: 10px; line-height: 145%; }
p.meta { color: #5a6270; font-size: 9pt; margin-bottom: 14px; }
p.kind { color: #5a6270; font-size: 9pt; margin-bottom: 0px; }
p.note { color: #8a6d1f; background-color: #fff8e1; padding: 6px; }
p.empty { color: #8a8f98; }
p.sentence { color: #3e4652; margin-left: 14px; margin-bottom: 8px; }
li { margin-bottom: 4px; }
a { color: #2b6cb0; text-decoration: none; }
span.muted { color: #8a8f98; }
"""


def esc(text: object) -> str:
    return html.escape(str(text), quote=True)


#: a run of this many characters without a break opportunity gets one (a zero-width space)
BREAK_EVERY = 64
ZWSP = "\u200b"
_LONG_RUN = re.compile(r"[^\s\u200b]{" + str(BREAK_EVERY + 1) + ",}")


def breakable(text: str) -> str:
    """``text`` with a zero-width space every BREAK_EVERY characters of any unbroken run:
    Qt lays out a paragraph with no break opportunity in quadratic time (one 100 KB word:
    3 s in setHtml; 1 MB: over 280 s). Display only; the stored text is untouched."""

    def split(match: re.Match[str]) -> str:
        run = match.group()
        return ZWSP.join(run[i : i + BREAK_EVERY] for i in range(0, len(run), BREAK_EVERY))

    return _LONG_RUN.sub(split, text)


def esc_text(text: str) -> str:
    """Article text for display: escaped, with long unbroken runs made breakable."""
    return esc(breakable(text))


#: an evidence sentence longer than this is shortened on the entity page (a one-line
#: article is one "sentence" of megabytes)
EXCERPT_LIMIT = 600


def esc_excerpt(text: str) -> str:
    """A sentence quoted on a page: escaped, breakable, at most EXCERPT_LIMIT characters."""
    if len(text) > EXCERPT_LIMIT:
        text = text[: EXCERPT_LIMIT - 1] + "…"
    return esc_text(text)


def item_href(item_id: int) -> str:
    return f"{ITEM_SCHEME}:{int(item_id)}"


def case_href(case_id: int) -> str:
    return f"{CASE_SCHEME}:{int(case_id)}"


def kind_color(kind: str) -> str:
    return KIND_COLORS.get(kind, DEFAULT_COLOR)


def tint(hex_color: str, amount: float = 0.86) -> str:
    """The colour mixed with white: a highlight background that keeps text readable."""
    value = hex_color.lstrip("#")
    r, g, b = (int(value[i : i + 2], 16) for i in (0, 2, 4))
    mix = [round(c + (255 - c) * amount) for c in (r, g, b)]
    return "#" + "".join(f"{c:02x}" for c in mix)


def item_link(ref: ItemRef, *, muted: bool = False) -> str:
    style = "color:#8a8f98;" if muted else f"color:{kind_color(ref.kind)};"
    return f'<a href="{item_href(ref.id)}" style="{style}">{esc(ref.name)}</a>'


def kind_label(kind: str) -> str:
    return KIND_LABELS.get(kind, kind.capitalize())


def fmt_date(value: date | datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return value.isoformat()


def published_text(value: date | None, source: str | None) -> str:
    """ "2022-11-30 (from the dateline)": a published date with where it came from."""
    from desktop.extract.meta import DATE_SOURCES  # loaded on first use, not at start-up

    if value is None:
        return ""
    said = DATE_SOURCES.get(source or "")
    return f"{value.isoformat()} ({said})" if said else value.isoformat()


def cases_section(cases: Iterable[CaseRef]) -> str:
    cases = list(cases)
    if not cases:
        return ""
    links = ", ".join(
        f'<a href="{case_href(c.id)}">{esc(c.title)}</a>'
        + (f' <span class="muted">({esc(c.status)})</span>' if c.status != "open" else "")
        for c in cases
    )
    return f"<p class='section'>IN CASE FILES</p><p>{links}</p>"


def document(body: str) -> str:
    return f"<html><head><style>{DOCUMENT_CSS}</style></head><body>{body}</body></html>"
