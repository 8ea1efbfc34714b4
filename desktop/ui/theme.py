"""Light and dark: the one home of the window's colours and of its relative font sizes.

The theme follows the system's colour scheme (``QStyleHints.colorScheme`` and its
``colorSchemeChanged`` signal) unless View › Theme forces light or dark (kept in QSettings).
Applying a theme sets the Fusion palette and the application style sheet, which is
``resources/style.qss`` with this module's colours and font sizes filled in; widgets that
paint themselves (the connections graph, the timeline, the item-list delegates) ask
``current()`` while painting, so they follow without being told. Which theme is on is read
back from the application palette, so there is no second copy of that state.

Font sizes are relative to the application font (``scaled``): when the system font grows,
so does every text the style sheet sizes. Print and PDF always use ``LIGHT``.

The colours meet WCAG AA (tests/ui/test_theme.py): text on its highlight 4.5:1, the faint
"mentions" edges 3:1 on the graph's background.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from string import Template
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from desktop import resource

if TYPE_CHECKING:
    from desktop.ui.actions import ActionRegistry
    from desktop.ui.settings import Settings

SYSTEM, LIGHT_NAME, DARK_NAME = "system", "light", "dark"
CHOICES: tuple[str, ...] = (SYSTEM, LIGHT_NAME, DARK_NAME)
#: View › Theme's commands (actions.py), one per choice
THEME_ACTIONS: dict[str, str] = {f"view.theme_{choice}": choice for choice in CHOICES}


@dataclass(frozen=True)
class Theme:
    name: str
    window: str  # behind panels and docks
    base: str  # behind text: lists, the reader, inputs
    alt_base: str
    panel: str  # dock titles, the navigator, the status bar
    text: str
    muted: str  # secondary text, still 4.5:1 on base
    border: str
    input_border: str
    hover: str
    pressed: str
    selection: str  # selected rows
    selection_text: str
    accent: str  # focus ring, links
    icon: str  # neutral icons
    note_text: str
    note_bg: str
    mark_text: str  # search hits in snippets
    mark_bg: str
    warn_text: str  # inline error messages, watch-list flags
    warn_bg: str
    warn_border: str
    status: dict[str, str]  # review status colours: confirmed, rejected, suggested
    #: item kind -> colour as text (links, reader highlights); nodes use icons.KIND_COLORS
    kinds: dict[str, str]
    #: how far the highlight behind a mention is mixed from the kind colour to the base
    tint: float
    # the connections graph
    graph_bg: str
    graph_label: str
    relation: str
    relation_suggested: str
    mention: str  # the faint "mentions"/"cites" edges: 3:1 on graph_bg
    mention_suggested: str
    edge_label: str
    edge_path: str
    edge_dimmed: str
    node_ring: str
    # the timeline
    header_bg: str
    selected_bg: str
    axis: str
    timeline_marks: dict[str, str] = field(default_factory=dict)

    def kind(self, kind: str) -> str:
        return self.kinds.get(kind, self.kinds["article"])

    def highlight(self, kind: str) -> tuple[str, str]:
        """(text, background) of a mention of this kind in the reader."""
        colour = self.kind(kind)
        return colour, mix(colour, self.base, self.tint)

    def qcolor(self, name: str) -> QColor:
        return QColor(getattr(self, name))


LIGHT = Theme(
    name=LIGHT_NAME,
    window="#f5f6f8",
    base="#ffffff",
    alt_base="#f8f9fb",
    panel="#eef0f3",
    text="#1f2933",
    muted="#5a6270",
    border="#dde1e6",
    input_border="#cfd5dd",
    hover="#e6eaf0",
    pressed="#e2e8f0",
    selection="#d4e2f7",
    selection_text="#1a2b44",
    accent="#2b6cb0",
    icon="#3e4652",
    note_text="#7a5f12",
    note_bg="#fff8e1",
    mark_text="#1f2933",
    mark_bg="#ffe58a",
    warn_text="#9b2c2c",
    warn_bg="#fdf2f2",
    warn_border="#f5c6c6",
    status={"confirmed": "#2f855a", "rejected": "#c53030", "suggested": "#8592a6"},
    kinds={
        "article": "#4a5568",
        "person": "#2b6cb0",
        "organization": "#276749",
        "country": "#8d5c0f",
        "place": "#9c4221",
        "group": "#6b46c1",
        "regulation": "#c53030",
    },
    tint=0.9,
    graph_bg="#ffffff",
    graph_label="#1a202c",
    relation="#1a365d",
    relation_suggested="#2c5282",
    mention="#8592a6",
    mention_suggested="#8592a6",
    edge_label="#5a6270",
    edge_path="#b7791f",
    edge_dimmed="#e2e8f0",
    node_ring="#ffffff",
    header_bg="#edf2f7",
    selected_bg="#ebf4ff",
    axis="#cbd5e0",
    timeline_marks={"article": "#2b6cb0", "statement": "#c05621", "note": "#2f855a"},
)

DARK = Theme(
    name=DARK_NAME,
    window="#202328",
    base="#17191d",
    alt_base="#1d2025",
    panel="#272b31",
    text="#e4e7eb",
    muted="#aab2bd",
    border="#373c44",
    input_border="#4a515b",
    hover="#2f343c",
    pressed="#39404a",
    selection="#29426a",
    selection_text="#f0f5ff",
    accent="#6aa9ec",
    icon="#c9ced6",
    note_text="#f2d58a",
    note_bg="#3a321d",
    mark_text="#17191d",
    mark_bg="#f2c94c",
    warn_text="#ffb4b4",
    warn_bg="#3b2224",
    warn_border="#6b3236",
    status={"confirmed": "#5fbf8a", "rejected": "#f07171", "suggested": "#7d8794"},
    kinds={
        "article": "#b8c2d0",
        "person": "#7ab8f5",
        "organization": "#6fcf97",
        "country": "#e8b95a",
        "place": "#f29b6b",
        "group": "#b59cf5",
        "regulation": "#f58b8b",
    },
    tint=0.80,
    graph_bg="#17191d",
    graph_label="#e4e7eb",
    relation="#9cc3f2",
    relation_suggested="#7aa7e0",
    mention="#6c7787",
    mention_suggested="#6c7787",
    edge_label="#a6aeb9",
    edge_path="#e6b340",
    edge_dimmed="#2c3138",
    node_ring="#c9ced6",
    header_bg="#272b31",
    selected_bg="#23344d",
    axis="#4a515b",
    timeline_marks={"article": "#6aa9ec", "statement": "#f29b6b", "note": "#6fcf97"},
)

THEMES = {LIGHT_NAME: LIGHT, DARK_NAME: DARK}
FOLLOWING = "casefileThemeFollowsSystem"  # an application property: install ran

#: style sheet font sizes, relative to the application font
FONT_SCALES = {"title": 1.3, "reader": 1.1, "large": 1.3, "small": 0.9}


def mix(colour: str, towards: str, amount: float) -> str:
    """``colour`` moved ``amount`` (0..1) of the way to ``towards``, as #rrggbb."""
    a, b = QColor(colour), QColor(towards)
    parts = (
        round(ca + (cb - ca) * amount)
        for ca, cb in ((a.red(), b.red()), (a.green(), b.green()), (a.blue(), b.blue()))
    )
    return "#" + "".join(f"{c:02x}" for c in parts)


