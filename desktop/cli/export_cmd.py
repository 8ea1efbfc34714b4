"""`casefile export CASE --format html|md|json --out FILE`: a case as a file to share."""

from __future__ import annotations

import argparse

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
    e = sub.add_parser("export", parents=[common], help="export a case as HTML, Markdown or JSON")
    e.add_argument("case", metavar="CASE", help="case title or id")
    e.add_argument("--format", required=True, choices=("html", "md", "json"), dest="fmt")
    e.add_argument("--out", required=True, metavar="FILE", help="the file to write")
    add_sections_argument(e)
    e.set_defaults(handler=run_export)


def run_export(args: argparse.Namespace) -> int:
    from desktop.services.export import export_case
    from desktop.store.safe_output import UnsafeOutput

    sections = sections_or_fail(args.sections)
    out = output_or_fail(args.out)
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
