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


# --- removing the demo (issue 20: offered, never imposed) -----------------------------------
@dataclass(frozen=True, slots=True)
class DemoData:
    """What of the demo a library holds: its articles (known by their 10-digit ID and the
    demo's file name, the marker an import leaves) and its case (known by its title)."""

    article_ids: tuple[int, ...]
    case_ids: tuple[int, ...]

    def __bool__(self) -> bool:
        return bool(self.article_ids or self.case_ids)


@dataclass(frozen=True, slots=True)
class DemoRemoved:
    articles: int
    entities: int
    cases: int
    changes: Changes


def find_demo(session: Session) -> DemoData:
    names = {p.name for p in demo_article_paths()}
    refs = [name.split("-", 1)[0] for name in names]
    rows = session.exec(
        select(Article.item_id, Article.source_file).where(
            col(Article.ref).in_(refs),
            Article.placeholder == False,  # noqa: E712
        )
    ).all()
    articles = tuple(sorted(int(i) for i, source in rows if source and Path(source).name in names))
    title = load_demo_case().title
    case_ids = tuple(
        sorted(
            int(c or 0) for c in session.exec(select(CaseFile.id).where(CaseFile.title == title))
        )
    )
    return DemoData(articles, case_ids)


def remove_demo(*, library: Library) -> DemoRemoved:
    """Removes the demo's articles and case, and what only they brought in: the entities and
    "cited, not yet imported" placeholders nothing else links to or holds, and the links only
    the demo's articles evidenced. The analyst's own articles, cases, notes, confirmed or
    hand-made links, and every entity they mention, stay. One transaction."""
    from sqlalchemy import delete, exists, or_

    from desktop.store import dialect
    from desktop.store.models import Alias, CaseItem, Entity, Evidence, Item

    with library.write() as session:
        demo = find_demo(session)
        conn = session.connection()
        ids = list(demo.article_ids)
        for case_id in demo.case_ids:
            dialect.unindex_case(conn, case_id)
        session.execute(delete(CaseFile).where(col(CaseFile.id).in_(demo.case_ids)))
        touching = or_(col(Link.source_id).in_(ids), col(Link.target_id).in_(ids))
        neighbours = {
            other
            for s, t in session.exec(select(Link.source_id, Link.target_id).where(touching))
            for other in (s, t)
        } - set(ids)
        evidenced = set(
            session.exec(select(Evidence.link_id).where(col(Evidence.article_id).in_(ids))).all()
        )
        for s, t in session.exec(
            select(Link.source_id, Link.target_id).where(col(Link.id).in_(evidenced))
        ):
            neighbours |= {s, t}
        session.execute(delete(Evidence).where(col(Evidence.article_id).in_(ids)))
        demo_links = select(Link.id).where(touching)
        session.execute(delete(Evidence).where(col(Evidence.link_id).in_(demo_links)))
        session.execute(delete(Link).where(touching))
        # links only the demo evidenced (an extracted membership, say): none left behind
        session.execute(
            delete(Link).where(
                col(Link.id).in_(evidenced),
                col(Link.origin) == "extract",
                ~exists().where(col(Evidence.link_id) == col(Link.id)),
            )
        )
        for item_id, title, body in session.exec(
            select(Item.id, Item.name, Article.body).join(Article).where(col(Item.id).in_(ids))
        ):
            dialect.unindex_article(conn, int(item_id or 0), title, body)
        session.execute(delete(CaseItem).where(col(CaseItem.item_id).in_(ids)))
        session.execute(delete(Article).where(col(Article.item_id).in_(ids)))
        session.execute(delete(Item).where(col(Item.id).in_(ids)))
        orphans = [
            int(i)
            for i in session.exec(
                select(Item.id).where(
                    col(Item.id).in_(neighbours),
                    ~exists().where(or_(col(Link.source_id) == col(Item.id),
                                        col(Link.target_id) == col(Item.id))),
                    ~exists().where(col(CaseItem.item_id) == col(Item.id)),
                )
            )
            if i is not None
        ]  # fmt: skip
        entities = set(
            session.exec(select(Entity.item_id).where(col(Entity.item_id).in_(orphans))).all()
        )
        placeholders = set(
            session.exec(
                select(Article.item_id).where(
                    col(Article.item_id).in_(orphans),
                    Article.placeholder == True,  # noqa: E712
                )
            ).all()
        )
        for entity_id in entities:
            dialect.unindex_entity(conn, entity_id)
        for item_id, title in session.exec(
            select(Item.id, Item.name).where(col(Item.id).in_(placeholders))
        ):
            dialect.unindex_article(conn, int(item_id or 0), title, "")
        gone = sorted(entities | placeholders)
        session.execute(delete(Alias).where(col(Alias.entity_id).in_(gone)))
        session.execute(delete(Entity).where(col(Entity.item_id).in_(gone)))
        session.execute(delete(Article).where(col(Article.item_id).in_(gone)))
        session.execute(delete(Item).where(col(Item.id).in_(gone)))
    return DemoRemoved(
        len(ids), len(entities), len(demo.case_ids),
        Changes(articles=set(ids), entities=entities, cases=set(demo.case_ids), everything=True),
    )  # fmt: skip
