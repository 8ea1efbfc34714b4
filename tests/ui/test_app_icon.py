"""Casefile's own icon (the SVG and the PNGs rendered from it), the window icon, the desktop
file name Qt reports, the stylesheet read from the package, and the smoke-test exit."""

from __future__ import annotations

import gc

import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from desktop.ui.app import SMOKE_ENV, Startup, make_application
from desktop.ui.app_icon import ICON_SIZES, png_path, render_png, svg_path


@pytest.mark.parametrize("size", ICON_SIZES)
def test_each_png_is_the_svg_rendered_at_its_size(qapp, size: int) -> None:  # noqa: ANN001
    """Run .ci/render_icons.py after editing the SVG: a stale PNG fails here."""
    png = QImage(str(png_path(size))).convertToFormat(QImage.Format.Format_ARGB32)
    assert (png.width(), png.height()) == (size, size)
    fresh = render_png(svg_path(), size).convertToFormat(QImage.Format.Format_ARGB32)
    diff = sum(
        abs((png.pixel(x, y) >> shift & 0xFF) - (fresh.pixel(x, y) >> shift & 0xFF))
        for x in range(size)
        for y in range(size)
        for shift in (0, 8, 16, 24)
    )
    assert diff / (size * size * 4) < 2  # the same picture, up to rounding
    opaque = sum(png.pixelColor(x, y).alpha() > 0 for x in range(size) for y in range(size))
    assert opaque > size * size // 3  # something is drawn


def test_the_application_has_casefiles_icon_and_desktop_file(qtbot, library, built) -> None:  # noqa: ANN001
    app = make_application()
    assert app.desktopFileName() == "casefile"
    sheet = app.styleSheet()  # read from the package, the theme's colours filled in
    assert "QTableView" in sheet and "$" not in sheet
    threshold = gc.get_threshold()
    startup = Startup(str(library.path))
    window = startup.start()
    qtbot.addWidget(window)
    try:
        sizes = {s.width() for s in QApplication.windowIcon().availableSizes()}
        assert set(ICON_SIZES) <= sizes
    finally:
        window.close()
        startup.shutdown()
        gc.unfreeze()
        gc.set_threshold(*threshold)


def test_smoke_mode_quits_once_the_library_is_shown(
    qtbot,  # noqa: ANN001
    library,  # noqa: ANN001
    built,  # noqa: ANN001
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """What the bundle's smoke test relies on: `CASEFILE_SMOKE_TEST=1 casefile LIB` opens the
    window on LIB, says "ready" and leaves the event loop."""
    monkeypatch.setenv(SMOKE_ENV, "1")
    quits: list[bool] = []
    monkeypatch.setattr(QApplication, "quit", lambda: quits.append(True))
    threshold = gc.get_threshold()
    startup = Startup(str(library.path))
    window = startup.start()
    qtbot.addWidget(window)
    try:
        qtbot.waitUntil(lambda: bool(quits), timeout=30000)
        assert window.library is not None and window.connections_attached
        assert f"ready: {library.path}" in capsys.readouterr().out
    finally:
        window.writes.cancel_all()
        window.close()
        startup.shutdown()
        gc.unfreeze()
        gc.set_threshold(*threshold)
