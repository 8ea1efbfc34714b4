"""`casefile search QUERY`: the search service, headless.

A query that is not valid search syntax is not an error (exit 0): it is searched as plain words
and the document says so in "notice", exactly as the search field would.
"""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from desktop.cli.common import EXIT_OK, case_or_fail, emit, open_library

KINDS = (
    "article",
    "entity",
    "person",
    "organization",
    "country",
    "place",
    "group",
    "regulation",
    "note",
)


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "search",
        parents=[common],
        help="full-text search over articles, entities and notes",
        description='Words (all must match), "phrases", prefixes (export*), AND, OR, NOT and '
        "parentheses. Anything else is searched as plain words.",
    )
    p.add_argument("query", metavar="QUERY")
    p.add_argument("--kind", choices=KINDS, help="only this kind of result")
    p.add_argument("--case", metavar="TITLE", help="only items and notes of this case file")
    p.add_argument(
        "--from",
        dest="date_from",
        metavar="YYYY-MM-DD",
        type=_date,
        help="only articles published on or after this day",
    )
    p.add_argument(
        "--to",
        dest="date_to",
        metavar="YYYY-MM-DD",
        type=_date,
        help="only articles published on or before this day",
    )
    p.add_argument("--limit", type=_positive, default=20, help="at most N results (default 20)")
    p.set_defaults(handler=run)


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from exc


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from exc
    if not 1 <= value <= 10000:
        raise argparse.ArgumentTypeError("must be between 1 and 10000")
    return value


def _hit(hit: Any) -> dict[str, Any]:
    doc = {
        "id": hit.id,
        "kind": hit.kind,
        "title": hit.title,
        "snippet": hit.snippet,
        "score": hit.score,
        "highlights": [list(span) for span in hit.highlights],
    }
    if hit.case_id is not None:
        doc["case_id"] = hit.case_id
    if hit.published is not None:
        doc["published"] = hit.published.isoformat()
    return doc


def _marked(hit: dict[str, Any]) -> str:
    """The snippet with matches in [brackets], for a terminal."""
    text, out, pos = hit["snippet"], [], 0
    for start, end in hit["highlights"]:
        out += [text[pos:start], "[", text[start:end], "]"]
        pos = end
    return "".join([*out, text[pos:]])


def _human(doc: dict[str, Any]) -> str:
    lines = [f"Note: {doc['notice']}"] if doc.get("notice") else []
    if not doc["results"]:
        lines.append(f"Nothing found for {doc['query']!r}.")
    for hit in doc["results"]:
        lines.append(f"{hit['id']:>6}  {hit['kind']:<12} {hit['title']}")
        if hit["snippet"]:
            lines.append(f"        {_marked(hit)}")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    from desktop.services.search import search

    with open_library(args) as library, library.session() as session:
        case_id = case_or_fail(session, args.case) if args.case else None
        result = search(
            session=session,
            query=args.query,
            kind=args.kind,
            case_id=case_id,
            date_from=args.date_from,
            date_to=args.date_to,
            limit=args.limit,
        )
    doc: dict[str, Any] = {"query": args.query, "results": [_hit(h) for h in result.hits]}
    if result.notice:
        doc["notice"] = result.notice
        doc["plain"] = result.plain
    emit(args, doc, lambda: _human(doc))
    return EXIT_OK
