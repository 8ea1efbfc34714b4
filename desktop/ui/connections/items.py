"""The graph's pieces: node and "+N more" items for clicking and hovering, edges as plain data.

Why nodes paint nothing themselves: one Python ``paint()`` call per node costs ~20 us, so a
2,000-node view spent ~45 ms a frame just calling into Python. Node items stay (without
contents) for hit-testing, cursors and context menus; ``layers.NodeLayer`` draws them all in
one pass. Edges are not graphics items at all: ``layers.EdgeLayer`` draws them in a few
``drawLines`` calls and ``GraphScene.edge_at`` finds the one under the mouse.
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Mapping
from functools import lru_cache

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPen,
    QStaticText,
)
from PySide6.QtWidgets import QGraphicsItem, QGraphicsPathItem, QStyleOptionGraphicsItem, QWidget

from desktop.services.graph import GraphEdge, GraphNode
from desktop.ui import plain
from desktop.ui.connections import style

LABEL_FONT_PT = 8.5
GROUP_TIP_MAX = 25  # members a group's tooltip names
NODE_HINT = "Click: its connections · Double-click: expand here · Right-click: Open, Hide…"
CHAR_WIDTH = 6.2  # average advance at LABEL_FONT_PT: label hit areas without font metrics
NO_PEN = QPen(Qt.PenStyle.NoPen)  # shared: a 300-node view made one per node


@lru_cache(maxsize=8)
def font(size: float, bold: bool = False) -> QFont:
    f = QFont()
    f.setPointSizeF(size)
    f.setBold(bold)
    return f


@lru_cache(maxsize=8)
def metrics(size: float, bold: bool = False) -> QFontMetricsF:
    """Fonts and metrics are shared: building one per node cost more than the node itself."""
    return QFontMetricsF(font(size, bold))


def lod_of(painter: QPainter) -> float:
    return QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform())


class NodeItem(QGraphicsPathItem):
    """A node's clickable area (disc and label); ``NodeLayer`` draws it.

    The area is a C++ path item with no Python overrides: the view asks every item for its
    bounds on every frame, and 2,000 calls into Python cost ~2 ms a frame.
    """

    def __init__(self, node: GraphNode, *, center: bool) -> None:
        super().__init__()
        self.node = node
        self.center = center
        self.highlighted = False
        self.dimmed = False
        self.edges: list[EdgeItem] = []
        self.xy = (0.0, 0.0)  # mirrors pos(): reading pos() from Python costs ~20 us a call
        self.is_group = bool(node.members)
        self.radius = (
            style.CENTER_RADIUS
            if center
            else style.GROUP_RADIUS
            if self.is_group
            else style.NODE_RADIUS
        )
        self.name = style.node_name(node)
        self.label = style.elide(self.name)
        self.static_text: QStaticText | None = None  # made when the label is first drawn
        #: where ``labels.place`` put the label: (dx, dy) of its top-left from the node and the
        #: text drawn (the name, or a shortened one); None when it had no room (tooltip only)
        self.label_at: tuple[float, float, str] | None = (0.0, 0.0, self.label)
        w = len(self.label) * CHAR_WIDTH * (1.1 if center else 1.0) + 8
        area = QPainterPath()
        area.addEllipse(QPointF(0, 0), self.radius + 2, self.radius + 2)
        area.addRect(QRectF(-w / 2, self.radius + 3, w, 16))
        self.setPath(area)
        self.extent = (max(self.radius + 3, w / 2), -self.radius - 3, self.radius + 19)
        self.setPen(NO_PEN)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemHasNoContents)
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def tooltip(self) -> str:
        if self.is_group:
            return self.group_tooltip()
        kind = style.KIND_SINGULAR.get(self.node.kind, self.node.kind).capitalize()
        more = (
            f"<br>{self.node.more:,}{'+' if self.node.more_at_least else ''} more links not shown"
            if self.node.more
            else ""
        )
        return (
            f"<b>{html.escape(self.node.name)}</b><br>{html.escape(kind)}{more}"
            f"<br><small>{NODE_HINT}</small>"
        )

    def group_tooltip(self) -> str:
        """The members by name, as plain text (names come from articles: never markup)."""
        members = self.node.members
        around = sorted(
            {o.name for e in self.edges for o in (e.source, e.target)
             if o is not self and isinstance(o, NodeItem)}
        )  # fmt: skip
        kinds = Counter(m.kind for m in members).most_common()
        what = ", ".join(style.group_name(kind, count) for kind, count in kinds)
        lines = [f"{what}, linked to {_listed(around)}:"]
        lines += [f"  {m.name}" for m in members[:GROUP_TIP_MAX]]
        if len(members) > GROUP_TIP_MAX:
            lines.append(f"  and {len(members) - GROUP_TIP_MAX:,} more (see the list below)")
        lines.append("Click or double-click to show them one by one.")
        return plain.tooltip("\n".join(lines))


class MoreItem(QGraphicsItem):
    """ "+N more": the neighbours a hub left out; clicking it asks for them."""

    def __init__(self, node: GraphNode) -> None:
        super().__init__()
        self.parent_id = node.id
        self.edges: list[EdgeItem] = []
        self.xy = (0.0, 0.0)
        self.dimmed = False
        self.text = f"+{node.more:,}{'+' if node.more_at_least else ''} more"
        self.font = font(8.0)
        m = metrics(8.0)
        w, h = m.horizontalAdvance(self.text) + 14, m.height() + 6
        self._bounds = QRectF(-w / 2, -h / 2, w, h)
        self.extent = (w / 2 + 1, -h / 2 - 1, h / 2 + 1)  # half width, top, bottom
        self.setZValue(2)
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def boundingRect(self) -> QRectF:
        return self._bounds.adjusted(-1, -1, 1, 1)

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        path.addRect(self._bounds)
        return path

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        # faded behind a path like the nodes: lighter, but still saying what it is
        painter.setPen(QPen(style.color("edge_dimmed" if self.dimmed else "mention"), 1.0))
        painter.setBrush(QBrush(style.color("alt_base")))
        radius = self._bounds.height() / 2
        painter.drawRoundedRect(self._bounds, radius, radius)
        if lod_of(painter) > 0.45:
            painter.setFont(self.font)
            painter.setPen(style.color("mention" if self.dimmed else "graph_label"))
            painter.drawText(self._bounds, Qt.AlignmentFlag.AlignCenter, self.text)

    def tooltip(self) -> str:
        return "Click to show more of this item's connections"


class EdgeItem:
    """One drawn link (or a "+N more" connector when ``edge`` is None): data, not a Qt item."""

    __slots__ = ("edge", "source", "target", "highlighted", "dimmed", "text", "full", "labelled")

    def __init__(self, edge: GraphEdge | None, source: NodeItem, target: NodeItem | MoreItem):
        self.edge = edge
        self.source, self.target = source, target
        self.highlighted = False
        self.dimmed = False
        self.full = style.link_label(edge.kind, edge.label) if edge else ""
        self.text = style.elide(self.full, style.EDGE_LABEL_CHARS)  # short on the line
        self.labelled = False  # ``labels.place`` found room for it

    @property
    def line(self) -> QLineF:
        (x1, y1), (x2, y2) = self.source.xy, self.target.xy
        return QLineF(x1, y1, x2, y2)

    @property
    def relation(self) -> bool:
        """A stated relation (works for, member of, the analyst's own link), not a co-mention."""
        return self.edge is not None and self.edge.kind not in style.ROUTINE_LINKS

    def key(self) -> tuple[str, bool, bool, bool]:
        """Which pen draws it: status, on a highlighted path, faded behind one, a relation."""
        status = self.edge.status if self.edge else "more"
        return (status, self.highlighted, self.dimmed and not self.highlighted, self.relation)

    def tooltip(self, names: Mapping[int, str]) -> str:
        """The evidence, escaped: article text is untrusted and tooltips render rich text."""
        if self.edge is None:
            return ""
        e = self.edge
        if e.id < 0:  # stands for the links of a group's members
            return plain.tooltip(
                f"{names.get(e.source, '?')} — {self.full} → {names.get(e.target, '?')}\n"
                f"{e.evidence_count:,} links, one per item in the group: "
                "open the group to see each with its evidence."
            )
        head = (
            f"<b>{html.escape(names.get(e.source, '?'))}</b> — {html.escape(self.full)} → "
            f"<b>{html.escape(names.get(e.target, '?'))}</b> <i>({html.escape(e.status)})</i>"
        )
        parts = [head]
        if not e.evidence_loaded:
            parts.append("<p style='margin:4px 0'><small>Loading the evidence…</small></p>")
            return "<div style='max-width:360px'>" + "".join(parts) + "</div>"
        for ev in e.evidence:
            date = ev.published.strftime("%d %b %Y") if ev.published else "undated"
            parts.append(
                f"<p style='margin:4px 0'>“{html.escape(ev.sentence.strip())}”<br>"
                f"<small>{html.escape(ev.article_title)} · {date}</small></p>"
            )
        if e.evidence_count > len(e.evidence):
            parts.append(f"<small>and {e.evidence_count - len(e.evidence)} more</small>")
        if not e.evidence:
            parts.append("<small>No evidence recorded (added by an analyst).</small>")
        return "<div style='max-width:360px'>" + "".join(parts) + "</div>"


def _listed(names: list[str], limit: int = 3) -> str:
    if len(names) <= limit:
        return " and ".join([", ".join(names[:-1]), names[-1]] if len(names) > 1 else names)
    return f"{', '.join(names[:limit])} and {len(names) - limit} more"


def point(xy: tuple[float, float]) -> QPointF:
    return QPointF(*xy)
