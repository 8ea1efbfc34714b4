"""`casefile extract FILE...`: what Casefile would suggest for files, without importing."""

from __future__ import annotations

import argparse
from typing import Any

from desktop.cli.common import EXIT_OK, EXIT_PARTIAL, CliError, emit


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    x = sub.add_parser(
        "extract",
        parents=[common],
        help="show what Casefile would suggest for files, without importing",
    )
    x.add_argument("paths", nargs="+", metavar="FILE")
    x.set_defaults(handler=run_extract)


def run_extract(args: argparse.Namespace) -> int:
    from pathlib import Path

    from desktop.extract import RefusedFile, extract
    from desktop.services.prepare import read_article_file

    results: list[dict[str, Any]] = []  # the JSON document, one entry a file
    failed = False
    for raw in args.paths:
        path = Path(raw)
        try:
            parsed = read_article_file(path)
        except RefusedFile as exc:
            failed = True
            results.append({"file": str(path), "error": str(exc)})
            continue
        found = extract(parsed.text, own_ref=parsed.ref)
        results.append(
            {
                "file": str(path),
                "title": parsed.title,
                "ref": parsed.ref,
                "published": parsed.published.isoformat() if parsed.published else None,
                "published_from": parsed.published_from,
                "source": parsed.source,
                "dateline": parsed.dateline,
                "byline": parsed.byline,
                "notice": found.notice,
                "entities": [
                    {
                        "kind": e.kind,
                        "name": e.name,
                        "aliases": e.aliases,
                        "role": e.role,
                        "affiliation": e.affiliation,
                        "members": e.members,
                        "mentions": [
                            {"start": m.start, "end": m.end, "text": m.text} for m in e.mentions
                        ],
                    }
                    for e in found.entities
                ],
                "citations": [
                    {"ref": c.ref, "start": c.start, "end": c.end} for c in found.citations
                ],
                "links": [
                    {"kind": lk.kind, "from": lk.source, "to": lk.target, "evidence": lk.sentence}
                    for lk in found.links
                ],
            }
        )
    if not results:
        raise CliError("no files given")

    def human() -> str:
        out = []
        for r in results:
            if "error" in r:
                out.append(f"{r['file']}: refused: {r['error']}")
                continue
            out.append(f"{r['file']}: {r['title']}" + (f" [{r['ref']}]" if r["ref"] else ""))
            if r["notice"]:
                out.append(f"  note: {r['notice']}")
            for e in r["entities"]:
                extra = ", ".join(x for x in (e["role"], e["affiliation"]) if x)
                out.append(
                    f"  {e['kind']:<12} {e['name']}"
                    + (f" ({extra})" if extra else "")
                    + f" ×{len(e['mentions'])}"
                )
            for c in r["citations"]:
                out.append(f"  cites        {c['ref']}")
        return "\n".join(out)

    emit(args, results, human)
    return EXIT_PARTIAL if failed else EXIT_OK
