"""`casefile import PATH... [--case TITLE]`: article files into the library."""

from __future__ import annotations

import argparse
import sys

from desktop.cli.common import EXIT_OK, EXIT_PARTIAL, emit, open_library, wants_json


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("import", parents=[common], help="import article files or folders")
    p.add_argument("paths", nargs="+", metavar="PATH", help="files or folders (recursive)")
    p.add_argument("--case", metavar="TITLE", help="also add the imported articles to this case")
    p.set_defaults(handler=run_import)


def run_import(args: argparse.Namespace) -> int:
    from desktop.extract.untrusted import terminal_safe
    from desktop.services import cases
    from desktop.services.importer import import_paths

    def progress(done: int, total: int, name: str) -> None:
        if not wants_json(args) and name and sys.stderr.isatty():
            shown = terminal_safe(name[-60:])
            print(f"\r[{done + 1}/{total}] {shown:<60}", end="", file=sys.stderr)

    with open_library(args) as library:
        case_id = None
        if args.case:
            with library.session() as session:
                try:
                    case_id = cases.find_case(session, args.case)
                except cases.CaseNotFound:
                    case_id = None
            if case_id is None:
                case_id = cases.create_case(library=library, title=args.case).value
        report = import_paths(library=library, paths=args.paths, progress=progress)
        if sys.stderr.isatty() and not wants_json(args):
            print(file=sys.stderr)
        if case_id is not None:
            ids = [a.id for a in report.articles] + [i for _, i in report.duplicate_files]
            cases.add_items(library=library, case_id=case_id, item_ids=ids)

    def human() -> str:
        lines = [
            f"Imported {report.imported}, duplicates {report.duplicates}, "
            f"refused {len(report.failed)}."
        ]
        lines += [f"  + {a.title}" + (f" [{a.ref}]" if a.ref else "") for a in report.articles[:50]]
        if len(report.articles) > 50:
            lines.append(f"  … and {len(report.articles) - 50} more")
        lines += [f"  ! {f}: {e}" for f, e in report.failed]
        if report.stopped:
            lines.append(report.stopped)
        lines += [f"  note: {f}: {n}" for f, n in report.notices]
        return "\n".join(lines)

    emit(args, report.as_json(), human)
    if report.stopped and wants_json(args):
        print(f"casefile: {report.stopped}", file=sys.stderr)
    return EXIT_PARTIAL if report.failed or report.stopped else EXIT_OK
