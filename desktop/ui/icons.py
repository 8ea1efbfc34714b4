"""One icon table: a meaning ("person", "import") maps to a qtawesome glyph, and each item
kind to a colour used by icons, reader highlights and the connections panel alike.

The table's glyphs are all Material Design Icons 6 ("mdi6."), and ``icon`` draws them itself
from the font qtawesome ships, the way qtawesome draws them (the glyph at 7/8 of the icon's
height, centred; the palette's disabled text colour when disabled): importing qtawesome costs
~0.2 s (qtpy star-imports Qt) and loads a dozen fonts, and the window's first paint needs only
these glyphs (issue 8). tests/ui/test_main_window_frame.py compares the pixmaps with
qtawesome's. Other names still go through qtawesome.
"""

from __future__ import annotations

import importlib.util
import json
from functools import lru_cache
from pathlib import Path

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QGuiApplication,
    QIcon,
    QIconEngine,
    QPainter,
    QPalette,
    QPixmap,
)

from desktop.ui import theme

#: meaning -> qtawesome name. Every entry must resolve (tests/ui/test_icons.py).
ICONS: dict[str, str] = {
    # item kinds
    "article": "mdi6.file-document-outline",
    "person": "mdi6.account",
    "organization": "mdi6.domain",
    "country": "mdi6.flag-outline",
    "place": "mdi6.map-marker-outline",
    "group": "mdi6.account-group-outline",
    "regulation": "mdi6.gavel",
    "placeholder": "mdi6.file-question-outline",
    # navigator
    "case": "mdi6.briefcase-outline",
    "cases": "mdi6.briefcase-variant-outline",
    "library": "mdi6.bookshelf",
    "inbox": "mdi6.inbox-arrow-down",
    "places": "mdi6.earth",
    # actions
    "import": "mdi6.tray-arrow-down",
    "import-folder": "mdi6.folder-download-outline",
    "print": "mdi6.printer-outline",
    "print-preview": "mdi6.file-eye-outline",
    "pdf": "mdi6.file-pdf-box",
    "export": "mdi6.export",
    "backup": "mdi6.database-export-outline",
    "quit": "mdi6.exit-to-app",
    "search": "mdi6.magnify",
    "quick-open": "mdi6.lightning-bolt",
    "undo": "mdi6.undo",
    "redo": "mdi6.redo",
    "add": "mdi6.plus",
    "remove": "mdi6.minus",
    "delete": "mdi6.delete-outline",
    "pin": "mdi6.pin-outline",
    "confirm": "mdi6.check",
    "reject": "mdi6.close",
    "merge": "mdi6.call-merge",
    "rename": "mdi6.rename-outline",
    "link": "mdi6.link-variant",
    "graph": "mdi6.graph-outline",
    "timeline": "mdi6.timeline-clock-outline",
    "settings": "mdi6.cog-outline",
    "new-case": "mdi6.briefcase-plus-outline",
    "add-to-case": "mdi6.briefcase-download-outline",
    "dock": "mdi6.dock-right",
    "layout": "mdi6.view-dashboard-outline",
    "refresh": "mdi6.refresh",
    "about": "mdi6.information-outline",
    "filter": "mdi6.filter-variant",
    "clear-dates": "mdi6.calendar-remove",
    "watch": "mdi6.eye-outline",
    "hit": "mdi6.flag",
}

#: item kind -> colour (muted, readable on white as text and as a highlight tint).
KIND_COLORS: dict[str, str] = {
    "article": "#4a5568",
    "person": "#2b6cb0",
    "organization": "#2f855a",
    "country": "#b7791f",
    "place": "#c05621",
    "group": "#6b46c1",
    "regulation": "#c53030",
}

KIND_LABELS: dict[str, str] = {
    "article": "Article",
    "person": "Person",
    "organization": "Organization",
    "country": "Country",
    "place": "Place",
    "group": "Working group",
    "regulation": "Regulation or list",
}

DEFAULT_COLOR = "#4a5568"
#: the neutral icon colour: drawn in the theme's icon colour (light or dark) when painted
NEUTRAL = "#3e4652"


def kind_color(kind: str) -> QColor:
    return QColor(KIND_COLORS.get(kind, DEFAULT_COLOR))


MDI_PREFIX = "mdi6."


@lru_cache(maxsize=256)
def icon(key: str, color: str | None = None) -> QIcon:
    """The icon for a meaning; item kinds get their kind colour unless one is given."""
    name = ICONS.get(key)
    if name is None:
        return QIcon()
    color = color or KIND_COLORS.get(key, DEFAULT_COLOR)
    if name.startswith(MDI_PREFIX):
        family, chars = _mdi_font()
        char = chars.get(name.removeprefix(MDI_PREFIX))
        if char is not None:
            return QIcon(GlyphIconEngine(family, char, QColor(color)))
    import qtawesome as qta  # imported on first use: keeps start-up lean

    return qta.icon(name, color=color)


@lru_cache(maxsize=1)
def _mdi_font() -> tuple[str, dict[str, str]]:
    """The font family and glyph name -> character of qtawesome's Material Design Icons 6
    (found without importing qtawesome)."""
    spec = importlib.util.find_spec("qtawesome")
    if spec is None or not spec.submodule_search_locations:
        return "", {}
    fonts = Path(next(iter(spec.submodule_search_locations))) / "fonts"
    ttf = max(fonts.glob("materialdesignicons6-webfont-*.ttf"), default=None)
    charmap = max(fonts.glob("materialdesignicons6-webfont-charmap-*.json"), default=None)
    if ttf is None or charmap is None:
        return "", {}
    families = QFontDatabase.applicationFontFamilies(
        QFontDatabase.addApplicationFontFromData(ttf.read_bytes())
    )
    if not families:
        return "", {}
    codes = json.loads(charmap.read_text(encoding="utf-8"))
    return families[0], {name: chr(int(code, 16)) for name, code in codes.items()}


class GlyphIconEngine(QIconEngine):
    """One glyph of an icon font in one colour (qtawesome's CharIconEngine, text drawing)."""

    def __init__(self, family: str, char: str, color: QColor) -> None:
        super().__init__()
        self._family, self._char, self._color = family, char, color

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        painter.save()
        if mode == QIcon.Mode.Disabled:  # the palette's now: the theme may have changed
            painter.setPen(
                QGuiApplication.palette().color(
                    QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text
                )
            )
        elif self._color.name() == NEUTRAL:
            painter.setPen(QColor(theme.current().icon))
        else:
            painter.setPen(QColor(theme.readable(self._color.name())))
        font = QFont()
        font.setFamily(self._family)
        font.setPixelSize(round(0.875 * rect.height()))
        painter.setFont(font)
        painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), self._char)
        painter.restore()

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        pixmap = QPixmap(size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        self.paint(painter, QRect(QPoint(0, 0), size), mode, state)
        painter.end()
        return pixmap

    def clone(self) -> QIconEngine:
        return GlyphIconEngine(self._family, self._char, QColor(self._color))


def kind_icon(kind: str, *, placeholder: bool = False) -> QIcon:
    return icon("placeholder" if placeholder else kind)
