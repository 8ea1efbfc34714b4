"""The scene of the connections graph: one item per node, edge and "+N more" satellite.

Why custom items: a node is a single item that paints its disc, glyph and label (300 nodes
build in a few ms), labels are drawn with drawText (plain text: names come from articles and
are untrusted), and edges get a wide hover shape so their evidence tooltip is easy to reach.
The scene keeps its own dicts of items (PySide6 loses items that are only reachable through
``scene.items()``) and uses NoIndex, since it changes on every selection.
Updating to a new neighbourhood keeps the items of nodes that stay and animates everything
from where it was to where the layout put it, so re-centring never jumps.
"""

from __future__ import annotations

import html
from collections.abc import Hashable, Mapping
from functools import lru_cache

from PySide6.QtCore import QEasingCurve, QLineF, QPointF, QRectF, Qt, QVariantAnimation
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPainterPathStroker,
    QPen,
)
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene, QStyleOptionGraphicsItem, QWidget

from desktop.services.graph import GraphEdge, GraphNode, Neighbourhood
from desktop.ui.connections import style

Key = Hashable  # an item id, or ("more", item id) for a satellite


@lru_cache(maxsize=8)
def _font(size: float, bold: bool = False) -> QFont:
    font = QFont()
    font.setPointSizeF(size)
    font.setBold(bold)
    return font


@lru_cache(maxsize=8)
def _metrics(size: float, bold: bool = False) -> QFontMetricsF:
    """Fonts and metrics are shared: building one per node cost more than the node itself."""
    return QFontMetricsF(_font(size, bold))


def _lod(painter: QPainter) -> float:
    return QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform())


class NodeItem(QGraphicsItem):
    def __init__(self, node: GraphNode, *, center: bool) -> None:
        super().__init__()
        self.node = node
        self.center = center
        self.highlighted = False
        self.dimmed = False
        self.edges: list[EdgeItem] = []
        self.xy = (0.0, 0.0)  # mirrors pos(): reading pos() from Python costs ~20 us a call
        self.radius = style.CENTER_RADIUS if center else style.NODE_RADIUS
        self.label = style.elide(node.name)
        self.font = _font(8.5, center)
        metrics = _metrics(8.5, center)
        w = metrics.horizontalAdvance(self.label) + 8
        h = metrics.height() + 2
        self.label_rect = QRectF(-w / 2, self.radius + 3, w, h)
        r = self.radius + 3
        self._bounds = QRectF(-r, -r, 2 * r, 2 * r).united(self.label_rect)
        self.setZValue(3 if center else 2)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)

    def boundingRect(self) -> QRectF:
        return self._bounds

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        path.addEllipse(QPointF(0, 0), self.radius + 2, self.radius + 2)
        path.addRect(self.label_rect)
        return path

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        lod = _lod(painter)
        color = style.EDGE_DIMMED if self.dimmed else style.kind_color(self.node.kind)
        ring = style.EDGE_PATH if self.highlighted or self.isSelected() else QColor("#ffffff")
        painter.setPen(
            QPen(ring, 3.0 if (self.highlighted or self.center or self.isSelected()) else 1.5)
        )
        painter.setBrush(QBrush(color))
        painter.drawEllipse(QPointF(0, 0), self.radius, self.radius)
        if lod * self.radius > 6:
            size = int(self.radius * 1.15)
            painter.drawPixmap(
                QRectF(-size / 2, -size / 2, size, size),
                style.node_glyph(self.node.kind, size * 2),
                QRectF(0, 0, size * 2, size * 2),
            )
        if lod > 0.45 or self.center or self.highlighted:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QBrush(style.BACKGROUND))
            painter.drawRoundedRect(self.label_rect, 3, 3)
            painter.setFont(self.font)
            painter.setPen(style.EDGE_SUGGESTED if self.dimmed else style.LABEL_COLOR)
            painter.drawText(self.label_rect, Qt.AlignmentFlag.AlignCenter, self.label)

    def tooltip(self) -> str:
        kind = style.KIND_SINGULAR.get(self.node.kind, self.node.kind).capitalize()
        more = (
            f"<br>{self.node.more:,}{'+' if self.node.more_at_least else ''} more links not shown"
            if self.node.more
            else ""
        )
        return f"<b>{html.escape(self.node.name)}</b><br>{html.escape(kind)}{more}"


