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
from datetime import UTC, datetime
from typing import Any

from desktop.extract.citations import id_date
from desktop.services import never_suggest
from desktop.services.prepare import PreparedArticle, PreparedEntity, Span, day
from desktop.services.resolver import POSSIBLE_DUPLICATE, kind_family
from desktop.store import dialect
from desktop.store.dialect import RawCursor
from desktop.store.models import AFFILIATED_WITH, CITES, MENTIONS, RELATED_TO
from desktop.store.packed import stored_body
from desktop.store.spans import packed_rows

_FUZZY_KINDS = ("person", "organization")
_FUZZY_CUTOFF = 90


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
    #: entities created or given new names by the batch: all that watch-list screening must
    #: see (one already stored was screened when it came, or when a list changed)
    named: set[int] = field(default_factory=set)


def _ts(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def placeholder_title(ref: str) -> str:
    return f"Article {ref} (cited, not yet imported)"


#: Columns of the rows written with executemany, in the order of the row tuples; constant
#: columns are literals in the statement.
_COLUMNS: dict[str, tuple[tuple[str, ...], dict[str, str]]] = {
    "item": (("id", "kind", "name", "created_at", "updated_at"), {"version": "1"}),
    "article": (
        (
            "item_id",
            "ref",
            "body",
            "title_line",
            "source_file",
            "published",
            "content_hash",
            "imported_at",
            "placeholder",
            "published_from",
            "outlet",
            "dateline",
            "byline",
        ),
        {"reviewed": "FALSE"},
    ),
    "entity": (("item_id", "role", "affiliation"), {}),
    "alias": (("entity_id", "name", "norm"), {}),
    "link": (
        ("id", "source_id", "target_id", "kind", "label"),  # created_at NULL: a suggestion
        {"status": "'suggested'", "origin": "'extract'"},
    ),
    "evidence": (
        ("link_id", "article_id", "start", "end", "sent_start", "sent_end", "sentence")
        + ("span_count", "more_spans"),
        {},
    ),
}
_TABLES = tuple(_COLUMNS)  # parents before children (foreign keys are on)


def _insert_sql(table: str, named: bool) -> str:
    """``?`` placeholders for sqlite3 (tuples bind faster than dicts); ``:name`` for the
    PostgreSQL cursor, which translates those."""
    columns, literals = _COLUMNS[table]
    names = ", ".join(f'"{c}"' for c in (*columns, *literals))
    marks = [f":{c}" if named else "?" for c in columns]
    return f"INSERT INTO {table} ({names}) VALUES ({', '.join([*marks, *literals.values()])})"


_INSERT = {table: _insert_sql(table, named=False) for table in _TABLES}
_INSERT_NAMED = {table: _insert_sql(table, named=True) for table in _TABLES}
#: Largest IN (...) list per query (SQLite's old default limit is 999 parameters).
_IN_CHUNK = 500

_SQL: dict[str, str] = {
    "lookup_alias": (
        "SELECT a.entity_id FROM alias a JOIN item i ON i.id = a.entity_id "
        "WHERE a.norm = :norm AND i.kind IN (:k1, :k2) ORDER BY a.entity_id LIMIT 1"
    ),
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
    "fill_item": (
        "UPDATE item SET name = :name, updated_at = :now, version = version + 1 WHERE id = :id"
    ),
    "fill_article": (
        "UPDATE article SET body = :body, title_line = :title_line, source_file = :source_file, "
        "published = coalesce(:published, published), content_hash = :content_hash, "
        "imported_at = :imported_at, placeholder = FALSE, "
        "published_from = CASE WHEN :published IS NULL THEN published_from "
        "ELSE :published_from END, "
        "outlet = :outlet, dateline = :dateline, byline = :byline WHERE item_id = :item_id"
    ),
    "names_of_kind": ("SELECT name, id FROM item WHERE kind = :kind"),
}


def _end_tokens(name: str) -> list[str]:
    """The first and last words, in that order: a set's order changes with the process's hash
    seed, and it decided between equally close candidates (the first one found wins)."""
    words = name.lower().split()
    return list(dict.fromkeys((words[0], words[-1]))) if words else []


def _file_name(buckets: dict[str, dict[str, int]], name: str, entity_id: int) -> None:
    for token in _end_tokens(name):
        buckets.setdefault(token, {})[name] = entity_id


def _select_in(conn: RawCursor, sql: str, values: list[str]) -> list[Any]:
    """Rows of ``sql`` (with one ``{}`` for the list) for every value, in chunks."""
    rows: list[Any] = []
    for i in range(0, len(values), _IN_CHUNK):
        chunk = values[i : i + _IN_CHUNK]
        params = {f"v{n}": v for n, v in enumerate(chunk)}
        rows += conn.execute(sql.format(", ".join(f":{k}" for k in params)), params).fetchall()
    return rows


class BatchStore:
    """Writes batches of prepared articles; keeps lookup caches for the whole import."""

    def __init__(self) -> None:
        self.forget()

    def forget(self) -> None:
        """After a rolled-back batch the caches may name rows that no longer exist."""
        self._entity_ids: dict[tuple[tuple[str, ...], str], int] = {}
        self._alias_norms: dict[int, set[str]] = {}
        self._has_details: set[int] = set()
        self._names: dict[str, dict[str, dict[str, int]]] = {}  # kind -> word -> name -> id

    # --- the batch ----------------------------------------------------------------------
    def store(self, conn: RawCursor, batch: Iterable[PreparedArticle]) -> BatchResult:
        batch = list(batch)
        result = BatchResult()
        self._named = dialect.is_postgres(conn)
        self._rows: dict[str, list[tuple[Any, ...]]] = {k: [] for k in _TABLES}
        self._fts_entities: dict[int, tuple[str, list[str]]] = {}
        self._fts_articles: list[dict[str, Any]] = []
        self._next_item = dialect.max_id(conn, "item") + 1
        #: ids from here on were reserved by this batch: no stored link can name them yet
        self._first_new = self._next_item
        self._next_link = dialect.max_id(conn, "link") + 1
        self._now = _ts(datetime.now(UTC))
        self._links: dict[tuple[int, int, str, str], int] = {}
        self._blocked = never_suggest.blocked(conn)  # the analyst's "never suggest" names
        self._prefetch(conn, batch)
        for prepared in batch:
            self._store_one(conn, prepared, result)
        result.named = set(self._fts_entities)  # new names, as indexed for search
        self._flush(conn)
        dialect.sync_ids(conn, "item")  # PostgreSQL: move the sequences past the ids used
        dialect.sync_ids(conn, "link")
        return result

    def _prefetch(self, conn: RawCursor, batch: list[PreparedArticle]) -> None:
        """The batch's stored duplicates and cited articles, in a few queries instead of two
        or three per article; the write lock keeps them current for the whole batch, and
        articles stored by the batch itself are added as they are stored."""
        #: ref -> (article id, is placeholder); content hash -> article id
        self._refs: dict[str, tuple[int, bool]] = {}
        self._hashes: dict[str, int] = {}
        digests = list(dict.fromkeys(p.digest for p in batch))
        refs = dict.fromkeys(p.ref for p in batch if p.ref)
        refs.update(dict.fromkeys(ref for p in batch for ref, _ in p.citations))
        for digest, item_id in _select_in(
            conn, "SELECT content_hash, item_id FROM article WHERE content_hash IN ({})", digests
        ):
            self._hashes[digest] = int(item_id)
        for ref, item_id, placeholder in _select_in(
            conn, "SELECT ref, item_id, placeholder FROM article WHERE ref IN ({})", list(refs)
        ):
            self._refs[ref] = (int(item_id), bool(placeholder))

    def _item_id(self) -> int:
        self._next_item += 1
        return self._next_item - 1

    def _store_one(self, conn: RawCursor, prepared: PreparedArticle, result: BatchResult) -> None:
        title, ref = prepared.title, prepared.ref
        existing = self._hashes.get(prepared.digest)
        placeholder_id = None
        if existing is None and ref:
            found = self._refs.get(ref)
            if found is not None and found[1]:
                placeholder_id = found[0]
            elif found is not None:
                existing = found[0]
        if existing is not None:
            result.duplicates.append((prepared.source_file, existing))
            return
        if placeholder_id is not None:
            self._flush(conn)  # the placeholder's row must be current before it is filled
            old_title = conn.execute(_SQL["item_name"], {"id": placeholder_id}).fetchone()[0]
            dialect.unindex_article(conn, placeholder_id, old_title, "")
            conn.execute(_SQL["fill_item"], {"id": placeholder_id, "name": title, "now": self._now})
            conn.execute(
                _SQL["fill_article"],
                {
                    "item_id": placeholder_id,
                    "body": self._stored_body(prepared.body),
                    "title_line": prepared.title_line,
                    "source_file": prepared.source_file,
                    "published": prepared.published,
                    "content_hash": prepared.digest,
                    "imported_at": self._now,
                    "published_from": prepared.published_from,
                    "outlet": prepared.source,
                    "dateline": prepared.dateline,
                    "byline": prepared.byline,
                },
            )
            article_id = placeholder_id
        else:
            article_id = self._item_id()
            self._rows["item"].append((article_id, "article", title, self._now, self._now))
            self._rows["article"].append(
                (
                    article_id,
                    ref,
                    self._stored_body(prepared.body),
                    prepared.title_line,
                    prepared.source_file,
                    prepared.published,
                    prepared.digest,
                    self._now,
                    False,
                    prepared.published_from,
                    prepared.source,
                    prepared.dateline,
                    prepared.byline,
                )
            )
        self._hashes[prepared.digest] = article_id
        if ref:
            self._refs[ref] = (article_id, False)
        self._fts_articles.append({"id": article_id, "title": title, "body": prepared.body})
        self._suggestions(conn, article_id, prepared, result)
        result.stored.append(StoredArticle(article_id, title, ref))

    # --- entities -----------------------------------------------------------------------
    def _lookup(self, conn: RawCursor, family: tuple[str, ...], norm: str) -> int | None:
        if not norm:
            return None
        key = (family, norm)
        found = self._entity_ids.get(key)
        if found is None:
            kinds = (family * 2)[:2]
            row = conn.execute(
                _SQL["lookup_alias"], {"norm": norm, "k1": kinds[0], "k2": kinds[1]}
            ).fetchone()
            if row is None:
                return None
            found = self._entity_ids[key] = int(row[0])
        return found

    def _resolve(
        self, conn: RawCursor, found: PreparedEntity, article_id: int, spans: list[Span]
    ) -> int:
        family = kind_family(found[0])
        entity_id = None
        for _, norm in found[4]:  # the name first, then its aliases
            entity_id = self._lookup(conn, family, norm)
            if entity_id is not None:
                break
        if entity_id is None:
            return self._create(conn, found, article_id, spans)
        self._enrich(conn, entity_id, found)
        return entity_id

    def _create(
        self, conn: RawCursor, found: PreparedEntity, article_id: int, spans: list[Span]
    ) -> int:
        kind, name, role, affiliation, names, _ = found
        entity_id = self._item_id()
        rows = self._rows
        rows["item"].append((entity_id, kind, name, self._now, self._now))
        rows["entity"].append((entity_id, role, affiliation))
        self._has_details.add(entity_id)
        family = kind_family(kind)
        norms: dict[str, str] = {}
        for alias, norm in names:
            if norm and norm not in norms:
                norms[norm] = alias
                rows["alias"].append((entity_id, alias, norm))
                self._entity_ids[(family, norm)] = entity_id
        self._alias_norms[entity_id] = set(norms)
        self._fts_entities[entity_id] = (name, list(norms.values()))
        if kind in _FUZZY_KINDS:
            buckets = self._known_names(conn, kind)
            twin = self._fuzzy_twin(buckets, name)
            if twin is not None:
                self._add_link(
                    conn, entity_id, twin, RELATED_TO, article_id, spans[:1], POSSIBLE_DUPLICATE
                )
            _file_name(buckets, name, entity_id)
        return entity_id

    def _known_names(self, conn: RawCursor, kind: str) -> dict[str, dict[str, int]]:
        """The stored names of *kind* by first and last word, read once per import: at the
        first name of the kind created, so that every name created after it (one-word names
        too, which are candidates though never matched themselves) is filed as it is made,
        while its row is still waiting to be written."""
        buckets = self._names.get(kind)
        if buckets is None:
            buckets = self._names[kind] = {}
            for row in conn.execute(_SQL["names_of_kind"], {"kind": kind}):
                _file_name(buckets, row[0], int(row[1]))
        return buckets

    @staticmethod
    def _fuzzy_twin(buckets: dict[str, dict[str, int]], name: str) -> int | None:
        """A close spelling of a known name: suggested as a possible duplicate, never merged.

        Only names sharing the first or the last word are compared (a typo rarely hits both),
        which keeps this flat as the library grows instead of scanning every name.
        """
        if len(name.split()) < 2:
            return None
        from rapidfuzz import fuzz, process

        candidates: dict[str, int] = {}
        for token in _end_tokens(name):
            candidates.update(buckets.get(token, {}))
        best = process.extractOne(
            name, candidates.keys(), scorer=fuzz.token_sort_ratio, score_cutoff=_FUZZY_CUTOFF
        )
        return candidates[best[0]] if best else None

    def _enrich(self, conn: RawCursor, entity_id: int, found: PreparedEntity) -> None:
        # Entities missing from the caches below were read from the library, not created in
        # this batch, so their rows exist and need no flush first.
        kind, _, role, affiliation, names, _ = found
        if (role or affiliation) and entity_id not in self._has_details:
            conn.execute(
                _SQL["set_role"], {"id": entity_id, "role": role, "affiliation": affiliation}
            )
            self._has_details.add(entity_id)
        if len(names) == 1:  # no aliases
            return
        known = self._alias_norms.get(entity_id)
        if known is None:
            known = self._alias_norms[entity_id] = {
                r[0] for r in conn.execute(_SQL["alias_norms"], {"id": entity_id})
            }
        family = kind_family(kind)
        added = False
        for alias, norm in names[1:]:
            if norm and norm not in known:
                known.add(norm)
                self._rows["alias"].append((entity_id, alias, norm))
                self._entity_ids[(family, norm)] = entity_id
                added = True
        if added and entity_id not in self._fts_entities:
            name = conn.execute(_SQL["item_name"], {"id": entity_id}).fetchone()[0]
            self._fts_entities[entity_id] = (
                name,
                [r[0] for r in conn.execute(_SQL["all_aliases"], {"id": entity_id})],
            )
        elif added:
            self._fts_entities[entity_id][1].extend(alias for alias, _ in names[1:])

    # --- links --------------------------------------------------------------------------
    def _add_link(
        self,
        conn: RawCursor,
        source: int,
        target: int,
        kind: str,
        article_id: int,
        spans: list[Span],
        label: str = "",
    ) -> None:
        key = (source, target, kind, label)
        link_id = self._links.get(key)
        if (
            link_id is None
            and kind != MENTIONS
            and source < self._first_new
            and target < self._first_new
        ):  # a link to or from an item made by this batch can only be in self._links
            row = conn.execute(
                _SQL["find_link"], {"s": source, "t": target, "k": kind, "l": label}
            ).fetchone()
            link_id = int(row[0]) if row else None
        if link_id is None:
            link_id = self._next_link
            self._next_link += 1
            self._rows["link"].append((link_id, source, target, kind, label))
        self._links[key] = link_id
        self._rows["evidence"].extend([(link_id, article_id, *r) for r in packed_rows(spans)])

    def _suggestions(
        self, conn: RawCursor, article_id: int, prepared: PreparedArticle, result: BatchResult
    ) -> None:
        ids: dict[str, int] = {}
        touched = result.entities
        blocked = self._blocked
        for found in prepared.entities:
            if blocked.names(norm for _, norm in found[4]):
                continue
            spans = found[5]
            entity_id = self._resolve(conn, found, article_id, spans)
            if entity_id in blocked.entity_ids:
                continue
            ids[found[1]] = entity_id
            touched.add(entity_id)
            self._add_link(conn, article_id, entity_id, MENTIONS, article_id, spans)
        for kind, source_name, target_name, evidence in prepared.links:
            source, target = ids.get(source_name), ids.get(target_name)
            if source is None or target is None or source == target:
                continue
            self._add_link(conn, source, target, kind or AFFILIATED_WITH, article_id, [evidence])
        for ref, spans in prepared.citations:
            target = self._cited_article(ref)
            if target != article_id:
                self._add_link(conn, article_id, target, CITES, article_id, spans)

    def _cited_article(self, ref: str) -> int:
        known = self._refs.get(ref)  # prefetched for the batch, or stored by it
        if known is not None:
            return known[0]
        item_id = self._item_id()
        self._rows["item"].append(
            (item_id, "article", placeholder_title(ref), self._now, self._now)
        )
        published = day(id_date(ref))
        self._rows["article"].append(
            (item_id, ref, "", 0, None, published, None, None, True)
            + ("id" if published else None, None, None, None)
        )
        self._refs[ref] = (item_id, True)
        self._fts_articles.append({"id": item_id, "title": placeholder_title(ref), "body": ""})
        return item_id

    # --- writing ------------------------------------------------------------------------
    def _stored_body(self, body: str) -> str | bytes:
        """A body as this library stores it: compressed in a SQLite file (models.BodyText)."""
        return stored_body(body, sqlite=not self._named)

    def _flush(self, conn: RawCursor) -> None:
        """Write what is pending, parents before children (foreign keys are on)."""
        for table in _TABLES:
            rows = self._rows[table]
            if not rows:
                continue
            if self._named:
                columns = _COLUMNS[table][0]
                conn.executemany(
                    _INSERT_NAMED[table], [dict(zip(columns, r, strict=True)) for r in rows]
                )
            else:
                conn.executemany(_INSERT[table], rows)
            rows.clear()
        if self._fts_articles:
            dialect.index_articles(conn, self._fts_articles)
            self._fts_articles = []
        for entity_id, (name, aliases) in self._fts_entities.items():
            dialect.index_entity(conn, entity_id, name, aliases)
        self._fts_entities = {}
