"""How the connections graph looks: labels per item and link kind, pens per link status.

Icons and colours per kind come from the app-wide table in desktop/ui/icons.py; the graph's
own colours (background, labels, edges) from the theme (desktop/ui/theme.py), read while
painting, so the graph follows light and dark. Exports and print draw in ``light()``.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QIcon, QPen, QPixmap

from desktop.services.graph import GraphNode
from desktop.ui import theme
from desktop.ui.icons import DEFAULT_COLOR, ICONS, KIND_COLORS

# One home for kind icons and colours: the app-wide table.
KIND_ICONS: dict[str, str] = {kind: ICONS[kind] for kind in KIND_COLORS}
KIND_LABELS: dict[str, str] = {
    "article": "Articles",
    "person": "People",
    "organization": "Organizations",
    "country": "Countries",
    "place": "Places",
    "group": "Working groups",
    "regulation": "Regulations",
}
KIND_SINGULAR: dict[str, str] = {
    "article": "article",
    "person": "person",
    "organization": "organization",
    "country": "country",
    "place": "place",
    "group": "working group",
    "regulation": "regulation",
}
LINK_LABELS: dict[str, str] = {
    "mentions": "mentions",
    "cites": "cites",
    "affiliated_with": "affiliated with",
    "member_of": "member of",
    "part_of": "part of",
    "met_with": "met with",
    "related_to": "related to",
    "custom": "custom",
}
#: relations are drawn strong and labelled; "mentions" and "cites" faint and unlabelled
ROUTINE_LINKS = frozenset({"mentions", "cites"})
EDGE_LABEL_CHARS = 24  # a relation's role text on the line; the full text is in the tooltip
NODE_RADIUS = 15.0
CENTER_RADIUS = 21.0
GROUP_RADIUS = 18.0  # a group is drawn a little bigger, with a double ring
LABEL_CHARS = 34  # longer names are elided on the node; the full name is in the tooltip


def group_name(kind: str, count: int) -> str:
    """How many of a kind: "14 organizations", "5 people", "1 place"."""
    words = KIND_SINGULAR.get(kind, kind) if count == 1 else KIND_LABELS.get(kind, kind).lower()
    return f"{count:,} {words}"


def node_name(node: GraphNode) -> str:
    """What a node is called on screen: its item's name, or its group's counts by kind."""
    if not node.members:
        return node.name
    kinds = {m.kind for m in node.members}
    if len(kinds) == 1:
        return group_name(kinds.pop(), len(node.members))
    return f"{len(node.members):,} items"  # of several kinds: the tooltip says which


_forced: list[theme.Theme] = []  # light() while exporting or printing


def colours() -> theme.Theme:
    """The theme the graph paints in now."""
    return _forced[-1] if _forced else theme.current()


def color(name: str) -> QColor:
    """One of the theme's graph colours ("graph_bg", "mention", ...) as a QColor."""
    return _qcolor(colours().name, name)


@lru_cache(maxsize=128)
def _qcolor(theme_name: str, name: str) -> QColor:
    return QColor(getattr(theme.THEMES[theme_name], name))


@contextmanager
def light() -> Iterator[None]:
    """Paint in the light theme whatever the window shows: exports and print."""
    _forced.append(theme.LIGHT)
    try:
        yield
    finally:
        _forced.pop()


def kind_color(kind: str) -> QColor:
    return QColor(KIND_COLORS.get(kind, DEFAULT_COLOR))


def link_label(kind: str, label: str = "") -> str:
    return label or LINK_LABELS.get(kind, kind.replace("_", " "))


@lru_cache(maxsize=64)
def kind_icon(kind: str, color: str = "") -> QIcon:
    import qtawesome as qta  # first use only: keeps start-up lean

    return qta.icon(
        KIND_ICONS.get(kind, "mdi6.circle-outline"),
        color=color or KIND_COLORS.get(kind, DEFAULT_COLOR),
    )


@lru_cache(maxsize=64)
def node_glyph(kind: str, size: int) -> QPixmap:
    """The white glyph drawn inside a node's coloured disc (cached: one per kind and size)."""
    return kind_icon(kind, "#ffffff").pixmap(size, size)


def edge_pen(
    status: str, highlighted: bool = False, dimmed: bool = False, relation: bool = False
) -> QPen:
    return _edge_pen(colours().name, status, highlighted, dimmed, relation)


@lru_cache(maxsize=64)
def _edge_pen(
    theme_name: str, status: str, highlighted: bool, dimmed: bool, relation: bool
) -> QPen:
    """Opaque pens only: semi-transparent edges measured 3-5x slower to paint.

    Relations strong (2.4 px, dark blue), co-mentions faint (1 px, grey at 3:1 on the
    background); suggested links of either kind dashed."""
    t = theme.THEMES[theme_name]
    if status == "more":  # the dotted stub to a "+N more" marker
        pen = QPen(QColor(t.mention), 1.0, Qt.PenStyle.DotLine)
    elif highlighted:
        pen = QPen(QColor(t.edge_path), 3.2)
    elif dimmed:
        pen = QPen(QColor(t.edge_dimmed), 1.0)
    elif relation:
        confirmed = status == "confirmed"
        pen = QPen(QColor(t.relation if confirmed else t.relation_suggested), 2.4)
        if not confirmed:
            pen.setStyle(Qt.PenStyle.DashLine)
    elif status == "confirmed":
        pen = QPen(QColor(t.mention), 1.1)
    else:
        pen = QPen(QColor(t.mention_suggested), 1.0)
        pen.setStyle(Qt.PenStyle.DashLine)
    pen.setCosmetic(False)
    return pen


def elide(text: str, limit: int = LABEL_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
