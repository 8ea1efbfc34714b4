"""Import: files become articles with their suggestions, stored in batched transactions.

bytes → decode → parse → deduplicate (content hash) → extract → resolve against known entities
→ store article, entities, links, evidence → index. Articles are written up to
``BATCH_ARTICLES`` (or ``BATCH_SECONDS``) to a transaction; a batch that fails is retried one
article a transaction, so each article is stored whole or not at all. Cancelling keeps every
batch already committed; a bad file is refused with its reason and never stops a batch.
"""

from __future__ import annotations

import os
import stat
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from desktop.extract import RefusedFile, extract
from desktop.extract.untrusted import printable_name
from desktop.services.batch_store import BatchStore
from desktop.services.changes import Changes
from desktop.services.prepare import PreparedArticle, exit_with_parent, file_kind, prepare_file
from desktop.services.resolver import EntityResolver
from desktop.store import dialect
from desktop.store.db import Library, LibraryBusy, LibraryError
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
    stopped: str = ""  # why the import ended early (the library became busy): for the user
    not_imported: int = 0  # files never stored because of that
    notices: list[tuple[str, str]] = field(default_factory=list)  # (file, notice)
    watch_hits: int = 0  # new watch-list hits among the imported entities (issue 21)
    unscreened: set[int] = field(default_factory=set, repr=False)  # stored, not yet screened
    screened: set[tuple[int, str]] = field(default_factory=set, repr=False)  # (entity, name)

    def as_json(self) -> dict:
        return {
            "imported": self.imported,
            "duplicates": self.duplicates,
            "failed": [{"file": f, "error": e} for f, e in self.failed],
            "articles": [{"id": a.id, "title": a.title, "ref": a.ref} for a in self.articles],
            "cancelled": self.cancelled,
            "stopped": self.stopped or None,
            "not_imported": self.not_imported,
            "notices": [{"file": f, "notice": n} for f, n in self.notices],
        }


ProgressFn = Callable[[int, int, str], None]


LIBRARY_SKIPPED = (
    "the open library itself (or one of its working files): skipped, never read as an article"
)


def _library_identities(protected: Iterable[Path]) -> tuple[set[tuple[int, int]], set[str]]:
    ids, names = set(), set()
    for path in protected:
        names.add(os.path.realpath(path))
        try:
            st = os.stat(path)
        except OSError:
            continue
        ids.add((st.st_dev, st.st_ino))
    return ids, names


def collect_files(
    paths: Iterable[str | os.PathLike[str]],
    *,
    protected: Iterable[Path] = (),
) -> tuple[list[Path], list[tuple[str, str]]]:
    """Expand folders recursively; returns (files to import, refused paths with reasons).

    Only regular files are taken (a FIFO would hang the import, a device never ends); inside
    a folder, a link is followed only when it stays in that folder, and an unreadable
    subfolder is reported, not skipped silently. ``protected`` (the open library and its
    -wal/-shm/-journal) are skipped by name and by (st_dev, st_ino) before anything opens
    them: reading the library file from this process would drop SQLite's locks on it (see
    desktop/ui/file_dialogs.py).
    """
    files: list[Path] = []
    refused: list[tuple[str, str]] = []
    lib_ids, lib_names = _library_identities(protected)

    def refuse(path: Path | str, reason: str) -> None:
        refused.append((printable_name(str(path)), reason))

    lib_basenames = {os.path.basename(name) for name in lib_names}

    def is_library(path: Path) -> bool:
        if not lib_names:
            return False
        try:
            st = os.lstat(path)
            link = stat.S_ISLNK(st.st_mode)
            if link:
                st = os.stat(path)
        except OSError:
            return False
        if (st.st_dev, st.st_ino) in lib_ids:
            return True
        # realpath (a system call per folder level) only where it can match: a link, or a
        # file with the name of one of the library's files
        return (link or path.name in lib_basenames) and os.path.realpath(path) in lib_names

    for raw in paths:
        path = Path(raw)
        if is_library(path):
            refuse(path, LIBRARY_SKIPPED)
        elif path.is_dir():
            top = path.resolve()

            def unreadable(error: OSError, folder: Path = path) -> None:
                refuse(error.filename or folder, f"cannot read the folder: {error.strerror}")

            for root, dirs, names in os.walk(path, onerror=unreadable):
                for d in sorted(dirs):
                    if (Path(root) / d).is_symlink() and not d.startswith("."):
                        refuse(Path(root) / d, "a link to a folder; links are not followed")
                dirs[:] = sorted(
                    d for d in dirs if not d.startswith(".") and not (Path(root) / d).is_symlink()
                )
                for name in sorted(names):
                    if name.startswith("."):
                        continue
                    child = Path(root) / name
                    reason = LIBRARY_SKIPPED if is_library(child) else _not_importable(child, top)
                    if reason:
                        refuse(child, reason)
                    elif child.suffix.lower() in ARTICLE_SUFFIXES | BUNDLE_SUFFIXES:
                        files.append(child)
                    else:
                        refuse(child, f"not an article file ({child.suffix or 'no extension'})")
        elif path.is_file():
            files.append(path)
        elif path.exists():
            refuse(path, f"not a regular file ({file_kind(path)})")
        else:
            refuse(path, "no such file or folder")
    return files, refused


