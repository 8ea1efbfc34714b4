"""The scene of the connections graph: node items to click, two layers that draw everything.

The scene keeps its own dicts of items (PySide6 loses items that are only reachable through
``scene.items()``) and uses NoIndex, since it changes on every selection. Updating to a new
neighbourhood keeps the items of nodes that stay and animates everything from where it was
to where the layout put it, so re-centring never jumps. Big views are built in slices of a
few milliseconds (``budget_ms``), so the event loop never waits for more than a frame.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Hashable, Iterator, Mapping

import numpy as np
from PySide6.QtCore import (
    QEasingCurve,
    QObject,
    QPointF,
    QRect,
    QRectF,
    QTimer,
    QVariantAnimation,
)
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene

from desktop.services.graph import GraphEdge, Neighbourhood
from desktop.ui.connections import labels, style
from desktop.ui.connections.items import EdgeItem, MoreItem, NodeItem
from desktop.ui.connections.layers import EdgeLayer, NodeLayer, label_size

__all__ = ["EdgeItem", "GraphScene", "MoreItem", "NodeItem"]

Key = Hashable  # an item id, or ("more", item id) for a satellite
NODE_LABELS_MAX = 400  # node labels that compete for room (placing costs ~25 us each)
EDGE_LABELS_MAX = 400  # link labels that compete for room (relations and a path's links)
ANIMATE_MAX = 600  # above this many nodes, a new view appears in place (no tween)


class GraphScene(QGraphicsScene):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)
        self.nodes: dict[int, NodeItem] = {}
        self.mores: dict[int, MoreItem] = {}
        self.edges: dict[Key, EdgeItem] = {}
        self.names: dict[int, str] = {}
        self.center_id: int | None = None
        self._anim: QVariantAnimation | None = None
        self._moves: list[tuple[QGraphicsItem, tuple[float, float], tuple[float, float]]] = []
        self._edge_layer = EdgeLayer(self)
        self._node_layer = NodeLayer(self)
        self.addItem(self._edge_layer)
        self.addItem(self._node_layer)
        self._build: Iterator[None] | None = None
        self._build_done: Callable[[], None] | None = None
        self._budget = 0.0
        self._highlight: tuple[set[int], set[int]] = (set(), set())
        self._slotted: list[NodeItem | MoreItem] = []
        self._extents = np.zeros((0, 3))

    def drawBackground(self, painter: QPainter, rect: QRectF | QRect) -> None:
        painter.fillRect(rect, style.color("graph_bg"))  # the theme's, read when painting

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
        budget_ms: float | None = None,
        done: Callable[[], None] | None = None,
    ) -> None:
        """Show ``view`` at ``positions``, keeping the items of nodes already on screen.

        With ``budget_ms`` the work is cut into slices of about that long, one per turn of the
        event loop, and ``done`` runs when the last one has; without, it all happens now.
        """
        self._stop_animation()
        self._build = self._steps(view, positions, animate_ms)
        self._build_done = done
        if budget_ms is None:
            self.finish_building()
            return
        self._budget = budget_ms / 1000.0
        self._continue_building()

    @property
    def building(self) -> bool:
        return self._build is not None

    def finish_building(self) -> None:
        """Run what is left of a sliced build now (tests, exports, benchmarks)."""
        while self._build is not None:
            self._slice(float("inf"))

    def _continue_building(self) -> None:
        if self._build is not None:
            self._slice(self._budget)
            if self._build is not None:
                QTimer.singleShot(0, self._continue_building)

    def _slice(self, budget: float) -> None:
        assert self._build is not None
        deadline = time.perf_counter() + budget
        for _ in self._build:
            if time.perf_counter() >= deadline:
                return
        self._build = None
        done, self._build_done = self._build_done, None
        if done is not None:
            done()

    def _steps(
        self, view: Neighbourhood, positions: Mapping[Key, tuple[float, float]], animate_ms: int
    ) -> Iterator[None]:
        """The build as a generator: each ``yield`` is a point where a slice may end."""
        old = self.positions()
        center = view.center.id if view.center else None
        self.center_id = center
        wanted = {n.id: n for n in view.nodes}
        for old_edge in self.edges.values():
            old_edge.source.edges.clear()
            old_edge.target.edges.clear()
        self.edges = {}
        for nid in [
            n
            for n in self.nodes
            if n not in wanted
            or self.nodes[n].node != wanted[n]
            or (n == center) != self.nodes[n].center
        ]:
            self.removeItem(self.nodes.pop(nid))
        for more in self.mores.values():
            self.removeItem(more)
        self.mores = {}
        self.names = {n.id: style.node_name(n) for n in view.nodes}
        yield
        for i, node in enumerate(view.nodes):
            if node.id not in self.nodes:
                item = NodeItem(node, center=node.id == center)
                self.nodes[node.id] = item
                self.addItem(item)
            if node.more:
                more = MoreItem(node)
                self.mores[node.id] = more
                self.addItem(more)
            if i % 64 == 63:
                yield
        for i, edge in enumerate(view.edges):
            a, b = self.nodes.get(edge.source), self.nodes.get(edge.target)
            if a is not None and b is not None:
                self._add_edge(edge.id, EdgeItem(edge, a, b))
            if i % 512 == 511:
                yield
        for nid, more in self.mores.items():
            self._add_edge(("more", nid), EdgeItem(None, self.nodes[nid], more))
        self._apply_highlight(refresh=False)  # every item exists now; _place redraws
        self._set_topology()
        yield
        self.place_labels(positions)
        yield
        yield from self._place(old, positions, animate_ms if len(self.nodes) <= ANIMATE_MAX else 0)

    def _add_edge(self, key: Key, item: EdgeItem) -> None:
        self.edges[key] = item
        item.source.edges.append(item)
        item.target.edges.append(item)

    def _place(
        self,
        old: Mapping[Key, tuple[float, float]],
        new: Mapping[Key, tuple[float, float]],
        animate_ms: int,
    ) -> Iterator[None]:
        items: dict[Key, NodeItem | MoreItem] = {
            **{k: v for k, v in self.nodes.items()},
            **{("more", k): v for k, v in self.mores.items()},
        }
        self._moves = []
        for n, (key, item) in enumerate(items.items()):
            if n % 256 == 255:
                yield
            end = new.get(key, (0.0, 0.0))
            start = old.get(key, end)
            if key not in old:  # new: grow out of a neighbour that was already on screen
                for edge in item.edges:
                    near = _key(edge, item)
                    if near in old:
                        start = old[near]
                        break
            self._moves.append((item, start, end))
        if animate_ms <= 0:
            for i in range(0, len(self._moves), 256):
                self._set_positions(self._moves[i : i + 256], 1.0)
                yield
            self.refresh_layers()
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
        self._set_positions(self._moves, float(t))
        self.refresh_layers()

    @staticmethod
    def _set_positions(moves: list, t: float) -> None:
        for item, (x0, y0), (x1, y1) in moves:
            xy = (x0 + (x1 - x0) * t, y0 + (y1 - y0) * t)
            item.setPos(*xy)
            item.xy = xy

    def _set_topology(self) -> None:
        """Slots in the position array: nodes first, then "+N more" satellites."""
        self._slotted = [*self.nodes.values(), *self.mores.values()]
        slot = {id(item): i for i, item in enumerate(self._slotted)}
        self._extents = np.array([i.extent for i in self._slotted]).reshape(-1, 3)
        self._node_layer.set_topology()
        self._edge_layer.set_topology(slot)

    def refresh_layers(self) -> None:
        xy = np.array([i.xy for i in self._slotted], dtype=np.float64).reshape(-1, 2)
        rect = self._extent_rect(xy)
        self._node_layer.refresh(rect, xy)
        self._edge_layer.refresh(rect, xy)

    def _extent_rect(self, xy: np.ndarray) -> QRectF:
        if not len(xy):
            return QRectF(-24, -24, 48, 48)
        half, top, bottom = self._extents[:, 0], self._extents[:, 1], self._extents[:, 2]
        left, right = float((xy[:, 0] - half).min()), float((xy[:, 0] + half).max())
        up, down = float((xy[:, 1] + top).min()), float((xy[:, 1] + bottom).max())
        return QRectF(left, up, right - left, down - up).adjusted(-24, -24, 24, 24)

    def _stop_animation(self) -> None:
        if self._build is not None:
            self.finish_building()
        if self._anim is not None:
            self._anim.stop()
            self._anim = None
            self._step(1.0)

    @property
    def animating(self) -> bool:
        return self._anim is not None and self._anim.state() == QVariantAnimation.State.Running

    def set_fast(self, fast: bool) -> None:
        """While the view moves, big graphs draw cheaper lines (see ``layers.FAST_EDGES``)."""
        if self._edge_layer.fast != fast:
            self._edge_layer.fast = self._node_layer.fast = fast
            if not fast:
                self.update()

    # --- highlight, evidence, hit-testing -------------------------------------------------
    def set_highlight(self, node_ids: set[int], link_ids: set[int]) -> None:
        """Path mode: the path's nodes and links stand out, the rest fades back.

        During a sliced build the wish is kept and applied to the finished scene."""
        self._highlight = (set(node_ids), set(link_ids))
        if not self.building:
            self._apply_highlight()

    def _apply_highlight(self, refresh: bool = True) -> None:
        node_ids, link_ids = self._highlight
        active = bool(node_ids or link_ids)
        for nid, node in self.nodes.items():
            node.highlighted = nid in node_ids
            node.dimmed = active and not node.highlighted
        for more in self.mores.values():
            more.dimmed = active
            more.update()
        for edge in self.edges.values():
            edge.highlighted = edge.edge is not None and edge.edge.id in link_ids
            edge.dimmed = active and not edge.highlighted
        if refresh:
            self._set_topology()
            self.place_labels()
            self.refresh_layers()

    def place_labels(self, where: Mapping[Key, tuple[float, float]] | None = None) -> None:
        """Decide which labels show where (``labels.place``), at ``where`` (the layout's
        resting positions) or where the nodes will rest once a running animation ends (a
        path's highlight arrives mid-animation: placing at the start, where new nodes are
        bunched at their neighbour, hid most labels for good)."""
        at = where or {}
        rest = {id(item): end for item, _, end in self._moves}
        sizes: dict[tuple[bool, bool, str], tuple[float, float]] = {}

        def size(label: labels.Label, text: str) -> tuple[float, float]:
            node = label.radius > 0
            key = (node, node and self.nodes[label.key].center, text)  # type: ignore[index]
            if key not in sizes:
                sizes[key] = label_size(*key)
            return sizes[key]

        # ``at`` first, and ``item.xy`` only when needed: reading an attribute of a Qt item
        # costs microseconds, ~1.5 ms for a 300-node view when read for every node
        xy = {
            nid: at[nid] if nid in at else rest.get(id(item)) or item.xy
            for nid, item in self.nodes.items()
        }
        wanted = []
        for nid, node in self.nodes.items():
            x, y = xy[nid]
            rank = 0 if node.center else 1 if node.highlighted else 2 + node.node.hop
            texts = (node.label, labels.shortened(node.name))
            wanted.append(
                labels.Label(
                    nid,
                    x,
                    y,
                    node.radius,
                    texts if texts[1] != texts[0] else texts[:1],
                    (rank + (4 if node.dimmed else 0), -len(node.edges), node.label),
                )
            )
        links = []
        for key, edge in self.edges.items():
            edge.labelled = False
            if edge.edge is None or not (edge.highlighted or (edge.relation and not edge.dimmed)):
                continue
            target = edge.target
            assert isinstance(target, NodeItem)  # only "+N more" connectors have no edge
            ends = (edge.source.node.hop, target.node.hop)
            (ax, ay), (bx, by) = xy[edge.source.node.id], xy[target.node.id]
            links.append(
                labels.Label(
                    key,
                    (ax + bx) / 2,
                    (ay + by) / 2,
                    0.0,
                    (edge.text,),
                    (1 if edge.highlighted else 1.5 + min(ends), 0, edge.text),
                )
            )
        links.sort(key=lambda lb: lb.priority)
        discs = [
            (x - n.radius, y - n.radius, x + n.radius, y + n.radius)
            for nid, n in self.nodes.items()
            for x, y in (xy[nid],)
        ]
        for nid, more in self.mores.items():
            mx, my = at.get(("more", nid), rest.get(id(more), more.xy))
            half, top, bottom = more.extent
            discs.append((mx - half, my + top, mx + half, my + bottom))
        for node in self.nodes.values():
            node.label_at = None
        wanted.sort(key=lambda lb: lb.priority)  # a 2,000-node view names its first 400 only
        for label in labels.place(
            [*wanted[:NODE_LABELS_MAX], *links[:EDGE_LABELS_MAX]], size, discs
        ):
            assert label.box is not None
            if label.radius > 0:
                node = self.nodes[label.key]  # type: ignore[index]
                node.label_at = (label.box[0] - label.x, label.box[1] - label.y, label.text)
            else:
                self.edges[label.key].labelled = True

    def label_boxes(self) -> list[labels.Box]:
        """Every label that shows, in scene units where it is drawn now (tests, checks)."""
        boxes: list[labels.Box] = []
        for node in self.nodes.values():
            if node.label_at is not None:
                dx, dy, text = node.label_at
                w, h = label_size(True, node.center, text)
                x, y = node.xy
                boxes.append((x + dx, y + dy, x + dx + w, y + dy + h))
        for edge in self.edges.values():
            if edge.labelled:
                (ax, ay), (bx, by) = edge.source.xy, edge.target.xy
                w, h = label_size(False, False, edge.text)
                mx, my = (ax + bx) / 2, (ay + by) / 2
                boxes.append((mx - w / 2, my - h / 2, mx + w / 2, my + h / 2))
        return boxes

    def set_evidence(self, loaded: Mapping[int, GraphEdge]) -> None:
        """Put lazily read evidence into the edges it belongs to (link id -> full edge)."""
        for item in self.edges.values():
            if item.edge is not None and item.edge.id in loaded:
                item.edge = loaded[item.edge.id]

    def edge_at(self, point: QPointF, tolerance: float) -> EdgeItem | None:
        """The edge nearest to ``point`` (scene units), if one passes within ``tolerance``."""
        seg = self._edge_layer.segments
        if not len(seg):
            return None
        px, py = point.x(), point.y()
        ax, ay = seg[:, 0], seg[:, 1]
        dx, dy = seg[:, 2] - ax, seg[:, 3] - ay
        length2 = np.maximum(dx * dx + dy * dy, 1e-9)
        t = np.clip(((px - ax) * dx + (py - ay) * dy) / length2, 0.0, 1.0)
        dist2 = (ax + t * dx - px) ** 2 + (ay + t * dy - py) ** 2
        best = int(np.argmin(dist2))
        if dist2[best] > tolerance * tolerance:
            return None
        return self._edge_layer.items[best]

    def tooltip_at(self, item: QGraphicsItem | EdgeItem | None) -> str:
        if isinstance(item, EdgeItem):
            return item.tooltip(self.names)
        if isinstance(item, NodeItem | MoreItem):
            return item.tooltip()
        return ""

    def content_rect(self) -> QRectF:
        """Where the content is, or will be once a running animation ends (fit targets it)."""
        ends = {id(item): end for item, _, end in self._moves}
        return self._extent_rect(
            np.array([ends.get(id(i), i.xy) for i in self._slotted], dtype=np.float64).reshape(
                -1, 2
            )
        )


def _key(edge: EdgeItem, item: QGraphicsItem) -> Key:
    other = edge.source if edge.target is item else edge.target
    if isinstance(other, NodeItem):
        return other.node.id
    if isinstance(other, MoreItem):
        return ("more", other.parent_id)
    return None
