"""`casefile backup OUT`, `casefile info` and `casefile check`: looking after the library itself."""

from __future__ import annotations

import argparse

from desktop.cli.common import EXIT_OK, EXIT_PARTIAL, emit, open_library


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    b = sub.add_parser(
        "backup",
        parents=[common],
        help="write a consistent copy of the library (safe while it is in use)",
    )
    b.add_argument("out", metavar="OUT")
    b.set_defaults(handler=run_backup)
    i = sub.add_parser("info", parents=[common], help="where the library is and what it holds")
    i.set_defaults(handler=run_info)
    c = sub.add_parser(
        "check",
        parents=[common],
        help="check the library for damage (exit 1 when problems are found)",
        description="Reads the whole library: on a file, SQLite's integrity_check (every page "
        "and index) and foreign_key_check; on PostgreSQL, the schema and every reference.",
    )
    c.add_argument(
        "--quick", action="store_true", help="SQLite's quick_check instead (faster, fewer checks)"
    )
    c.set_defaults(handler=run_check)


def run_backup(args: argparse.Namespace) -> int:
    with open_library(args) as library:
        target = library.backup(args.out)
    emit(args, {"backup": str(target)}, lambda: f"Backed up the library to {target}")
    return EXIT_OK


def run_info(args: argparse.Namespace) -> int:
    from desktop.services.library import section_counts

    with open_library(args) as library, library.session() as session:
        counts = section_counts(session)
        doc = {"library": str(library.path or library.url), "counts": counts}
    emit(
        args,
        doc,
        lambda: (
            f"Library: {doc['library']}\n" + "\n".join(f"  {k:<14} {v}" for k, v in counts.items())
        ),
    )
    return EXIT_OK


def run_check(args: argparse.Namespace) -> int:
    from desktop.store.db import LibraryDamaged, resolve_db_url
    from desktop.store.integrity import CheckReport, check_library

    try:
        with open_library(args) as library:
            report = check_library(library, quick=args.quick)
    except LibraryDamaged as exc:  # its schema pages are unreadable: that is what check reports
        from sqlalchemy.engine import make_url

        url = make_url(resolve_db_url(getattr(args, "db", None)))  # only SQLite files get here
        report = CheckReport(url.database or "", url.get_backend_name())
        report.problems.append(str(exc))

    def human() -> str:
        ran = ", ".join(report.checks) or "nothing could be read"
        if report.ok:
            return f"{report.library}: no problems found ({ran})."
        lines = [f"{report.library}: {len(report.problems)} problem(s) found ({ran}):"]
        lines += [f"  ! {p}" for p in report.problems]
        lines.append(
            "Keep a copy of the file as it is before changing anything; a backup taken "
            "before the damage can be opened with --db."
        )
        return "\n".join(lines)

    emit(args, report.as_json(), human)
    return EXIT_OK if report.ok else EXIT_PARTIAL
