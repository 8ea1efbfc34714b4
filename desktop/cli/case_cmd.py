"""`casefile case list|create|add|remove|show|delete`."""

from __future__ import annotations

import argparse
from typing import Any

from desktop.cli.common import EXIT_OK, EXIT_PARTIAL, CliError, case_or_fail, emit, open_library


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("case", parents=[common], help="list, create and fill case files")
    cs = p.add_subparsers(dest="case_command", metavar="ACTION", required=True)
    ls = cs.add_parser("list", parents=[common], help="list case files")
    ls.set_defaults(handler=run_list)
    cr = cs.add_parser("create", parents=[common], help="create a case file")
    cr.add_argument("title")
    cr.add_argument("--summary", default="")
    cr.add_argument("--status", default="open", choices=("open", "on hold", "closed"))
    cr.set_defaults(handler=run_create)
    for name, handler, text in (
        ("add", run_add, "add items to a case"),
        ("remove", run_remove, "remove items from a case"),
    ):
        a = cs.add_parser(name, parents=[common], help=text)
        a.add_argument("case", metavar="CASE")
        a.add_argument(
            "items", nargs="+", metavar="ITEM", help="ids, 10-digit article IDs, names or aliases"
        )
        a.set_defaults(handler=handler)
    sh = cs.add_parser("show", parents=[common], help="show a case file")
    sh.add_argument("case", metavar="CASE")
    sh.set_defaults(handler=run_show)
    de = cs.add_parser(
        "delete", parents=[common], help="delete a case file (its articles and entities stay)"
    )
    de.add_argument("case", metavar="CASE")
    de.set_defaults(handler=run_delete)


def run_list(args: argparse.Namespace) -> int:
    from desktop.services.cases import case_item_counts, list_cases

    with open_library(args) as library, library.session() as session:
        cases = list_cases(session)
        counts = case_item_counts(session)
    doc = {
        "cases": [
            {"id": c.id, "title": c.title, "status": c.status, "items": counts.get(c.id, 0)}
            for c in cases
        ]
    }
    emit(
        args,
        doc,
        lambda: (
            "\n".join(
                f"{c['id']:>4}  {c['title']}  [{c['status']}, {c['items']} items]"
                for c in doc["cases"]
            )
            or "No case files yet. Create one with: casefile case create TITLE"
        ),
    )
    return EXIT_OK


def run_create(args: argparse.Namespace) -> int:
    from desktop.services.cases import CaseError, create_case

    with open_library(args) as library:
        try:
            case_id = create_case(
                library=library, title=args.title, summary=args.summary, status=args.status
            ).value
        except CaseError as exc:
            raise CliError(str(exc)) from exc
    emit(
        args, {"id": case_id, "title": args.title}, lambda: f"Created case {case_id}: {args.title}"
    )
    return EXIT_OK


def _resolve_items(session: Any, texts: list[str]) -> tuple[list[int], list[dict[str, str]]]:
    from desktop.services.library import AmbiguousItem, ItemNotFound, resolve_item

    ids, failed = [], []
    for text in texts:
        try:
            ids.append(resolve_item(session, text).id)
        except (ItemNotFound, AmbiguousItem) as exc:
            failed.append({"item": text, "error": str(exc)})
    return ids, failed


def run_add(args: argparse.Namespace) -> int:
    from desktop.services.cases import add_items

    with open_library(args) as library:
        with library.session() as session:
            case_id = case_or_fail(session, args.case)
            ids, failed = _resolve_items(session, args.items)
        added = add_items(library=library, case_id=case_id, item_ids=ids).value
    doc = {"case": case_id, "added": added, "failed": failed}
    emit(
        args,
        doc,
        lambda: "\n".join(
            [f"Added {len(added)} item(s) to case {case_id}."]
            + [f"  ! {f['error']}" for f in failed]
        ),
    )
    return EXIT_PARTIAL if failed else EXIT_OK


def run_remove(args: argparse.Namespace) -> int:
    from desktop.services.cases import remove_items

    with open_library(args) as library:
        with library.session() as session:
            case_id = case_or_fail(session, args.case)
            ids, failed = _resolve_items(session, args.items)
        removed = remove_items(library=library, case_id=case_id, item_ids=ids).value
    doc = {"case": case_id, "removed": [s.item_id for s in removed], "failed": failed}
    emit(
        args,
        doc,
        lambda: "\n".join(
            [f"Removed {len(removed)} item(s) from case {case_id}."]
            + [f"  ! {f['error']}" for f in failed]
        ),
    )
    return EXIT_PARTIAL if failed else EXIT_OK


def case_document(view: Any) -> dict[str, Any]:
    return {
        "id": view.id,
        "title": view.title,
        "status": view.status,
        "summary": view.summary,
        "items": [
            {
                "id": i.item.id,
                "kind": i.item.kind,
                "name": i.item.name,
                "note": i.note,
                "pinned": i.pinned,
                "detail": i.detail,
            }
            for i in view.items
        ],
    }


def run_show(args: argparse.Namespace) -> int:
    from desktop.services.cases import get_case

    with open_library(args) as library, library.session() as session:
        doc = case_document(get_case(session, case_or_fail(session, args.case)))

    def human() -> str:
        lines = [f"{doc['title']}  [{doc['status']}]"]
        if doc["summary"]:
            lines.append(doc["summary"])
        for i in doc["items"]:
            pin = "★ " if i["pinned"] else "  "
            lines.append(
                f"{pin}{i['kind']:<12} {i['name']}" + (f" — {i['detail']}" if i["detail"] else "")
            )
            if i["note"]:
                lines.append(f"{'':15}{i['note']}")
        if not doc["items"]:
            lines.append("  (empty: add items with casefile case add CASE ITEM...)")
        return "\n".join(lines)

    emit(args, doc, human)
    return EXIT_OK


def run_delete(args: argparse.Namespace) -> int:
    from desktop.services.cases import delete_case

    with open_library(args) as library:
        with library.session() as session:
            case_id = case_or_fail(session, args.case)
        snap = delete_case(library=library, case_id=case_id).value
    title = snap.case.title
    emit(args, {"deleted": case_id, "title": title}, lambda: f"Deleted case “{title}”.")
    return EXIT_OK
