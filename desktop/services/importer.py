"""Import: files become articles with their suggestions, one transaction per article.

bytes → decode → parse → deduplicate (content hash) → extract → resolve against known entities
→ store article, entities, links, evidence → index. Cancelling between files keeps every
article already stored whole; a bad file is refused with its reason and never stops a batch.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from desktop.extract import RefusedFile, extract
from desktop.services.batch_store import BatchStore
from desktop.services.changes import Changes
from desktop.services.prepare import PreparedArticle, prepare_file
from desktop.services.resolver import EntityResolver
from desktop.store import dialect
from desktop.store.db import Library, LibraryBusy
from desktop.store.models import Article, Item

ARTICLE_SUFFIXES = {".txt", ".md", ".markdown", ".text", ".html", ".htm"}
BUNDLE_SUFFIXES = {".json"}


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
    watch_hits: int = 0  # new watch-list hits among the imported entities (issue 21)

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


BATCH_ARTICLES = 1000  # articles per write transaction
BATCH_SECONDS = 1.0  # ...or fewer, so cancel stays lively (fewer commits: 10k articles, -2 s CPU)
POOL_THRESHOLD = 64  # below this many files, worker processes cost more than they save


def _prepared(
    files: list[Path], workers: int
) -> Iterator[PreparedArticle | tuple[str, str] | Path]:
    """Prepared articles in file order; bundles are passed through as paths."""
    articles = [f for f in files if f.suffix.lower() not in BUNDLE_SUFFIXES]
    if workers > 0 and len(articles) >= POOL_THRESHOLD:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"))
        try:
            results = pool.map(prepare_file, articles, chunksize=8)
            for path in files:
                yield path if path.suffix.lower() in BUNDLE_SUFFIXES else next(results)
        finally:
            pool.shutdown(wait=False, cancel_futures=True)
    else:
        for path in files:
            yield path if path.suffix.lower() in BUNDLE_SUFFIXES else prepare_file(path)


def default_workers() -> int:
    """Extraction processes beside the one that stores: one core is left to storing."""
    return max(0, min(3, (os.cpu_count() or 1) - 1))


def import_paths(
    *,
    library: Library,
    paths: Sequence[str | os.PathLike[str]],
    progress: ProgressFn | None = None,
    should_cancel: Callable[[], bool] | None = None,
    workers: int | None = None,
) -> ImportReport:
    """Imports files and folders; articles are stored in batches, each article whole."""
    files, refused = collect_files(paths)
    report = ImportReport(failed=list(refused))
    store = BatchStore()
    total = len(files)
    batch: list[PreparedArticle] = []
    started = time.monotonic()
    done = 0
    pool_size = default_workers() if workers is None else workers
    for done, item in enumerate(_prepared(files, pool_size)):
        if should_cancel is not None and should_cancel():
            report.cancelled = True
            break
        if progress is not None:
            progress(done, total, str(files[done]))
        if isinstance(item, Path):
            _flush(library, store, batch, report)
            _import_bundle_file(library, item, report)
        elif isinstance(item, PreparedArticle):
            batch.append(item)
        else:  # (file, reason)
            report.failed.append(item)
        if len(batch) >= BATCH_ARTICLES or (batch and time.monotonic() - started > BATCH_SECONDS):
            _flush(library, store, batch, report)
            started = time.monotonic()
    else:
        done = total
    _flush(library, store, batch, report)
    if progress is not None:
        progress(done, total, "")
    if report.imported:
        with library.engine.connect() as conn:
            dialect.checkpoint(conn)
    _screen(library, report)
    return report


def _screen(library: Library, report: ImportReport) -> None:
    """The entities the import created or touched, against the watch lists (issue 21)."""
    if not report.changes.entities:
        return
    from desktop.services.screening import screen_after_import

    result = screen_after_import(library=library, entity_ids=report.changes.entities)
    report.watch_hits = result.new_hits
    report.changes = report.changes | result.changes


def _flush(
    library: Library, store: BatchStore, batch: list[PreparedArticle], report: ImportReport
) -> None:
    """Stores the batch in one transaction; if that fails, article by article, so one bad
    article is refused alone."""
    if not batch:
        return
    try:
        _store_batch(library, store, batch, report)
    except LibraryBusy:
        raise
    except Exception:  # noqa: BLE001 - retried one by one below, with reasons
        store.forget()
        for prepared in batch:
            try:
                _store_batch(library, store, [prepared], report)
            except LibraryBusy:
                raise
            except Exception as exc:  # noqa: BLE001
                store.forget()
                report.failed.append((prepared.source_file, f"could not be stored: {exc}"))
    batch.clear()


def _store_batch(
    library: Library, store: BatchStore, batch: list[PreparedArticle], report: ImportReport
) -> None:
    with library.write() as session:
        result = store.store(dialect.raw_cursor(session.connection()), batch)
    report.imported += len(result.stored)
    report.duplicates += len(result.duplicates)
    report.duplicate_files.extend(result.duplicates)
    report.articles.extend(ImportedArticle(a.id, a.title, a.ref) for a in result.stored)
    ids = {a.id for a in result.stored}
    report.changes = report.changes | Changes(
        articles=ids, entities=result.entities, everything=bool(ids)
    )


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
