"""Reading the library: finding items by what users type, listing sections, item pages."""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, func, or_
from sqlmodel import Session, col, select

from desktop.services.dto import (
    ArticleView,
    CaseRef,
    EntityView,
    EvidenceView,
    ItemRef,
    LinkView,
    MentionSpan,
)
from desktop.store import dialect
from desktop.store.models import (
    ARTICLE,
    CITES,
    MENTIONS,
    REJECTED,
    Alias,
    Article,
    CaseFile,
    CaseItem,
    Entity,
    Evidence,
    Item,
    ItemCount,
    Link,
)
from desktop.store.text import normalize_name, sentence_text

#: The navigator's library sections and the item kinds each lists.
SECTIONS: dict[str, tuple[str, ...]] = {
    "articles": (ARTICLE,),
    "people": ("person",),
    "organizations": ("organization",),
    "places": ("country", "place"),
    "groups": ("group",),
    "regulations": ("regulation",),
    "inbox": (ARTICLE,),
}


class ItemNotFound(LookupError):
    pass


class AmbiguousItem(LookupError):
    def __init__(self, message: str, candidates: Sequence[ItemRef]) -> None:
        super().__init__(message)
        self.candidates = tuple(candidates)


def item_ref(item: Item) -> ItemRef:
    assert item.id is not None
    return ItemRef(item.id, item.kind, item.name)


def get_ref(session: Session, item_id: int) -> ItemRef:
    item = session.get(Item, item_id)
    if item is None:
        raise ItemNotFound(f"No item with id {item_id}.")
    return item_ref(item)


def resolve_item(session: Session, text: str, *, kinds: Sequence[str] | None = None) -> ItemRef:
    """An item from what a user typed: an id, a 10-digit article ID, a name or an alias."""
    query = text.strip()
    if not query:
        raise ItemNotFound("No item named: the name is empty.")
    if query.isdigit() and len(query) == 10:
        art = session.exec(select(Article).where(Article.ref == query)).first()
        if art is not None:
            return get_ref(session, art.item_id)
        raise ItemNotFound(f"No article with ID {query} in this library.")
    if query.isdigit() and len(query) < 10:
        item = session.get(Item, int(query))
        if item is not None:
            return item_ref(item)
    candidates: list[Item] = list(
        session.exec(_kinds(select(Item).where(Item.name == query), kinds)).all()
    )
    if not candidates:
        norm = normalize_name(query)
        by_name = select(Item).where(func.lower(Item.name) == query.lower())
        candidates = list(session.exec(_kinds(by_name, kinds)).all())
        if not candidates and norm:
            alias_q = (
                select(Item)
                .join(Alias, col(Alias.entity_id) == col(Item.id))
                .where(Alias.norm == norm)
            )
            candidates = list(session.exec(_kinds(alias_q, kinds)).unique().all())
    if not candidates:
        raise ItemNotFound(f"Nothing in this library is called “{query}”.")
    if len(candidates) > 1:
        entities = [c for c in candidates if c.kind != ARTICLE]
        if len(entities) == 1:
            return item_ref(entities[0])
        refs = [item_ref(c) for c in candidates]
        listing = ", ".join(f"{r.name} ({r.kind}, id {r.id})" for r in refs[:5])
        raise AmbiguousItem(f"“{query}” matches several items: {listing}. Use an id.", refs)
    return item_ref(candidates[0])


def _kinds(query, kinds: Sequence[str] | None):
    return query.where(col(Item.kind).in_(kinds)) if kinds else query


# --- lists ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ItemRow:
    """One row of a section list: enough to draw it without another query."""

    id: int
    kind: str
    name: str
    detail: str  # articles: the 10-digit ID; entities: role / affiliation
    published: date | None
    mentions: int  # entities: number of articles mentioning; articles: number of suggestions


SORT_KEYS = ("name", "detail", "published", "mentions")
#: An entity page lists the newest articles mentioning it, up to this many (and the total):
#: a hub mentioned in 95,000 articles took 51 s to show in full.
MENTIONED_IN_LIMIT = 200