def _not_importable(path: Path, top: Path) -> str | None:
    """Why a file found in a folder is not read, or None."""
    try:
        if path.is_symlink():
            target = path.resolve()
            if not target.is_relative_to(top):
                return f"a link that leads outside the chosen folder (to {target})"
        if not path.is_file():
            return f"not a regular file ({file_kind(path)})"
    except (OSError, RuntimeError) as exc:  # a loop of links, a vanished file
        return f"cannot read the file: {getattr(exc, 'strerror', None) or exc}"
    return None


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

        pool = ProcessPoolExecutor(
            workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=exit_with_parent,
            initargs=(os.getpid(),),
        )
        finished = False
        try:
            results = pool.map(prepare_file, articles, chunksize=8)
            for path in files:
                yield path if path.suffix.lower() in BUNDLE_SUFFIXES else next(results)
            finished = True
        finally:
            pool.shutdown(wait=False, cancel_futures=True)
            if not finished:  # cancelled or failed: nobody wants the rest of their work
                for process in list((getattr(pool, "_processes", None) or {}).values()):
                    process.terminate()
    else:
        for path in files:
            yield path if path.suffix.lower() in BUNDLE_SUFFIXES else prepare_file(path)


def default_workers() -> int:
    """Extraction processes beside the one that stores: one per idle core (at most 3), none
    on a single core. Storing costs about half of what extracting costs and waits on the
    workers most of the time, so on two quiet cores two workers keep both busy where one
    left the second a third idle; on cores that other programs keep busy, a second worker
    only adds its start-up and its share of the contention (measured: more CPU time, no
    faster)."""
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not on Linux
        cores = os.cpu_count() or 1
    if cores < 2:
        return 0
    try:
        idle = cores - os.getloadavg()[0]
    except (AttributeError, OSError):  # no load average (Windows)
        idle = cores
    return max(1, min(3, cores, round(idle)))