class MoreItem(QGraphicsItem):
    """ "+N more": the neighbours a hub left out; clicking it asks for them."""

    def __init__(self, node: GraphNode) -> None:
        super().__init__()
        self.parent_id = node.id
        self.edges: list[EdgeItem] = []
        self.xy = (0.0, 0.0)
        self.text = f"+{node.more:,}{'+' if node.more_at_least else ''} more"
        self.font = _font(8.0)
        metrics = _metrics(8.0)
        w, h = metrics.horizontalAdvance(self.text) + 14, metrics.height() + 6
        self._bounds = QRectF(-w / 2, -h / 2, w, h)
        self.setZValue(2)
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def boundingRect(self) -> QRectF:
        return self._bounds.adjusted(-1, -1, 1, 1)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        painter.setPen(QPen(style.EDGE_SUGGESTED, 1.0))
        painter.setBrush(QBrush(QColor("#f7fafc")))
        painter.drawRoundedRect(self._bounds, self._bounds.height() / 2, self._bounds.height() / 2)
        if _lod(painter) > 0.45:
            painter.setFont(self.font)
            painter.setPen(style.LABEL_COLOR)
            painter.drawText(self._bounds, Qt.AlignmentFlag.AlignCenter, self.text)

    def tooltip(self) -> str:
        return "Click to show more of this item's connections"


class EdgeItem(QGraphicsItem):
    def __init__(
        self, edge: GraphEdge | None, source: QGraphicsItem, target: QGraphicsItem
    ) -> None:
        super().__init__()
        self.edge = edge  # None for the connector of a "+N more" satellite
        self.source, self.target = source, target
        self.highlighted = False
        self.dimmed = False
        self.show_label = True
        self.text = style.link_label(edge.kind, edge.label) if edge else ""
        self.line = QLineF()
        self._bounds = QRectF()
        self.setZValue(0)

    def adjust(self) -> None:
        self.prepareGeometryChange()
        (x1, y1), (x2, y2) = self.source.xy, self.target.xy  # type: ignore[attr-defined]
        self.line = QLineF(x1, y1, x2, y2)
        self._bounds = QRectF(
            min(x1, x2) - 40, min(y1, y2) - 10, abs(x2 - x1) + 80, abs(y2 - y1) + 20
        )

    def boundingRect(self) -> QRectF:
        return self._bounds

    def shape(self) -> QPainterPath:
        path = QPainterPath(self.line.p1())
        path.lineTo(self.line.p2())
        stroker = QPainterPathStroker()
        stroker.setWidth(9)
        return stroker.createStroke(path)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        if self.edge is None:
            pen = QPen(style.EDGE_SUGGESTED, 1.0, Qt.PenStyle.DotLine)
        else:
            pen = style.edge_pen(
                self.edge.status, self.highlighted, self.dimmed and not self.highlighted
            )
        painter.setPen(pen)
        painter.drawLine(self.line)
        if (
            self.text
            and self.show_label
            and (self.highlighted or _lod(painter) > 0.9)
            and not self.dimmed
        ):
            mid = self.line.center()
            painter.setFont(_font(7.0))
            metrics = _metrics(7.0)
            w, h = metrics.horizontalAdvance(self.text) + 6, metrics.height()
            rect = QRectF(mid.x() - w / 2, mid.y() - h / 2, w, h)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QBrush(style.BACKGROUND))
            painter.drawRect(rect)
            painter.setPen(QColor("#718096"))
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, self.text)

    def tooltip(self, names: Mapping[int, str]) -> str:
        """The evidence, escaped: article text is untrusted and tooltips render rich text."""
        if self.edge is None:
            return ""
        e = self.edge
        head = (
            f"<b>{html.escape(names.get(e.source, '?'))}</b> — {html.escape(self.text)} → "
            f"<b>{html.escape(names.get(e.target, '?'))}</b> <i>({html.escape(e.status)})</i>"
        )
        parts = [head]
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