def luminance(colour: str) -> float:
    """WCAG 2 relative luminance."""
    c = QColor(colour)

    def channel(v: int) -> float:
        s = v / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(c.red()) + 0.7152 * channel(c.green()) + 0.0722 * channel(c.blue())


def contrast(fg: str, bg: str) -> float:
    """WCAG 2 contrast ratio, 1..21."""
    hi, lo = sorted((luminance(fg), luminance(bg)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def readable(colour: str, minimum: float = 4.5) -> str:
    """``colour``, lightened on a dark theme until it stands out (an icon's kind colour
    chosen for white, drawn on a dark panel: 4.5:1, as clear as text)."""
    return _readable(colour, current().name, minimum)


@lru_cache(maxsize=256)
def _readable(colour: str, theme_name: str, minimum: float) -> str:
    t = THEMES[theme_name]
    if t is LIGHT or contrast(colour, t.window) >= minimum:
        return colour
    for step in range(1, 11):
        lighter = mix(colour, "#ffffff", step / 10)
        if contrast(lighter, t.window) >= minimum:
            return lighter
    return t.icon


def current() -> Theme:
    """The theme on now, read from the application palette (light when there is none)."""
    if QGuiApplication.instance() is None:
        return LIGHT
    window = QGuiApplication.palette().color(QPalette.ColorRole.Window)
    return DARK if window.lightness() < 128 else LIGHT


def resolve(choice: str) -> Theme:
    """The theme for a View › Theme choice; "system" asks the platform's colour scheme."""
    if choice in THEMES:
        return THEMES[choice]
    app = QGuiApplication.instance()
    dark = isinstance(app, QGuiApplication) and (
        app.styleHints().colorScheme() == Qt.ColorScheme.Dark
    )
    return DARK if dark else LIGHT


def palette(theme: Theme) -> QPalette:
    p = QPalette()
    role = QPalette.ColorRole
    colours = {
        role.Window: theme.window,
        role.WindowText: theme.text,
        role.Base: theme.base,
        role.AlternateBase: theme.alt_base,
        role.ToolTipBase: theme.base,
        role.ToolTipText: theme.text,
        role.PlaceholderText: theme.muted,
        role.Text: theme.text,
        role.Button: theme.panel,
        role.ButtonText: theme.text,
        role.BrightText: "#ffffff",
        role.Highlight: theme.selection,
        role.HighlightedText: theme.selection_text,
        role.Link: theme.accent,
        role.LinkVisited: theme.accent,
        role.Light: mix(theme.panel, "#ffffff", 0.3),
        role.Midlight: mix(theme.panel, theme.border, 0.5),
        role.Mid: theme.border,
        role.Dark: mix(theme.border, theme.text, 0.3),
        role.Shadow: "#000000",
    }
    for r, c in colours.items():
        p.setColor(r, QColor(c))
    disabled = QColor(mix(theme.muted, theme.base, 0.35))
    for r in (role.Text, role.WindowText, role.ButtonText):
        p.setColor(QPalette.ColorGroup.Disabled, r, disabled)
    return p


def point_sizes(font: QFont) -> dict[str, str]:
    base = font.pointSizeF() if font.pointSizeF() > 0 else 10.0
    return {f"pt_{k}": f"{base * s:.1f}pt" for k, s in FONT_SCALES.items()}


def stylesheet(theme: Theme, font: QFont) -> str:
    try:
        text = resource("style.qss").read_text(encoding="utf-8")
    except OSError:
        return ""
    values = {k: v for k, v in vars(theme).items() if isinstance(v, str)}
    values.update(point_sizes(font))
    return Template(text).safe_substitute(values)


def apply(choice: str, app: QApplication | None = None) -> Theme:
    """Put a View › Theme choice on: the Fusion palette and the filled-in style sheet."""
    app = app or _app()
    theme = resolve(choice)
    app.setPalette(palette(theme))
    app.setStyleSheet(stylesheet(theme, app.font()))
    return theme


def install(app: QApplication, choice: str) -> None:
    """Apply ``choice`` now, and again when the system colour scheme or font changes (the
    choice is read from the settings then, so View › Theme's latest pick holds)."""
    from desktop.ui.settings import Settings

    apply(choice, app)
    if app.property(FOLLOWING):
        return
    app.setProperty(FOLLOWING, True)

    def again(*_args: object) -> None:
        apply(Settings().theme, app)

    app.styleHints().colorSchemeChanged.connect(again)
    app.fontChanged.connect(again)


def bind_theme_actions(
    registry: ActionRegistry, settings: Settings, changed: Callable[[], None]
) -> None:
    """View › Theme: System / Light / Dark, one checked; a pick is applied and remembered."""
    from PySide6.QtGui import QActionGroup

    group = QActionGroup(registry.action(next(iter(THEME_ACTIONS))))  # lives as long as it
    group.setExclusive(True)
    for action_id, choice in THEME_ACTIONS.items():
        action = registry.action(action_id)
        group.addAction(action)
        action.setChecked(choice == settings.theme)

        def pick(choice: str = choice) -> None:
            settings.theme = choice
            apply(choice)
            changed()

        registry.set_handler(action_id, pick)


def style_as(widget: QWidget, role: str) -> None:
    """Give a widget a look from the style sheet (``*[look="role"]`` rules)."""
    widget.setProperty("look", role)
    widget.style().unpolish(widget)
    widget.style().polish(widget)


def _app() -> QApplication:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    return app
