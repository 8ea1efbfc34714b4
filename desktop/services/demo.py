"""The demo library: what a brand-new Casefile library is filled with on first start.

Why it exists: an empty window teaches nothing. The demo goes through the same services a user
does (import, review, case files), so what appears on day one is exactly what the user's own
imports will look like — suggestions already confirmed for the case's entities, an Inbox with
something in it, a "cited, not yet imported" placeholder, and one case file with notes.

The articles are our own fictional reporting (real organizations and countries, invented
officials) under ``desktop/resources/demo/``; the case is described in its ``case.json``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlmodel import Session, col, select

from desktop import resource
from desktop.services import cases, review
from desktop.services.changes import Changes
from desktop.services.importer import ProgressFn, import_paths
from desktop.services.library import AmbiguousItem, ItemNotFound, resolve_item
from desktop.store.db import Library
from desktop.store.models import ARTICLE, MENTIONS, SUGGESTED, Article, CaseFile, Link

#: Shipped inside the package, so a wheel, pipx or bundle install has it too.
DEMO_DIR = resource("demo")
CASE_FILE = "case.json"


@dataclass(frozen=True, slots=True)
class DemoItem:
    """One item of the demo case as written in case.json: an article ID or an entity name."""

    ref: str  # a 10-digit article ID, or an entity's name
    kind: str  # "article" or an entity kind
    note: str = ""
    pinned: bool = False


@dataclass(frozen=True, slots=True)
class DemoCase:
    title: str
    status: str
    summary: str
    unreviewed: tuple[str, ...]  # article IDs left in the Inbox
    items: tuple[DemoItem, ...]


def demo_article_paths(directory: Path = DEMO_DIR) -> list[Path]:
    return sorted(directory.glob("*.txt"))


def load_demo_case(directory: Path = DEMO_DIR) -> DemoCase:
    raw = json.loads((directory / CASE_FILE).read_text(encoding="utf-8"))
    items = []
    for row in raw["items"]:
        if "article" in row:
            ref, kind = str(row["article"]), ARTICLE
        else:
            ref, kind = str(row["name"]), str(row["kind"])
        items.append(DemoItem(ref, kind, row.get("note", ""), bool(row.get("pinned", False))))
    return DemoCase(
        title=raw["title"],
        status=raw.get("status", "open"),
        summary=raw.get("summary", ""),
        unreviewed=tuple(raw.get("unreviewed", ())),
        items=tuple(items),
    )


def seed_demo(*, library: Library, progress: ProgressFn | None = None) -> Changes:
    """Imports the demo articles and builds the demo case; safe to run on a non-empty library.

    Importing is deduplicated by content, and the case is only created when no case of that
    title exists yet, so running it twice changes nothing the second time.
    """
    demo = load_demo_case()
    report = import_paths(library=library, paths=demo_article_paths(), progress=progress)
    changes = report.changes
    with library.session() as session:
        if session.exec(select(CaseFile).where(CaseFile.title == demo.title)).first() is not None:
            return changes
        article_ids = _demo_article_ids(session)
        resolved = _resolve_items(session, demo.items)
        entity_ids = [item_id for item, item_id in resolved if item.kind != ARTICLE]
        link_ids = _suggested_links(session, article_ids, entity_ids)
        unreviewed = {
            a.item_id
            for a in session.exec(select(Article).where(col(Article.ref).in_(demo.unreviewed)))
        }
    if link_ids:
        changes = changes | review.confirm(library=library, link_ids=link_ids).changes
    reviewed = [a for a in article_ids if a not in unreviewed]
    changes = changes | review.mark_reviewed(library=library, article_ids=reviewed).changes
    changes = changes | _create_case(library, demo, resolved)
    return changes


def _demo_article_ids(session: Session) -> list[int]:
    """The stored (non-placeholder) articles whose IDs the demo files carry."""
    refs = [p.name.split("-", 1)[0] for p in demo_article_paths()]
    rows = session.exec(
        select(Article.item_id).where(col(Article.ref).in_(refs), Article.placeholder == False)  # noqa: E712
    ).all()
    return [int(r) for r in rows]


def _resolve_items(session: Session, items: Sequence[DemoItem]) -> list[tuple[DemoItem, int]]:
    """Case items found in the library; one the extractor did not find is left out, quietly."""
    found: list[tuple[DemoItem, int]] = []
    for item in items:
        kinds = None if item.kind == ARTICLE else [item.kind]
        try:
            ref = resolve_item(session, item.ref, kinds=kinds)
        except (ItemNotFound, AmbiguousItem):
            continue
        found.append((item, ref.id))
    return found


def _suggested_links(
    session: Session, article_ids: Sequence[int], entity_ids: Sequence[int]
) -> list[int]:
    """What the analyst of the demo case has confirmed: the demo articles' mentions of the
    case's entities, and the suggested links between those entities (e.g. group membership)."""
    if not entity_ids:
        return []
    mentions = select(Link.id).where(
        Link.kind == MENTIONS,
        Link.status == SUGGESTED,
        col(Link.source_id).in_(article_ids),
        col(Link.target_id).in_(entity_ids),
    )
    between = select(Link.id).where(
        Link.kind != MENTIONS,
        Link.status == SUGGESTED,
        col(Link.source_id).in_(entity_ids),
        col(Link.target_id).in_(entity_ids),
    )
    ids = list(session.exec(mentions).all()) + list(session.exec(between).all())
    return [int(i) for i in ids if i is not None]


def _create_case(
    library: Library, demo: DemoCase, resolved: Sequence[tuple[DemoItem, int]]
) -> Changes:
    made = cases.create_case(
        library=library, title=demo.title, summary=demo.summary, status=demo.status
    )
    case_id, changes = made.value, made.changes
    added = cases.add_items(
        library=library, case_id=case_id, item_ids=[item_id for _, item_id in resolved]
    )
    changes = changes | added.changes
    for item, item_id in resolved:
        if item.note:
            noted = cases.set_item_note(
                library=library, case_id=case_id, item_id=item_id, note=item.note
            )
            changes = changes | noted.changes
    pins = {item_id: True for item, item_id in resolved if item.pinned}
    if pins:
        changes = changes | cases.set_pinned(library=library, case_id=case_id, pins=pins).changes
    return changes
