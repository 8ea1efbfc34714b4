"""`casefile timeline [ITEM | --case TITLE]`: when things happened, in date order.

The same events as the Timeline tab and the printed case summary (``services.timeline``):
articles on their published dates, dated statements with their sentence and the items they
mention, a case's dated notes; each with where its date came from.
"""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from desktop.cli.common import EXIT_OK, CliError, case_or_fail, emit, item_or_fail, open_library


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "timeline",
        parents=[common],
        help="show the dated events of an item or a case file, in date order",
        description="The timeline of ITEM (an id, a 10-digit article ID, or a name or alias) "
        "or of a case file: its articles, the dated statements in them and the case's dated "
        "notes, oldest first. Dates are YYYY-MM-DD, YYYY-MM or YYYY.",
    )
    p.add_argument("item", metavar="ITEM", nargs="?")
    p.add_argument("--case", metavar="TITLE", help="the timeline of this case file")
    p.add_argument("--from", dest="start", metavar="DATE", help="leave out events before DATE")
    p.add_argument("--to", dest="end", metavar="DATE", help="leave out events after DATE")
    p.set_defaults(handler=run)


def parse_day(text: str, *, option: str, last: bool = False) -> date:
    """YYYY-MM-DD, YYYY-MM or YYYY (see desktop.services.date_filter.parse_day)."""
    from desktop.services.date_filter import parse_day as parse

    try:
        return parse(text, last=last)
    except ValueError:
        raise CliError(
            f"{option} {text!r} is not a date: write YYYY-MM-DD, YYYY-MM or YYYY"
        ) from None


def run(args: argparse.Namespace) -> int:
    from desktop.services.timeline import timeline_for

    if (args.item is None) == (args.case is None):
        raise CliError("name one ITEM or one --case TITLE")
    start = parse_day(args.start, option="--from") if args.start else None
    end = parse_day(args.end, option="--to", last=True) if args.end else None
    if start and end and start > end:
        raise CliError("--from is after --to")
    with open_library(args) as library:
        with library.session() as session:
            if args.case is not None:
                case_id: int | None = case_or_fail(session, args.case)
                item_id = None
            else:
                case_id, item_id = None, item_or_fail(session, args.item).id
        found = timeline_for(
            library=library, item_id=item_id, case_id=case_id, start=start, end=end
        )
    document = {
        "subject": found.subject,
        "undated": found.undated,
        "events": [e.to_json() for e in found.events],
    }

    def human() -> str:
        lines = [f"{found.subject}: {len(found.events)} event(s)"]
        for e in found.events:
            what = e.sentence or e.title
            where = "" if e.kind == "note" or not e.sentence else f" — {e.title}"
            lines.append(f"  {e.date.isoformat()}  [{e.kind}] {what}{where} · {e.source}")
        if found.undated:
            lines.append(f"  {found.undated} article(s) without a date are not shown")
        return "\n".join(lines)

    emit(args, document, human)
    return EXIT_OK