def _section_query(
    section: str,
    text_filter: str,
    case_id: int | None,
    date_from: date | None = None,
    date_to: date | None = None,
):
    if section not in SECTIONS:
        raise ValueError(f"Unknown section {section!r}")
    kinds = SECTIONS[section]
    query = select(Item.id).where(col(Item.kind).in_(kinds))
    if kinds == (ARTICLE,):
        query = query.join(Article, col(Article.item_id) == col(Item.id))
        if section == "inbox":
            query = query.where(Article.reviewed == False, Article.placeholder == False)  # noqa: E712
        if date_from is not None:
            query = query.where(col(Article.published) >= date_from)
        if date_to is not None:
            query = query.where(col(Article.published) <= date_to)
    if text_filter.strip():
        pattern = f"%{text_filter.strip()}%"
        alias_hit = select(Alias.entity_id).where(col(Alias.name).ilike(pattern))
        query = query.where(or_(col(Item.name).ilike(pattern), col(Item.id).in_(alias_hit)))
    if case_id is not None:
        query = query.where(
            col(Item.id).in_(select(CaseItem.item_id).where(CaseItem.case_id == case_id))
        )
    return query


def count_items(
    session: Session, *, section: str, text_filter: str = "", case_id: int | None = None
) -> int:
    if SECTIONS.get(section) == (ARTICLE,) and not text_filter.strip() and case_id is None:
        articles, inbox = _article_counts(session)
        return inbox if section == "inbox" else articles
    sub = _section_query(section, text_filter, case_id).subquery()
    return int(session.exec(select(func.count()).select_from(sub)).one())


def _article_counts(session: Session) -> tuple[int, int]:
    """The rows the fast path of ``list_item_ids`` reads for the articles and for the inbox,
    counted off one covering index with no join (every article row is an article item; the
    join took 400 ms at 100,000 articles). Both in one pass over the small (reviewed,
    placeholder) index: 50 ms and 10 MiB of pages at a million articles, where counting the
    articles alone read the date index too (19 MiB, kept in the page cache) (issue 22)."""
    query = select(Article.reviewed, Article.placeholder, func.count()).group_by(
        col(Article.reviewed), col(Article.placeholder)
    )
    with dialect.scanning(session.connection()):
        groups = session.exec(query).all()
    articles = sum(int(n) for _, _, n in groups)
    inbox = sum(int(n) for reviewed, placeholder, n in groups if not reviewed and not placeholder)
    return articles, inbox


#: rows the ORM reads at a time when a list's ids are read through it
ID_CHUNK = 2048


def list_item_ids(
    session: Session,
    *,
    section: str,
    sort: str = "name",
    descending: bool = False,
    text_filter: str = "",
    case_id: int | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
) -> array[int]:
    """All ids of a section in display order: cheap (ids only); rows are fetched lazily.
    ``date_from``/``date_to`` (both included) keep the articles published in that range:
    an article with no date is outside any range. Entity sections have no dates.

    The ids come back in an ``array('q')``, read from the driver a row at a time: 8 bytes an
    id. A list of the driver's rows cost about 95 bytes an id on the way (tuples, ints), which
    raised the window's peak memory by 90 MiB at a million articles (issue 22)."""
    with dialect.scanning(session.connection()):
        return _ids_in_order(session, section, sort, descending, text_filter, case_id,
                             date_from, date_to)  # fmt: skip


