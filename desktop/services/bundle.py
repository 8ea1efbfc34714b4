"""Case bundles: a case with its items, notes, links and evidence in one JSON file.

Exporting writes everything another library needs to recreate the case; importing matches what
is already there (entities by name and alias, articles by content hash or 10-digit ID) instead
of duplicating it. A bundle is untrusted input: it is read and validated whole (types, sizes,
references) by desktop/services/bundle_check.py before anything is written, refused with a
message naming the field, and nothing in it is ever used as a file path.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from desktop.extract.parse import parse
from desktop.services.bundle_check import FORMAT, VERSION, read_bundle
from desktop.services.changes import Changes, Edited
from desktop.services.resolver import EntityResolver
from desktop.store import dialect
from desktop.store.db import Library
from desktop.store.models import (
    ARTICLE,
    CONFIRMED,
    MEMBER_OF,
    PART_OF,
    REJECTED,
    SUGGESTED,
    Alias,
    Article,
    CaseFile,
    CaseItem,
    Entity,
    Evidence,
    Item,
    Link,
    utcnow,
)
from desktop.store.text import content_hash, normalize_name, sentence_text

# --- export -------------------------------------------------------------------------------


def build_bundle(*, library: Library, case_id: int) -> dict[str, Any]:
    """The case, its items (with the articles its evidence quotes, and its groups' members)."""
    with library.session() as session:
        case = session.get(CaseFile, case_id)
        if case is None:
            raise LookupError(f"No case file with id {case_id}.")
        rows = session.exec(
            select(CaseItem).where(CaseItem.case_id == case_id).order_by(col(CaseItem.position))
        ).all()
        ids = {ci.item_id for ci in rows}
        ids |= set(
            session.exec(
                select(Link.source_id)
                .join(Item, col(Item.id) == col(Link.target_id))
                .where(
                    col(Link.target_id).in_(ids),
                    Item.kind == "group",
                    col(Link.kind).in_((MEMBER_OF, PART_OF)),
                    Link.status != REJECTED,
                )
            ).all()
        )
        ids |= set(
            session.exec(
                select(Evidence.article_id)
                .join(Link, col(Link.id) == col(Evidence.link_id))
                .where(col(Link.source_id).in_(ids), col(Link.target_id).in_(ids))
            ).all()
        )
        links = session.exec(
            select(Link)
            .where(col(Link.source_id).in_(ids), col(Link.target_id).in_(ids))
            .order_by(col(Link.id))
        ).all()
        evidence: dict[int, list[dict[str, Any]]] = {}
        for ev, body in session.exec(
            select(Evidence, Article.body)
            .join(Article, col(Article.item_id) == col(Evidence.article_id))
            .where(col(Evidence.link_id).in_([lk.id for lk in links]))
            .where(col(Evidence.article_id).in_(ids))
            .order_by(col(Evidence.id))
        ):
            evidence.setdefault(ev.link_id, []).extend(
                {
                    "article": ev.article_id,
                    "start": start,
                    "end": end,
                    "sentence": sentence_text(ev.sentence, sent_start, sent_end, body),
                }
                for start, end, sent_start, sent_end in ev.pieces()
            )
        return {
            "format": FORMAT,
            "version": VERSION,
            "exported_at": utcnow().isoformat(),
            "case": {"title": case.title, "status": case.status, "summary": case.summary},
            "items": _export_items(session, sorted(ids)),
            "case_items": [
                {"item": ci.item_id, "position": ci.position, "pinned": ci.pinned, "note": ci.note}
                for ci in rows
            ],
            "links": [
                {
                    "source": lk.source_id,
                    "target": lk.target_id,
                    "kind": lk.kind,
                    "label": lk.label,
                    "status": lk.status,
                    "origin": lk.origin,
                    "note": lk.note,
                    "evidence": evidence.get(lk.id or 0, []),
                }
                for lk in links
            ],
        }


def _export_items(session: Session, ids: list[int]) -> list[dict[str, Any]]:
    items = session.exec(select(Item).where(col(Item.id).in_(ids)).order_by(col(Item.id))).all()
    arts = {
        a.item_id: a for a in session.exec(select(Article).where(col(Article.item_id).in_(ids)))
    }
    ents = {e.item_id: e for e in session.exec(select(Entity).where(col(Entity.item_id).in_(ids)))}
    aliases: dict[int, list[str]] = {}
    for a in session.exec(
        select(Alias).where(col(Alias.entity_id).in_(ids)).order_by(col(Alias.id))
    ):
        aliases.setdefault(a.entity_id, []).append(a.name)
    out: list[dict[str, Any]] = []
    for item in items:
        if item.kind == ARTICLE and item.id in arts:
            art = arts[item.id]
            out.append(
                {
                    "id": item.id,
                    "kind": ARTICLE,
                    "name": item.name,
                    "ref": art.ref,
                    "published": art.published.isoformat() if art.published else None,
                    "body": art.body,
                    "content_hash": art.content_hash,
                    "placeholder": art.placeholder,
                    "source": art.source_file,
                }
            )
        elif item.id in ents:
            ent = ents[item.id]
            out.append(
                {
                    "id": item.id,
                    "kind": item.kind,
                    "name": item.name,
                    "aliases": [n for n in aliases.get(item.id or 0, []) if n != item.name],
                    "role": ent.role,
                    "affiliation": ent.affiliation,
                    "description": ent.description,
                }
            )
    return out


# --- import -------------------------------------------------------------------------------


@dataclass(slots=True)
class _Importer:
    session: Session
    changes: Changes
    resolver: EntityResolver

    def article(self, item: dict[str, Any]) -> int:
        s = self.session
        body, name = item.get("body") or "", item["name"]
        published = date.fromisoformat(item["published"]) if item.get("published") else None
        if item.get("placeholder") or not body:
            # a cited article not yet imported: its ID only says what a later import fills in
            ref = item.get("ref")
            found = s.exec(select(Article).where(Article.ref == ref)).first() if ref else None
            if found is not None:
                return found.item_id
            return self._new_article(name, ref, "", published, None, None, placeholder=True)
        # An article's identity (content hash, article ID) comes from the text stored, read
        # as an imported file's would be, never from the bundle's fields: a bundle must not
        # plant a body under a genuine article's identity (issue 14, item 5).
        text = f"{name}\n{body}"
        digest, ref = content_hash(text), parse(text).ref
        found = s.exec(select(Article).where(Article.content_hash == digest)).first()
        if found is None and ref:
            found = s.exec(select(Article).where(Article.ref == ref)).first()
        if found is not None and not found.placeholder:
            if published and not found.published:  # fill a blank, never overwrite
                found.published = published
                s.add(found)
            return found.item_id
        source = Path(item["source"]).name if item.get("source") else None  # a label, never opened
        if found is not None:  # the placeholder that stood for it: fill it in
            it = s.get(Item, found.item_id)
            assert it is not None
            it.name, it.updated_at, it.version = name, utcnow(), it.version + 1
            found.body, found.placeholder, found.content_hash = body, False, digest
            found.published = published or found.published
            found.source_file, found.imported_at = source, utcnow()
            s.add_all([it, found])
            s.flush()
            dialect.index_article(s.connection(), found.item_id, name, body)
            self.changes.articles.add(found.item_id)
            return found.item_id
        return self._new_article(name, ref, body, published, digest, source, placeholder=False)

    def _new_article(
        self,
        name: str,
        ref: str | None,
        body: str,
        published: date | None,
        digest: str | None,
        source: str | None,
        *,
        placeholder: bool,
    ) -> int:
        item = Item(kind=ARTICLE, name=name)
        self.session.add(item)
        self.session.flush()
        assert item.id is not None
        self.session.add(
            Article(
                item_id=item.id,
                ref=ref,
                body=body,
                published=published,
                content_hash=digest,
                source_file=source,
                placeholder=placeholder,
                imported_at=None if placeholder else utcnow(),
            )
        )
        self.session.flush()
        if not placeholder:
            dialect.index_article(self.session.connection(), item.id, name, body)
        self.changes.articles.add(item.id)
        return item.id

    def entity(self, item: dict[str, Any]) -> int:
        names = [item["name"], *item.get("aliases", [])]
        found = next(
            (i for n in names if (i := self.resolver.lookup(self.session, item["kind"], n))), None
        )
        s = self.session
        if found is None:
            row = Item(kind=item["kind"], name=item["name"])
            s.add(row)
            s.flush()
            assert row.id is not None
            found = row.id
            s.add(Entity(item_id=found))
            s.flush()
        entity = s.get(Entity, found)
        assert entity is not None
        for key in ("role", "affiliation", "description"):
            if item.get(key) and not getattr(entity, key):
                setattr(entity, key, item[key])
        s.add(entity)
        known = set(s.exec(select(Alias.norm).where(Alias.entity_id == found)).all())
        for n in names:
            norm = normalize_name(n)
            if norm and norm not in known:
                known.add(norm)
                s.add(Alias(entity_id=found, name=n, norm=norm))
        s.flush()
        canonical = s.get(Item, found)
        assert canonical is not None
        aliases = s.exec(select(Alias.name).where(Alias.entity_id == found)).all()
        dialect.index_entity(
            s.connection(), found, canonical.name, [a for a in aliases if a != canonical.name]
        )
        self.resolver.forget()
        self.changes.entities.add(found)
        return found

    def link(self, link: dict[str, Any], ids: dict[int, int]) -> None:
        s = self.session
        source, target = ids[link["source"]], ids[link["target"]]
        if source == target:
            return
        row = s.exec(
            select(Link).where(
                Link.source_id == source,
                Link.target_id == target,
                Link.kind == link["kind"],
                Link.label == link["label"],
            )
        ).first()
        if row is None:
            row = Link(
                source_id=source,
                target_id=target,
                kind=link["kind"],
                label=link["label"],
                status=link["status"],
                origin=link["origin"],
                note=link.get("note"),
            )
        elif row.status == SUGGESTED and link["status"] in (CONFIRMED, REJECTED):
            row.status = link["status"]  # the analyst's decision travels with the case
        if link.get("note") and not row.note:
            row.note = link["note"]
        s.add(row)
        s.flush()
        assert row.id is not None
        for ev in link["evidence"]:
            article = ids[ev["article"]]
            stored = s.exec(
                select(Evidence).where(Evidence.link_id == row.id, Evidence.article_id == article)
            ).all()  # a packed row stands for several spans (desktop.store.spans)
            if (ev["start"], ev["end"]) not in {p[:2] for e in stored for p in e.pieces()}:
                s.add(
                    Evidence(
                        link_id=row.id,
                        article_id=article,
                        start=ev["start"],
                        end=ev["end"],
                        sentence=ev["sentence"],
                    )
                )
        self.changes.links.add(row.id)


def _free_title(session: Session, title: str) -> str:
    title = " ".join(title.split())

    def taken(t: str) -> bool:
        return (
            session.exec(select(CaseFile.id).where(func.lower(CaseFile.title) == t.lower())).first()
            is not None
        )

    if not taken(title):
        return title
    n = 1
    while taken(candidate := f"{title} (imported{'' if n == 1 else f' {n}'})"):
        n += 1
    return candidate


def import_bundle(*, library: Library, path: Path) -> Edited[int]:
    """Recreate the case in this library, in one transaction; the value is the new case's id."""
    doc = read_bundle(path)
    changes = Changes(everything=True)
    with library.write() as session:
        work = _Importer(session, changes, EntityResolver())
        ids: dict[int, int] = {}
        for item in sorted(doc["items"], key=lambda i: i["kind"] != ARTICLE):
            ids[item["id"]] = work.article(item) if item["kind"] == ARTICLE else work.entity(item)
        case = CaseFile(
            title=_free_title(session, doc["case"]["title"]),
            status=doc["case"]["status"],
            summary=doc["case"]["summary"],
        )
        if case.summary:
            case.summary_edited_at = utcnow()
        session.add(case)
        session.flush()
        case_id = int(case.id or 0)
        conn = session.connection()
        dialect.index_note(conn, case_id, None, case.summary)
        placed: set[int] = set()
        for ci in sorted(doc["case_items"], key=lambda c: c["position"]):
            item_id = ids[ci["item"]]
            if item_id in placed:
                continue
            placed.add(item_id)
            session.add(
                CaseItem(
                    case_id=case_id,
                    item_id=item_id,
                    position=len(placed),
                    pinned=ci["pinned"],
                    note=ci["note"],
                    note_edited_at=utcnow() if ci["note"] else None,
                )
            )
            dialect.index_note(conn, case_id, item_id, ci["note"])
        for link in doc["links"]:
            work.link(link, ids)
    changes.cases.add(case_id)
    return Edited(case_id, changes)


__all__ = ["build_bundle", "content_hash", "import_bundle"]
