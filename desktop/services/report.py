"""The case summary as a plain document model: what a briefing note says, not how it looks.

One model feeds every rendering (print/PDF, HTML, Markdown, JSON), so they can never disagree
about what the case contains. Text in the model is raw and untrusted (article bodies, names,
notes): the renderers in ``desktop.services.export`` escape it where it meets markup.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import NamedTuple

from sqlalchemy import or_
from sqlmodel import Session, col, select

from desktop.services.cases import get_case
from desktop.services.timeline import case_timeline
from desktop.store.db import Library
from desktop.store.models import (
    ARTICLE,
    CITES,
    MEMBER_OF,
    MENTIONS,
    PART_OF,
    REJECTED,
    Alias,
    Article,
    Entity,
    Evidence,
    Item,
    Link,
    utcnow,
)
from desktop.store.spans import Piece
from desktop.store.text import normalize_name, sentence_text

#: Sections a reader can choose, in reading order, with their printed headings.
SECTIONS: dict[str, str] = {
    "summary": "Summary",
    "people": "Key people",
    "organizations": "Organizations",
    "countries": "Countries and places",
    "groups": "Working groups",
    "regulations": "Regulations and lists",
    "screening": "Screening",
    "articles": "Articles",
    "timeline": "Timeline",
    "diagram": "Connections",
    "evidence": "Evidence",
    "missing": "Missing references",
}
ENTITY_SECTIONS: dict[str, tuple[str, ...]] = {
    "people": ("person",),
    "organizations": ("organization",),
    "countries": ("country", "place"),
    "groups": ("group",),
    "regulations": ("regulation",),
}
RELATION_WORDS = {
    "affiliated_with": "is affiliated with",
    "member_of": "is a member of",
    "part_of": "is part of",
    "met_with": "met with",
    "related_to": "is related to",
    "cites": "cites",
    "mentions": "mentions",
}
EXCERPT_CHARS = 360
SENTENCES_PER_LINK = 3  # supporting sentences quoted per stated link
ARTICLES_PER_MENTION = 3  # articles quoted per mentioned entity


@dataclass(frozen=True, slots=True)
class EntityEntry:
    id: int
    kind: str
    name: str
    role: str | None = None
    affiliation: str | None = None
    description: str | None = None
    aliases: tuple[str, ...] = ()
    note: str = ""
    pinned: bool = False
    members: tuple[str, ...] = ()  # working groups: names of their members


@dataclass(frozen=True, slots=True)
class ArticleEntry:
    id: int
    title: str
    published: date | None
    ref: str | None
    source: str | None  # the outlet, else the file it was imported from
    excerpt: str
    note: str = ""
    pinned: bool = False
    source_number: int | None = None  # its number in the sources list, when cited as evidence
    dateline: str | None = None  # the dateline's place


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    date: date
    title: str
    ref: str | None
    in_library: bool
    source: str = ""  # where the date came from, in words (services.timeline)
    sentence: str = ""  # a dated statement or note: its words
    kind: str = "article"  # article | statement | note | cited


@dataclass(frozen=True, slots=True)
class Citation:
    """One supporting sentence and the numbered source it comes from."""

    sentence: str
    source: int


@dataclass(frozen=True, slots=True)
class EvidenceEntry:
    link_id: int
    kind: str
    relation: str  # "is affiliated with", or the analyst's own label
    subject: str
    object: str
    confirmed: bool
    citations: tuple[Citation, ...] = ()
    more: int = 0  # supporting sentences (or articles) left out


@dataclass(frozen=True, slots=True)
class SourceEntry:
    number: int
    article_id: int
    title: str
    published: date | None
    ref: str | None
    in_case: bool


@dataclass(frozen=True, slots=True)
class MissingReference:
    ref: str
    published: date | None
    cited_by: tuple[int, ...] = ()  # source numbers of the citing articles
    note: str = ""


@dataclass(frozen=True, slots=True)
class ScreeningEntry:
    """A confirmed watch-list hit of the case: which list (and its date) names which item."""

    list_name: str
    list_date: date | None
    entry: str
    matched: str
    item_kind: str
    score: int
    reason: str


@dataclass(frozen=True, slots=True)
class CaseReport:
    case_id: int
    title: str
    status: str
    summary: str
    printed_at: datetime
    created_at: datetime
    updated_at: datetime
    entities: dict[str, tuple[EntityEntry, ...]] = field(default_factory=dict)  # by section
    articles: tuple[ArticleEntry, ...] = ()
    timeline: tuple[TimelineEntry, ...] = ()
    relations: tuple[EvidenceEntry, ...] = ()  # stated links between the case's items
    mentions: tuple[EvidenceEntry, ...] = ()  # where the case's entities appear
    sources: tuple[SourceEntry, ...] = ()
    missing: tuple[MissingReference, ...] = ()
    screening: tuple[ScreeningEntry, ...] = ()  # confirmed watch-list hits (issue 21)

    def section_is_empty(self, key: str) -> bool:
        if key == "summary":
            return not self.summary.strip()
        if key in ENTITY_SECTIONS:
            return not self.entities.get(key)
        if key == "evidence":
            return not (self.relations or self.mentions)
        return not {
            "articles": self.articles,
            "timeline": self.timeline,
            "missing": self.missing,
            "screening": self.screening,
        }.get(key, True)


def excerpt(body: str, limit: int = EXCERPT_CHARS) -> str:
    """The opening of an article, cut at a sentence (or word) boundary, never mid-word."""
    text = " ".join(body.split())
    if len(text) <= limit:
        return text
    cut = text[:limit]
    end = max(cut.rfind(". "), cut.rfind("? "), cut.rfind("! "))
    if end >= limit // 2:
        return cut[: end + 1]
    return cut[: cut.rfind(" ")].rstrip(",;:") + " …" if " " in cut else cut + " …"


def _telling_aliases(name: str, aliases: Iterable[str]) -> tuple[str, ...]:
    """Aliases worth printing: not the name again, nor a part of it ("Economy", "Commerce")."""
    words = set(normalize_name(name).split())
    seen = {normalize_name(name)}
    out = []
    for alias in sorted(aliases, key=str.casefold):
        norm = normalize_name(alias)
        if norm and norm not in seen and not set(norm.split()) <= words:
            seen.add(norm)
            out.append(alias)
    return tuple(out)


def relation_phrase(kind: str, label: str) -> str:
    return label.strip() or RELATION_WORDS.get(kind, kind.replace("_", " "))


class _Sources:
    """Numbers articles in order of first citation: [1], [2]…"""

    def __init__(self) -> None:
        self.numbers: dict[int, int] = {}

    def number(self, article_id: int) -> int:
        return self.numbers.setdefault(article_id, len(self.numbers) + 1)


def _number_in_reading_order(
    sources: _Sources,
    article_ids: list[int],
    relations: tuple[EvidenceEntry, ...],
    mentions: tuple[EvidenceEntry, ...],
    missing: tuple[MissingReference, ...],
) -> tuple[tuple[EvidenceEntry, ...], tuple[EvidenceEntry, ...], tuple[MissingReference, ...]]:
    """Renumber the sources in the order a reader meets them: the Articles section first,
    then the evidence, then the missing references ([1] [2] [3], never [1] [4] [3] [2])."""
    seen = [sources.numbers[i] for i in article_ids if i in sources.numbers]
    seen += [c.source for e in (*relations, *mentions) for c in e.citations]
    seen += [n for m in missing for n in m.cited_by]
    new: dict[int, int] = {}
    for number in [*seen, *sorted(sources.numbers.values())]:
        new.setdefault(number, len(new) + 1)
    sources.numbers = {article_id: new[n] for article_id, n in sources.numbers.items()}

    def cited(entries: tuple[EvidenceEntry, ...]) -> tuple[EvidenceEntry, ...]:
        return tuple(
            replace(e, citations=tuple(replace(c, source=new[c.source]) for c in e.citations))
            for e in entries
        )

    return (
        cited(relations),
        cited(mentions),
        tuple(replace(m, cited_by=tuple(sorted(new[n] for n in m.cited_by))) for m in missing),
    )


def build_report(
    *, library: Library, case_id: int, printed_at: datetime | None = None
) -> CaseReport:
    """The whole case summary in one read session (a consistent snapshot)."""
    with library.session() as session:
        return _build(session, case_id, printed_at or utcnow())


def _build(session: Session, case_id: int, printed_at: datetime) -> CaseReport:
    view = get_case(session, case_id)
    ids = [ci.item.id for ci in view.items]
    id_set = set(ids)
    entities = {
        e.item_id: e for e in session.exec(select(Entity).where(col(Entity.item_id).in_(ids)))
    }
    articles = {
        a.item_id: a for a in session.exec(select(Article).where(col(Article.item_id).in_(ids)))
    }
    aliases: dict[int, list[str]] = defaultdict(list)
    for alias in session.exec(select(Alias).where(col(Alias.entity_id).in_(entities))):
        aliases[alias.entity_id].append(alias.name)
    members = _group_members(session, [i for i in ids if i in entities])

    by_section: dict[str, list[EntityEntry]] = {key: [] for key in ENTITY_SECTIONS}
    article_rows: list[tuple[Article, str, str, bool]] = []
    for ci in view.items:
        ref = ci.item
        if ref.kind == ARTICLE and ref.id in articles:
            article_rows.append((articles[ref.id], ref.name, ci.note, ci.pinned))
            continue
        ent = entities.get(ref.id)
        section = next((k for k, kinds in ENTITY_SECTIONS.items() if ref.kind in kinds), None)
        if ent is None or section is None:
            continue
        extra = _telling_aliases(ref.name, aliases.get(ref.id, ()))
        by_section[section].append(
            EntityEntry(
                ref.id,
                ref.kind,
                ref.name,
                ent.role,
                ent.affiliation,
                ent.description,
                tuple(extra),
                ci.note,
                ci.pinned,
                tuple(members.get(ref.id, ())),
            )
        )

    sources = _Sources()
    relations = _relations(session, id_set, sources)
    mentions = _mentions(session, id_set, entities, sources)
    missing = _missing(session, id_set, article_rows, sources)

    real = [r for r in article_rows if not r[0].placeholder]
    real.sort(key=lambda r: (r[0].published or date.min, r[1].casefold()), reverse=True)
    relations, mentions, missing = _number_in_reading_order(
        sources, [r[0].item_id for r in real], relations, mentions, missing
    )
    article_entries = tuple(
        ArticleEntry(
            art.item_id,
            title,
            art.published,
            art.ref,
            art.outlet or art.source_file,
            excerpt(art.body),
            note,
            pinned,
            sources.numbers.get(art.item_id),
            art.dateline,
        )
        for art, title, note, pinned in real
    )
    refs = {art.item_id: art.ref for art, _, _, _ in real}
    events = [
        TimelineEntry(
            e.date,
            e.title,
            refs.get(e.id) if e.kind != "note" else None,
            True,
            e.source,
            e.sentence,
            e.kind,
        )  # fmt: skip
        for e in case_timeline(session, case_id).events
    ]
    cited = [
        TimelineEntry(
            m.published, f"Article {m.ref} (cited)", None, False, "from the ID", "", "cited"
        )  # fmt: skip
        for m in missing
        if m.published is not None
    ]
    timeline = tuple(
        sorted((*events, *cited), key=lambda t: t.date)
    )  # stable: same day keeps order
    source_entries = _source_entries(session, sources, id_set)
    return CaseReport(
        case_id=view.id,
        title=view.title,
        status=view.status,
        summary=view.summary,
        printed_at=printed_at,
        created_at=view.created_at,
        updated_at=view.updated_at,
        entities={k: tuple(v) for k, v in by_section.items()},
        articles=article_entries,
        timeline=timeline,
        relations=relations,
        mentions=mentions,
        sources=source_entries,
        missing=missing,
        screening=_screening(session, ids),
    )


def _screening(session: Session, ids: list[int]) -> tuple[ScreeningEntry, ...]:
    from desktop.services.watchlists import confirmed_for_items

    return tuple(
        ScreeningEntry(h.list_name, h.list_date, h.entry, h.matched, h.item_kind, h.score, h.reason)
        for h in confirmed_for_items(session, ids)
    )


def _group_members(session: Session, entity_ids: list[int]) -> dict[int, list[str]]:
    rows = session.exec(
        select(Link.target_id, Item.name)
        .join(Item, col(Item.id) == col(Link.source_id))
        .where(
            col(Link.target_id).in_(entity_ids),
            col(Link.kind).in_((MEMBER_OF, PART_OF)),
            Link.status != REJECTED,
        )
        .order_by(col(Item.name))
    ).all()
    out: dict[int, list[str]] = defaultdict(list)
    for target, name in rows:
        if name not in out[target]:
            out[target].append(name)
    return out


class _Support(NamedTuple):
    """One piece of a link's evidence (one span of a row, desktop.store.spans)."""

    ev: Evidence
    piece: Piece
    art: Article

    def sentence(self) -> str:
        return sentence_text(self.ev.sentence, self.piece[2], self.piece[3], self.art.body)


