"""`casefile never-suggest [list | add NAME… | remove NAME…]`: the library's "never suggest
this" list (issue 20), the same one as Edit › Settings and `N` in the Review panel. Every
import and re-extraction into the library honours it."""

from __future__ import annotations

import argparse

from desktop.cli.common import EXIT_OK, emit, open_library


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "never-suggest",
        parents=[common],
        help="names no import into this library suggests (list, add, remove)",
        description="Names on this list are never suggested by an import or re-extraction "
        "into the library; case, accents, punctuation and spacing do not matter.",
    )
    p.set_defaults(handler=run_list)
    actions = p.add_subparsers(dest="action", metavar="ACTION")
    lst = actions.add_parser("list", parents=[common], help="the names on the list")
    lst.set_defaults(handler=run_list)
    add = actions.add_parser("add", parents=[common], help="never suggest these names")
    add.add_argument("names", nargs="+", metavar="NAME")
    add.set_defaults(handler=run_add)
    rm = actions.add_parser("remove", parents=[common], help="suggest these names again")
    rm.add_argument("names", nargs="+", metavar="NAME")
    rm.set_defaults(handler=run_remove)


def run_list(args: argparse.Namespace) -> int:
    from desktop.services.never_suggest import list_names

    with open_library(args) as library, library.session() as session:
        names = list_names(session)
    emit(args, {"names": names},
         lambda: "\n".join(names) if names else "No names on the never-suggest list.")  # fmt: skip
    return EXIT_OK


def run_add(args: argparse.Namespace) -> int:
    from desktop.services.never_suggest import add_names

    with open_library(args) as library:
        added = add_names(library=library, names=args.names).value
    emit(args, {"added": added}, lambda: f"Added {len(added)} name(s) to the never-suggest list.")
    return EXIT_OK


def run_remove(args: argparse.Namespace) -> int:
    from desktop.services.never_suggest import remove_names

    with open_library(args) as library:
        removed = remove_names(library=library, names=args.names).value
    emit(args, {"removed": removed},
         lambda: f"Removed {len(removed)} name(s) from the never-suggest list.")  # fmt: skip
    return EXIT_OK