def import_paths(
    *,
    library: Library,
    paths: Sequence[str | os.PathLike[str]],
    progress: ProgressFn | None = None,
    should_cancel: Callable[[], bool] | None = None,
    workers: int | None = None,
) -> ImportReport:
    """Imports files and folders; articles are stored in batches, each article whole."""
    files, refused = collect_files(paths, protected=library.protected_files)
    report = ImportReport(failed=list(refused))
    store = BatchStore()
    total = len(files)
    batch: list[PreparedArticle] = []
    started = time.monotonic()
    done = 0
    pool_size = default_workers() if workers is None else workers
    in_flight = 0  # files handed to storing but not stored yet (the batch, or a bundle)
    try:
        for done, item in enumerate(_prepared(files, pool_size)):
            if should_cancel is not None and should_cancel():
                report.cancelled = True
                break
            if progress is not None:
                progress(done, total, str(files[done]))
            if isinstance(item, Path):
                _flush(library, store, batch, report)
                in_flight = 1
                _import_bundle_file(library, item, report)
                in_flight = 0
            elif isinstance(item, PreparedArticle):
                batch.append(item)
            else:  # (file, reason)
                report.failed.append(item)
            if len(batch) >= BATCH_ARTICLES or (
                batch and time.monotonic() - started > BATCH_SECONDS
            ):
                _flush(library, store, batch, report)
                _screen(library, report, final=False)
                started = time.monotonic()
        else:
            done = total
        _flush(library, store, batch, report)
    except LibraryError as exc:
        # Batches committed before this one are stored, whole: say so, and what was not.
        store.forget()
        report.not_imported = len(batch) + in_flight + max(0, total - done - 1)
        why = (
            f"the library {library.name} stayed busy (another Casefile window or command was "
            "writing to it)"
            if isinstance(exc, LibraryBusy)
            else str(exc).split(" Nothing was changed")[0].rstrip(".")
        )
        report.stopped = (
            f"The import stopped: {why}. "
            f"{report.imported} article{'' if report.imported == 1 else 's'} were stored "
            f"before that and are kept; the other {report.not_imported} file"
            f"{'' if report.not_imported == 1 else 's'} were not imported. Import the same files "
            "again to finish: what is already stored is skipped."
        )
        batch.clear()
    if progress is not None:
        progress(done, total, "")
    if report.imported:
        with library.engine.connect() as conn:
            dialect.checkpoint(conn)
    _screen(library, report)
    return report


def _screen(library: Library, report: ImportReport, *, final: bool = True) -> None:
    """The entities the import created or touched, against the watch lists (issue 21): after
    each batch, while the extraction processes prepare the next one (so little of it adds to
    the import's time), and once at the end for the rest."""
    if not report.unscreened:
        return
    from desktop.services.screening import screen_after_import

    try:  # ``screened`` grows only once a batch's hits are stored (not copied per batch)
        result = screen_after_import(
            library=library, entity_ids=report.unscreened, seen=report.screened
        )
    except LibraryError:
        if final:
            raise
        return  # busy between batches: screened with the rest at the end
    report.unscreened.clear()
    report.watch_hits += result.new_hits
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
    except LibraryError:  # busy, read-only: the next article would fare no better
        raise
    except Exception:  # noqa: BLE001 - retried one by one below, with reasons
        store.forget()
        for prepared in batch:
            try:
                _store_batch(library, store, [prepared], report)
            except LibraryError:
                raise
            except Exception as exc:  # noqa: BLE001
                store.forget()
                if "malformed" in str(exc) or "not a database" in str(exc):
                    raise LibraryError(
                        f"The library {library.name} is damaged ({exc}); run `casefile check`."
                    ) from exc
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
    report.notices.extend((p.source_file, p.notice) for p in batch if p.notice)
    ids = {a.id for a in result.stored}
    report.changes = report.changes | Changes(
        articles=ids, entities=result.entities, everything=bool(ids)
    )
    report.unscreened |= result.named


def _import_bundle_file(library: Library, path: Path, report: ImportReport) -> None:
    from desktop.services import bundle

    try:
        changes = bundle.import_bundle(library=library, path=path).changes
    except (ValueError, RefusedFile) as exc:
        report.failed.append((str(path), str(exc)))
        return
    except LibraryBusy:
        raise
    except Exception as exc:  # noqa: BLE001 - the bundle rolled back whole; the next files go on
        reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
        report.failed.append((str(path), f"could not be stored (nothing of it was kept): {reason}"))
        return
    report.changes = report.changes | changes
    report.unscreened |= changes.entities


def reextract(*, library: Library, article_ids: Sequence[int]) -> Changes:
    """Runs extraction again over stored articles (after a gazetteer update, say).

    Suggestions still pending are replaced by the new ones; confirmed ones keep their status;
    a rejected suggestion is never suggested again for that article.
    """
    from sqlalchemy import delete, exists
    from sqlalchemy import select as sa_select
    from sqlmodel import col

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
            pending = sa_select(col(Link.id)).where(
                col(Link.source_id) == article_id,
                col(Link.status) == SUGGESTED,
                col(Link.origin) == "extract",
            )
            session.execute(delete(Evidence).where(col(Evidence.link_id).in_(pending)))
            session.execute(
                delete(Link).where(
                    col(Link.id).in_(pending),
                    ~exists().where(col(Evidence.link_id) == col(Link.id)),
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
