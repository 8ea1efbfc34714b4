"""One icon table: a meaning ("person", "import") maps to a qtawesome glyph, and each item
kind to a colour used by icons, reader highlights and the connections panel alike."""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtGui import QColor, QIcon

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
    "settings": "mdi6.cog-outline",
    "new-case": "mdi6.briefcase-plus-outline",
    "add-to-case": "mdi6.briefcase-download-outline",
    "dock": "mdi6.dock-right",
    "layout": "mdi6.view-dashboard-outline",
    "about": "mdi6.information-outline",
    "filter": "mdi6.filter-variant",
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


def kind_color(kind: str) -> QColor:
    return QColor(KIND_COLORS.get(kind, DEFAULT_COLOR))


@lru_cache(maxsize=256)
def icon(key: str, color: str | None = None) -> QIcon:
    """The icon for a meaning; item kinds get their kind colour unless one is given."""
    import qtawesome as qta  # imported on first use: keeps start-up lean

    name = ICONS.get(key)
    if name is None:
        return QIcon()
    return qta.icon(name, color=color or KIND_COLORS.get(key, DEFAULT_COLOR))


def kind_icon(kind: str, *, placeholder: bool = False) -> QIcon:
    return icon("placeholder" if placeholder else kind)
