"""Import: files become articles with their suggestions, one transaction per article.

bytes → decode → parse → deduplicate (content hash) → extract → resolve against known entities
→ store article, entities, links, evidence → index. Cancelling between files keeps every
article already stored whole; a bad file is refused with its reason and never stops a batch.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from desktop.extract import RefusedFile, decode, extract, parse
from desktop.extract.types import Extraction, ParsedArticle
from desktop.services.changes import Changes
from desktop.services.resolver import EntityResolver
from desktop.store import dialect
from desktop.store.db import Library
from desktop.store.models import CITES, Article, Item, utcnow

ARTICLE_SUFFIXES = {".txt", ".md", ".markdown", ".text", ".html", ".htm"}
BUNDLE_SUFFIXES = {".json"}
MAX_FILE_BYTES = 20 * 1024 * 1024


@dataclass(slots=True)
class ImportedArticle:
    id: int
    title: str
    ref: str | None


@dataclass(slots=True)
class ImportReport:
    imported: int = 0
    duplicates: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)  # (file, reason)
    articles: list[ImportedArticle] = field(default_factory=list)
    duplicate_files: list[tuple[str, int]] = field(default_factory=list)  # (file, existing id)
    cancelled: bool = False
    changes: Changes = field(default_factory=Changes)

    def as_json(self) -> dict:
        return {
            "imported": self.imported,
            "duplicates": self.duplicates,
            "failed": [{"file": f, "error": e} for f, e in self.failed],
            "articles": [{"id": a.id, "title": a.title, "ref": a.ref} for a in self.articles],
            "cancelled": self.cancelled,
        }


ProgressFn = Callable[[int, int, str], None]


def collect_files(
    paths: Iterable[str | os.PathLike[str]],
) -> tuple[list[Path], list[tuple[str, str]]]:
    """Expand folders recursively; returns (files to import, refused paths with reasons)."""
    files: list[Path] = []
    refused: list[tuple[str, str]] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for root, dirs, names in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(names):
                    if name.startswith("."):
                        continue
                    child = Path(root) / name
                    if child.suffix.lower() in ARTICLE_SUFFIXES | BUNDLE_SUFFIXES:
                        files.append(child)
                    else:
                        refused.append(
                            (str(child), f"not an article file ({child.suffix or 'no extension'})")
                        )
        elif path.is_file():
            files.append(path)
        elif path.exists():
            refused.append((str(path), "not a regular file"))
        else:
            refused.append((str(path), "no such file or folder"))
    return files, refused


def content_hash(text: str) -> str:
    """Same words in the same order = same article, whatever the spacing or line endings."""
    normalised = "\n".join(" ".join(line.split()) for line in text.splitlines() if line.strip())
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()


def read_article_file(path: Path) -> ParsedArticle:
    """Decode and parse one file; raises RefusedFile with the reason for the user."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise RefusedFile(f"cannot read the file: {exc.strerror}") from exc
    if size > MAX_FILE_BYTES:
        raise RefusedFile(
            f"file is {size / 1024 / 1024:.1f} MB; the limit is {MAX_FILE_BYTES // 1024 // 1024} MB"
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise RefusedFile(f"cannot read the file: {exc.strerror}") from exc
    text = decode(data, path.name)
    parsed = parse(text, path.name)
    if not parsed.title.strip():
        raise RefusedFile("no text to import")
    return parsed


def import_paths(
    *,
    library: Library,
    paths: Sequence[str | os.PathLike[str]],
    progress: ProgressFn | None = None,
    should_cancel: Callable[[], bool] | None = None,
) -> ImportReport:
    files, refused = collect_files(paths)
    report = ImportReport(failed=list(refused))
    resolver = EntityResolver()
    total = len(files)
    for index, path in enumerate(files):
        if should_cancel is not None and should_cancel():
            report.cancelled = True
            break
        if progress is not None:
            progress(index, total, str(path))
        if path.suffix.lower() in BUNDLE_SUFFIXES:
            _import_bundle_file(library, path, report)
            continue
        try:
            parsed = read_article_file(path)
        except RefusedFile as exc:
            report.failed.append((str(path), str(exc)))
            continue
        try:
            store_article(
                library=library,
                parsed=parsed,
                source_file=path.name,
                resolver=resolver,
                report=report,
            )
        except Exception as exc:  # noqa: BLE001 - one bad file never stops a batch
            from desktop.store.db import LibraryBusy

            if isinstance(exc, LibraryBusy):
                raise
            resolver.forget()  # the rolled-back transaction may have created cached entities
            report.failed.append((str(path), f"could not be stored: {exc}"))
    if progress is not None:
        progress(total if not report.cancelled else index, total, "")
    if report.imported:
        with library.engine.connect() as conn:
            dialect.checkpoint(conn)
    return report


def _import_bundle_file(library: Library, path: Path, report: ImportReport) -> None:
    try:
        from desktop.services import bundle
    except ImportError:
        report.failed.append((str(path), "case bundles (.json) cannot be imported yet"))
        return
    try:
        case_id, changes = bundle.import_bundle(library=library, path=path)
    except (ValueError, RefusedFile) as exc:
        report.failed.append((str(path), str(exc)))
        return
    report.changes = report.changes | changes


def store_article(
    *,
    library: Library,
    parsed: ParsedArticle,
    source_file: str | None,
    resolver: EntityResolver | None = None,
    report: ImportReport | None = None,
    extraction: Extraction | None = None,
) -> int | None:
    """Store one parsed article with all its suggestions; None when it is a duplicate."""
    report = report if report is not None else ImportReport()
    resolver = resolver or EntityResolver()
    digest = content_hash(parsed.text)
    extraction = extraction or extract(parsed.text, own_ref=parsed.ref)
    with library.write() as session:
        existing = session.exec(_select_article().where(Article.content_hash == digest)).first()
        if existing is None and parsed.ref:
            by_ref = session.exec(_select_article().where(Article.ref == parsed.ref)).first()
            if by_ref is not None and not by_ref.placeholder:
                existing = by_ref
        if existing is not None:
            report.duplicates += 1
            report.duplicate_files.append((source_file or "", existing.item_id))
            return None
        article_id = _create_or_fill_article(session, parsed, source_file, digest)
        conn = session.connection()
        title_end = len(parsed.title)
        body_start = parsed.text.find(parsed.body, title_end) if parsed.body else len(parsed.text)
        session.get(Article, article_id).title_line = max(body_start, 0)  # type: ignore[union-attr]
        changed_entities = resolver.store_suggestions(
            session=session, article_id=article_id, text=parsed.text, extraction=extraction
        )
        _store_citations(session, article_id, parsed.text, extraction, resolver)
        session.flush()
        dialect.index_article(conn, article_id, parsed.title, parsed.body)
    report.imported += 1
    report.articles.append(ImportedArticle(article_id, parsed.title, parsed.ref))
    report.changes = report.changes | Changes(articles={article_id}, entities=changed_entities)
    report.changes.everything = True
    return article_id


def _select_article():  # type: ignore[no-untyped-def]
    from sqlmodel import select

    return select(Article)


def _create_or_fill_article(
    session, parsed: ParsedArticle, source_file: str | None, digest: str
) -> int:  # type: ignore[no-untyped-def]
    """A new article, or the placeholder that stood for it since another article cited it."""
    from sqlmodel import select

    now = utcnow()
    if parsed.ref:
        placeholder = session.exec(
            select(Article).where(Article.ref == parsed.ref, Article.placeholder == True)  # noqa: E712
        ).first()
        if placeholder is not None:
            item = session.get(Item, placeholder.item_id)
            item.name = parsed.title
            item.updated_at = now
            item.version += 1
            placeholder.body = parsed.body
            placeholder.source_file = source_file
            placeholder.published = parsed.published or placeholder.published
            placeholder.content_hash = digest
            placeholder.imported_at = now
            placeholder.placeholder = False
            session.add_all([item, placeholder])
            return int(placeholder.item_id)
    item = Item(kind="article", name=parsed.title)
    session.add(item)
    session.flush()
    assert item.id is not None
    session.add(
        Article(
            item_id=item.id,
            ref=parsed.ref,
            body=parsed.body,
            source_file=source_file,
            published=parsed.published,
            content_hash=digest,
            imported_at=now,
        )
    )
    return item.id


def ref_date(ref: str) -> date | None:
    """The YYMMDD of a 10-digit article ID, when it is a real date."""
    try:
        return date(2000 + int(ref[0:2]), int(ref[2:4]), int(ref[4:6]))
    except ValueError:
        return None


def placeholder_title(ref: str) -> str:
    return f"Article {ref} (cited, not yet imported)"


def _store_citations(
    session, article_id: int, text: str, extraction: Extraction, resolver: EntityResolver
) -> None:  # type: ignore[no-untyped-def]
    from sqlmodel import select

    from desktop.extract import sentence_span

    for ref, citations in _group_citations(extraction):
        target = session.exec(select(Article).where(Article.ref == ref)).first()
        if target is None:
            item = Item(kind="article", name=placeholder_title(ref))
            session.add(item)
            session.flush()
            assert item.id is not None
            session.add(
                Article(item_id=item.id, ref=ref, placeholder=True, published=ref_date(ref))
            )
            target_id = item.id
        else:
            target_id = target.item_id
        if target_id == article_id:
            continue
        spans = []
        for c in citations:
            s, e = sentence_span(text, c.start)
            spans.append((c.start, c.end, text[s:e].strip()))
        resolver.add_link(
            session,
            source_id=article_id,
            target_id=target_id,
            kind=CITES,
            article_id=article_id,
            spans=spans,
        )


def _group_citations(extraction: Extraction) -> Iterator[tuple[str, list]]:
    groups: dict[str, list] = {}
    for c in extraction.citations:
        groups.setdefault(c.ref, []).append(c)
    yield from groups.items()


def reextract(*, library: Library, article_ids: Sequence[int]) -> Changes:
    """Runs extraction again over stored articles (after a gazetteer update, say).

    Suggestions still pending are replaced by the new ones; confirmed ones keep their status;
    a rejected suggestion is never suggested again for that article.
    """
    from sqlalchemy import delete, exists
    from sqlalchemy import select as sa_select

    from desktop.services.library import article_text
    from desktop.store.models import SUGGESTED, Evidence, Link

    resolver = EntityResolver()
    changes = Changes(everything=True)
    for article_id in article_ids:
        with library.write() as session:
            item, art = session.get(Item, article_id), session.get(Article, article_id)
            if item is None or art is None or art.placeholder:
                continue
            text = article_text(item, art)
            pending = sa_select(Link.id).where(
                Link.source_id == article_id, Link.status == SUGGESTED, Link.origin == "extract"
            )
            session.execute(delete(Evidence).where(Evidence.link_id.in_(pending)))
            session.execute(
                delete(Link).where(
                    Link.id.in_(pending),
                    ~exists().where(Evidence.link_id == Link.id),
                )
            )
            touched = resolver.store_suggestions(
                session=session,
                article_id=article_id,
                text=text,
                extraction=extract(text, own_ref=art.ref),
            )
            changes = changes | Changes(articles={article_id}, entities=touched)
    return changes
