"""The graph's view: wheel zoom, drag to pan, fit, and node clicks turned into signals.

Tooltips are built lazily on hover (``QEvent.ToolTip``): with a thousand edges, formatting
every evidence tooltip up front would cost more than drawing the graph, and the evidence
itself is read only then (``sig_evidence_wanted``; the tooltip fills in when it arrives).
While the view zooms or pans, the scene draws big graphs the cheap way (``set_fast``); the
resting frame after the movement is the full-quality one.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QHelpEvent, QKeyEvent, QMouseEvent, QPainter, QWheelEvent
from PySide6.QtWidgets import QApplication, QGraphicsItem, QGraphicsView, QToolTip, QWidget

from desktop.ui.connections.scene import EdgeItem, GraphScene, MoreItem, NodeItem

MIN_SCALE, MAX_SCALE = 0.08, 4.0
EDGE_HIT_PX = 5.0  # how near (in pixels) the mouse must be to an edge to hover it
SETTLE_MS = 140  # after the last zoom or pan step, draw the full-quality frame


class GraphView(QGraphicsView):
    sig_node_clicked = Signal(int)
    sig_node_double_clicked = Signal(int)  # expand it in place
    sig_node_activated = Signal(int)  # Enter: open the centre
    sig_more_clicked = Signal(int)  # the hub whose "+N more" was clicked
    sig_node_context_menu = Signal(int, QPoint)  # item id, global position
    sig_evidence_wanted = Signal(int)  # link id whose evidence a tooltip is waiting for

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
        self._tip: tuple[int, QPoint] | None = None  # link id and where its tooltip shows
        self._settle = QTimer(self, singleShot=True, interval=SETTLE_MS)
        self._settle.timeout.connect(lambda: self._moving(False))
        self._clicked: int | None = None  # a node clicked once, waiting for a second click
        self._click = QTimer(self, singleShot=True)
        self._click.timeout.connect(self._click_settled)

    def _moving(self, moving: bool) -> None:
        scene = self.graph_scene()
        if scene is not None:
            scene.set_fast(moving)
        if moving:
            self._settle.start()

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        self._moving(True)
        super().scrollContentsBy(dx, dy)

    def graph_scene(self) -> GraphScene | None:
        scene = self.scene()
        return scene if isinstance(scene, GraphScene) else None

    # --- zoom and fit ---------------------------------------------------------------------
    def zoom(self, factor: float) -> None:
        current = self.transform().m11()
        factor = max(MIN_SCALE / current, min(MAX_SCALE / current, factor))
        self._moving(True)
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

    def shows(self, rect: QRectF) -> bool:
        """Whether ``rect`` (scene units) would fit on screen at the current zoom."""
        scale = self.transform().m11()
        size = self.viewport().size()
        return rect.width() * scale <= size.width() and rect.height() * scale <= size.height()

    def ensure_room(self, rect: QRectF) -> None:
        if not self.sceneRect().contains(rect):
            self.setSceneRect(self.sceneRect().united(rect.adjusted(-400, -400, 400, 400)))

    # --- clicks ---------------------------------------------------------------------------
    def _item_at(self, pos: QPoint) -> QGraphicsItem | EdgeItem | None:
        """The "+N more", node or edge under ``pos``, found in the scene's own dicts: asking
        Qt for ``items(pos)`` made wrappers of items the scene does not keep referenced,
        and a tooltip during a reload crashed the process (PySide6, see ENVIRONMENT.md)."""
        scene = self.graph_scene()
        if scene is None:
            return None
        at = self.mapToScene(pos)
        for more in scene.mores.values():
            if more.isVisible() and more.contains(more.mapFromScene(at)):
                return more
        for node in scene.nodes.values():
            if node.isVisible() and node.contains(node.mapFromScene(at)):
                return node
        scale = max(self.transform().m11(), 1e-6)
        return scene.edge_at(self.mapToScene(pos), EDGE_HIT_PX / scale)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        item = self._item_at(event.position().toPoint())
        if event.button() == Qt.MouseButton.LeftButton and isinstance(item, NodeItem):
            # a click re-centres, a double-click expands in place: the click waits to see
            # whether a second one follows, or the re-centre would move the picture first
            self._clicked = item.node.id
            self._click.start(QApplication.doubleClickInterval())
            event.accept()
            return
        if event.button() == Qt.MouseButton.LeftButton and isinstance(item, MoreItem):
            self.sig_more_clicked.emit(item.parent_id)
            event.accept()
            return
        super().mousePressEvent(event)

    def _click_settled(self) -> None:
        clicked, self._clicked = self._clicked, None
        if clicked is not None:
            self.sig_node_clicked.emit(clicked)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter opens the item at the centre (the node's context menu has Open too)."""
        scene = self.graph_scene()
        if (
            event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and scene
            and scene.center_id is not None
        ):
            self.sig_node_activated.emit(scene.center_id)
            event.accept()
            return
        super().keyPressEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        item = self._item_at(event.position().toPoint())
        if isinstance(item, NodeItem):
            self._click.stop()
            self._clicked = None
            self.sig_node_double_clicked.emit(item.node.id)
            event.accept()
            return
        super().mouseDoubleClickEvent(event)

    def contextMenuEvent(self, event) -> None:
        item = self._item_at(event.pos())
        if isinstance(item, NodeItem):
            self.sig_node_context_menu.emit(item.node.id, event.globalPos())
            event.accept()

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            scene = self.graph_scene()
            item = self._item_at(event.pos())
            text = scene.tooltip_at(item) if scene else ""
            if item is None and scene is not None and scene.nodes:
                text = self.toolTip()  # empty space: how to use the graph
            self._tip = None
            if isinstance(item, EdgeItem) and item.edge and not item.edge.evidence_loaded:
                self._tip = (item.edge.id, event.globalPos())
                self.sig_evidence_wanted.emit(item.edge.id)
            if text:
                QToolTip.showText(event.globalPos(), text, self.viewport())
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().viewportEvent(event)

    def evidence_arrived(self, link_id: int) -> None:
        """Replace a "loading" tooltip with the evidence, if it is still showing."""
        scene = self.graph_scene()
        if scene is None or self._tip is None or self._tip[0] != link_id:
            return
        _, where = self._tip
        self._tip = None
        edge = next((e for e in scene.edges.values() if e.edge and e.edge.id == link_id), None)
        if edge is not None and QToolTip.isVisible():
            QToolTip.showText(where, scene.tooltip_at(edge), self.viewport())
