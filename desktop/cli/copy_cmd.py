"""`casefile copy --from SRC --to DST`: move a whole library between a file and a server.

Either side is a library file or a ``postgresql://user@host/database`` address (the password
may come from $PGPASSWORD or ~/.pgpass rather than the command line). The destination must be
new or empty; the copy is one transaction there, checked table by table against the source's
counts, so it is either complete or not there at all.
"""

from __future__ import annotations

import argparse

from desktop.cli.common import EXIT_OK, CliError, emit


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "copy",
        parents=[common],
        help="copy a whole library to a new file or PostgreSQL database (verified by counts)",
        description="Copy every article, entity, link and case file of one library into a new, "
        "empty one: e.g. from your library file to a team's PostgreSQL server and back.",
    )
    p.add_argument(
        "--from",
        dest="source",
        metavar="SRC",
        help="library file or postgresql:// address to copy (default: --db / $CASEFILE_DB)",
    )
    p.add_argument(
        "--to", dest="target", metavar="DST", required=True, help="new library file or address"
    )
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from desktop.store.copy import copy_library
    from desktop.store.db import Library, display_url, resolve_db_url, sqlite_path

    source_url = resolve_db_url(args.source or getattr(args, "db", None))
    target_url = resolve_db_url(args.target)
    if source_url == target_url:
        raise CliError("--from and --to name the same library.")
    target_file = sqlite_path(target_url)
    source_file = sqlite_path(source_url)
    if target_file is not None and source_file is not None:
        from desktop.store.safe_output import UnsafeOutput, check_output, library_files

        try:  # never a new library on top of the source or its -wal/-shm/-journal
            check_output(target_file, protected=library_files(source_file))
        except UnsafeOutput as exc:
            raise CliError(str(exc).replace("open library", "source library")) from exc
    new_file = target_file is not None and not target_file.exists()
    source = Library.open(source_url)
    try:
        target = Library.open(target_url)
        try:
            counts = copy_library(source, target)
        except BaseException:
            target.close()
            if new_file and target_file is not None:  # leave no empty library behind
                for suffix in ("", "-wal", "-shm", "-journal"):
                    target_file.with_name(target_file.name + suffix).unlink(missing_ok=True)
            raise
        target.close()
    finally:
        source.close()
    doc = {
        "from": display_url(source_url),
        "to": display_url(target_url),
        "counts": counts,
        "verified": True,
    }
    emit(args, doc, lambda: _human(doc))
    return EXIT_OK


def _human(doc: dict) -> str:
    counts = doc["counts"]
    lines = [f"Copied {doc['from']}", f"    to {doc['to']}  (verified: every count matches)"]
    lines += [f"  {name:<10} {n}" for name, n in counts.items()]
    return "\n".join(lines)
