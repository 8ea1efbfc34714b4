"""Every table of a Casefile library, in one module (SQLModel).

The data model is one graph: everything an analyst can select is an ``Item`` (an article or an
entity); every connection between two items is a ``Link`` with a kind, a status and its
``Evidence``. Case files hold items, not copies of them. The search index tables are created by
explicit DDL in the migrations (see ``dialect``), not here.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import Column, Index, Integer, LargeBinary, Table, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from desktop.store.packed import BodyText
from desktop.store.spans import Piece, unpack
from desktop.vocab import (  # the vocabulary the tables store (desktop/vocab.py)
    AFFILIATED_WITH,
    ARTICLE,
    CASE_STATUSES,
    CITES,
    CONFIRMED,
    CUSTOM,
    ENTITY_KINDS,
    ITEM_KINDS,
    LINK_KINDS,
    LINK_STATUSES,
    MEMBER_OF,
    MENTIONS,
    MET_WITH,
    PART_OF,
    REJECTED,
    RELATED_TO,
    SUGGESTED,
)

__all__ = [
    "AFFILIATED_WITH", "ARTICLE", "CASE_STATUSES", "CITES", "CONFIRMED", "CUSTOM",
    "ENTITY_KINDS", "ITEM_KINDS", "LINK_KINDS", "LINK_STATUSES", "MEMBER_OF", "MENTIONS",
    "MET_WITH", "PART_OF", "REJECTED", "RELATED_TO", "SUGGESTED",
]  # fmt: skip


def table_of(model: type[SQLModel]) -> Table:
    """The Core table of a table model, for statements on a connection."""
    # SQLModel sets __table__ when the class is made; its stubs do not declare it
    return model.__table__  # type: ignore[attr-defined]  # see above


def stored_id(value: int | None) -> int:
    """A stored row's key: SQLModel types ``id`` optional for rows not yet inserted."""
    if value is None:
        raise ValueError("the row has no id: it was not flushed")
    return value


def utcnow() -> datetime:
    return datetime.now(UTC)


class Item(SQLModel, table=True):
    """Anything selectable: articles and entities share one id space, so links are uniform."""

    __tablename__ = "item"
    __table_args__ = (Index("ix_item_kind_name", "kind", "name"),)

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=20)
    name: str = Field(sa_column=Column(Text, nullable=False))  # an article's title
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)
    version: int = Field(default=1)  # bumped on every edit: detects concurrent writers


class Article(SQLModel, table=True):
    __tablename__ = "article"
    __table_args__ = (
        Index("ix_article_ref", "ref", unique=True),
        Index("ix_article_content_hash", "content_hash", unique=True),
        Index("ix_article_published", "published"),
        Index("ix_article_inbox", "reviewed", "placeholder"),
    )

    item_id: int = Field(foreign_key="item.id", primary_key=True, ondelete="CASCADE")
    ref: str | None = Field(default=None, max_length=10)  # the 10-digit article ID
    # compressed in a SQLite file (desktop.store.packed); text to every reader
    body: str = Field(default="", sa_column=Column(BodyText, nullable=False, default=""))
    title_line: int = Field(default=0)  # chars before the body in the original text
    source_file: str | None = None
    published: date | None = None
    # where the date came from: dateline, dateline-id, dateline-text, page, id, user
    # (desktop.extract.meta.DATE_SOURCES)
    published_from: str | None = Field(default=None, max_length=20)
    outlet: str | None = Field(default=None, max_length=200)  # "Trade Wire", "Harbor Ledger"
    dateline: str | None = Field(default=None, max_length=200)  # the dateline's place
    byline: str | None = Field(default=None, max_length=200)
    content_hash: str | None = Field(default=None, max_length=64)  # None for placeholders
    imported_at: datetime | None = None
    reviewed: bool = Field(default=False)
    placeholder: bool = Field(default=False)  # cited by another article, not yet imported


class Entity(SQLModel, table=True):
    __tablename__ = "entity"

    item_id: int = Field(foreign_key="item.id", primary_key=True, ondelete="CASCADE")
    role: str | None = None
    affiliation: str | None = None
    description: str | None = None


