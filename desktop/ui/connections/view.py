"""The graph's view: wheel zoom, drag to pan, fit, and node clicks turned into signals.

Tooltips are built lazily on hover (``QEvent.ToolTip``): with a thousand edges, formatting
every evidence tooltip up front would cost more than drawing the graph.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QRectF, Qt, Signal
from PySide6.QtGui import QHelpEvent, QMouseEvent, QPainter, QWheelEvent
from PySide6.QtWidgets import QGraphicsItem, QGraphicsView, QToolTip, QWidget

from desktop.ui.connections.scene import EdgeItem, GraphScene, MoreItem, NodeItem

MIN_SCALE, MAX_SCALE = 0.08, 4.0


class GraphView(QGraphicsView):
    sig_node_clicked = Signal(int)
    sig_node_double_clicked = Signal(int)
    sig_more_clicked = Signal(int)  # the hub whose "+N more" was clicked
    sig_node_context_menu = Signal(int, QPoint)  # item id, global position

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.MinimalViewportUpdate)
        self.setOptimizationFlag(QGraphicsView.OptimizationFlag.DontAdjustForAntialiasing, True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName("Connections graph")

    def graph_scene(self) -> GraphScene | None:
        scene = self.scene()
        return scene if isinstance(scene, GraphScene) else None

    # --- zoom and fit ---------------------------------------------------------------------
    def zoom(self, factor: float) -> None:
        current = self.transform().m11()
        factor = max(MIN_SCALE / current, min(MAX_SCALE / current, factor))
        self.scale(factor, factor)

    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() / 120.0
        if steps:
            self.zoom(1.15**steps)
        event.accept()

    def fit(self) -> None:
        scene = self.graph_scene()
        if scene is None or not scene.nodes:
            return
        rect = scene.content_rect()
        # Give the scene room around the content so panning is never stuck at an edge.
        self.setSceneRect(
            rect.adjusted(
                -rect.width() * 2, -rect.height() * 2, rect.width() * 2, rect.height() * 2
            )
        )
        self.fitInView(rect, Qt.AspectRatioMode.KeepAspectRatio)
        if self.transform().m11() > 1.4:
            self.resetTransform()
            self.scale(1.4, 1.4)
            self.centerOn(rect.center())

    def ensure_room(self, rect: QRectF) -> None:
        if not self.sceneRect().contains(rect):
            self.setSceneRect(self.sceneRect().united(rect.adjusted(-400, -400, 400, 400)))

    # --- clicks ---------------------------------------------------------------------------
    def _item_at(self, pos: QPoint) -> QGraphicsItem | None:
        for item in self.items(pos):
            if isinstance(item, NodeItem | MoreItem):
                return item
        for item in self.items(pos):
            if isinstance(item, EdgeItem):
                return item
        return None

    def mousePressEvent(self, event: QMouseEvent) -> None:
        item = self._item_at(event.position().toPoint())
        if event.button() == Qt.MouseButton.LeftButton and isinstance(item, NodeItem):
            self.sig_node_clicked.emit(item.node.id)
            event.accept()
            return
        if event.button() == Qt.MouseButton.LeftButton and isinstance(item, MoreItem):
            self.sig_more_clicked.emit(item.parent_id)
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        item = self._item_at(event.position().toPoint())
        if isinstance(item, NodeItem):
            self.sig_node_double_clicked.emit(item.node.id)
            event.accept()
            return
        super().mouseDoubleClickEvent(event)

    def contextMenuEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        item = self._item_at(event.pos())
        if isinstance(item, NodeItem):
            self.sig_node_context_menu.emit(item.node.id, event.globalPos())
            event.accept()

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            scene = self.graph_scene()
            text = scene.tooltip_at(self._item_at(event.pos())) if scene else ""
            if text:
                QToolTip.showText(event.globalPos(), text, self.viewport())
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().viewportEvent(event)
