"""`casefile print CASE --pdf OUT.pdf`: the case summary as a PDF.

Printing needs Qt's text layout and PDF writer but no window: without a display we ask Qt for
its offscreen platform, so the command works over SSH and in CI.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from typing import Any

from desktop.cli.common import (
    EXIT_OK,
    CliError,
    add_sections_argument,
    case_or_fail,
    emit,
    open_library,
    output_or_fail,
    sections_or_fail,
)


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("print", parents=[common], help="print a case summary to a PDF file")
    p.add_argument("case", metavar="CASE", help="case title or id")
    p.add_argument("--pdf", required=True, metavar="OUT.pdf", help="the PDF file to write")
    add_sections_argument(p)
    p.add_argument(
        "--page-size", choices=("A4", "Letter"), help="paper size (default: from the locale)"
    )
    p.set_defaults(handler=run_print)


def ensure_gui_application() -> Any:
    """A QApplication for text layout and PDF output, offscreen when there is no display."""
    if not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ) and sys.platform.startswith("linux"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication(["casefile"])


def run_print(args: argparse.Namespace) -> int:
    sections = sections_or_fail(args.sections)
    out = output_or_fail(args.pdf)
    start = time.perf_counter()
    app = ensure_gui_application()
    from desktop.store.safe_output import UnsafeOutput
    from desktop.ui.printing import default_page_size, render_case_pdf

    page_size = args.page_size or default_page_size()
    with open_library(args) as library:
        with library.session() as session:
            case_id = case_or_fail(session, args.case)
        try:
            pages = render_case_pdf(
                library=library, case_id=case_id, path=out, sections=sections, page_size=page_size
            )
        except UnsafeOutput as exc:
            raise CliError(str(exc)) from exc
        except OSError as exc:
            raise CliError(f"Could not write {out}: {exc}", 1) from exc
    del app
    seconds = time.perf_counter() - start
    doc = {
        "case": case_id,
        "pdf": str(out),
        "pages": pages,
        "page_size": page_size,
        "seconds": round(seconds, 3),
    }
    emit(args, doc, lambda: f"Wrote {out} ({pages} page{'s' if pages != 1 else ''}, {page_size}).")
    return EXIT_OK
