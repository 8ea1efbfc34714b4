"""Pictures of the graph: PNG and SVG export, the clipboard, and a case's diagram for print.

Rendering goes through the scene (not a screenshot of the widget), so exports are crisp at any
size and carry only the graph, on white, the way a briefing needs it. Call from the GUI thread
(node glyphs are QPixmaps).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QRectF, QSize, QSizeF, Qt
from PySide6.QtGui import QGuiApplication, QImage, QImageWriter, QPainter
from PySide6.QtSvg import QSvgGenerator

from desktop.ui.connections import style
from desktop.ui.connections.scene import GraphScene

EXPORT_SCALE = 2.0  # pixels per scene unit in PNG exports: sharp when pasted into a document


def scene_image(
    scene: GraphScene, size: QSize | None = None, scale: float = EXPORT_SCALE
) -> QImage:
    """The whole graph on white (the light theme), at ``scale`` or fitted into ``size``."""
    with style.light():
        return _scene_image(scene, size, scale)


def _scene_image(scene: GraphScene, size: QSize | None, scale: float) -> QImage:
    source = scene.content_rect()
    if size is None:
        size = QSize(max(1, int(source.width() * scale)), max(1, int(source.height() * scale)))
    image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(style.color("graph_bg"))
    painter = QPainter(image)
    painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
    scene.render(
        painter,
        QRectF(0, 0, size.width(), size.height()),
        source,
        Qt.AspectRatioMode.KeepAspectRatio,
    )
    painter.end()
    return image


def save_png(scene: GraphScene, path: str | Path) -> Path:
    out = Path(path)
    if not QImageWriter(str(out), b"PNG").write(scene_image(scene)):  # PNG whatever the suffix
        raise OSError(f"Could not write {out}")
    return out


def save_svg(scene: GraphScene, path: str | Path, title: str = "Connections") -> Path:
    out = Path(path)
    source = scene.content_rect()
    generator = QSvgGenerator()
    generator.setFileName(str(out))
    generator.setSize(source.size().toSize())
    generator.setViewBox(QRectF(0, 0, source.width(), source.height()))
    generator.setTitle(title)
    generator.setDescription("Exported from Casefile")
    painter = QPainter(generator)
    painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
    with style.light():
        scene.render(painter, QRectF(0, 0, source.width(), source.height()), source)
    painter.end()
    if not out.exists():
        raise OSError(f"Could not write {out}")
    return out


def copy_to_clipboard(scene: GraphScene) -> None:
    QGuiApplication.clipboard().setImage(scene_image(scene))


def render_case_diagram(
    library: Any, case_id: int, size: QSize | QSizeF | tuple[int, int]
) -> QImage:
    """A case's items and the links among them as an image, for the printed report.

    Synchronous (the report writer calls it while composing a page); GUI thread only.
    """
    from desktop.services.graph_layout import layout_graph
    from desktop.services.views import case_diagram, read

    view = read(library, case_diagram, case_id)
    if isinstance(size, tuple):
        size = QSize(*size)
    elif isinstance(size, QSizeF):
        size = size.toSize()
    scene = GraphScene()
    if not view.nodes:
        image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
        with style.light():
            image.fill(style.color("graph_bg"))
        return image
    scene.show_graph(view, layout_graph(view))
    return scene_image(scene, size)
