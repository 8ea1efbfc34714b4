"""Markup helpers for the detail views. Article text is untrusted input: every piece of text
goes through ``esc`` and only our own tags are added around it."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from datetime import date, datetime
from string import Template

from desktop.services.dto import CaseRef, ItemRef
from desktop.ui import theme
from desktop.ui.icons import KIND_LABELS

ITEM_SCHEME = "item"
CASE_SCHEME = "case"

#: QTextDocument's CSS subset: spacing, colours (the theme's: ``$name``) and weights only.
#: Font sizes are keywords, relative to the reader's font, so they follow the system's size.
DOCUMENT_CSS = Template("""
body { color: $text; }
p.title { font-size: x-large; font-weight: 600; margin-top: 2px; margin-bottom: 4px; line-height: 120%; }
p.section { font-size: small; font-weight: 600; color: $muted; margin-top: 18px; margin-bottom: 6px; }
p { margin-top: 0px; margin-bottom: 10px; line-height: 145%; }
p.meta { color: $muted; font-size: small; margin-bottom: 14px; }
p.kind { color: $muted; font-size: small; margin-bottom: 0px; }
p.note { color: $note_text; background-color: $note_bg; padding: 6px; }
p.empty { color: $muted; }
p.sentence { color: $text; margin-left: 14px; margin-bottom: 8px; }
li { margin-bottom: 4px; }
a { color: $accent; text-decoration: none; }
span.muted { color: $muted; }
""")


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
    """The kind's colour as text, in the theme on now."""
    return theme.current().kind(kind)


def highlight_colours(kind: str) -> tuple[str, str]:
    """(text, background) of a mention of this kind: 4.5:1 in either theme."""
    return theme.current().highlight(kind)


def muted_color() -> str:
    return theme.current().muted


def item_link(ref: ItemRef, *, muted: bool = False) -> str:
    style = f"color:{muted_color()};" if muted else f"color:{kind_color(ref.kind)};"
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
    css = DOCUMENT_CSS.substitute({k: v for k, v in vars(theme.current()).items()
                                   if isinstance(v, str)})  # fmt: skip
    return f"<html><head><style>{css}</style></head><body>{body}</body></html>"
