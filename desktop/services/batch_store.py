"""Storing many prepared articles at once: the import's hot path.

One write transaction holds a batch of articles, each stored whole with all its suggestions,
so a crash loses at most the batch in flight and never leaves half an article. Rows are
written with executemany and ids reserved up front (the write lock is held), which measured
an order of magnitude faster than one ORM round trip per row. Entity and citation lookups
are cached for the whole import.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from desktop.extract import sentence_span
from desktop.extract.types import ExtractedEntity, Extraction, ParsedArticle
from desktop.services.resolver import POSSIBLE_DUPLICATE, kind_family
from desktop.store import dialect
from desktop.store.dialect import RawCursor
from desktop.store.models import AFFILIATED_WITH, CITES, MENTIONS, RELATED_TO
from desktop.store.text import normalize_name

_FUZZY_KINDS = ("person", "organization")
_FUZZY_CUTOFF = 90


@dataclass(slots=True)
class PreparedArticle:
    """An article decoded, parsed and extracted (in a worker process), ready to store."""

    source_file: str
    parsed: ParsedArticle
    extraction: Extraction
    digest: str
    #: mention/citation offset -> its sentence's text; computed in the worker process because
    #: finding sentences was most of the storing process's time
    sentences: dict[int, str] = field(default_factory=dict)


def evidence_sentences(text: str, extraction: Extraction) -> dict[int, str]:
    """The supporting sentence of every mention and citation, keyed by its offset."""
    by_start: dict[int, str] = {}
    out: dict[int, str] = {}
    offsets = [m.start for e in extraction.entities for m in e.mentions]
    offsets += [c.start for c in extraction.citations]
    for offset in offsets:
        if offset in out:
            continue
        s, e = sentence_span(text, offset)
        if s not in by_start:
            by_start[s] = text[s:e].strip()
        out[offset] = by_start[s]
    return out


@dataclass(slots=True)
class StoredArticle:
    id: int
    title: str
    ref: str | None


@dataclass(slots=True)
class BatchResult:
    stored: list[StoredArticle] = field(default_factory=list)
    duplicates: list[tuple[str, int]] = field(default_factory=list)  # (file, existing id)
    entities: set[int] = field(default_factory=set)


def _ts(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def ref_date(ref: str) -> date | None:
    """The YYMMDD of a 10-digit article ID, when it is a real date."""
    try:
        return date(2000 + int(ref[0:2]), int(ref[2:4]), int(ref[4:6]))
    except ValueError:
        return None


def placeholder_title(ref: str) -> str:
    return f"Article {ref} (cited, not yet imported)"


_SQL: dict[str, str] = {
    "item": (
        "INSERT INTO item (id, kind, name, created_at, updated_at, version) "
        "VALUES (:id, :kind, :name, :now, :now, 1)"
    ),
    "article": (
        "INSERT INTO article (item_id, ref, body, title_line, source_file, published, "
        "content_hash, imported_at, reviewed, placeholder) VALUES (:item_id, :ref, :body, "
        ":title_line, :source_file, :published, :content_hash, :imported_at, FALSE, :placeholder)"
    ),
    "entity": (
        "INSERT INTO entity (item_id, role, affiliation) VALUES (:item_id, :role, :affiliation)"
    ),
    "alias": ("INSERT INTO alias (entity_id, name, norm) VALUES (:entity_id, :name, :norm)"),
    "link": (
        "INSERT INTO link (id, source_id, target_id, kind, label, status, origin, created_at) "
        "VALUES (:id, :source_id, :target_id, :kind, :label, 'suggested', 'extract', :now)"
    ),
    "evidence": (
        'INSERT INTO evidence (link_id, article_id, start, "end", sentence) '
        "VALUES (:link_id, :article_id, :start, :end, :sentence)"
    ),
    "lookup_alias": (
        "SELECT a.entity_id FROM alias a JOIN item i ON i.id = a.entity_id "
        "WHERE a.norm = :norm AND i.kind IN (:k1, :k2) ORDER BY a.entity_id LIMIT 1"
    ),
    "entity_info": ("SELECT role, affiliation FROM entity WHERE item_id = :id"),
    "alias_norms": ("SELECT norm FROM alias WHERE entity_id = :id"),
    "all_aliases": ("SELECT name FROM alias WHERE entity_id = :id"),
    "item_name": ("SELECT name FROM item WHERE id = :id"),
    "set_role": (
        "UPDATE entity SET role = coalesce(role, :role), "
        "affiliation = coalesce(affiliation, :affiliation) WHERE item_id = :id"
    ),
    "find_link": (
        "SELECT id FROM link WHERE source_id = :s AND target_id = :t AND kind = :k AND label = :l"
    ),
    "article_by_ref": ("SELECT item_id, placeholder FROM article WHERE ref = :ref"),
    "by_hash": ("SELECT item_id FROM article WHERE content_hash = :h"),
    "fill_item": (
        "UPDATE item SET name = :name, updated_at = :now, version = version + 1 WHERE id = :id"
    ),
    "fill_article": (
        "UPDATE article SET body = :body, title_line = :title_line, source_file = :source_file, "
        "published = coalesce(:published, published), content_hash = :content_hash, "
        "imported_at = :imported_at, placeholder = FALSE WHERE item_id = :item_id"
    ),
    "names_of_kind": ("SELECT name, id FROM item WHERE kind = :kind"),
}


def _end_tokens(name: str) -> set[str]:
    words = name.lower().split()
    return {words[0], words[-1]} if words else set()


def _file_name(buckets: dict[str, dict[str, int]], name: str, entity_id: int) -> None:
    for token in _end_tokens(name):
        buckets.setdefault(token, {})[name] = entity_id


class BatchStore:
    """Writes batches of prepared articles; keeps lookup caches for the whole import."""

    def __init__(self) -> None:
        self._entity_ids: dict[tuple[tuple[str, ...], str], int] = {}
        self._alias_norms: dict[int, set[str]] = {}
        self._has_details: set[int] = set()
        self._names: dict[str, dict[str, dict[str, int]]] = {}  # kind -> word -> name -> id

    def forget(self) -> None:
        """After a rolled-back batch the caches may name rows that no longer exist."""
        self.__init__()  # type: ignore[misc]

    # --- the batch ----------------------------------------------------------------------
    def store(self, conn: RawCursor, batch: Iterable[PreparedArticle]) -> BatchResult:
        result = BatchResult()
        self._rows: dict[str, list[dict[str, Any]]] = {
            k: [] for k in ("item", "article", "entity", "alias", "link", "evidence")
        }
        self._fts_entities: dict[int, tuple[str, list[str]]] = {}
        self._fts_articles: list[dict[str, Any]] = []
        self._next_item = dialect.max_id(conn, "item") + 1
        self._next_link = dialect.max_id(conn, "link") + 1
        self._now = _ts(datetime.now(UTC))
        self._links: dict[tuple[int, int, str, str], int] = {}
        self._refs: dict[str, tuple[int, bool]] = {}  # ref -> (article id, is placeholder)
        self._hashes: dict[str, int] = {}
        for prepared in batch:
            self._store_one(conn, prepared, result)
        self._flush(conn)
        dialect.sync_ids(conn, "item")  # PostgreSQL: move the sequences past the ids used
        dialect.sync_ids(conn, "link")
        return result

    def _item_id(self) -> int:
        self._next_item += 1
        return self._next_item - 1

    def _store_one(self, conn: RawCursor, prepared: PreparedArticle, result: BatchResult) -> None:
        parsed = prepared.parsed
        existing = self._hashes.get(prepared.digest)
        if existing is None:
            row = conn.execute(_SQL["by_hash"], {"h": prepared.digest}).fetchone()
            existing = int(row[0]) if row else None
        placeholder_id = None
        if existing is None and parsed.ref:
            found = self._refs.get(parsed.ref)
            if found is None:
                row = conn.execute(_SQL["article_by_ref"], {"ref": parsed.ref}).fetchone()
                found = (int(row[0]), bool(row[1])) if row else None
            if found is not None and found[1]:
                placeholder_id = found[0]
            elif found is not None:
                existing = found[0]
        if existing is not None:
            result.duplicates.append((prepared.source_file, existing))
            return
        body_start = (
            parsed.text.find(parsed.body, len(parsed.title)) if parsed.body else len(parsed.text)
        )
        values = {
            "body": parsed.body,
            "title_line": max(body_start, 0),
            "source_file": prepared.source_file,
            "published": _day(parsed.published),
            "content_hash": prepared.digest,
            "imported_at": self._now,
        }
        if placeholder_id is not None:
            self._flush(conn)  # the placeholder's row must be current before it is filled
            old_title = conn.execute(_SQL["item_name"], {"id": placeholder_id}).fetchone()[0]
            dialect.unindex_article(conn, placeholder_id, old_title, "")
            conn.execute(
                _SQL["fill_item"], {"id": placeholder_id, "name": parsed.title, "now": self._now}
            )
            conn.execute(_SQL["fill_article"], {"item_id": placeholder_id, **values})
            article_id = placeholder_id
        else:
            article_id = self._item_id()
            self._rows["item"].append(
                {"id": article_id, "kind": "article", "name": parsed.title, "now": self._now}
            )
            self._rows["article"].append(
                {"item_id": article_id, "ref": parsed.ref, "placeholder": False, **values}
            )
        self._hashes[prepared.digest] = article_id
        if parsed.ref:
            self._refs[parsed.ref] = (article_id, False)
        self._fts_articles.append({"id": article_id, "title": parsed.title, "body": parsed.body})
        self._suggestions(
            conn, article_id, parsed.text, prepared.extraction, result, prepared.sentences
        )
        result.stored.append(StoredArticle(article_id, parsed.title, parsed.ref))

    # --- entities -----------------------------------------------------------------------
    def _lookup(self, conn: RawCursor, kind: str, name: str) -> int | None:
        family = kind_family(kind)
        norm = normalize_name(name)
        if not norm:
            return None
        key = (family, norm)
        if key not in self._entity_ids:
            kinds = (family * 2)[:2]
            row = conn.execute(
                _SQL["lookup_alias"], {"norm": norm, "k1": kinds[0], "k2": kinds[1]}
            ).fetchone()
            if row is None:
                return None
            self._entity_ids[key] = int(row[0])
        return self._entity_ids[key]

    def _resolve(
        self, conn: RawCursor, found: ExtractedEntity, article_id: int, spans: list
    ) -> int:
        entity_id = self._lookup(conn, found.kind, found.name)
        if entity_id is None:
            for alias in found.aliases:
                entity_id = self._lookup(conn, found.kind, alias)
                if entity_id is not None:
                    break
        if entity_id is None:
            return self._create(conn, found, article_id, spans)
        self._enrich(conn, entity_id, found)
        return entity_id

    def _create(self, conn: RawCursor, found: ExtractedEntity, article_id: int, spans: list) -> int:
        entity_id = self._item_id()
        rows = self._rows
        rows["item"].append(
            {"id": entity_id, "kind": found.kind, "name": found.name, "now": self._now}
        )
        rows["entity"].append(
            {"item_id": entity_id, "role": found.role, "affiliation": found.affiliation}
        )
        self._has_details.add(entity_id)
        norms: dict[str, str] = {}
        for name in (found.name, *found.aliases):
            norm = normalize_name(name)
            if norm and norm not in norms:
                norms[norm] = name
                rows["alias"].append({"entity_id": entity_id, "name": name, "norm": norm})
                self._entity_ids[(kind_family(found.kind), norm)] = entity_id
        self._alias_norms[entity_id] = set(norms)
        self._fts_entities[entity_id] = (found.name, list(norms.values()))
        twin = self._fuzzy_twin(conn, found.kind, found.name)
        if twin is not None:
            self._add_link(
                conn, entity_id, twin, RELATED_TO, article_id, spans[:1], POSSIBLE_DUPLICATE
            )
        buckets = self._names.get(found.kind)
        if buckets is not None:
            _file_name(buckets, found.name, entity_id)
        return entity_id

    def _fuzzy_twin(self, conn: RawCursor, kind: str, name: str) -> int | None:
        """A close spelling of a known name: suggested as a possible duplicate, never merged.

        Only names sharing the first or the last word are compared (a typo rarely hits both),
        which keeps this flat as the library grows instead of scanning every name.
        """
        if kind not in _FUZZY_KINDS or len(name.split()) < 2:
            return None
        from rapidfuzz import fuzz, process

        buckets = self._names.get(kind)
        if buckets is None:
            buckets = self._names[kind] = {}
            for row in conn.execute(_SQL["names_of_kind"], {"kind": kind}):
                _file_name(buckets, row[0], int(row[1]))
        candidates: dict[str, int] = {}
        for token in _end_tokens(name):
            candidates.update(buckets.get(token, {}))
        best = process.extractOne(
            name, candidates.keys(), scorer=fuzz.token_sort_ratio, score_cutoff=_FUZZY_CUTOFF
        )
        return candidates[best[0]] if best else None

    def _enrich(self, conn: RawCursor, entity_id: int, found: ExtractedEntity) -> None:
        # Entities missing from the caches below were read from the library, not created in
        # this batch, so their rows exist and need no flush first.
        if (found.role or found.affiliation) and entity_id not in self._has_details:
            conn.execute(
                _SQL["set_role"],
                {"id": entity_id, "role": found.role, "affiliation": found.affiliation},
            )
            self._has_details.add(entity_id)
        if not found.aliases:
            return
        known = self._alias_norms.get(entity_id)
        if known is None:
            known = self._alias_norms[entity_id] = {
                r[0] for r in conn.execute(_SQL["alias_norms"], {"id": entity_id})
            }
        family = kind_family(found.kind)
        added = False
        for alias in found.aliases:
            norm = normalize_name(alias)
            if norm and norm not in known:
                known.add(norm)
                self._rows["alias"].append({"entity_id": entity_id, "name": alias, "norm": norm})
                self._entity_ids[(family, norm)] = entity_id
                added = True
        if added and entity_id not in self._fts_entities:
            name = conn.execute(_SQL["item_name"], {"id": entity_id}).fetchone()[0]
            self._fts_entities[entity_id] = (
                name,
                [r[0] for r in conn.execute(_SQL["all_aliases"], {"id": entity_id})],
            )
        elif added:
            self._fts_entities[entity_id][1].extend(a for a in found.aliases)

    # --- links --------------------------------------------------------------------------
    def _add_link(
        self,
        conn: RawCursor,
        source: int,
        target: int,
        kind: str,
        article_id: int,
        spans: list[tuple[int, int, str]],
        label: str = "",
    ) -> None:
        key = (source, target, kind, label)
        link_id = self._links.get(key)
        if link_id is None and kind != MENTIONS:
            row = conn.execute(
                _SQL["find_link"], {"s": source, "t": target, "k": kind, "l": label}
            ).fetchone()
            link_id = int(row[0]) if row else None
        if link_id is None:
            link_id = self._next_link
            self._next_link += 1
            self._rows["link"].append(
                {
                    "id": link_id,
                    "source_id": source,
                    "target_id": target,
                    "kind": kind,
                    "label": label,
                    "now": self._now,
                }
            )
        self._links[key] = link_id
        self._rows["evidence"].extend(
            {"link_id": link_id, "article_id": article_id, "start": s, "end": e, "sentence": sent}
            for s, e, sent in spans
        )

    def _suggestions(
        self,
        conn: RawCursor,
        article_id: int,
        body: str,
        extraction: Extraction,
        result: BatchResult,
        sentences: dict[int, str],
    ) -> None:
        ids: dict[str, int] = {}

        def sentence_of(offset: int) -> str:
            if offset not in sentences:
                s, e = sentence_span(body, offset)
                sentences[offset] = body[s:e].strip()
            return sentences[offset]

        for found in extraction.entities:
            spans = [(m.start, m.end, sentence_of(m.start)) for m in found.mentions]
            entity_id = self._resolve(conn, found, article_id, spans)
            ids[found.name] = entity_id
            result.entities.add(entity_id)
            self._add_link(conn, article_id, entity_id, MENTIONS, article_id, spans)
        for link in extraction.links:
            source, target = ids.get(link.source), ids.get(link.target)
            if source is None or target is None or source == target:
                continue
            kind = link.kind if link.kind else AFFILIATED_WITH
            self._add_link(
                conn,
                source,
                target,
                kind,
                article_id,
                [(link.start, link.end, link.sentence.strip())],
            )
        by_ref: dict[str, list[tuple[int, int, str]]] = {}
        for c in extraction.citations:
            by_ref.setdefault(c.ref, []).append((c.start, c.end, sentence_of(c.start)))
        for ref, spans in by_ref.items():
            target = self._cited_article(conn, ref)
            if target != article_id:
                self._add_link(conn, article_id, target, CITES, article_id, spans)

    def _cited_article(self, conn: RawCursor, ref: str) -> int:
        known = self._refs.get(ref)
        if known is not None:
            return known[0]
        row = conn.execute(_SQL["article_by_ref"], {"ref": ref}).fetchone()
        if row is not None:
            self._refs[ref] = (int(row[0]), bool(row[1]))
            return int(row[0])
        item_id = self._item_id()
        self._rows["item"].append(
            {"id": item_id, "kind": "article", "name": placeholder_title(ref), "now": self._now}
        )
        self._rows["article"].append(
            {
                "item_id": item_id,
                "ref": ref,
                "body": "",
                "title_line": 0,
                "source_file": None,
                "published": _day(ref_date(ref)),
                "content_hash": None,
                "imported_at": None,
                "placeholder": True,
            }
        )
        self._refs[ref] = (item_id, True)
        self._fts_articles.append({"id": item_id, "title": placeholder_title(ref), "body": ""})
        return item_id

    # --- writing ------------------------------------------------------------------------
    def _flush(self, conn: RawCursor) -> None:
        """Write what is pending, parents before children (foreign keys are on)."""
        for table in ("item", "article", "entity", "alias", "link", "evidence"):
            rows = self._rows[table]
            if rows:
                conn.executemany(_SQL[table], rows)
                rows.clear()
        if self._fts_articles:
            dialect.index_articles(conn, self._fts_articles)
            self._fts_articles = []
        for entity_id, (name, aliases) in self._fts_entities.items():
            dialect.index_entity(conn, entity_id, name, aliases)
        self._fts_entities = {}