class Alias(SQLModel, table=True):
    __tablename__ = "alias"
    __table_args__ = (
        UniqueConstraint("entity_id", "norm", name="uq_alias_entity_norm"),
        Index("ix_alias_norm", "norm"),
    )

    id: int | None = Field(default=None, primary_key=True)
    entity_id: int = Field(foreign_key="item.id", ondelete="CASCADE")
    name: str
    norm: str  # see desktop.store.text.normalize_name


class Link(SQLModel, table=True):
    __tablename__ = "link"
    __table_args__ = (
        UniqueConstraint("source_id", "target_id", "kind", "label", name="uq_link"),
        Index("ix_link_source_status", "source_id", "status"),
        Index("ix_link_target_kind_status", "target_id", "kind", "status"),
    )

    id: int | None = Field(default=None, primary_key=True)
    source_id: int = Field(foreign_key="item.id", ondelete="CASCADE")
    target_id: int = Field(foreign_key="item.id", ondelete="CASCADE")
    kind: str = Field(max_length=20)
    label: str = Field(default="")  # the analyst's own words for a custom link
    status: str = Field(default=SUGGESTED, max_length=10)
    origin: str = Field(default="extract", max_length=10)  # extract | analyst
    note: str | None = None
    # when an analyst made or last set the link; None for a link the import suggested (the
    # article's imported_at says when): 27 of a suggested link's 70 bytes (migration 0009)
    created_at: datetime | None = Field(default_factory=utcnow)


