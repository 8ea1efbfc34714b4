"""Two items draw the whole graph: every edge in a few ``drawLines`` calls, every node from
cached pixmaps.

Why: per-item painting cost ~20 us of Python per node or edge per frame, which made a
2,000-node view repaint in ~100 ms. Here a frame is a handful of Python calls per visible node
and one per pen for the edges; only what is inside the exposed rectangle is drawn, so a
zoomed-in view costs less than a zoomed-out one. Node discs (colour, ring, white glyph) are
rendered once per kind, state and on-screen size; labels are QStaticText (plain text: names
come from articles and are untrusted). Exports to SVG draw vector discs instead of pixmaps.
"""

from __future__ import annotations

import math
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QByteArray, QDataStream, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QPaintEngine,
    QPainter,
    QPainterPath,
    QPen,
    QPixmap,
    QStaticText,
)
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from desktop.ui.connections import style
from desktop.ui.connections.items import EdgeItem, NodeItem, font, lod_of, metrics

if TYPE_CHECKING:
    from desktop.ui.connections.scene import GraphScene

#: Above this many edges on screen, lines are drawn without antialiasing while the view moves
#: (antialiased lines measured ~10x the cost); the resting frame is always antialiased.
FAST_EDGES = 1200
LABEL_LOD = 0.45  # node labels show from this zoom on (the centre and a path's nodes always)
EDGE_LABEL_LOD = 0.9
FAST_LABELS = 120  # while the view moves, more labels than this wait for the resting frame
EDGE_FONT_PT = 7.0
NODE_FONT_PT = 8.5


def _extended(item: QGraphicsItem) -> None:
    item.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)


def _exposed(item: QGraphicsItem, option: QStyleOptionGraphicsItem) -> QRectF:
    rect = option.exposedRect
    return rect if rect.isValid() and not rect.isEmpty() else item.boundingRect()


def _vector(painter: QPainter) -> bool:
    engine = painter.paintEngine()
    return engine is not None and engine.type() != QPaintEngine.Type.Raster


class EdgeLayer(QGraphicsItem):
    def __init__(self, scene: GraphScene) -> None:
        super().__init__()
        self._scene = scene
        self._bounds = QRectF()
        self._groups: list[tuple[PenKey, QPainterPath]] = []
        self.segments = np.zeros((0, 4))  # x1, y1, x2, y2 per edge, for hit-testing
        self.items: list[EdgeItem] = []
        self._src = self._dst = np.zeros(0, dtype=np.int64)
        self._keys: list[tuple[PenKey, np.ndarray]] = []
        self.fast = False  # the view is moving: cheap lines for big graphs
        self.setZValue(-1)
        _extended(self)

    def set_topology(self, slot: dict[int, int]) -> None:
        """Which edges join which slots of the position array, and their pens (after a build
        or a highlight change): per frame only positions are re-read, with numpy."""
        self.items = list(self._scene.edges.values())
        self._src = np.array([slot[id(e.source)] for e in self.items], dtype=np.int64)
        self._dst = np.array([slot[id(e.target)] for e in self.items], dtype=np.int64)
        groups: dict[tuple[str, bool, bool, bool], list[int]] = {}
        for i, e in enumerate(self.items):
            groups.setdefault(e.key(), []).append(i)
        # faded under, co-mentions under relations, paths on top
        order = sorted(groups, key=lambda k: (k[1], not k[2], k[3]))
        self._keys = [(key, np.array(groups[key], dtype=np.int64)) for key in order]

    def refresh(self, bounds: QRectF, xy: np.ndarray) -> None:
        """Re-read positions (after a layout or animation step)."""
        self.prepareGeometryChange()
        if not self.items:
            self._groups, self._bounds, self.segments = [], QRectF(), np.zeros((0, 4))
            self.update()
            return
        self.segments = np.hstack([xy[self._src], xy[self._dst]])
        self._groups = [(pen, segments_path(self.segments[idx])) for pen, idx in self._keys]
        self._bounds = bounds
        self.update()

    def boundingRect(self) -> QRectF:
        return self._bounds

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        if self.fast and len(self.items) > FAST_EDGES:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for key, path in self._groups:  # pens looked up here: the theme may have changed
            painter.setPen(style.edge_pen(*key))
            painter.drawPath(path)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        self._paint_labels(painter, _exposed(self, option))

    def _paint_labels(self, painter: QPainter, rect: QRectF) -> None:
        """Only the labels ``labels.place`` found room for: relations and a path's links."""
        lod = lod_of(painter)
        painter.setFont(font(EDGE_FONT_PT))
        m = metrics(EDGE_FONT_PT)
        for e in self.items:
            if not e.labelled:
                continue
            if not (e.highlighted or lod > (LABEL_LOD if e.relation else EDGE_LABEL_LOD)):
                continue
            (ax, ay), (bx, by) = e.source.xy, e.target.xy
            mid = QPointF((ax + bx) / 2, (ay + by) / 2)
            if not rect.contains(mid):
                continue
            w, h = m.horizontalAdvance(e.text) + 6, m.height()
            box = QRectF(mid.x() - w / 2, mid.y() - h / 2, w, h)
            painter.fillRect(box, style.color("graph_bg"))
            painter.setPen(style.color("relation" if e.relation else "edge_label"))
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, e.text)