def _ids_in_order(
    session: Session,
    section: str,
    sort: str,
    descending: bool,
    text_filter: str,
    case_id: int | None,
    date_from: date | None,
    date_to: date | None,
) -> array[int]:
    if (
        SECTIONS[section] == (ARTICLE,)
        and sort == "published"
        and not text_filter.strip()
        and case_id is None
    ):
        # The common case at 100,000 articles (the window's first list): straight off the
        # date index with no join, and read through the driver: the ORM's per-row cost was
        # three quarters of the time.
        conditions = ["reviewed = FALSE AND placeholder = FALSE"] if section == "inbox" else []
        # dates are written in by the code, never typed text: ISO digits and dashes only
        conditions += [f"published >= '{date_from.isoformat()}'"] if date_from else []
        conditions += [f"published <= '{date_to.isoformat()}'"] if date_to else []
        where = f" WHERE {' AND '.join(conditions)}" if conditions else ""
        way = "DESC" if descending else "ASC"
        cursor = dialect.raw_cursor(session.connection())
        cursor.execute(
            f"SELECT item_id FROM article{where} ORDER BY published {way}, item_id {way}"
        )
        return array("q", (row[0] for row in cursor))
    query = _section_query(section, text_filter, case_id, date_from, date_to)
    if sort == "published" and SECTIONS[section] == (ARTICLE,):
        key = col(Article.published)
        query = query.order_by(key.desc() if descending else key.asc(), col(Item.id))
    elif sort == "mentions" and SECTIONS[section] != (ARTICLE,):
        # the maintained counter (desktop.store.item_counts): no link row is read
        query = query.outerjoin(ItemCount, col(ItemCount.item_id) == col(Item.id))
        total = func.coalesce(col(ItemCount.mentioned_in), 0)
        query = query.order_by(total.desc() if descending else total.asc(), col(Item.name))
    elif sort == "mentions":  # articles: how many suggestions each carries
        n = (
            select(func.count())
            .where(Link.source_id == Item.id, Link.kind == MENTIONS, Link.status != REJECTED)
            .scalar_subquery()
        )
        query = query.order_by(n.desc() if descending else n.asc(), col(Item.id))
    elif sort == "detail" and SECTIONS[section] == (ARTICLE,):
        ref = func.coalesce(Article.ref, "")
        query = query.order_by(ref.desc() if descending else ref.asc(), col(Item.id))
    elif sort == "detail":  # role, then affiliation: who is who
        query = query.outerjoin(Entity, col(Entity.item_id) == col(Item.id))
        role = func.coalesce(Entity.role, Entity.affiliation, "")
        query = query.order_by(role.desc() if descending else role.asc(), col(Item.name))
    else:
        # Binary order on Item.name follows the (kind, name) index; titles and names start
        # with capitals, so it reads as alphabetical without sorting 100,000 rows each time.
        name = col(Item.name)
        query = query.order_by(name.desc() if descending else name.asc(), col(Item.id))
    # yield_per: the ORM buffers every row of a result before it hands out the first
    return array("q", session.exec(query.execution_options(yield_per=ID_CHUNK)))


def item_rows(session: Session, ids: Sequence[int]) -> list[ItemRow]:
    """Rows for the given ids, in the given order."""
    if not ids:
        return []
    items = {i.id: i for i in session.exec(select(Item).where(col(Item.id).in_(ids))).all()}
    # the columns a row shows, not the whole article: its body is most of a page of the file
    shown = (
        col(Article.item_id),
        col(Article.ref),
        col(Article.placeholder),
        col(Article.published),
    )
    articles: dict[int, tuple[str | None, bool, date | None]] = {
        int(item_id): (ref, bool(placeholder), published)
        for item_id, ref, placeholder, published in session.exec(
            select(*shown).where(col(Article.item_id).in_(ids))
        )
    }
    entities = {
        e.item_id: e for e in session.exec(select(Entity).where(col(Entity.item_id).in_(ids)))
    }
    counts = dict(  # maintained by triggers on link (desktop.store.item_counts)
        session.exec(
            select(ItemCount.item_id, ItemCount.mentioned_in).where(col(ItemCount.item_id).in_(ids))
        ).all()
    )
    out_counts = dict(
        session.exec(
            select(Link.source_id, func.count())
            .where(col(Link.source_id).in_(ids), Link.kind == MENTIONS, Link.status != REJECTED)
            .group_by(col(Link.source_id))
        ).all()
    )
    rows = []
    for item_id in ids:
        item = items.get(item_id)
        if item is None:
            continue
        if item.kind == ARTICLE:
            ref, placeholder, published = articles.get(item_id, (None, False, None))
            detail = ref or ""
            if placeholder:
                detail = f"{detail} · cited, not yet imported"
            rows.append(
                ItemRow(
                    item_id,
                    item.kind,
                    item.name,
                    detail,
                    published,
                    int(out_counts.get(item_id, 0)),
                )
            )
        else:
            ent = entities.get(item_id)
            parts = [
                p for p in ((ent.role if ent else None), (ent.affiliation if ent else None)) if p
            ]
            rows.append(
                ItemRow(
                    item_id,
                    item.kind,
                    item.name,
                    ", ".join(parts),
                    None,
                    int(counts.get(item_id, 0)),
                )
            )
    return rows