def _evidence(session: Session, link_ids: list[int]) -> dict[int, list[_Support]]:
    out: dict[int, list[_Support]] = defaultdict(list)
    if not link_ids:
        return out
    rows = session.exec(
        select(Evidence, Article)
        .join(Article, col(Article.item_id) == col(Evidence.article_id))
        .where(col(Evidence.link_id).in_(link_ids))
        .order_by(col(Article.published), col(Evidence.id))
    ).all()
    for ev, art in rows:
        out[ev.link_id].extend(_Support(ev, piece, art) for piece in ev.pieces())
    return out


def _names(session: Session, ids: set[int]) -> dict[int, str]:
    return {
        i: n
        for i, n in session.exec(select(Item.id, Item.name).where(col(Item.id).in_(ids)))
        if i is not None
    }


def _relations(session: Session, ids: set[int], sources: _Sources) -> tuple[EvidenceEntry, ...]:
    """Every stated (non-mention, not rejected) link whose two ends are both in the case."""
    links = session.exec(
        select(Link)
        .where(
            col(Link.source_id).in_(ids),
            col(Link.target_id).in_(ids),
            Link.kind != MENTIONS,
            Link.status != REJECTED,
        )
        .order_by(col(Link.id))
    ).all()
    names = _names(session, ids)
    evidence = _evidence(session, [lk.id for lk in links if lk.id is not None])
    out = []
    # links between people, organizations and groups first; articles citing articles last
    for lk in sorted(
        links, key=lambda k: (k.kind == CITES, names[k.source_id].casefold(), k.kind, k.id)
    ):
        support = evidence.get(lk.id or 0, [])
        cites = tuple(
            Citation(sp.sentence(), sources.number(sp.ev.article_id))
            for sp in support[:SENTENCES_PER_LINK]
        )
        target = names[lk.target_id]
        out.append(
            EvidenceEntry(
                lk.id or 0,
                lk.kind,
                relation_phrase(lk.kind, lk.label),
                names[lk.source_id],
                target,
                lk.status == "confirmed",
                cites,
                max(0, len(support) - SENTENCES_PER_LINK),
            )
        )
    return tuple(out)


