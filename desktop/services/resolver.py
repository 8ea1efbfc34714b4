"""Turning one article's extraction into stored suggestions, resolved against the library.

New names meet known entities by canonical name or alias (normalised); a close fuzzy match
becomes a "possibly the same as" suggestion, never a silent merge. The resolver caches lookups
for the length of an import batch, which is what keeps big imports fast.
"""

from __future__ import annotations

from sqlalchemy import insert, select, update
from sqlmodel import Session, col

from desktop.extract.sentences import ViewSentences
from desktop.extract.textview import TextView
from desktop.extract.types import ExtractedEntity, Extraction
from desktop.services import never_suggest
from desktop.services.prepare import EVIDENCE_PER_ENTITY, Span
from desktop.store import dialect
from desktop.store.models import (
    MENTIONS,
    REJECTED,
    RELATED_TO,
    SUGGESTED,
    Alias,
    Entity,
    Evidence,
    Item,
    Link,
    stored_id,
    utcnow,
)
from desktop.store.spans import packed_rows, unpack
from desktop.store.text import normalize_name, sentence_ref

POSSIBLE_DUPLICATE = "possibly the same as"
_FAMILIES = {"country": ("country", "place"), "place": ("country", "place")}
_FUZZY_KINDS = ("person", "organization")
_FUZZY_CUTOFF = 90


def kind_family(kind: str) -> tuple[str, ...]:
    return _FAMILIES.get(kind, (kind,))