def section_counts(session: Session) -> dict[str, int]:
    """Every section's count for the navigator and the status bar. The article sections are
    counted as ``count_items`` counts them (the rows their lists read), so list header,
    navigator and status bar cannot disagree; entity sections are plain kind counts, which
    is what their list query is."""
    # entity kinds only, each a range of the (kind, name) index: grouping every item read
    # every article's title too (70 MiB of index pages at a million articles, 69 ms)
    entity_kinds = {k for kinds in SECTIONS.values() for k in kinds if k != ARTICLE}
    by_kind = dict(
        session.exec(
            select(Item.kind, func.count())
            .where(col(Item.kind).in_(sorted(entity_kinds)))
            .group_by(col(Item.kind))
        ).all()
    )
    counts = {s: sum(int(by_kind.get(k, 0)) for k in kinds) for s, kinds in SECTIONS.items()}
    counts["articles"], counts["inbox"] = _article_counts(session)
    return counts


# --- item pages -------------------------------------------------------------------------


def _cases_of(session: Session, item_id: int) -> tuple[CaseRef, ...]:
    rows = session.exec(
        select(CaseFile)
        .join(CaseItem, col(CaseItem.case_id) == col(CaseFile.id))
        .where(CaseItem.item_id == item_id)
        .order_by(col(CaseFile.title))
    ).all()
    return tuple(CaseRef(c.id or 0, c.title, c.status) for c in rows)


def article_text(item: Item, article: Article) -> str:
    """The text offsets point into: the title line, a newline, then the body."""
    if article.placeholder:
        return ""
    return f"{item.name}\n{article.body}" if article.body else item.name


def get_article(session: Session, item_id: int) -> ArticleView:
    item = session.get(Item, item_id)
    article = session.get(Article, item_id)
    if item is None or article is None:
        raise ItemNotFound(f"No article with id {item_id}.")
    spans = session.exec(
        select(Evidence, Link, Item)
        .join(Link, col(Link.id) == col(Evidence.link_id))
        .join(Item, col(Item.id) == col(Link.target_id))
        .where(Link.source_id == item_id, Link.kind == MENTIONS, Evidence.article_id == item_id)
        .order_by(col(Evidence.start))
    ).all()
    mentions = tuple(
        sorted(
            (
                MentionSpan(start, end, link.id or 0, item_ref(ent), link.status)
                for ev, link, ent in spans
                for start, end, _, _ in ev.pieces()
            ),
            key=lambda m: m.start,
        )
    )
    cites = session.exec(
        select(Item)
        .join(Link, col(Link.target_id) == col(Item.id))
        .where(Link.source_id == item_id, Link.kind == CITES)
        .order_by(col(Item.name))
    ).all()
    cited_by = session.exec(
        select(Item)
        .join(Link, col(Link.source_id) == col(Item.id))
        .where(Link.target_id == item_id, Link.kind == CITES)
        .order_by(col(Item.name))
    ).all()
    from desktop.extract.textview import paragraphs  # the extraction package loads on demand

    text = article_text(item, article)
    title_end = text.find("\n")
    return ArticleView(
        item=item_ref(item),
        ref=article.ref,
        published=article.published,
        source_file=article.source_file,
        imported_at=article.imported_at,
        placeholder=article.placeholder,
        reviewed=article.reviewed,
        text=text,
        published_from=article.published_from,
        outlet=article.outlet,
        dateline=article.dateline,
        byline=article.byline,
        paragraphs=tuple(paragraphs(text, title_end + 1)) if title_end >= 0 else (),
        mentions=mentions,
        cites=tuple(item_ref(i) for i in cites),
        cited_by=tuple(item_ref(i) for i in cited_by),
        cases=_cases_of(session, item_id),
    )


