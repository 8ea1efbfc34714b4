"""Plain values the extraction layer hands to the services: no database, no Qt.

Offsets are character offsets into the article's full decoded text (title line included),
with line endings normalised to ``\\n``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from desktop.vocab import ENTITY_KINDS as ENTITY_KINDS  # desktop.extract exports it


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int
    text: str


@dataclass(slots=True)
class ExtractedEntity:
    kind: str  # one of ENTITY_KINDS
    name: str  # canonical name ("Bureau of Industry and Security")
    aliases: list[str] = field(default_factory=list)  # known short forms ("BIS")
    role: str | None = None  # "senior adviser for China"
    affiliation: str | None = None  # canonical name of an organization
    mentions: list[Mention] = field(default_factory=list)
    members: list[str] = field(default_factory=list)  # groups: canonical names of members
    # Added by the extractor (defaults keep older callers working):
    country: str | None = None  # canonical country an organization/place/regulation belongs to
    part_of: str | None = None  # canonical name of the parent organization, from the gazetteer
    origin: str = "gazetteer"  # gazetteer | pattern | context: how it was recognised


@dataclass(frozen=True, slots=True)
class Citation:
    ref: str  # 10-digit article ID, YYMMDD + sequence
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class ExtractedLink:
    kind: str  # affiliated_with | part_of | member_of
    source: str  # canonical name of an entity in the same Extraction
    target: str
    sentence: str  # the evidence
    start: int  # span of the sentence in the text
    end: int


@dataclass(slots=True)
class Extraction:
    entities: list[ExtractedEntity] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    links: list[ExtractedLink] = field(default_factory=list)
    notice: str | None = None  # why suggestions are limited (an article not in English)


@dataclass(slots=True)
class ParsedArticle:
    text: str  # the text as stored: title line, "\n", body; offsets point into this
    title: str
    body: str
    ref: str | None  # the article's own 10-digit ID when the file name or a header gives it
    published: date | None
    published_from: str | None = None  # see desktop.extract.meta.DATE_SOURCES
    source: str | None = None  # the outlet ("Trade Wire", "Harbor Ledger")
    dateline: str | None = None  # the dateline's place ("Seoul")
    byline: str | None = None
    raw: str = ""  # the decoded file (its content hash is the duplicate key)


class RefusedFile(ValueError):
    """A file that cannot become an article; the message is the reason shown to the user."""
