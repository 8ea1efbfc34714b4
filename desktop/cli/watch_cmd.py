"""`casefile watch import|list|hits|add|confirm|dismiss|screen`: watch lists, headless.

``watch import FILE`` reads a list as published (the Consolidated Screening List's JSON or
CSV, OFAC's sdn.csv with alt.csv beside it, or a plain list of names), stores it (a newer file
of a list you have replaces it, and the added and removed names are reported) and screens the
library against it. ``watch hits --json`` prints ``{"hits": [{"list", "entry", "matched",
"item_id", "item_kind", "article_id", "score", "reason", "status"}]}``.
"""

from __future__ import annotations

import argparse
from typing import Any

from desktop.cli.common import EXIT_OK, CliError, emit, open_library


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    w = sub.add_parser("watch", parents=[common], help="watch lists and their hits")
    wsub = w.add_subparsers(dest="watch_command", metavar="ACTION", required=True)

    imp = wsub.add_parser(
        "import", parents=[common], help="import a watch list file and screen the library"
    )
    imp.add_argument("file", metavar="FILE")
    imp.add_argument("--name", help="the list's name (default: from the file)")
    imp.set_defaults(handler=run_import)

    lst = wsub.add_parser("list", parents=[common], help="the watch lists, their dates and hits")
    lst.set_defaults(handler=run_list)

    hits = wsub.add_parser("hits", parents=[common], help="hits to review (best first)")
    hits.add_argument("--list", dest="list_name", metavar="NAME", help="only this list's hits")
    hits.add_argument("--all", action="store_true", help="dismissed hits too")
    hits.set_defaults(handler=run_hits)

    add = wsub.add_parser("add", parents=[common], help="add a name to your own watch list")
    add.add_argument("name", metavar="NAME")
    add.add_argument("--alias", action="append", default=[], help="another name (repeatable)")
    add.add_argument("--kind", choices=("person", "organization", "any"), default="any")
    add.add_argument("--country", action="append", default=[], help="ISO code (repeatable)")
    add.set_defaults(handler=run_add)

    for verb, status in (("confirm", "confirmed"), ("dismiss", "dismissed")):
        v = wsub.add_parser(verb, parents=[common], help=f"mark hits {status}")
        v.add_argument("hit_ids", nargs="+", type=int, metavar="HIT_ID")
        v.set_defaults(handler=run_status, status=status)

    scr = wsub.add_parser("screen", parents=[common], help="screen the whole library again")
    scr.set_defaults(handler=run_screen)


def _fail(exc: Exception) -> CliError:
    return CliError(str(exc))


def run_import(args: argparse.Namespace) -> int:
    from desktop.services import screening, watchlists

    with open_library(args) as library:
        try:
            result = watchlists.import_list_file(library=library, path=args.file, name=args.name)
        except (watchlists.WatchFileError, watchlists.WatchListError) as exc:
            raise _fail(exc) from exc
        screened = screening.screen(library=library, list_ids=[result.list_id])
    doc = {**result.as_json(), "new_hits": screened.new_hits}

    def human() -> str:
        verb = "Imported" if result.created else "Updated"
        when = f" dated {result.list_date}" if result.list_date else ""
        lines = [
            f"{verb} '{result.name}'{when}: {len(result.added)} added, "
            f"{len(result.removed)} removed, {result.kept} kept; "
            f"{screened.new_hits} new hit(s)."
        ]
        if not result.created:
            lines += [f"  + {n}" for n in result.added[:50]]
            lines += [f"  - {n}" for n in result.removed[:50]]
        return "\n".join(lines)

    emit(args, doc, human)
    return EXIT_OK


def run_list(args: argparse.Namespace) -> int:
    from desktop.services import watchlists

    with open_library(args) as library, library.session() as session:
        lists = watchlists.list_lists(session)
    doc = {
        "lists": [
            {
                "id": i.id,
                "name": i.name,
                "source": i.source,
                "date": i.list_date.isoformat() if i.list_date else None,
                "entries": i.entries,
                "hits": i.hits,
                "new_hits": i.new_hits,
                "threshold": i.threshold,
            }
            for i in lists
        ]
    }

    def human() -> str:
        if not lists:
            return "No watch lists yet: casefile watch import FILE"
        return "\n".join(
            f"{i.name}  ({i.list_date or 'undated'})  {i.entries} entries, {i.hits} hit(s), "
            f"{i.new_hits} new, threshold {i.threshold}%"
            for i in lists
        )

    emit(args, doc, human)
    return EXIT_OK


def run_hits(args: argparse.Namespace) -> int:
    from desktop.services import watchlists

    with open_library(args) as library, library.session() as session:
        try:
            list_id = watchlists.find_list(session, args.list_name) if args.list_name else None
        except watchlists.WatchListError as exc:
            raise _fail(exc) from exc
        hits = watchlists.list_hits(session, list_id=list_id, include_dismissed=args.all)
    doc: dict[str, Any] = {"hits": [h.as_json() | {"id": h.id} for h in hits]}

    def human() -> str:
        if not hits:
            return "No hits."
        return "\n".join(
            f"[{h.id}] {h.status:<9} {h.score:>3}%  {h.matched} ({h.item_kind}) ~ "
            f"{h.entry} on {h.list_name}\n      {h.reason}"
            for h in hits
        )

    emit(args, doc, human)
    return EXIT_OK


def run_add(args: argparse.Namespace) -> int:
    from desktop.services import screening, watchlists

    with open_library(args) as library:
        try:
            entry_id = watchlists.add_own_entry(
                library=library,
                name=args.name,
                aliases=args.alias,
                kind=args.kind,
                countries=args.country,
            )
        except watchlists.WatchListError as exc:
            raise _fail(exc) from exc
        with library.session() as session:
            list_id = watchlists.find_list(session, watchlists.OWN_LIST)
        screened = screening.screen(library=library, list_ids=[list_id])
    emit(
        args,
        {"entry_id": entry_id, "list": watchlists.OWN_LIST, "new_hits": screened.new_hits},
        lambda: f"Added '{args.name}' to {watchlists.OWN_LIST}; {screened.new_hits} new hit(s).",
    )
    return EXIT_OK


def run_status(args: argparse.Namespace) -> int:
    from desktop.services import watchlists

    with open_library(args) as library:
        with library.session() as session:
            known = {h.id for h in watchlists.list_hits(session, hit_ids=args.hit_ids,
                                                        include_dismissed=True)}  # fmt: skip
        missing = sorted(set(args.hit_ids) - known)
        if missing:
            raise CliError(f"No hit with id {', '.join(map(str, missing))}.")
        watchlists.set_hit_status(library=library, hit_ids=args.hit_ids, status=args.status)
    emit(
        args,
        {"status": args.status, "hits": sorted(set(args.hit_ids))},
        lambda: f"{len(set(args.hit_ids))} hit(s) {args.status}.",
    )
    return EXIT_OK


def run_screen(args: argparse.Namespace) -> int:
    from desktop.services import screening

    with open_library(args) as library:
        result = screening.screen(library=library)
    emit(args, {"new_hits": result.new_hits}, lambda: f"{result.new_hits} new hit(s).")
    return EXIT_OK