def evidence_views(session: Session, link_ids: Sequence[int]) -> dict[int, list[EvidenceView]]:
    """Evidence per link, with the article's title and date, oldest article first."""
    out: dict[int, list[EvidenceView]] = {}
    if not link_ids:
        return out
    rows = session.exec(
        select(Evidence, Item, Article)
        .join(Item, col(Item.id) == col(Evidence.article_id))
        .join(Article, col(Article.item_id) == col(Evidence.article_id))
        .where(col(Evidence.link_id).in_(link_ids))
        .order_by(col(Article.published), col(Evidence.id))
    ).all()
    for ev, art_item, art in rows:
        out.setdefault(ev.link_id, []).extend(
            EvidenceView(
                ev.article_id,
                art_item.name,
                art.published,
                sentence_text(ev.sentence, sent_start, sent_end, art.body),
                start,
                end,
            )
            for start, end, sent_start, sent_end in ev.pieces()
        )
    return out


def link_views(session: Session, links: Sequence[Link]) -> list[LinkView]:
    ids = {lk.source_id for lk in links} | {lk.target_id for lk in links}
    refs = {i.id: item_ref(i) for i in session.exec(select(Item).where(col(Item.id).in_(ids)))}
    evidence = evidence_views(session, [lk.id for lk in links if lk.id is not None])
    return [
        LinkView(
            lk.id or 0,
            lk.kind,
            lk.label,
            lk.status,
            lk.origin,
            lk.note,
            refs[lk.source_id],
            refs[lk.target_id],
            tuple(evidence.get(lk.id or 0, ())),
        )
        for lk in links
        if lk.source_id in refs and lk.target_id in refs
    ]


def aliases_of(session: Session, entity_id: int) -> list[str]:
    return list(
        session.exec(
            select(Alias.name).where(Alias.entity_id == entity_id).order_by(col(Alias.name))
        ).all()
    )


def get_entity(session: Session, item_id: int) -> EntityView:
    item = session.get(Item, item_id)
    entity = session.get(Entity, item_id)
    if item is None or entity is None:
        raise ItemNotFound(f"No person, organization, place or group with id {item_id}.")
    links = session.exec(
        select(Link)
        .where(
            or_(col(Link.source_id) == item_id, col(Link.target_id) == item_id),
            col(Link.kind).not_in((MENTIONS, CITES)),
            Link.status != REJECTED,
        )
        .order_by(col(Link.id))  # as made: without it, the order was whatever index was used
    ).all()
    mention_links = session.exec(
        select(Link.id)
        .where(Link.target_id == item_id, Link.kind == MENTIONS, Link.status != REJECTED)
        .order_by(col(Link.id).desc())
        .limit(MENTIONED_IN_LIMIT)
    ).all()
    # the maintained counter (desktop.store.item_counts): a hub costs no count
    total = session.exec(select(ItemCount.mentioned_in).where(ItemCount.item_id == item_id)).first()
    first: dict[int, EvidenceView] = {}
    for views in evidence_views(session, [i for i in mention_links if i is not None]).values():
        for view in views:
            first.setdefault(view.article_id, view)
    mentioned = sorted(first.values(), key=lambda v: v.published or date.min, reverse=True)
    return EntityView(
        item=item_ref(item),
        aliases=tuple(aliases_of(session, item_id)),
        role=entity.role,
        affiliation=entity.affiliation,
        description=entity.description,
        links=tuple(link_views(session, links)),
        mentioned_in=tuple(mentioned),
        cases=_cases_of(session, item_id),
        mention_total=int(total or 0),
        version=item.version,
    )


def item_exists(session: Session, item_id: int) -> bool:
    return session.get(Item, item_id) is not None


__all__ = [
    "SECTIONS",
    "AmbiguousItem",
    "ItemNotFound",
    "ItemRow",
    "and_",
    "count_items",
    "get_article",
    "get_entity",
    "get_ref",
    "item_rows",
    "list_item_ids",
    "resolve_item",
    "section_counts",
]