def segments_path(seg: np.ndarray) -> QPainterPath:
    """Line segments (rows of x1, y1, x2, y2) as one path, built in C++ from bytes.

    Making a QLineF per edge from Python cost ~8 us each (40 ms for a 2,000-node view, on
    every animation frame); this writes QPainterPath's QDataStream form with numpy instead:
    a count, then (element type, x, y) big-endian per point, then the fill rule.
    """
    count = 2 * len(seg)
    rows = np.empty(count, dtype=[("type", ">i4"), ("x", ">f8"), ("y", ">f8")])
    rows["type"][0::2] = 0  # QPainterPath.MoveToElement
    rows["type"][1::2] = 1  # QPainterPath.LineToElement
    rows["x"][0::2], rows["y"][0::2] = seg[:, 0], seg[:, 1]
    rows["x"][1::2], rows["y"][1::2] = seg[:, 2], seg[:, 3]
    data = np.array([count], ">i4").tobytes() + rows.tobytes() + np.zeros(2, ">i4").tobytes()
    path = QPainterPath()
    QDataStream(QByteArray(data)) >> path  # noqa: B015 - fills ``path``
    return path


PenKey = tuple[str, bool, bool, bool]  # status, highlighted, dimmed, relation


class NodeLayer(QGraphicsItem):
    def __init__(self, scene: GraphScene) -> None:
        super().__init__()
        self._scene = scene
        self._bounds = QRectF()
        self.items: list[NodeItem] = []
        self._xy = np.zeros((0, 2))
        self._looks: list[tuple[str, float, str]] = []  # (kind, radius, state) per look
        self._look = np.zeros(0, dtype=np.int64)  # index into _looks per node
        self.fast = False
        self.setZValue(1)
        _extended(self)

    def set_topology(self) -> None:
        """The nodes in slot order and how each looks (after a build or a highlight change)."""
        self.items = list(self._scene.nodes.values())
        looks: dict[tuple[str, float, str], int] = {}
        self._look = np.array(
            [looks.setdefault((n.node.kind, n.radius, _state(n)), len(looks)) for n in self.items],
            dtype=np.int64,
        )
        self._looks = list(looks)
        # the old positions belong to the old nodes: a rebuild yields to the event loop before
        # it places the new ones, and a paint in between must not index past the new looks
        self._xy = self._xy[: min(len(self._xy), len(self.items))]

    def refresh(self, bounds: QRectF, xy: np.ndarray) -> None:
        self.prepareGeometryChange()
        self._xy = xy[: len(self.items)]
        self._bounds = bounds
        self.update()

    def boundingRect(self) -> QRectF:
        return self._bounds

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        if not self.items:
            return
        rect = _exposed(self, option).adjusted(-130, -30, 130, 30)  # labels reach sideways
        xs, ys = self._xy[:, 0], self._xy[:, 1]
        visible = np.flatnonzero(
            (xs >= rect.left()) & (xs <= rect.right()) & (ys >= rect.top()) & (ys <= rect.bottom())
        )
        lod = lod_of(painter)
        transform = painter.worldTransform()
        if _vector(painter) or transform.isRotating():
            for i in visible.tolist():
                node = self.items[i]
                kind, radius, state = self._looks[self._look[i]]
                _draw_disc(painter, kind, radius, state, *node.xy, lod)
        else:
            self._blit_discs(painter, visible, lod)
        labelled = [
            self.items[i]
            for i in visible.tolist()
            if self.items[i].label_at is not None
            and (lod > LABEL_LOD or self.items[i].center or self.items[i].highlighted)
        ]
        if self.fast and len(labelled) > FAST_LABELS:
            labelled = [n for n in labelled if n.center or n.highlighted]
        self._paint_labels(painter, labelled)

    def _blit_discs(self, painter: QPainter, visible: np.ndarray, lod: float) -> None:
        """Discs as device-pixel pixmaps copied unscaled: the cheapest way QPainter draws.

        Positions are mapped to the device with numpy; the pixmaps are rendered for this zoom
        (in 2-px size steps) the first time it is seen.
        """
        t = painter.worldTransform()
        dpr = painter.device().devicePixelRatioF()
        dev_x = self._xy[visible, 0] * t.m11() + t.dx()
        dev_y = self._xy[visible, 1] * t.m22() + t.dy()
        looks = self._look[visible]
        painter.save()
        painter.resetTransform()
        for look in np.unique(looks).tolist():
            kind, radius, state = self._looks[look]
            px = _bucket(radius, lod * dpr)
            pixmap = _disc(kind, radius, state, px, dpr, style.colours().name)
            half = pixmap.width() / dpr / 2
            mask = looks == look
            for x, y in zip(
                np.rint(dev_x[mask] - half).tolist(),
                np.rint(dev_y[mask] - half).tolist(),
                strict=True,
            ):
                painter.drawPixmap(int(x), int(y), pixmap)
        painter.restore()

    def _paint_labels(self, painter: QPainter, nodes: list[NodeItem]) -> None:
        painter.setPen(Qt.PenStyle.NoPen)
        current: tuple[bool, bool] | None = None
        for node in sorted(nodes, key=lambda n: (n.center, n.dimmed)):
            if current != (node.center, node.dimmed):
                current = (node.center, node.dimmed)
                painter.setFont(font(NODE_FONT_PT, node.center))
                painter.setPen(style.color("mention" if node.dimmed else "graph_label"))
            assert node.label_at is not None
            dx, dy, _ = node.label_at
            text = _static(node)
            size = text.size()
            x, y = node.xy
            box = QRectF(x + dx, y + dy, size.width() + 8, size.height() + 2)
            painter.fillRect(box, style.color("graph_bg"))
            painter.drawStaticText(QPointF(box.left() + 4, box.top() + 1), text)


