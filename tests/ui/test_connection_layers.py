"""The node layer paints whatever moment of a rebuild Qt catches it in."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QStyleOptionGraphicsItem

from desktop.ui.connections.layers import NodeLayer


def _node(i: int) -> SimpleNamespace:
    return SimpleNamespace(
        node=SimpleNamespace(kind="person", label=f"P{i}"),
        radius=8.0,
        dimmed=False,
        highlighted=False,
        center=False,
        is_group=False,
        xy=(i * 30.0, 0.0),
        label_at=None,
    )


def test_a_paint_between_a_smaller_rebuild_and_its_placing_does_not_fail(qtbot) -> None:  # noqa: ANN001
    scene = SimpleNamespace(nodes={i: _node(i) for i in range(5)})
    layer = NodeLayer(scene)  # type: ignore[arg-type]  # only .nodes is read
    layer.set_topology()
    layer.refresh(QRectF(-50, -50, 300, 100), np.array([n.xy for n in scene.nodes.values()]))
    scene.nodes = {i: _node(i) for i in range(4)}  # the next view has fewer nodes ...
    layer.set_topology()  # ... and Qt paints before they are placed
    image = QImage(400, 200, QImage.Format.Format_ARGB32)
    image.fill(0)
    painter = QPainter(image)
    try:
        painter.scale(0.05, 0.05)  # zoomed out: discs only, no labels
        layer.paint(painter, QStyleOptionGraphicsItem())
    finally:
        painter.end()