BATCH_EDGES = 900  # above this, one layer draws every edge (the edge items stay for hovering)


class EdgeLayer(QGraphicsItem):
    """All edges of a big graph in a few ``drawLines`` calls, one per pen.

    Thousands of edge items each painting through Python cost ~45 ms a frame at 2,000 nodes;
    this keeps panning and zooming smooth. The edge items remain (without contents) so hover
    tooltips and path highlighting work the same in both modes.
    """

    def __init__(self, scene: GraphScene) -> None:
        super().__init__()
        self._scene = scene
        self.active = False
        self._bounds = QRectF()
        self._groups: list[tuple[QPen, list[QLineF]]] = []
        self.setZValue(-1)

    def refresh(self) -> None:
        self.prepareGeometryChange()
        if not self.active:
            self._groups, self._bounds = [], QRectF()
            return
        groups: dict[tuple[str, bool, bool], list[QLineF]] = {}
        for e in self._scene.edges.values():
            status = e.edge.status if e.edge else "more"
            key = (status, e.highlighted, e.dimmed and not e.highlighted)
            groups.setdefault(key, []).append(e.line)
        order = sorted(groups, key=lambda k: (k[1], not k[2]))  # dimmed under, paths on top
        self._groups = [(self._pen(*k), groups[k]) for k in order]
        self._bounds = self._scene.content_rect()
        self.update()

    @staticmethod
    def _pen(status: str, highlighted: bool, dimmed: bool) -> QPen:
        if status == "more":
            return QPen(style.EDGE_SUGGESTED, 1.0, Qt.PenStyle.DotLine)
        return style.edge_pen(status, highlighted, dimmed)

    def boundingRect(self) -> QRectF:
        return self._bounds

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        for pen, lines in self._groups:
            painter.setPen(pen)
            painter.drawLines(lines)


