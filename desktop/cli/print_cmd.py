"""`casefile print CASE --pdf OUT.pdf` and `casefile export CASE --format html|md|json --out FILE`.

Printing needs Qt's text layout and PDF writer but no window: without a display we ask Qt for
its offscreen platform, so the command works over SSH and in CI.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path
from typing import Any

from desktop.cli.common import EXIT_OK, CliError, case_or_fail, emit, open_library


def _sections(values: list[str] | None) -> list[str] | None:
    """`--sections people evidence` and `--sections people,evidence` both work."""
    if not values:
        return None
    from desktop.services.export import chosen_sections

    names = [part.strip() for value in values for part in value.split(",") if part.strip()]
    try:
        return chosen_sections(names)
    except ValueError as exc:
        raise CliError(str(exc)) from exc


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    from desktop.services.report import SECTIONS

    section_help = f"sections to include (default: all): {', '.join(SECTIONS)}"
    p = sub.add_parser("print", parents=[common], help="print a case summary to a PDF file")
    p.add_argument("case", metavar="CASE", help="case title or id")
    p.add_argument("--pdf", required=True, metavar="OUT.pdf", help="the PDF file to write")
    p.add_argument("--sections", nargs="+", metavar="SECTION", help=section_help)
    p.add_argument(
        "--page-size", choices=("A4", "Letter"), help="paper size (default: from the locale)"
    )
    p.set_defaults(handler=run_print)
    e = sub.add_parser("export", parents=[common], help="export a case as HTML, Markdown or JSON")
    e.add_argument("case", metavar="CASE", help="case title or id")
    e.add_argument("--format", required=True, choices=("html", "md", "json"), dest="fmt")
    e.add_argument("--out", required=True, metavar="FILE", help="the file to write")
    e.add_argument("--sections", nargs="+", metavar="SECTION", help=section_help)
    e.set_defaults(handler=run_export)


def _output(path: str) -> Path:
    """A first look at the output path (a folder, a link, a device: exit 2 before any work);
    the writer checks again, against the open library's files, before it replaces anything."""
    from desktop.store.safe_output import UnsafeOutput, check_output

    try:
        return check_output(path)
    except UnsafeOutput as exc:
        raise CliError(str(exc)) from exc


def ensure_gui_application() -> Any:
    """A QApplication for text layout and PDF output, offscreen when there is no display."""
    if not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ) and sys.platform.startswith("linux"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication(["casefile"])


def run_print(args: argparse.Namespace) -> int:
    sections = _sections(args.sections)
    out = _output(args.pdf)
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


def run_export(args: argparse.Namespace) -> int:
    from desktop.services.export import export_case
    from desktop.store.safe_output import UnsafeOutput

    sections = _sections(args.sections)
    out = _output(args.out)
    with open_library(args) as library:
        with library.session() as session:
            case_id = case_or_fail(session, args.case)
        try:
            export_case(library=library, case_id=case_id, fmt=args.fmt, path=out, sections=sections)
        except UnsafeOutput as exc:
            raise CliError(str(exc)) from exc
        except OSError as exc:
            raise CliError(f"Could not write {out}: {exc.strerror or exc}", 1) from exc
    doc = {"case": case_id, "format": args.fmt, "out": str(out), "bytes": out.stat().st_size}
    emit(args, doc, lambda: f"Wrote {out} ({args.fmt}).")
    return EXIT_OK