class Evidence(SQLModel, table=True):
    """Why a link exists: the article, the span (a mention or a sentence) and where its
    sentence is in the article's body (``sent_start``/``sent_end``), read from the body when
    shown (each of :meth:`pieces` through ``store.text.sentence_text``). ``sentence`` holds a
    copy only when the body cannot give it back: the analyst's own words, a bundle's quote, a
    sentence in the title line. A name's further mentions in the same article are packed into
    its row (``span_count``, ``more_spans``: ``desktop.store.spans``)."""

    __tablename__ = "evidence"
    __table_args__ = (
        Index("ix_evidence_link", "link_id"),
        Index("ix_evidence_article", "article_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    link_id: int = Field(foreign_key="link.id", ondelete="CASCADE")
    article_id: int = Field(foreign_key="item.id", ondelete="CASCADE")
    start: int
    end: int
    sent_start: int | None = None  # in the article's body (not the full text)
    sent_end: int | None = None
    sentence: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    #: how many spans the row stands for, and the ones after its own (``desktop.store.spans``)
    span_count: int = Field(
        default=1, sa_column=Column(Integer, nullable=False, default=1, server_default="1")
    )
    more_spans: bytes | None = Field(default=None, sa_column=Column(LargeBinary, nullable=True))

    def pieces(self) -> list[Piece]:
        """Every span the row stands for, in stored order: (start, end, sent_start, sent_end)."""
        return unpack((self.start, self.end, self.sent_start, self.sent_end), self.more_spans)


class CaseFile(SQLModel, table=True):
    __tablename__ = "case_file"

    id: int | None = Field(default=None, primary_key=True)
    title: str = Field(sa_column=Column(Text, nullable=False, unique=True))
    status: str = Field(default="open", max_length=10)
    summary: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    summary_edited_at: datetime | None = None
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)
    version: int = Field(default=1)


class CaseItem(SQLModel, table=True):
    __tablename__ = "case_item"
    __table_args__ = (
        UniqueConstraint("case_id", "item_id", name="uq_case_item"),
        Index("ix_case_item_item", "item_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="case_file.id", ondelete="CASCADE")
    item_id: int = Field(foreign_key="item.id", ondelete="CASCADE")
    position: int = Field(default=0)
    pinned: bool = Field(default=False)
    note: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    note_edited_at: datetime | None = None
    added_at: datetime = Field(default_factory=utcnow)


# --- watch lists (issue 21) ---------------------------------------------------------------
HIT_NEW, HIT_CONFIRMED, HIT_DISMISSED = "new", "confirmed", "dismissed"
HIT_STATUSES = (HIT_NEW, HIT_CONFIRMED, HIT_DISMISSED)


class WatchList(SQLModel, table=True):
    """A named, dated list of parties to watch (the Entity List, the SDN list, your own)."""

    __tablename__ = "watch_list"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(sa_column=Column(Text, nullable=False, unique=True))
    source: str = Field(default="plain", max_length=20)  # csl-json | csl-csv | sdn | plain | own
    file_name: str | None = None
    list_date: date | None = None  # the list's own date (as published), else the file's
    imported_at: datetime = Field(default_factory=utcnow)
    threshold: int = Field(default=85)  # a hit scores at least this (0-100)
    active: bool = Field(default=True)


class WatchListIndex(SQLModel, table=True):
    """A list's blocked name index (JSON from ``name_index.ScreeningIndex.to_data``), written
    with the list, so screening a few new names does not first index the whole list."""

    __tablename__ = "watch_list_index"

    list_id: int = Field(foreign_key="watch_list.id", primary_key=True, ondelete="CASCADE")
    data: str = Field(sa_column=Column(Text, nullable=False))


class WatchEntry(SQLModel, table=True):
    __tablename__ = "watch_entry"
    __table_args__ = (UniqueConstraint("list_id", "key", name="uq_watch_entry_key"),)

    id: int | None = Field(default=None, primary_key=True)
    list_id: int = Field(foreign_key="watch_list.id", ondelete="CASCADE")
    key: str = Field(sa_column=Column(Text, nullable=False))  # the list's id, else the name
    name: str = Field(sa_column=Column(Text, nullable=False))
    aliases: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))  # \n
    kind: str = Field(default="any", max_length=20)  # person | organization | any
    entry_type: str = Field(default="")  # as the list says: Individual, Entity, Vessel...
    countries: str = Field(default="")  # ISO codes, comma-separated
    programs: str = Field(default="")
    source_list: str = Field(default="")  # "Entity List (EL) - Bureau of Industry and Security"
    remarks: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    item_id: int | None = Field(default=None, foreign_key="item.id", ondelete="SET NULL")


class WatchHit(SQLModel, table=True):
    """An entry matched to an item, with its score, its reason in words and the analyst's
    verdict; a dismissed pair stays, so it is never raised again."""

    __tablename__ = "watch_hit"
    __table_args__ = (
        UniqueConstraint("entry_id", "item_id", name="uq_watch_hit"),
        Index("ix_watch_hit_item", "item_id"),
        Index("ix_watch_hit_status", "status"),
    )

    id: int | None = Field(default=None, primary_key=True)
    entry_id: int = Field(foreign_key="watch_entry.id", ondelete="CASCADE")
    item_id: int = Field(foreign_key="item.id", ondelete="CASCADE")
    article_id: int | None = Field(default=None, foreign_key="item.id", ondelete="SET NULL")
    entry_name: str = Field(sa_column=Column(Text, nullable=False))  # the name/alias matched
    matched: str = Field(sa_column=Column(Text, nullable=False))  # the item's name matched
    score: int = 0
    reason: str = Field(sa_column=Column(Text, nullable=False))
    status: str = Field(default=HIT_NEW, max_length=10)
    created_at: datetime = Field(default_factory=utcnow)
    decided_at: datetime | None = None


# --- the analyst's "never suggest this" list (issue 20) ----------------------------------
class NeverSuggest(SQLModel, table=True):
    """A name the analyst never wants suggested again. Kept in the library, so every import
    into it (the window's or the CLI's) honours it; ``norm`` is ``normalize_name(name)``."""

    __tablename__ = "never_suggest"

    norm: str = Field(sa_column=Column(Text, primary_key=True))
    name: str = Field(sa_column=Column(Text, nullable=False))
    added_at: datetime = Field(default_factory=utcnow)


# --- maintained counters (issue 22) ------------------------------------------------------
class ItemCount(SQLModel, table=True):
    """How many articles mention an item (links of kind "mentions" not rejected), kept by
    triggers on ``link`` (``desktop.store.item_counts``): read it, never write it. An item
    nobody mentions has no row."""

    __tablename__ = "item_count"

    item_id: int = Field(primary_key=True)
    mentioned_in: int = Field(default=0)