class GraphScene(QGraphicsScene):
    def __init__(self, parent: object | None = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)
        self.setBackgroundBrush(QBrush(style.BACKGROUND))
        self.nodes: dict[int, NodeItem] = {}
        self.mores: dict[int, MoreItem] = {}
        self.edges: dict[Key, EdgeItem] = {}
        self.names: dict[int, str] = {}
        self.center_id: int | None = None
        self._anim: QVariantAnimation | None = None
        self._moves: list[tuple[QGraphicsItem, tuple[float, float], tuple[float, float]]] = []
        self._layer = EdgeLayer(self)
        self.addItem(self._layer)

    # --- contents -------------------------------------------------------------------------
    def positions(self) -> dict[Key, tuple[float, float]]:
        """Where every node and satellite is now: the next layout's ``previous``."""
        out: dict[Key, tuple[float, float]] = {nid: i.xy for nid, i in self.nodes.items()}
        out.update({("more", nid): i.xy for nid, i in self.mores.items()})
        return out

    def show_graph(
        self,
        view: Neighbourhood,
        positions: Mapping[Key, tuple[float, float]],
        *,
        animate_ms: int = 0,
    ) -> None:
        """Show ``view`` at ``positions``, keeping the items of nodes already on screen."""
        self._stop_animation()
        old = self.positions()
        center = view.center.id if view.center else None
        self.center_id = center
        wanted = {n.id: n for n in view.nodes}
        for key in [k for k in self.edges]:
            self._drop(self.edges.pop(key))
        for nid in [
            n
            for n in self.nodes
            if n not in wanted
            or self.nodes[n].node != wanted[n]
            or (n == center) != self.nodes[n].center
        ]:
            self._drop(self.nodes.pop(nid))
        for nid in [n for n in self.mores]:
            self._drop(self.mores.pop(nid))
        self.names = {n.id: n.name for n in view.nodes}
        for node in view.nodes:
            if node.id not in self.nodes:
                item = NodeItem(node, center=node.id == center)
                self.nodes[node.id] = item
                self.addItem(item)
            if node.more:
                more = MoreItem(node)
                self.mores[node.id] = more
                self.addItem(more)
        for edge in view.edges:
            a, b = self.nodes.get(edge.source), self.nodes.get(edge.target)
            if a is not None and b is not None:
                self._add_edge(edge.id, EdgeItem(edge, a, b))
        for nid, more in self.mores.items():
            self._add_edge(("more", nid), EdgeItem(None, self.nodes[nid], more))
        many = len(self.edges) > 160
        batched = len(self.edges) > BATCH_EDGES
        for e in self.edges.values():
            e.show_label = not many
            e.setFlag(QGraphicsItem.GraphicsItemFlag.ItemHasNoContents, batched)
        self._layer.active = batched
        self._place(old, positions, animate_ms)

    def _add_edge(self, key: Key, item: EdgeItem) -> None:
        self.edges[key] = item
        self.addItem(item)
        for end in (item.source, item.target):
            end.edges.append(item)  # type: ignore[attr-defined]

    def _drop(self, item: QGraphicsItem) -> None:
        if isinstance(item, EdgeItem):
            for end in (item.source, item.target):
                if item in end.edges:  # type: ignore[attr-defined]
                    end.edges.remove(item)  # type: ignore[attr-defined]
        self.removeItem(item)

    def _place(
        self,
        old: Mapping[Key, tuple[float, float]],
        new: Mapping[Key, tuple[float, float]],
        animate_ms: int,
    ) -> None:
        items: dict[Key, QGraphicsItem] = {
            **self.nodes,
            **{("more", k): v for k, v in self.mores.items()},
        }
        self._moves = []
        for key, item in items.items():
            end = new.get(key, (0.0, 0.0))
            start = old.get(key, end)
            if key not in old:  # new: grow out of a neighbour that was already on screen
                for edge in item.edges:  # type: ignore[attr-defined]
                    near = _key(edge, item)
                    if near in old:
                        start = old[near]
                        break
            self._moves.append((item, start, end))
        if animate_ms <= 0:
            self._step(1.0)
            return
        self._step(0.0)
        self._anim = QVariantAnimation(self)
        self._anim.setStartValue(0.0)
        self._anim.setEndValue(1.0)
        self._anim.setDuration(animate_ms)
        self._anim.setEasingCurve(QEasingCurve.Type.InOutCubic)
        self._anim.valueChanged.connect(self._step)
        self._anim.start()

    def _step(self, t: float) -> None:
        t = float(t)
        for item, (x0, y0), (x1, y1) in self._moves:
            xy = (x0 + (x1 - x0) * t, y0 + (y1 - y0) * t)
            item.setPos(*xy)
            item.xy = xy  # type: ignore[attr-defined]
        for edge in self.edges.values():
            edge.adjust()
        self._layer.refresh()

    def _stop_animation(self) -> None:
        if self._anim is not None:
            self._anim.stop()
            self._anim = None
            self._step(1.0)

    @property
    def animating(self) -> bool:
        return self._anim is not None and self._anim.state() == QVariantAnimation.State.Running

    # --- highlight ------------------------------------------------------------------------
    def set_highlight(self, node_ids: set[int], link_ids: set[int]) -> None:
        """Path mode: the path's nodes and links stand out, the rest fades back."""
        active = bool(node_ids or link_ids)
        for nid, node in self.nodes.items():
            node.highlighted = nid in node_ids
            node.dimmed = active and not node.highlighted
            node.update()
        for edge in self.edges.values():
            edge.highlighted = edge.edge is not None and edge.edge.id in link_ids
            edge.dimmed = active and not edge.highlighted
            edge.update()

        self._layer.refresh()

    def tooltip_at(self, item: QGraphicsItem | None) -> str:
        if isinstance(item, EdgeItem):
            return item.tooltip(self.names)
        if isinstance(item, NodeItem | MoreItem):
            return item.tooltip()
        return ""

    def content_rect(self) -> QRectF:
        rect = QRectF()
        for item in [*self.nodes.values(), *self.mores.values()]:
            rect = rect.united(item.sceneBoundingRect())
        return rect.adjusted(-24, -24, 24, 24)


def _key(edge: EdgeItem, item: QGraphicsItem) -> Key:
    other = edge.source if edge.target is item else edge.target
    if isinstance(other, NodeItem):
        return other.node.id
    if isinstance(other, MoreItem):
        return ("more", other.parent_id)
    return None