def _mentions(
    session: Session, ids: set[int], entities: dict[int, Entity], sources: _Sources
) -> tuple[EvidenceEntry, ...]:
    """Where the case's entities appear in the case's articles: one sentence per article."""
    links = session.exec(
        select(Link).where(
            col(Link.source_id).in_(ids),
            col(Link.target_id).in_(list(entities)),
            Link.kind == MENTIONS,
            Link.status != REJECTED,
        )
    ).all()
    names = _names(session, ids)
    evidence = _evidence(session, [lk.id for lk in links if lk.id is not None])
    per_entity: dict[int, list[tuple[Link, _Support, Article]]] = defaultdict(list)
    for lk in links:
        support = evidence.get(lk.id or 0)
        if support:
            per_entity[lk.target_id].append((lk, support[0], support[0].art))
    out = []
    for entity_id in sorted(per_entity, key=lambda i: names[i].casefold()):
        rows = sorted(per_entity[entity_id], key=lambda r: r[2].published or date.min, reverse=True)
        cites = tuple(
            Citation(sp.sentence(), sources.number(sp.ev.article_id))
            for _, sp, _ in rows[:ARTICLES_PER_MENTION]
        )
        out.append(
            EvidenceEntry(
                rows[0][0].id or 0,
                MENTIONS,
                "is mentioned in",
                names[entity_id],
                "",
                all(r[0].status == "confirmed" for r in rows),
                cites,
                max(0, len(rows) - ARTICLES_PER_MENTION),
            )
        )
    return tuple(out)


