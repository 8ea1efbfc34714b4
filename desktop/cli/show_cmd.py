"""`casefile show ITEM`: one article or entity page, as text or JSON."""

from __future__ import annotations

import argparse
from dataclasses import asdict
from typing import Any

from desktop.cli.common import EXIT_OK, emit, item_or_fail, open_library
from desktop.extract.meta import DATE_SOURCES


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "show",
        parents=[common],
        help="show an item: an id, a 10-digit article ID, or a name or alias",
    )
    p.add_argument("item", metavar="ITEM")
    p.set_defaults(handler=run)


def _ref(r: Any) -> dict[str, Any]:
    return {"id": r.id, "kind": r.kind, "name": r.name}


def item_document(session: Any, item_id: int) -> dict[str, Any]:
    from desktop.services.library import get_article, get_entity, get_ref

    ref = get_ref(session, item_id)
    if ref.kind == "article":
        a = get_article(session, item_id)
        return {
            "id": ref.id,
            "kind": "article",
            "name": ref.name,
            "title": ref.name,
            "ref": a.ref,
            "published": a.published.isoformat() if a.published else None,
            "published_from": a.published_from,
            "source": a.outlet,
            "dateline": a.dateline,
            "byline": a.byline,
            "placeholder": a.placeholder,
            "reviewed": a.reviewed,
            "source_file": a.source_file,
            "text": a.text,
            "mentions": [
                {
                    "start": m.start,
                    "end": m.end,
                    "text": a.text[m.start : m.end],
                    "entity": _ref(m.entity),
                    "status": m.status,
                }
                for m in a.mentions
            ],
            "cites": [_ref(r) for r in a.cites],
            "cited_by": [_ref(r) for r in a.cited_by],
            "cases": [{"id": c.id, "title": c.title} for c in a.cases],
        }
    e = get_entity(session, item_id)
    return {
        "id": ref.id,
        "kind": ref.kind,
        "name": ref.name,
        "aliases": list(e.aliases),
        "role": e.role,
        "affiliation": e.affiliation,
        "links": [
            {
                "id": lk.id,
                "kind": lk.kind,
                "label": lk.label,
                "status": lk.status,
                "source": _ref(lk.source),
                "target": _ref(lk.target),
                "evidence": [
                    {"article_id": ev.article_id, "sentence": ev.sentence} for ev in lk.evidence
                ],
            }
            for lk in e.links
        ],
        "mentioned_in": [
            {
                "article_id": ev.article_id,
                "title": ev.article_title,
                "published": ev.published.isoformat() if ev.published else None,
                "sentence": ev.sentence,
            }
            for ev in e.mentioned_in
        ],
        "cases": [asdict(c) for c in e.cases],
    }


def item_text(doc: dict[str, Any]) -> str:
    if doc["kind"] == "article":
        head = [doc["title"]]
        published = doc.get("published")
        if published and doc.get("published_from") in DATE_SOURCES:
            published += f" ({DATE_SOURCES[doc['published_from']]})"
        meta = [
            x
            for x in (
                doc.get("ref"),
                published,
                doc.get("source"),
                doc.get("dateline") and f"dateline {doc['dateline']}",
                doc.get("byline") and f"by {doc['byline']}",
                doc.get("source_file"),
            )
            if x
        ]
        if meta:
            head.append(" · ".join(meta))
        if doc["placeholder"]:
            head.append("Cited by another article; not yet imported.")
        names = sorted({m["entity"]["name"] for m in doc["mentions"]})
        if names:
            head.append("Mentions: " + ", ".join(names))
        if doc["cites"]:
            head.append("Cites: " + ", ".join(c["name"] for c in doc["cites"]))
        if doc["cited_by"]:
            head.append("Cited by: " + ", ".join(c["name"] for c in doc["cited_by"]))
        return "\n".join(head)
    lines = [f"{doc['name']} ({doc['kind']})"]
    extra = ", ".join(x for x in (doc.get("role"), doc.get("affiliation")) if x)
    if extra:
        lines.append(extra)
    aliases = [a for a in doc["aliases"] if a != doc["name"]]
    if aliases:
        lines.append("Also known as: " + ", ".join(aliases))
    for lk in doc["links"]:
        other = lk["target"] if lk["source"]["id"] == doc["id"] else lk["source"]
        lines.append(f"  {lk['kind'].replace('_', ' ')} {other['name']} [{lk['status']}]")
    lines.append(f"Mentioned in {len(doc['mentioned_in'])} article(s)")
    for m in doc["mentioned_in"][:10]:
        lines.append(f"  - {m['title']}: “{m['sentence'][:140]}”")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    with open_library(args) as library, library.session() as session:
        ref = item_or_fail(session, args.item)
        doc = item_document(session, ref.id)
    emit(args, doc, lambda: item_text(doc))
    return EXIT_OK
