"""Casefile's own application icon: the window icon and the PNGs a desktop launcher shows.

The SVG is the source (``desktop/resources/icons/casefile.svg``); the PNG sizes beside it are
rendered from it by ``.ci/render_icons.py`` with Qt's SVG renderer, because launchers and
older desktops want bitmaps at the hicolor sizes and must not depend on an SVG loader.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon, QImage, QPainter

from desktop import resource

#: the hicolor theme sizes a launcher, a task bar or a file manager asks for
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICON_NAME = "casefile"


def svg_path() -> Path:
    return resource("icons", f"{ICON_NAME}.svg")


def png_path(size: int) -> Path:
    return resource("icons", f"{ICON_NAME}-{size}.png")


def render_png(svg: Path, size: int) -> QImage:
    """The SVG drawn into a transparent size x size image, antialiased."""
    from PySide6.QtSvg import QSvgRenderer  # only the icon script and its test draw the SVG

    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    QSvgRenderer(str(svg)).render(painter)
    painter.end()
    return image


def app_icon() -> QIcon:
    """The window icon: every rendered size, so Qt never scales a bitmap up."""
    icon = QIcon()
    for size in ICON_SIZES:
        icon.addFile(str(png_path(size)))
    return icon