class EntityResolver:
    def __init__(self) -> None:
        self._ids: dict[tuple[tuple[str, ...], str], int] = {}
        self._names: dict[str, dict[str, int]] = {}  # kind -> {name: id}, for fuzzy matching

    def forget(self) -> None:
        """Drop cached ids (after a rollback, or when the library changed underneath)."""
        self._ids.clear()
        self._names.clear()

    # --- entities -----------------------------------------------------------------------
    def lookup(self, session: Session, kind: str, name: str) -> int | None:
        family = kind_family(kind)
        norm = normalize_name(name)
        if not norm:
            return None
        key = (family, norm)
        if key in self._ids:
            return self._ids[key]
        row = session.execute(
            select(col(Alias.entity_id))
            .join(Item, col(Item.id) == col(Alias.entity_id))
            .where(col(Alias.norm) == norm, col(Item.kind).in_(family))
            .order_by(col(Alias.entity_id))
            .limit(1)
        ).first()
        if row is not None:
            self._ids[key] = int(row[0])
            return int(row[0])
        return None

    def resolve(self, session: Session, found: ExtractedEntity) -> tuple[int, bool]:
        """The stored entity for an extracted one: (id, created)."""
        entity_id = self.lookup(session, found.kind, found.name)
        if entity_id is None:
            for alias in found.aliases:
                entity_id = self.lookup(session, found.kind, alias)
                if entity_id is not None:
                    break
        if entity_id is not None:
            self._enrich(session, entity_id, found)
            return entity_id, False
        return self._create(session, found), True

    def _create(self, session: Session, found: ExtractedEntity) -> int:
        now = utcnow()
        conn = session.connection()
        entity_id = int(
            conn.execute(
                insert(Item).values(
                    kind=found.kind, name=found.name, created_at=now, updated_at=now
                )
            ).inserted_primary_key[0]  # type: ignore[index]  # a Core insert on a table with a key always has one
        )
        conn.execute(
            insert(Entity).values(item_id=entity_id, role=found.role, affiliation=found.affiliation)
        )
        names = _unique_by_norm([found.name, *found.aliases])
        conn.execute(
            insert(Alias), [{"entity_id": entity_id, "name": n, "norm": k} for k, n in names]
        )
        family = kind_family(found.kind)
        for norm, _ in names:
            self._ids[(family, norm)] = entity_id
        dialect.index_entity(conn, entity_id, found.name, [n for _, n in names[1:]])
        if found.kind in self._names:
            self._names[found.kind][found.name] = entity_id
        return entity_id

    def _enrich(self, session: Session, entity_id: int, found: ExtractedEntity) -> None:
        """Fill a known entity's blanks (role, affiliation, new aliases) from a new article."""
        conn = session.connection()
        if found.role or found.affiliation:
            current = conn.execute(
                select(col(Entity.role), col(Entity.affiliation)).where(
                    col(Entity.item_id) == entity_id
                )
            ).first()
            if current is not None:
                values = {}
                if found.role and not current[0]:
                    values["role"] = found.role
                if found.affiliation and not current[1]:
                    values["affiliation"] = found.affiliation
                if values:
                    conn.execute(
                        update(Entity).where(col(Entity.item_id) == entity_id).values(**values)
                    )
        if not found.aliases:
            return
        family = kind_family(found.kind)
        new = [
            (norm, name)
            for norm, name in _unique_by_norm(found.aliases)
            if self._ids.get((family, norm)) != entity_id
        ]
        if not new:
            return
        known = set(
            conn.execute(select(col(Alias.norm)).where(col(Alias.entity_id) == entity_id)).scalars()
        )
        added = [(norm, name) for norm, name in new if norm not in known]
        if added:
            conn.execute(
                insert(Alias), [{"entity_id": entity_id, "name": n, "norm": k} for k, n in added]
            )
            name_row = conn.execute(
                select(col(Item.name)).where(col(Item.id) == entity_id)
            ).scalar_one()
            all_aliases = conn.execute(
                select(col(Alias.name)).where(col(Alias.entity_id) == entity_id)
            ).scalars()
            dialect.index_entity(
                conn, entity_id, name_row, [a for a in all_aliases if a != name_row]
            )
        for norm, _ in new:
            self._ids[(family, norm)] = entity_id

    def _fuzzy_match(self, session: Session, kind: str, name: str, exclude: int) -> int | None:
        if kind not in _FUZZY_KINDS or len(name.split()) < 2:
            return None
        from rapidfuzz import fuzz, process

        names = self._names.get(kind)
        if names is None:
            rows = session.execute(
                select(col(Item.name), col(Item.id)).where(col(Item.kind) == kind)
            ).all()
            names = self._names[kind] = {r[0]: int(r[1]) for r in rows}
        choices = {n: i for n, i in names.items() if i != exclude}
        best = process.extractOne(
            name, list(choices), scorer=fuzz.token_sort_ratio, score_cutoff=_FUZZY_CUTOFF
        )
        return choices[best[0]] if best else None

    # --- links --------------------------------------------------------------------------
    def add_link(
        self,
        session: Session,
        *,
        source_id: int,
        target_id: int,
        kind: str,
        article_id: int,
        spans: list[Span],
        label: str = "",
        status: str = SUGGESTED,
    ) -> int | None:
        """A suggested link with its evidence; None when the analyst rejected it before."""
        conn = session.connection()
        row = conn.execute(
            select(col(Link.id), col(Link.status)).where(
                col(Link.source_id) == source_id,
                col(Link.target_id) == target_id,
                col(Link.kind) == kind,
                col(Link.label) == label,
            )
        ).first()
        if row is not None:
            if row[1] == REJECTED and kind == MENTIONS:
                return None
            link_id = stored_id(row[0])
        else:
            link_id = int(
                conn.execute(
                    insert(Link).values(
                        source_id=source_id,
                        target_id=target_id,
                        kind=kind,
                        label=label,
                        status=status,
                        origin="extract",
                        created_at=None,  # a suggestion: its article says when (0009)
                    )
                ).inserted_primary_key[0]  # type: ignore[index]  # a Core insert on a table with a key always has one
            )
        if spans and row is not None:  # an existing link: keep its evidence free of repeats
            seen = {
                piece[0]
                for r in conn.execute(
                    select(
                        col(Evidence.start), col(Evidence.end), col(Evidence.sent_start),
                        col(Evidence.sent_end), col(Evidence.more_spans),
                    ).where(
                        col(Evidence.link_id) == link_id, col(Evidence.article_id) == article_id
                    )
                )
                for piece in unpack((r[0], r[1], r[2], r[3]), r[4])
            }  # fmt: skip
            spans = [sp for sp in spans if sp[0] not in seen]
        if spans:
            conn.execute(
                insert(Evidence),
                [
                    {
                        "link_id": link_id,
                        "article_id": article_id,
                        "start": s,
                        "end": e,
                        "sent_start": ss,
                        "sent_end": se,
                        "sentence": sent,
                        "span_count": n,
                        "more_spans": more,
                    }
                    for s, e, ss, se, sent, n, more in packed_rows(spans)
                ],
            )
        return link_id

    def store_suggestions(
        self, *, session: Session, article_id: int, text: str, extraction: Extraction
    ) -> set[int]:
        """Entities, mention links and entity links of one article; returns entity ids touched."""
        ids: dict[str, int] = {}
        touched: set[int] = set()
        sentences = ViewSentences(TextView(text)).sentence
        body_at = text.find("\n") + 1 or len(text)  # the stored text: title line, body
        body = text[body_at:]

        def sentence(offset: int) -> tuple[int | None, int | None, str | None]:
            return sentence_ref(body, body_at, *sentences(offset))

        blocked = never_suggest.blocked_in(session)  # the analyst's "never suggest" names
        for found in extraction.entities:
            if blocked.names(normalize_name(n) for n in (found.name, *found.aliases)):
                continue
            entity_id, created = self.resolve(session, found)
            if entity_id in blocked.entity_ids:
                continue
            ids[found.name] = entity_id
            touched.add(entity_id)
            spans: list[Span] = [
                (m.start, m.end, *sentence(m.start)) for m in found.mentions[:EVIDENCE_PER_ENTITY]
            ]
            self.add_link(
                session,
                source_id=article_id,
                target_id=entity_id,
                kind=MENTIONS,
                article_id=article_id,
                spans=spans,
            )
            if created:
                twin = self._fuzzy_match(session, found.kind, found.name, entity_id)
                if twin is not None:
                    self.add_link(
                        session,
                        source_id=entity_id,
                        target_id=twin,
                        kind=RELATED_TO,
                        label=POSSIBLE_DUPLICATE,
                        article_id=article_id,
                        spans=spans[:1],
                    )
        for link in extraction.links:
            source, target = ids.get(link.source), ids.get(link.target)
            if source is None or target is None or source == target:
                continue
            self.add_link(
                session,
                source_id=source,
                target_id=target,
                kind=link.kind,
                article_id=article_id,
                spans=[
                    (
                        link.start,
                        link.end,
                        *sentence_ref(body, body_at, link.start, link.end, link.sentence.strip()),
                    )
                ],
            )
        return touched


def _unique_by_norm(names: list[str]) -> list[tuple[str, str]]:
    seen: dict[str, str] = {}
    for name in names:
        norm = normalize_name(name)
        if norm and norm not in seen:
            seen[norm] = name
    return list(seen.items())
