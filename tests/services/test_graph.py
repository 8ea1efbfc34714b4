"""Neighbourhoods and paths over a hand-built copy of the sample article's graph."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

from desktop.services import graph
from desktop.services.graph_layout import layout, layout_graph
from desktop.services.graph_paths import find_paths
from desktop.store.models import (
    AFFILIATED_WITH,
    CITES,
    CONFIRMED,
    MENTIONS,
    REJECTED,
    SUGGESTED,
    Alias,
    Article,
    CaseFile,
    CaseItem,
    Entity,
    Evidence,
    Item,
    Link,
)
from desktop.store.text import normalize_name

TITLE = (
    "South Korea Wants More Export Control Coordination, Less 'Informing,' Commerce Official Says"
)
SENTENCES = {
    "Elizabeth Economy": "Elizabeth Economy, a senior adviser for China at Commerce, said South "
    "Korea specifically has said it wishes some U.S. export controls were more collaborative.",
    "Commerce Department": "some trading partners have voiced concerns over the U.S.’s strategy, "
    "a Commerce Department official said.",
    "South Korea": "South Korea has joined Western sanctions against Russia.",
    "China": "China, under Xi Jinping, poses a real challenge to regional and even global security.",
    "Wilson Center": "speaking during a Nov. 29 event hosted by the Wilson Center.",
    "Xi Jinping": "China, under Xi Jinping, poses a real challenge to regional security.",
}
KINDS = {
    "Elizabeth Economy": "person",
    "Commerce Department": "organization",
    "South Korea": "country",
    "China": "country",
    "Wilson Center": "organization",
    "Xi Jinping": "person",
    "Lonely Entity": "organization",
}


@dataclass
class SampleGraph:
    article: int
    group_article: int  # 2211090020, cited by the sample
    ids: dict[str, int]
    rejected_entity: int
    case_id: int
    hub_articles: list[int]


def _item(session, kind: str, name: str) -> int:  # type: ignore[no-untyped-def]
    item = Item(kind=kind, name=name)
    session.add(item)
    session.flush()
    assert item.id is not None
    return item.id


def _article(session, name: str, ref: str, published: date, body: str = "") -> int:  # type: ignore[no-untyped-def]
    aid = _item(session, "article", name)
    session.add(Article(item_id=aid, ref=ref, body=body, published=published, content_hash=ref))
    return aid


def _link(session, src: int, dst: int, kind: str, status: str, article: int, sentence: str) -> int:  # type: ignore[no-untyped-def]
    link = Link(source_id=src, target_id=dst, kind=kind, status=status)
    session.add(link)
    session.flush()
    assert link.id is not None
    session.add(Evidence(link_id=link.id, article_id=article, start=0, end=5, sentence=sentence))
    return link.id


def build_sample_graph(library, hub_size: int = 30) -> SampleGraph:  # type: ignore[no-untyped-def]
    """The sample article, its entities and citations, plus a hub (China) and a loner."""
    with library.write() as s:
        art = _article(s, TITLE, "2212010001", date(2022, 12, 1), "…")
        group = _article(
            s,
            "U.S., South Korea Launch Export Control Working Group",
            "2211090020",
            date(2022, 11, 9),
        )
        ids = {}
        for name, kind in KINDS.items():
            ids[name] = _item(s, kind, name)
            s.add(Entity(item_id=ids[name]))
        s.add(Alias(entity_id=ids["Commerce Department"], name="Commerce", norm="commerce"))
        for name, sentence in SENTENCES.items():
            status = CONFIRMED if name in ("Elizabeth Economy", "South Korea") else SUGGESTED
            _link(s, art, ids[name], MENTIONS, status, art, sentence)
        _link(
            s,
            ids["Elizabeth Economy"],
            ids["Commerce Department"],
            AFFILIATED_WITH,
            CONFIRMED,
            art,
            SENTENCES["Elizabeth Economy"],
        )
        _link(s, art, group, CITES, SUGGESTED, art, "(see 2211090020)")
        _link(
            s,
            group,
            ids["South Korea"],
            MENTIONS,
            SUGGESTED,
            group,
            "The two countries launched a new working group.",
        )
        rejected = _item(s, "organization", "Informing")
        s.add(Entity(item_id=rejected))
        _link(s, art, rejected, MENTIONS, REJECTED, art, "Less 'Informing'")
        hub_articles = []
        for i in range(hub_size):
            a = _article(s, f"China export controls update {i}", f"22100{i:05d}", date(2022, 10, 1))
            _link(s, a, ids["China"], MENTIONS, SUGGESTED, a, f"China was mentioned ({i}).")
            hub_articles.append(a)
        case = CaseFile(title="Korea coordination")
        s.add(case)
        s.flush()
        assert case.id is not None
        for item_id in (art, ids["Elizabeth Economy"], ids["South Korea"]):
            s.add(CaseItem(case_id=case.id, item_id=item_id))
    for name in ids:
        assert normalize_name(name)
    return SampleGraph(art, group, ids, rejected, case.id, hub_articles)


@pytest.fixture
def sample(library) -> SampleGraph:  # type: ignore[no-untyped-def]
    return build_sample_graph(library)


def _names(view: graph.Neighbourhood) -> set[str]:
    return {n.name for n in view.nodes}


def test_one_hop_from_a_person_reaches_the_article_and_her_employer(library, sample) -> None:
    with library.session() as s:
        view = graph.neighbourhood(session=s, center_id=sample.ids["Elizabeth Economy"], hops=1)
    assert view.center is not None and view.center.name == "Elizabeth Economy"
    assert _names(view) == {"Elizabeth Economy", TITLE, "Commerce Department"}
    affiliation = next(e for e in view.edges if e.kind == AFFILIATED_WITH)
    assert affiliation.status == CONFIRMED
    assert affiliation.evidence[0].article_title == TITLE
    assert "senior adviser" in affiliation.evidence[0].sentence


def test_two_hops_go_through_the_article_and_never_show_rejected_links(library, sample) -> None:
    with library.session() as s:
        view = graph.neighbourhood(session=s, center_id=sample.ids["Elizabeth Economy"], hops=2)
    names = _names(view)
    assert {"South Korea", "China", "Commerce Department", "Wilson Center"} <= names
    assert "Informing" not in names
    assert all(e.status != REJECTED for e in view.edges)
    hops = {n.name: n.hop for n in view.nodes}
    assert hops["South Korea"] == 2 and hops[TITLE] == 1


def test_hubs_show_their_strongest_neighbours_and_count_the_rest(library, sample) -> None:
    with library.session() as s:
        view = graph.neighbourhood(session=s, center_id=sample.ids["China"], hops=1, hub_cap=5)
        expanded = graph.neighbourhood(
            session=s,
            center_id=sample.ids["China"],
            hops=1,
            hub_cap=5,
            expanded=[sample.ids["China"]],
        )
    china = next(n for n in view.nodes if n.id == sample.ids["China"])
    assert len(view.nodes) == 6
    assert china.more == 31 - 5  # 30 hub articles + the sample article, five shown
    assert len(expanded.nodes) == 32


def test_filters_suggested_kinds_and_case_scope(library, sample) -> None:
    art = sample.article
    with library.session() as s:
        confirmed = graph.neighbourhood(session=s, center_id=art, include_suggested=False)
        people = graph.neighbourhood(session=s, center_id=art, item_kinds={"person"})
        cites = graph.neighbourhood(session=s, center_id=art, link_kinds={CITES})
        in_case = graph.neighbourhood(session=s, center_id=art, case_id=sample.case_id)
    assert _names(confirmed) == {TITLE, "Elizabeth Economy", "South Korea"}
    assert _names(people) == {TITLE, "Elizabeth Economy", "Xi Jinping"}
    assert {e.kind for e in cites.edges} == {CITES}
    assert _names(in_case) == {TITLE, "Elizabeth Economy", "South Korea"}


def test_path_from_economy_to_south_korea_has_evidence_on_every_hop(library, sample) -> None:
    with library.session() as s:
        paths = find_paths(
            session=s,
            source_id=sample.ids["Elizabeth Economy"],
            target_id=sample.ids["South Korea"],
        )
    assert paths
    first = paths[0]
    assert [n.name for n in first.nodes] == ["Elizabeth Economy", TITLE, "South Korea"]
    assert all(e.evidence for e in first.edges)
    assert "South Korea has joined" in first.edges[1].evidence[0].sentence


def test_k_shortest_paths_between_an_article_and_a_country(library, sample) -> None:
    with library.session() as s:
        paths = find_paths(
            session=s,
            source_id=sample.ids["Commerce Department"],
            target_id=sample.ids["South Korea"],
        )
    assert 1 <= len(paths) <= 3
    lengths = {len(p.edges) for p in paths}
    assert lengths == {2}  # shortest only: via the article
    assert len({tuple(n.id for n in p.nodes) for p in paths}) == len(paths)


def test_no_path_to_an_isolated_item(library, sample) -> None:
    with library.session() as s:
        assert (
            find_paths(
                session=s, source_id=sample.ids["Lonely Entity"], target_id=sample.ids["China"]
            )
            == []
        )


def test_suggest_items_matches_names_best_first(library, sample) -> None:
    with library.session() as s:
        found = graph.suggest_items(session=s, prefix="south")
    assert found[0].name == "South Korea"
    assert all("south" in f.name.lower() for f in found)  # names and aliases that contain it


def test_case_lookup_by_title(library, sample) -> None:
    from desktop.services.cases import find_case

    with library.session() as s:
        assert find_case(s, "korea COORDINATION") == sample.case_id
        with pytest.raises(LookupError):
            find_case(s, "nope")


def test_layout_keeps_nodes_that_stay_and_seeds_new_ones_nearby() -> None:
    first = layout(["c", "a", "b"], [("c", "a"), ("c", "b")], center="c")
    second = layout(
        ["a", "c", "b", "d"], [("a", "c"), ("c", "b"), ("a", "d")], previous=first, center="a"
    )
    for node in ("a", "b", "c"):
        dx = second[node][0] - first[node][0]
        dy = second[node][1] - first[node][1]
        assert (dx * dx + dy * dy) ** 0.5 < 25, node
    ax, ay = second["a"]
    dx, dy = second["d"][0] - ax, second["d"][1] - ay
    assert (dx * dx + dy * dy) ** 0.5 < 250


def test_layout_graph_gives_hubs_a_more_satellite(library, sample) -> None:
    with library.session() as s:
        view = graph.neighbourhood(session=s, center_id=sample.ids["China"], hub_cap=5)
    pos = layout_graph(view)
    assert ("more", sample.ids["China"]) in pos
    assert len(pos) == len(view.nodes) + 1
    xs = [p[0] for p in pos.values()]
    assert max(xs) - min(xs) > 50  # spread out, not piled up


def test_layout_keeps_unlinked_pieces_close_to_the_main_one() -> None:
    """A case diagram with an unlinked article must not come out mostly blank."""
    ring = [f"n{i}" for i in range(12)]
    edges = [("hub", n) for n in ring] + [("x", "y")]
    pos = layout(["hub", *ring, "x", "y", "alone"], edges)
    main_xs = [pos[n][0] for n in ["hub", *ring]]
    main_ys = [pos[n][1] for n in ["hub", *ring]]
    span = max(max(main_xs) - min(main_xs), max(main_ys) - min(main_ys))
    for node in ("x", "y", "alone"):
        x, y = pos[node]
        assert min(main_xs) - span / 2 <= x <= max(main_xs) + span / 2, node
        assert y <= max(main_ys) + span, node


def test_neighbourhood_without_evidence_and_evidence_on_demand(library, sample) -> None:
    with library.session() as s:
        view = graph.neighbourhood(
            session=s, center_id=sample.ids["Elizabeth Economy"], evidence=False
        )
        affiliation = next(e for e in view.edges if e.kind == "affiliated_with")
        assert not affiliation.evidence_loaded and not affiliation.evidence
        found = graph.edge_evidence(session=s, link_ids=[affiliation.id])
    count, evidence = found[affiliation.id]
    assert count >= 1 and "senior adviser" in evidence[0].sentence


def test_a_big_hub_is_sampled_within_the_filters_and_hidden_items_stay_out(library) -> None:
    """China past HUB_SCAN links: its view comes from the sampled links, which must still obey
    the scope (hidden items, item kinds, the case) and rank confirmed links first."""
    sample = build_sample_graph(library, hub_size=graph.HUB_SCAN + 20)
    china = sample.ids["China"]
    hidden = sample.hub_articles[-1]  # the newest: first in line without the filter
    with library.write() as s:
        confirmed = sample.hub_articles[0]  # the oldest, but confirmed
        link = s.exec(
            Link.__table__.select().where(Link.source_id == confirmed, Link.target_id == china)  # type: ignore[attr-defined]
        ).first()
        assert link is not None
        s.get(Link, link.id).status = CONFIRMED
    with library.session() as s:
        view = graph.neighbourhood(session=s, center_id=china, hops=1, hub_cap=5, hidden=[hidden])
        people_only = graph.neighbourhood(session=s, center_id=china, hops=1, item_kinds={"person"})
        articles_only = graph.neighbourhood(
            session=s, center_id=china, hops=1, item_kinds={"article"}
        )
        in_case = graph.neighbourhood(session=s, center_id=china, hops=1, case_id=sample.case_id)
        evidence = graph.edge_evidence(session=s, link_ids=[e.id for e in view.edges])
    shown = {n.id for n in view.nodes}
    assert len(shown) == 6 and confirmed in shown and hidden not in shown
    assert next(n for n in view.nodes if n.id == china).more >= graph.HUB_SCAN + 20 - 5 - 1
    assert _names(people_only) == {"China"}  # nobody is linked to China itself
    assert {n.kind for n in articles_only.nodes if n.id != china} == {"article"}
    assert len(articles_only.nodes) == 1 + graph.HUB_CAP
    assert _names(in_case) == {"China", TITLE}  # the only case member linked to China
    count, sentences = evidence[view.edges[0].id]
    assert count == 1 and sentences[0].published == date(2022, 10, 1)


def test_a_full_view_still_counts_what_the_rest_of_the_frontier_leaves_out(library) -> None:
    """Once the node budget is spent, the frontier's remaining nodes add nothing but keep
    their "+N more": exact for an ordinary node, and for a hub its links less those drawn."""
    sample = build_sample_graph(library, hub_size=graph.HUB_SCAN + 20)
    china, wilson = sample.ids["China"], sample.ids["Wilson Center"]
    with library.write() as s:
        event = _article(s, "Wilson Center forum on chips", "2212020002", date(2022, 12, 2))
        _link(s, event, wilson, MENTIONS, SUGGESTED, event, "The Wilson Center hosted a forum.")
    with library.session() as s:
        # the centre and its seven neighbours fill the view: nothing more at two hops
        full = graph.neighbourhood(session=s, center_id=sample.article, hops=2, max_nodes=8)
        # one place left: Wilson Center (ranked before China at one hop) takes it
        one_left = graph.neighbourhood(session=s, center_id=sample.article, hops=2, max_nodes=9)
    more = {n.id: n.more for n in full.nodes}
    assert len(more) == 8 and full.truncated
    assert more[wilson] == 1  # the forum article, not drawn
    # China: 81 articles mention it; the centre's link to it is drawn, 80 are not
    assert more[china] == graph.HUB_SCAN + 20
    assert {n.id for n in one_left.nodes} == {*more, event}
    assert next(n for n in one_left.nodes if n.id == china).more == graph.HUB_SCAN + 20
    assert next(n for n in one_left.nodes if n.id == wilson).more == 0
