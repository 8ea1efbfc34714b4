"""Screenshots of the main screens, light and dark, for checking by eye (issue 20).

Not part of the test suite (pytest collects only ``test_*.py``). Run it under Xvfb, one
display per screen size; it builds the demo library in a temporary folder (with three
articles left in the Inbox), never touches your settings, and writes PNGs to ``--out``:

    Xvfb :75 -screen 0 1280x720x24 &  Xvfb :85 -screen 0 1920x1080x24 &
    DISPLAY=:75 QT_QPA_PLATFORM=xcb python -m tests.screens.shoot --out /tmp/screens
    DISPLAY=:85 QT_QPA_PLATFORM=xcb python -m tests.screens.shoot --out /tmp/screens

Files are named ``<width>x<height>-<theme>-<screen>.png``; the printed PDF's pages (always
light) are ``pdf-<n>.png`` (rendered with pdftoppm).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QApplication, QWidget


def settle(seconds: float = 0.6, until: Callable[[], bool] | None = None) -> None:
    """Let the window finish its background reads (a script, not a test: time is fine)."""
    end = time.monotonic() + seconds
    while time.monotonic() < end or (until is not None and not until()):
        QApplication.processEvents()
        time.sleep(0.02)
        if time.monotonic() > end + 10:
            break


def build_library(folder: Path):  # noqa: ANN201 - a Library
    from sqlmodel import select

    from desktop.services.demo import seed_demo
    from desktop.store.db import Library
    from desktop.store.models import Article

    library = Library.open(str(folder / "demo.casefile"))
    seed_demo(library=library)
    with library.write() as s:  # the three newest articles wait in the Inbox
        newest = s.exec(select(Article).order_by(Article.published.desc()).limit(3)).all()  # type: ignore[union-attr]
        for article in newest:
            article.reviewed = False
            s.add(article)
    return library


def shoot(out: Path) -> None:
    from desktop.services.cases import list_cases
    from desktop.services.changes import Changes
    from desktop.ui import theme
    from desktop.ui.app import make_application
    from desktop.ui.main_window import MainWindow
    from desktop.ui.printing import render_case_pdf

    folder = Path(tempfile.mkdtemp(prefix="casefile-screens-"))
    QCoreApplication.setOrganizationName("CasefileScreens")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    app = make_application()
    library = build_library(folder)
    with library.session() as s:
        case_id = list_cases(s)[0].id
    window = MainWindow(library)
    window.attach_connections()
    screen = window.screen().availableGeometry()
    size = f"{window.screen().geometry().width()}x{window.screen().geometry().height()}"
    window.setGeometry(screen)
    window.showMaximized()
    window.bus.announce(Changes(everything=True))
    settle(2.0)
    out.mkdir(parents=True, exist_ok=True)

    def grab(widget: QWidget, name: str, t: str) -> None:
        settle(0.8, lambda: not window.detail.is_loading)
        path = out / f"{size}-{t}-{name}.png"
        widget.grab().save(str(path))
        print(path)

    for name in ("light", "dark"):
        theme.apply(name, app)
        window._on_theme_changed()
        settle(0.5)
        # the Inbox, with the Review panel
        window.navigator.select_section("inbox")
        window.review_dock.show()
        window.review_dock.raise_()
        grab(window, "inbox-review", name)
        # a case, with its connections
        window.navigator.select_case(case_id)
        settle(0.8)
        window.connections_dock.show()
        window.connections_dock.raise_()
        grab(window, "case", name)
        # search results
        panel = window.search_panel
        if panel is not None:
            window.show_search()
            panel.set_query("export controls")
            panel.search_now()
            settle(1.5)
            grab(window, "search", name)
            window.close_search()
        # connections of a person
        window.navigator.select_section("people")
        settle(0.8)
        window.list_page.table.selectRow(0)
        settle(0.8)
        window.connections_dock.raise_()
        grab(window, "connections", name)
        # the timeline of the case
        window.navigator.select_case(case_id)
        timeline = window.findChild(QWidget, "TimelineDock")
        if timeline is not None:
            timeline.show()
            timeline.raise_()
            settle(1.0)
            grab(window, "timeline", name)
        # print preview (the page is always light)
        preview = print_preview(window, library, case_id)
        grab(preview, "print-preview", name)
        preview.close()
    pdf = out / "case.pdf"
    pages = render_case_pdf(library=library, case_id=case_id, path=pdf)
    subprocess.run(["pdftoppm", "-r", "70", "-png", str(pdf), str(out / "pdf")], check=True)
    print(f"{pdf} ({pages} pages) and its pages as pdf-<n>.png")
    window.writes.wait()
    window.close()
    library.close()


def print_preview(window: QWidget, library, case_id: int) -> QWidget:  # noqa: ANN001
    from PySide6.QtPrintSupport import QPrintPreviewDialog

    from desktop.services.report import build_report
    from desktop.ui.printing import CasePrinter

    printer = CasePrinter(library, window)
    report = build_report(library=library, case_id=case_id)
    qprinter = printer._printer()
    dialog = QPrintPreviewDialog(qprinter, window)
    dialog.paintRequested.connect(lambda p: printer._paint(p, report))
    dialog.resize(window.width() * 3 // 4, window.height() - 40)
    dialog.show()
    settle(1.5)
    return dialog


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("/tmp/screens"))
    args = parser.parse_args()
    shoot(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
