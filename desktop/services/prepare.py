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

from datetime import date
from pathlib import Path
from typing import NamedTuple

from desktop.extract import RefusedFile, decode, parse
from desktop.extract.assemble import Assembled
from desktop.extract.extract import extract_assembled
from desktop.extract.types import ParsedArticle
from desktop.store.text import content_hash, normalize_name

MAX_FILE_BYTES = 20 * 1024 * 1024


def day(value: date | None) -> str | None:
    return value.isoformat() if value else None


#: (start, end, sentence) of one piece of evidence.
Span = tuple[int, int, str]
#: (kind, name, role, affiliation, names, spans) of one extracted entity, where names is
#: ((name, norm), (alias, norm), ...) with the normalised keys computed in the worker.
PreparedEntity = tuple[str, str, str | None, str | None, tuple[tuple[str, str], ...], list[Span]]
#: (kind, source name, target name, start, end, sentence) of one link between entities.
PreparedLink = tuple[str, str, str, int, int, str]


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
    notice: str | None = None  # why suggestions are limited (not English)


def prepare_article(source_file: str, parsed: ParsedArticle, found: Assembled) -> PreparedArticle:
    """The compact, ready-to-store form of one article (run in the worker process).

    Every mention and citation gets its supporting sentence; one string per sentence,
    shared by the mentions in it (found by the sentence finder the extraction used, which
    has already scanned the lines that links needed).
    """
    text = parsed.text
    span = found.sentences.span
    by_start: dict[int, str] = {}  # sentence start -> sentence (the first one found wins)
    at: dict[int, str] = {}  # offset -> its sentence

    def sentence(offset: int) -> str:
        s, e = span(offset)
        text_ = by_start.get(s)
        if text_ is None:
            text_ = by_start[s] = text[s:e].strip()
        at[offset] = text_
        return text_

    entities: list[PreparedEntity] = []
    for kind, name, aliases, role, affiliation, _, _, _, _, starts, ends in found.entities:
        names = ((name, normalize_name(name)), *((a, normalize_name(a)) for a in aliases))
        spans = [(s, ends[s], at.get(s) or sentence(s)) for s in starts]
        entities.append((kind, name, role, affiliation, names, spans))
    links = [
        (kind, source, target, s, e, text[s:e].strip())
        for kind, source, target, s, e in found.links
    ]
    by_ref: dict[str, list[Span]] = {}
    for c in found.citations:
        by_ref.setdefault(c.ref, []).append((c.start, c.end, at.get(c.start) or sentence(c.start)))
    body_start = text.find(parsed.body, len(parsed.title)) if parsed.body else len(text)
    return PreparedArticle(
        source_file,
        parsed.title,
        parsed.body,
        parsed.ref,
        day(parsed.published),
        content_hash(text),
        max(body_start, 0),
        entities,
        links,
        list(by_ref.items()),
        found.notice,
    )


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


def prepare_file(path: Path) -> PreparedArticle | tuple[str, str]:
    """Decode, parse and extract one file (runs in a worker process); a refusal is
    (file, reason)."""
    try:
        parsed = read_article_file(path)
        found = extract_assembled(parsed.text, own_ref=parsed.ref)
    except RefusedFile as exc:
        return (str(path), str(exc))
    except Exception as exc:  # noqa: BLE001 - one odd file never stops a batch
        return (str(path), f"could not be read: {exc}")
    return prepare_article(path.name, parsed, found)
