"""What a worker process hands the storing process for each article: plain tuples.

An article is decoded, parsed and extracted in a worker; everything else that needs only the
article itself (evidence sentences, normalised names, the duplicate key, the body's offset) is
computed there too, so the storing process (``services.batch_store``) only resolves names
against the library and writes rows. Workers import only this module and the extraction
layer, not the database stack (a second less to start each worker). Plain tuples, not the extraction's dataclasses: one
crosses the process boundary per article, and unpickling rich objects in the storing process
cost about as much as storing them.
"""

from __future__ import annotations

import os
import stat
import threading
import time
from datetime import date
from pathlib import Path
from typing import NamedTuple

from desktop.extract import RefusedFile, parse
from desktop.extract.assemble import Assembled
from desktop.extract.decode import decode_article
from desktop.extract.extract import extract_assembled
from desktop.extract.types import Citation, ParsedArticle
from desktop.extract.untrusted import printable_name
from desktop.store.text import content_hash, normalize_name, sentence_ref

MAX_FILE_BYTES = 20 * 1024 * 1024
#: Mentions (each with its sentence) kept as evidence per entity per article, packed into one
#: evidence row (``store.spans``): every mention of a real article, a bounded number for a
#: pathological one (a 19 MB article stored a million rows). Extraction keeps every mention.
EVIDENCE_PER_ENTITY = 20


def day(value: date | None) -> str | None:
    return value.isoformat() if value else None


#: (start, end, sentence start, sentence end, sentence copy) of one piece of evidence: the
#: sentence's span is in the body, and the copy is None when the body reads back to it
#: (``desktop.store.text.sentence_ref``).
Span = tuple[int, int, int | None, int | None, str | None]
#: (kind, name, role, affiliation, names, spans) of one extracted entity, where names is
#: ((name, norm), (alias, norm), ...) with the normalised keys computed in the worker.
PreparedEntity = tuple[str, str, str | None, str | None, tuple[tuple[str, str], ...], list[Span]]
#: (kind, source name, target name, the evidence) of one link between entities.
PreparedLink = tuple[str, str, str, Span]


class PreparedArticle(NamedTuple):
    """An article decoded, parsed and extracted (in a worker process), ready to store."""

    source_file: str
    title: str
    body: str
    ref: str | None
    published: str | None  # ISO day
    digest: str
    title_line: int  # offset of the body in the full text
    entities: list[PreparedEntity]
    links: list[PreparedLink]
    citations: list[tuple[str, list[Span]]]  # (cited ref, its spans), in first-cited order
    published_from: str | None = None  # see desktop.extract.meta.DATE_SOURCES
    source: str | None = None  # the outlet
    dateline: str | None = None  # the dateline's place
    byline: str | None = None
    notice: str | None = None  # why suggestions are limited (not English)


def prepare_article(source_file: str, parsed: ParsedArticle, found: Assembled) -> PreparedArticle:
    """The compact, ready-to-store form of one article (run in the worker process).

    Every mention and citation gets its supporting sentence: where it is in the body (found
    by the sentence finder the extraction used, which has already scanned the lines that
    links needed), or a copy when the body cannot give it back (a sentence in the title line).
    """
    text = parsed.text
    body = parsed.body
    body_at = len(parsed.title) + 1 if body else len(text)
    sentences = found.sentences
    words = sentences.view.words
    # Where the view's offsets are the stored text's (no invisible character dropped), a
    # sentence in the body always reads back from it (the view differs from the body only
    # in whitespace, which the reader collapses), so only the title's sentences need
    # ``sentence_ref``'s comparison and copy.
    readable = body_at if sentences.view.identical_offsets else len(text) + 1
    text_end = len(text)

    def where(s: int, e: int) -> tuple[int | None, int | None, str | None]:
        if readable <= s and e <= text_end:
            return (s - body_at, e - body_at, None)
        return sentence_ref(body, body_at, s, e, words(s, e))

    # every evidence offset (in the order its sentence is first asked for), then their
    # sentences found in one call, in text order
    wanted = [s for f in found.entities for s in f[9][:EVIDENCE_PER_ENTITY]]
    cited: dict[str, list[Citation]] = {}
    for c in found.citations:
        first = cited.setdefault(c.ref, [])
        if len(first) < EVIDENCE_PER_ENTITY:
            first.append(c)
            wanted.append(c.start)
    order = sorted(set(wanted))
    answer = dict(zip(order, sentences.spans(order), strict=True))
    at: dict[int, tuple[int | None, int | None, str | None]] = {}  # offset -> its sentence
    refs: dict[int, tuple[int | None, int | None, str | None]] = {}  # sentence start -> ref
    for offset in wanted:
        if offset not in at:
            s, e = answer[offset]
            found_ = refs.get(s)
            if found_ is None:
                found_ = refs[s] = where(s, e)
            at[offset] = found_

    entities: list[PreparedEntity] = []
    for kind, name, aliases, role, affiliation, _, _, _, _, starts, ends in found.entities:
        every = (name, *aliases)
        names = tuple(zip(every, map(normalize_name, every), strict=True))
        spans: list[Span] = [(s, ends[s], *at[s]) for s in starts[:EVIDENCE_PER_ENTITY]]
        entities.append((kind, name, role, affiliation, names, spans))
    links: list[PreparedLink] = [
        (kind, source, target, (s, e, *where(s, e))) for kind, source, target, s, e in found.links
    ]
    by_ref = [(r, [(c.start, c.end, *at[c.start]) for c in first]) for r, first in cited.items()]
    return PreparedArticle(
        source_file,
        parsed.title,
        parsed.body,
        parsed.ref,
        day(parsed.published),
        content_hash(parsed.raw or text),
        body_at,
        entities,
        links,
        by_ref,
        parsed.published_from,
        parsed.source,
        parsed.dateline,
        parsed.byline,
        found.notice,
    )


