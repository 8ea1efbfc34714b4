"""`casefile graph ITEM` and `casefile path ITEM ITEM`: how items connect, and why.

Both print the evidence of every link (article and sentence), so the answer can be checked
against the text. No path between two items is a clear message and exit code 1.
"""

from __future__ import annotations

import argparse
from typing import Any

from desktop.cli.common import (
    EXIT_OK,
    EXIT_PARTIAL,
    CliError,
    case_or_fail,
    emit,
    item_or_fail,
    open_library,
)


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    graph = sub.add_parser(
        "graph",
        parents=[common],
        help="show the items linked to ITEM, with evidence",
        description="The neighbourhood of ITEM (an id, a 10-digit article ID, or a name or "
        "alias): linked items within N hops and the evidence of each link.",
    )
    graph.add_argument("item", metavar="ITEM")
    graph.add_argument("--hops", type=int, choices=(1, 2, 3), default=1)
    graph.add_argument("--case", metavar="TITLE", help="only items in this case file")
    graph.add_argument("--confirmed", action="store_true", help="leave out suggested links")
    graph.add_argument(
        "--max-nodes", type=int, default=300, metavar="N", help="node budget (default 300)"
    )
    graph.set_defaults(handler=run_graph)

    path = sub.add_parser(
        "path",
        parents=[common],
        help="show the shortest connections between two items",
        description="Up to K shortest paths from the first ITEM to the second, each hop with "
        "its evidence sentence. Exit code 1 when they are not connected.",
    )
    path.add_argument("source", metavar="ITEM")
    path.add_argument("target", metavar="ITEM")
    path.add_argument("-k", type=int, default=3, choices=(1, 2, 3), help="paths to show")
    path.add_argument("--case", metavar="TITLE", help="only through items in this case file")
    path.add_argument("--confirmed", action="store_true", help="leave out suggested links")
    path.add_argument(
        "--through-hubs",
        action="store_true",
        help="allow paths through hubs (items linked to a large share of the library) and, "
        "between two people, through countries",
    )
    path.set_defaults(handler=run_path)


def _node(node: Any) -> dict[str, Any]:
    return {"id": node.id, "kind": node.kind, "name": node.name}


def _edge(edge: Any) -> dict[str, Any]:
    return {
        "id": edge.id,
        "source": edge.source,
        "target": edge.target,
        "kind": edge.kind,
        "label": edge.label,
        "status": edge.status,
        "evidence_count": edge.evidence_count,
        "evidence": [
            {
                "article_id": ev.article_id,
                "article_title": ev.article_title,
                "published": ev.published.isoformat() if ev.published else None,
                "sentence": ev.sentence,
            }
            for ev in edge.evidence
        ],
    }


def _link_text(edge: Any, names: dict[int, str]) -> str:
    kind = edge.label or edge.kind.replace("_", " ")
    status = "" if edge.status == "confirmed" else f" ({edge.status})"
    head = f"{names.get(edge.source, edge.source)} —{kind}→ {names.get(edge.target, edge.target)}"
    lines = [head + status]
    for ev in edge.evidence[:1]:
        lines.append(f"      “{ev.sentence.strip()}” — {ev.article_title}")
    return "\n".join(lines)


def run_graph(args: argparse.Namespace) -> int:
    from desktop.services.graph import neighbourhood

    with open_library(args) as library, library.session() as session:
        center = item_or_fail(session, args.item)
        view = neighbourhood(
            session=session,
            center_id=center.id,
            hops=args.hops,
            case_id=case_or_fail(session, args.case) if args.case else None,
            include_suggested=not args.confirmed,
            max_nodes=args.max_nodes,
        )
    nodes = [{**_node(n), "hop": n.hop, "more": n.more} for n in view.nodes]
    document = {
        "center": _node(center),
        "hops": view.hops,
        "truncated": view.truncated,
        "nodes": nodes,
        "edges": [_edge(e) for e in view.edges],
    }

    def human() -> str:
        names = {n.id: n.name for n in view.nodes}
        lines = [f"{center.name} ({center.kind}): {len(view.nodes) - 1} linked item(s)"]
        for hop in range(1, view.hops + 1):
            ring = [n for n in view.nodes if n.hop == hop]
            if ring:
                lines.append(f"  {hop} hop(s): " + ", ".join(f"{n.name} [{n.kind}]" for n in ring))
        lines.append("Links:")
        lines += ["  " + _link_text(e, names) for e in view.edges]
        hubs = [n for n in view.nodes if n.more]
        if hubs:
            lines.append("Not shown: " + ", ".join(f"{n.name} +{n.more} more" for n in hubs))
        return "\n".join(lines)

    emit(args, document, human)
    return EXIT_OK


def run_path(args: argparse.Namespace) -> int:
    from desktop.services.graph_paths import find_paths

    with open_library(args) as library, library.session() as session:
        source = item_or_fail(session, args.source)
        target = item_or_fail(session, args.target)
        if source.id == target.id:
            raise CliError("Both items are the same; name two different items.")
        paths = find_paths(
            session=session,
            source_id=source.id,
            target_id=target.id,
            k=args.k,
            case_id=case_or_fail(session, args.case) if args.case else None,
            include_suggested=not args.confirmed,
            through_hubs=args.through_hubs,
        )
    document = {
        "source": _node(source),
        "target": _node(target),
        "paths": [
            {
                "nodes": [_node(n) for n in p.nodes],
                "edges": [_edge(e) for e in p.edges],
                "cost": round(p.cost, 3),
                "why": list(p.why),
                "through_hubs": p.through_hubs,
            }
            for p in paths
        ],
    }
    if not paths:
        message = f"No connection found between {source.name} and {target.name}."
        emit(args, {**document, "message": message}, lambda: message)
        return EXIT_PARTIAL

    def human() -> str:
        lines = []
        for i, p in enumerate(paths, 1):
            names = {n.id: n.name for n in p.nodes}
            lines.append(
                f"Path {i} ({len(p.edges)} hop(s)): " + " — ".join(n.name for n in p.nodes)
            )
            lines += ["  why: " + "; ".join(p.why)] if p.why else []
            lines += ["  " + _link_text(e, names) for e in p.edges]
        return "\n".join(lines)

    emit(args, document, human)
    return EXIT_OK
