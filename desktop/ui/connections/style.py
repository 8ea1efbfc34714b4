"""How the connections graph looks: labels per item and link kind, pens per link status.

Icons and colours per kind come from the app-wide table in desktop/ui/icons.py.
"""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QIcon, QPen, QPixmap

from desktop.services.graph import GraphNode
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
EDGE_CONFIRMED = QColor("#4a5568")
EDGE_SUGGESTED = QColor("#a0aec0")
#: relations are drawn strong and labelled; "mentions" and "cites" faint and unlabelled
RELATION_CONFIRMED = QColor("#1a365d")
RELATION_SUGGESTED = QColor("#2c5282")
MENTION_CONFIRMED = QColor("#a0aec0")
MENTION_SUGGESTED = QColor("#cbd5e0")
ROUTINE_LINKS = frozenset({"mentions", "cites"})
EDGE_LABEL_CHARS = 24  # a relation's role text on the line; the full text is in the tooltip
EDGE_PATH = QColor("#d69e2e")
EDGE_DIMMED = QColor("#e2e8f0")
BACKGROUND = QColor("#ffffff")
LABEL_COLOR = QColor("#1a202c")
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


@lru_cache(maxsize=32)
def edge_pen(
    status: str, highlighted: bool = False, dimmed: bool = False, relation: bool = False
) -> QPen:
    """Opaque pens only: semi-transparent edges measured 3-5x slower to paint.

    Relations strong (2.4 px, dark blue), co-mentions faint (1 px, light grey); suggested
    links of either kind dashed."""
    if highlighted:
        pen = QPen(EDGE_PATH, 3.2)
    elif dimmed:
        pen = QPen(EDGE_DIMMED, 1.0)
    elif relation:
        confirmed = status == "confirmed"
        pen = QPen(RELATION_CONFIRMED if confirmed else RELATION_SUGGESTED, 2.4)
        if not confirmed:
            pen.setStyle(Qt.PenStyle.DashLine)
    elif status == "confirmed":
        pen = QPen(MENTION_CONFIRMED, 1.1)
    else:
        pen = QPen(MENTION_SUGGESTED, 1.0)
        pen.setStyle(Qt.PenStyle.DashLine)
    pen.setCosmetic(False)
    return pen


def elide(text: str, limit: int = LABEL_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
