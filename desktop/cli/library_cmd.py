"""`casefile backup OUT` and `casefile info`: looking after the library file itself."""

from __future__ import annotations

import argparse

from desktop.cli.common import EXIT_OK, emit, open_library


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
