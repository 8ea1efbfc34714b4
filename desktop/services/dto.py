"""Read models the services hand out: plain frozen values, safe across threads, never ORM rows."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass(frozen=True, slots=True)
class ItemRef:
    id: int
    kind: str  # article | person | organization | country | place | group | regulation
    name: str


@dataclass(frozen=True, slots=True)
class EvidenceView:
    article_id: int
    article_title: str
    published: date | None
    sentence: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class LinkView:
    id: int
    kind: str
    label: str
    status: str
    origin: str
    note: str | None
    source: ItemRef
    target: ItemRef
    evidence: tuple[EvidenceView, ...] = ()


@dataclass(frozen=True, slots=True)
class MentionSpan:
    """A highlighted span in an article's text and the suggestion it belongs to."""

    start: int
    end: int
    link_id: int
    entity: ItemRef
    status: str


@dataclass(frozen=True, slots=True)
class CaseRef:
    id: int
    title: str
    status: str


@dataclass(frozen=True, slots=True)
class ArticleView:
    item: ItemRef
    ref: str | None
    published: date | None
    source_file: str | None
    imported_at: datetime | None
    placeholder: bool
    reviewed: bool
    text: str  # title line + body, the text mention offsets point into
    mentions: tuple[MentionSpan, ...] = ()
    cites: tuple[ItemRef, ...] = ()
    cited_by: tuple[ItemRef, ...] = ()
    cases: tuple[CaseRef, ...] = ()
    published_from: str | None = None  # a desktop.extract.meta.DATE_SOURCES code
    outlet: str | None = None
    dateline: str | None = None  # the dateline's place
    byline: str | None = None
    #: (start, end) of each paragraph of the body as a reader shows it: hard-wrapped lines
    #: joined (see desktop.extract.textview.paragraphs)
    paragraphs: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True, slots=True)
class EntityView:
    item: ItemRef
    aliases: tuple[str, ...]
    role: str | None
    affiliation: str | None
    description: str | None
    links: tuple[LinkView, ...] = ()  # entity-entity links, both directions
    mentioned_in: tuple[EvidenceView, ...] = ()  # newest articles first, up to a limit
    cases: tuple[CaseRef, ...] = ()
    mention_total: int = 0  # all articles mentioning it, beyond the listed ones
    version: int = 0  # Item.version when read: an edit based on it must not overwrite a newer one


@dataclass(frozen=True, slots=True)
class CaseItemView:
    item: ItemRef
    position: int
    pinned: bool
    note: str
    note_edited_at: datetime | None
    detail: str = ""  # role/affiliation for people, date and ref for articles


@dataclass(frozen=True, slots=True)
class CaseView:
    id: int
    title: str
    status: str
    summary: str
    summary_edited_at: datetime | None
    created_at: datetime
    updated_at: datetime
    items: tuple[CaseItemView, ...] = field(default_factory=tuple)
    version: int = (
        0  # CaseFile.version when read: an edit based on it must not overwrite a newer one
    )
