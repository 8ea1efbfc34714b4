"""The article reader: the text with every mention highlighted in its entity's kind colour,
the metadata line, citations both ways and the cases holding the article.

The text is untrusted: it is escaped piece by piece and only our own <a>/<span> markup is put
around the mention spans. Clicking a mention, a citation or a case emits its id.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QWidget

from desktop.services.dto import ArticleView, ItemRef, MentionSpan
from desktop.ui.detail.browser import ItemBrowser, activate
from desktop.ui.detail.html import (
    cases_section,
    document,
    esc,
    esc_text,
    fmt_date,
    highlight_colours,
    item_href,
    item_link,
    kind_label,
    published_text,
)

#: the reader lays out at most this much of an article (about 0.7 s of setHtml); the whole
#: text stays stored, searchable and exportable
DISPLAY_LIMIT = 300_000
TITLE_LIMIT = 1_000
REJECTED = "rejected"
CONFIRMED = "confirmed"


def _mention_markup(text: str, mention: MentionSpan) -> str:
    color, background = highlight_colours(mention.entity.kind)
    weight = "font-weight:600;" if mention.status == CONFIRMED else ""
    tip = f"{mention.entity.name} — {kind_label(mention.entity.kind)} ({mention.status})"
    return (
        f'<a href="{item_href(mention.entity.id)}" title="{esc(tip)}" '
        f'style="color:{color}; background-color:{background}; {weight}">{esc_text(text)}</a>'
    )


def highlight(text: str, mentions: Sequence[MentionSpan], start: int, end: int) -> str:
    """Markup for text[start:end] with the mentions inside it; overlaps keep the first."""
    out: list[str] = []
    pos = start
    for m in sorted(mentions, key=lambda m: (m.start, -m.end)):
        if m.status == REJECTED or m.end <= pos or m.start >= end:
            continue
        s, e = max(m.start, pos), min(m.end, end)
        if s < pos:
            continue
        out.append(esc_text(text[pos:s]))
        out.append(_mention_markup(text[s:e], m))
        pos = e
    out.append(esc_text(text[pos:end]))
    return "".join(out)


def render_article(view: ArticleView) -> str:
    """The reader's whole document for one article (pure: testable without a widget)."""
    text = view.text
    parts: list[str] = [f'<p class="kind">{esc(kind_label("article").upper())}</p>']
    if view.placeholder:
        parts.append(f"<p class='title'>{esc(view.item.name)}</p>")
        meta = [f"ID {esc(view.ref)}" if view.ref else "", fmt_date(view.published)]
        parts.append(f'<p class="meta">{esc(" · ".join(p for p in meta if p))}</p>')
        parts.append(
            '<p class="note">Cited by another article, not yet imported. Import the article '
            "with this ID (Ctrl+I) and it takes this place, with its citations kept.</p>"
        )
    else:
        first_nl = text.find("\n")
        title_end = len(text) if first_nl < 0 else first_nl
        shown_title = min(title_end, TITLE_LIMIT)
        more = "…" if shown_title < title_end else ""
        parts.append(f"<p class='title'>{highlight(text, view.mentions, 0, shown_title)}{more}</p>")
        meta = [
            f"ID {view.ref}" if view.ref else "no article ID",
            published_text(view.published, view.published_from) or "date unknown",
            view.outlet or "",
            f"dateline {view.dateline}" if view.dateline else "",
            f"by {view.byline}" if view.byline else "",
            view.source_file or "",
            f"imported {fmt_date(view.imported_at)}" if view.imported_at else "",
        ]
        parts.append(f'<p class="meta">{esc(" · ".join(p for p in meta if p))}</p>')
        if not view.reviewed:
            parts.append(
                '<p class="note">Unreviewed import: its suggestions wait in the Inbox.</p>'
            )
        # one <p> per paragraph: hard-wrapped lines are joined (their breaks show as spaces)
        shown = _display_end(text)
        for start, end in view.paragraphs or _lines(text, title_end + 1):
            if start >= shown:
                break
            parts.append(f"<p>{highlight(text, view.mentions, start, min(end, shown))}</p>")
        if shown < len(text):
            parts.append(
                f'<p class="note">This article is {len(text):,} characters long; the reader '
                f"shows the first {shown:,}. The whole text is stored and searchable.</p>"
            )
    parts.append(_citations("CITES", view.cites))
    parts.append(_citations("CITED BY", view.cited_by))
    parts.append(cases_section(view.cases))
    return document("".join(parts))


def _display_end(text: str) -> int:
    """Where the reader stops: the end, or a line or word end before DISPLAY_LIMIT."""
    if len(text) <= DISPLAY_LIMIT:
        return len(text)
    cut = max(text.rfind("\n", 0, DISPLAY_LIMIT), text.rfind(" ", 0, DISPLAY_LIMIT))
    return cut if cut > DISPLAY_LIMIT // 2 else DISPLAY_LIMIT


def _lines(text: str, pos: int) -> list[tuple[int, int]]:
    """Each non-blank line, for a view made without paragraphs."""
    out = []
    while pos < len(text):
        nl = text.find("\n", pos)
        line_end = len(text) if nl < 0 else nl
        if text[pos:line_end].strip():
            out.append((pos, line_end))
        pos = line_end + 1
    return out


def _citations(title: str, refs: Sequence[ItemRef]) -> str:
    if not refs:
        return ""
    rows = []
    for ref in refs:
        placeholder = "not yet imported" in ref.name
        rows.append(f"<li>{item_link(ref, muted=placeholder)}</li>")
    return f"<p class='section'>{esc(title)}</p><ul>{''.join(rows)}</ul>"


class ArticleReader(ItemBrowser):
    """Shows one ArticleView; emits the id of whatever the user clicks."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ArticleReader")
        self._view: ArticleView | None = None

    @property
    def article(self) -> ArticleView | None:
        return self._view

    def set_article(self, view: ArticleView, *, keep_scroll: bool = False) -> None:
        self._view = view
        self.show_page(view.item.id, render_article(view), keep_scroll=keep_scroll)


__all__ = ["ArticleReader", "activate", "highlight", "render_article"]