def file_kind(path: Path) -> str:
    """What a path that is not a regular file is, in words."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return "a broken link"
    return _kind_of(mode)


def _kind_of(mode: int) -> str:
    for test, words in (
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISFIFO, "a named pipe"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    ):
        if test(mode):
            return words
    return "a special file"


def _too_big(size: float) -> RefusedFile:
    limit = MAX_FILE_BYTES // 1024 // 1024
    return RefusedFile(f"file is {size / 1024 / 1024:.1f} MB; the limit is {limit} MB")


def read_limited(path: Path) -> bytes:
    """The bytes of a regular file, never more than the limit: opened without blocking (a
    FIFO would wait forever for a writer), checked to be a regular file on the open handle,
    and read in chunks that stop at the limit (a file that grows, or a device behind a
    link, cannot make the read unbounded)."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise RefusedFile(f"cannot read the file: {exc.strerror}") from exc
    with os.fdopen(fd, "rb", buffering=0) as handle:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise RefusedFile(f"not a regular file ({_kind_of(info.st_mode)})")
        if info.st_size > MAX_FILE_BYTES:
            raise _too_big(info.st_size)
        chunks, total = [], 0
        try:
            while chunk := handle.read(min(1 << 20, MAX_FILE_BYTES + 1 - total) or 1):
                chunks.append(chunk)
                total += len(chunk)
                if total > MAX_FILE_BYTES:
                    raise _too_big(total)
        except OSError as exc:
            raise RefusedFile(f"cannot read the file: {exc.strerror}") from exc
    return b"".join(chunks)


def read_article_file(path: Path) -> ParsedArticle:
    """Decode and parse one file; raises RefusedFile with the reason for the user."""
    data = read_limited(path)
    text, page = decode_article(data, path.name)
    parsed = parse(text, path.name, page)
    if not parsed.title.strip():
        raise RefusedFile("no text to import")
    return parsed


def prepare_file(path: Path) -> PreparedArticle | tuple[str, str]:
    """Decode, parse and extract one file (runs in a worker process); a refusal is
    (file, reason)."""
    try:
        parsed = read_article_file(path)
        found = extract_assembled(parsed.text, own_ref=parsed.ref)
    except RefusedFile as exc:
        return (printable_name(str(path)), str(exc))
    except Exception as exc:  # noqa: BLE001 - one odd file never stops a batch
        return (printable_name(str(path)), f"could not be read: {exc}")
    return prepare_article(printable_name(path.name), parsed, found)


def exit_with_parent(parent_pid: int) -> None:
    """Worker initializer: end this worker when the importing process is gone (killed, or
    ended by a signal), instead of waiting forever on a queue nobody will write to."""

    def watch() -> None:
        while os.getppid() == parent_pid:
            time.sleep(0.25)
        os._exit(1)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()
