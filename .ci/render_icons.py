"""Render Casefile's PNG icons from its SVG (run after editing the SVG, commit both).

    .venv/bin/python .ci/render_icons.py

Writes desktop/resources/icons/casefile-<N>.png for every size desktops look for (hicolor's
16..256). Qt's own SVG renderer draws them, the same one the window uses, so no other tool
is needed; tests/ui/test_app_icon.py checks the PNGs still match the SVG.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from desktop.ui.app_icon import ICON_SIZES, png_path, render_png, svg_path  # noqa: E402


def main() -> int:
    from PySide6.QtGui import QGuiApplication

    _app = QGuiApplication.instance() or QGuiApplication([])
    svg = svg_path()
    for size in ICON_SIZES:
        image = render_png(svg, size)
        target = png_path(size)
        if not image.save(str(target), "PNG"):
            print(f"could not write {target}", file=sys.stderr)
            return 1
        print(f"{target} ({size}x{size})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