def _state(node: NodeItem) -> str:
    if node.dimmed:
        return "dimmed"
    if node.highlighted:
        return "highlighted"
    return "center" if node.center else "group" if node.is_group else "normal"


def _bucket(radius: float, scale: float) -> int:
    """Pixel size of a disc's pixmap: rounded up, in steps of 2 px, so zooming reuses them."""
    px = int(math.ceil(2 * (radius + 2.0) * scale))
    return max(4, min(512, px + (px & 1)))


@lru_cache(maxsize=256)
def _disc(
    kind: str, radius: float, state: str, px: int, dpr: float = 1.0, theme_name: str = ""
) -> QPixmap:
    """One disc's pixmap, cached per kind, size, state and theme (its ring is the theme's)."""
    pixmap = QPixmap(px, px)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHints(
        QPainter.RenderHint.Antialiasing | QPainter.RenderHint.SmoothPixmapTransform
    )
    half = radius + 2.0
    s = px / (2 * half)
    painter.scale(s, s)
    _draw_disc(painter, kind, radius, state, half, half, s)
    painter.end()
    pixmap.setDevicePixelRatio(dpr)
    return pixmap


def _draw_disc(
    painter: QPainter, kind: str, radius: float, state: str, x: float, y: float, scale: float
) -> None:
    color = style.color("edge_dimmed") if state == "dimmed" else style.kind_color(kind)
    ring = style.color("edge_path" if state == "highlighted" else "node_ring")
    if state == "group":  # a double ring: one disc standing for several items
        painter.setPen(QPen(color, 1.8))
        painter.setBrush(QBrush(style.color("graph_bg")))
        painter.drawEllipse(QPointF(x, y), radius, radius)
        radius -= 4.0
    painter.setPen(QPen(ring, 3.0 if state in ("highlighted", "center") else 1.5))
    painter.setBrush(QBrush(color))
    painter.drawEllipse(QPointF(x, y), radius, radius)
    if scale * radius > 6:
        size = radius * 1.15
        glyph_px = max(8, int(size * scale * 2))
        painter.drawPixmap(
            QRectF(x - size / 2, y - size / 2, size, size),
            style.node_glyph(kind, glyph_px),
            QRectF(0, 0, glyph_px, glyph_px),
        )


def _static(node: NodeItem) -> QStaticText:
    shown = node.label_at[2] if node.label_at else node.label
    if node.static_text is None or node.static_text.text() != shown:
        text = QStaticText(shown)
        text.setTextFormat(Qt.TextFormat.PlainText)
        text.prepare(font=font(NODE_FONT_PT, node.center))
        node.static_text = text
    return node.static_text


@lru_cache(maxsize=8192)
def label_size(node_label: bool, center: bool, text: str) -> tuple[float, float]:
    """A label's box in scene units, as the paint methods above draw it (cached: measuring a
    text cost ~80 us, and a 300-node view measures ~600 of them on every placement)."""
    if node_label:
        m = metrics(NODE_FONT_PT, center)
        return m.horizontalAdvance(text) + 8, m.height() + 2
    m = metrics(EDGE_FONT_PT)
    return m.horizontalAdvance(text) + 6, m.height()
