"""Light and dark (issue 20): the theme follows the system or View › Theme, stays legible
(WCAG AA contrast), text scales with the system font, print stays light, and the window fits
a 1280×720 screen."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QFont, QStyleHints
from PySide6.QtWidgets import QApplication

from desktop.ui import theme
from desktop.ui.connections import render_case_diagram
from desktop.ui.icons import KIND_COLORS
from desktop.ui.settings import Settings

AA_TEXT, AA_GRAPHIC = 4.5, 3.0


@pytest.fixture
def app() -> Iterator[QApplication]:
    """The application's palette, style sheet and font as they were, after the test."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    palette, sheet, font = app.palette(), app.styleSheet(), app.font()
    yield app
    app.setFont(font)
    app.setPalette(palette)
    app.setStyleSheet(sheet)


def test_luminance_and_contrast_follow_wcag() -> None:
    assert theme.contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert theme.contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


@pytest.mark.parametrize("t", [theme.LIGHT, theme.DARK], ids=lambda t: t.name)
def test_text_and_faint_edges_meet_wcag_aa(t: theme.Theme) -> None:
    text_pairs = {
        "text on base": (t.text, t.base),
        "text on window": (t.text, t.window),
        "muted on base": (t.muted, t.base),
        "muted on alternate rows": (t.muted, t.alt_base),
        "muted on panels": (t.muted, t.panel),
        "muted on a selected row": (t.muted, t.selection),
        "selected text": (t.selection_text, t.selection),
        "links": (t.accent, t.base),
        "notes": (t.note_text, t.note_bg),
        "search hits": (t.mark_text, t.mark_bg),
        "warnings": (t.warn_text, t.warn_bg),
        "graph labels": (t.graph_label, t.graph_bg),
        "link labels": (t.edge_label, t.graph_bg),
        "relation labels": (t.relation, t.graph_bg),
    }
    for kind in KIND_COLORS:
        text_pairs[f"{kind} mention on its highlight"] = t.highlight(kind)
        text_pairs[f"{kind} link"] = (t.kind(kind), t.base)
    graphic_pairs = {
        "faint (mentions) edges": (t.mention, t.graph_bg),
        "suggested mentions": (t.mention_suggested, t.graph_bg),
        "relations": (t.relation, t.graph_bg),
        "suggested relations": (t.relation_suggested, t.graph_bg),
        "a path": (t.edge_path, t.graph_bg),
        "timeline axis marks": (t.timeline_marks["article"], t.base),
        **{f"{s} badge": (c, t.base) for s, c in t.status.items()},
    }
    for kind, colour in KIND_COLORS.items():  # a node: its disc, or its ring, stands out
        best = max(theme.contrast(colour, t.graph_bg), theme.contrast(t.node_ring, t.graph_bg))
        assert best >= AA_GRAPHIC, f"{kind} node"
    low = {name: round(theme.contrast(*p), 2) for name, p in text_pairs.items()
           if theme.contrast(*p) < AA_TEXT}  # fmt: skip
    low |= {name: round(theme.contrast(*p), 2) for name, p in graphic_pairs.items()
            if theme.contrast(*p) < AA_GRAPHIC}  # fmt: skip
    assert not low


def test_view_theme_switches_the_window_and_is_remembered(app, qtbot, built, window) -> None:  # noqa: ANN001
    window.attach_connections()
    window.select_item(built.articles["main"])
    qtbot.waitUntil(lambda: "Elizabeth" in window.detail.reader.toPlainText())
    dark = window.registry.action("view.theme_dark")
    assert window.registry.action("view.theme_system").isChecked()  # the default
    dark.trigger()
    assert dark.isChecked() and Settings().theme == "dark"
    assert app.palette().color(app.palette().ColorRole.Window) == QColor(theme.DARK.window)
    assert theme.DARK.base in app.styleSheet()
    # the graph paints on the dark background; the reader's highlights are the dark ones
    graph = window.connections.view
    picture = graph.grab().toImage()
    assert picture.pixelColor(2, 2) == QColor(theme.DARK.graph_bg)
    _text, background = theme.DARK.highlight("person")
    qtbot.waitUntil(lambda: background in window.detail.reader.toHtml())
    # print is always light
    diagram = render_case_diagram(window.library, built.case_id, (300, 200))
    assert diagram.pixelColor(1, 1) == QColor("#ffffff")
    assert graph.grab().toImage().pixelColor(2, 2) == QColor(theme.DARK.graph_bg)  # unchanged
    window.registry.action("view.theme_light").trigger()
    assert Settings().theme == "light"
    assert graph.grab().toImage().pixelColor(2, 2) == QColor(theme.LIGHT.graph_bg)


def test_system_colour_scheme_is_followed(app, monkeypatch) -> None:  # noqa: ANN001
    scheme = [Qt.ColorScheme.Light]
    monkeypatch.setattr(QStyleHints, "colorScheme", lambda _self: scheme[0])
    Settings().theme = "system"
    theme.install(app, Settings().theme)
    assert theme.current() is theme.LIGHT
    scheme[0] = Qt.ColorScheme.Dark
    app.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert theme.current() is theme.DARK
    Settings().theme = "light"  # View › Theme forces one: the system is not followed
    app.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert theme.current() is theme.LIGHT


def test_text_grows_with_the_system_font(app, qtbot, built, window) -> None:  # noqa: ANN001
    theme.install(app, "light")
    window.select_item(built.articles["main"])
    reader = window.detail.reader
    table = window.list_page.table

    def sizes() -> tuple[float, float]:
        return reader.font().pointSizeF(), table.font().pointSizeF()

    small = QFont(app.font())
    small.setPointSizeF(9)
    app.setFont(small)
    reader_small, list_small = sizes()
    big = QFont(app.font())
    big.setPointSizeF(15)
    app.setFont(big)
    reader_big, list_big = sizes()
    assert reader_big > reader_small * 1.4 and list_big > list_small * 1.4
    assert reader_big > list_big  # the reader stays a little larger than the lists


def test_the_window_fits_a_1280_by_720_screen(qtbot, built, window) -> None:  # noqa: ANN001
    window.attach_connections()
    window.navigator.select_case(built.case_id)
    hint = window.minimumSizeHint().expandedTo(window.minimumSize())
    assert hint.width() <= 1280 and hint.height() <= 720 - 48, hint  # 48: a taskbar
    window.resize(QSize(1280, 680))
    assert window.width() <= 1280


def test_icons_stand_out_on_the_dark_theme(app) -> None:  # noqa: ANN001
    from desktop.ui.icons import icon

    theme.apply("dark", app)
    for key in ("article", "library", "inbox", "watch"):
        image = (
            icon(key, KIND_COLORS["article"] if key == "article" else "#5a6270")
            .pixmap(24, 24)
            .toImage()
        )
        inked = [image.pixelColor(x, y) for x in range(24) for y in range(24)]
        strongest = max((c for c in inked if c.alpha() == 255), key=lambda c: c.lightness())
        assert theme.contrast(strongest.name(), theme.DARK.window) >= AA_GRAPHIC, key
