"""The entity page: who or what it is, its names, its connections with the evidence for each,
every article that mentions it with the supporting sentence, and the cases it is in."""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QWidget

from desktop.services.dto import EntityView, LinkView
from desktop.ui.detail.browser import ItemBrowser
from desktop.ui.detail.html import (
    cases_section,
    document,
    esc,
    esc_excerpt,
    fmt_date,
    item_href,
    item_link,
    kind_color,
    kind_label,
    muted_color,
)
from desktop.ui.icons import kind_icon

#: how a link reads from this entity's side: kind -> (outgoing, incoming)
LINK_PHRASES = {
    "affiliated_with": ("affiliated with", "has affiliated"),
    "member_of": ("member of", "has member"),
    "part_of": ("part of", "includes"),
    "met_with": ("met with", "met with"),
    "related_to": ("related to", "related to"),
    "cites": ("cites", "cited by"),
    "custom": ("", ""),
}
ICON_URL = "casefile-icon://kind"
MAX_SENTENCES_PER_LINK = 1


def render_entity(view: EntityView) -> str:
    ent = view.item
    parts = [
        f'<table cellspacing="0" cellpadding="0"><tr>'
        f'<td valign="middle" style="padding-right:10px"><img src="{ICON_URL}" width="36" '
        f'height="36"></td><td valign="middle"><p class="kind" style="color:'
        f'{kind_color(ent.kind)}">{esc(kind_label(ent.kind).upper())}</p>'
        f"<p class='title'>{esc(ent.name)}</p></td></tr></table>"
    ]
    facts = [p for p in (view.role, view.affiliation) if p]
    if facts:
        parts.append(f'<p class="meta">{esc(", ".join(facts))}</p>')
    if view.description:
        parts.append(f"<p>{esc(view.description)}</p>")
    others = [a for a in view.aliases if a != ent.name]
    if others:
        parts.append(f"<p class='section'>ALSO CALLED</p><p>{esc(' · '.join(others))}</p>")
    if view.links:
        parts.append("<p class='section'>CONNECTIONS</p>")
        for link in view.links:
            parts.append(_link_markup(view, link))
    count = max(view.mention_total, len(view.mentioned_in))
    parts.append(
        f"<p class='section'>MENTIONED IN {count:,} ARTICLE{'S' if count != 1 else ''}</p>"
    )
    if count > len(view.mentioned_in):
        parts.append(f'<p class="muted">The newest {len(view.mentioned_in)} are listed.</p>')
    if not view.mentioned_in:
        parts.append('<p class="empty">No article mentions this yet.</p>')
    for ev in view.mentioned_in:
        date = f' <span class="muted">{esc(fmt_date(ev.published))}</span>' if ev.published else ""
        parts.append(
            f'<p style="margin-bottom:2px"><a href="{item_href(ev.article_id)}">'
            f"{esc(ev.article_title)}</a>{date}</p>"
            f'<p class="sentence">{esc_excerpt(ev.sentence)}</p>'
        )
    parts.append(cases_section(view.cases))
    return document("".join(parts))


def _link_markup(view: EntityView, link: LinkView) -> str:
    outgoing = link.source.id == view.item.id
    other = link.target if outgoing else link.source
    phrase = LINK_PHRASES.get(link.kind, (link.kind, link.kind))[0 if outgoing else 1]
    phrase = link.label or phrase or link.kind.replace("_", " ")
    status = (
        "" if link.status == "confirmed" else f' <span class="muted">({esc(link.status)})</span>'
    )
    out = [f'<p style="margin-bottom:2px">{esc(phrase)} {item_link(other)}{status}</p>']
    for ev in link.evidence[:MAX_SENTENCES_PER_LINK]:
        out.append(
            f'<p class="sentence">{esc_excerpt(ev.sentence)} '
            f'<a href="{item_href(ev.article_id)}" style="color:{muted_color()}">'
            f"— {esc(ev.article_title)}</a></p>"
        )
    more = len(link.evidence) - MAX_SENTENCES_PER_LINK
    if more > 0:
        out.append(f'<p class="sentence"><span class="muted">and {more} more</span></p>')
    return "".join(out)


class EntityPage(ItemBrowser):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("EntityPage")
        self._view: EntityView | None = None

    @property
    def entity(self) -> EntityView | None:
        return self._view

    def set_entity(self, view: EntityView, *, keep_scroll: bool = False) -> None:
        self._view = view
        pixmap = kind_icon(view.item.kind).pixmap(72, 72)
        self.document().addResource(
            QTextDocument.ResourceType.ImageResource, QUrl(ICON_URL), pixmap.toImage()
        )
        self.show_page(view.item.id, render_entity(view), keep_scroll=keep_scroll)