def _missing(
    session: Session,
    ids: set[int],
    rows: list[tuple[Article, str, str, bool]],
    sources: _Sources,
) -> tuple[MissingReference, ...]:
    """Placeholders the case holds or its articles cite: articles to go and find."""
    notes = {art.item_id: note for art, _, note, _ in rows}
    case_articles = [art.item_id for art, *_ in rows if not art.placeholder]
    placeholder_q = select(Link.source_id, Article).join(
        Article, col(Article.item_id) == col(Link.target_id)
    )
    cited = session.exec(
        placeholder_q.where(
            Link.kind == CITES,
            Link.status != REJECTED,
            Article.placeholder == True,  # noqa: E712
            or_(col(Link.source_id).in_(case_articles), col(Link.target_id).in_(ids)),
        )
    ).all()
    by_ref: dict[int, tuple[Article, set[int]]] = {}
    for art, *_ in rows:
        if art.placeholder:
            by_ref[art.item_id] = (art, set())
    for source_id, art in cited:
        entry = by_ref.setdefault(art.item_id, (art, set()))
        if source_id in ids:
            entry[1].add(sources.number(source_id))
    return tuple(
        sorted(
            (
                MissingReference(
                    art.ref or "", art.published, tuple(sorted(nums)), notes.get(i, "")
                )
                for i, (art, nums) in by_ref.items()
            ),
            key=lambda m: m.ref,
        )
    )


def _source_entries(
    session: Session, sources: _Sources, case_ids: set[int]
) -> tuple[SourceEntry, ...]:
    if not sources.numbers:
        return ()
    rows = session.exec(
        select(Item, Article)
        .join(Article, col(Article.item_id) == col(Item.id))
        .where(col(Item.id).in_(list(sources.numbers)))
    ).all()
    found = {item.id: (item, art) for item, art in rows}
    out = []
    for article_id, number in sorted(sources.numbers.items(), key=lambda kv: kv[1]):
        item, art = found[article_id]
        out.append(
            SourceEntry(
                number, article_id, item.name, art.published, art.ref, article_id in case_ids
            )
        )
    return tuple(out)
