"""Search everything and quick open, against a real library file."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest
from sqlalchemy import text

from desktop.services import search as svc
from desktop.services import structure
from desktop.store import dialect
from desktop.store.models import Alias, Article, CaseFile, CaseItem, Entity, Item
from desktop.store.text import normalize_name

ARTICLES = [
    (
        "Working Group on Export Controls Meets",
        "The new working group met in Seoul to harmonize export control decisions with allies.",
        date(2022, 11, 20),
    ),
    (
        "Tariff Review Opens",
        "The group was working on tariffs for months; exporters complained about the delays.",
        date(2021, 3, 1),
    ),
    (
        "Semiconductor Sanctions Widen",
        "Sanctions on chips and chip equipment widen. China responded within days.",
        date(2023, 1, 10),
    ),
    (
        "Exporters Ask for Guidance",
        "Exporters of semiconductor equipment asked BIS for guidance on the new rules.",
        date(2023, 2, 1),
    ),
]
ENTITIES = [
    ("person", "Elizabeth Economy", ["Economy"]),
    ("organization", "Bureau of Industry and Security", ["BIS"]),
    ("country", "South Korea", ["ROK", "Republic of Korea"]),
]


@dataclass
class Lib:
    library: object
    articles: list[int]
    entities: dict[str, int]
    case_id: int


@pytest.fixture
def lib(library) -> Lib:
    """Three entities, four articles and one case with notes, written through the store."""
    articles, entities = [], {}
    with library.write() as session:
        conn = session.connection()
        for n, (title, body, published) in enumerate(ARTICLES):
            item = Item(kind="article", name=title)
            session.add(item)
            session.flush()
            session.add(
                Article(item_id=item.id, body=body, published=published, content_hash=f"h{n}")
            )
            dialect.index_article(conn, item.id, title, body)
            articles.append(item.id)
        for kind, name, aliases in ENTITIES:
            item = Item(kind=kind, name=name)
            session.add(item)
            session.flush()
            session.add(Entity(item_id=item.id))
            for alias in aliases:
                session.add(Alias(entity_id=item.id, name=alias, norm=normalize_name(alias)))
            dialect.index_entity(conn, item.id, name, aliases)
            entities[name] = item.id
        case = CaseFile(
            title="Korea coordination", summary="Tracking the Seoul harmonization talks"
        )
        session.add(case)
        session.flush()
        dialect.index_note(conn, case.id, None, case.summary)
        session.add(CaseItem(case_id=case.id, item_id=articles[0], note="follow up with allies"))
        session.add(CaseItem(case_id=case.id, item_id=entities["Elizabeth Economy"], position=1))
        dialect.index_note(conn, case.id, articles[0], "follow up with allies")
    return Lib(library, articles, entities, case.id)


def _search(lib: Lib, query: str, **kw) -> svc.SearchResult:
    with lib.library.session() as session:
        return svc.search(session=session, query=query, **kw)


def _titles(result: svc.SearchResult) -> list[str]:
    return [h.title for h in result.hits]


def test_ranked_hits_with_highlighted_snippets(lib: Lib) -> None:
    result = _search(lib, "harmonize")
    assert result.notice is None and not result.plain
    (hit,) = result.hits
    assert (hit.id, hit.kind, hit.title) == (lib.articles[0], "article", ARTICLES[0][0])
    assert hit.published == date(2022, 11, 20) and hit.score > 0
    assert [hit.snippet[a:b] for a, b in hit.highlights] == ["harmonize"]
    assert svc.split_marks("a\ue000b\ue001c") == ("abc", ((1, 2),))


def test_a_title_match_outranks_a_body_match(lib: Lib) -> None:
    titles = _titles(_search(lib, "semiconductor", kind="article"))
    assert titles == ["Semiconductor Sanctions Widen", "Exporters Ask for Guidance"]


def test_phrases_prefixes_and_operators(lib: Lib) -> None:
    assert _titles(_search(lib, '"working group"')) == [ARTICLES[0][0]]
    assert set(_titles(_search(lib, "working group", kind="article"))) == {
        ARTICLES[0][0],
        ARTICLES[1][0],
    }
    assert set(_titles(_search(lib, "export*", kind="article"))) == {
        ARTICLES[0][0],
        ARTICLES[1][0],
        ARTICLES[3][0],
    }
    assert set(_titles(_search(lib, "tariffs OR chips"))) == {ARTICLES[1][0], ARTICLES[2][0]}
    assert _titles(_search(lib, "semiconductor NOT sanctions")) == [ARTICLES[3][0]]
    assert _titles(_search(lib, "china AND (chips OR tariffs)")) == [ARTICLES[2][0]]


@pytest.mark.parametrize(
    ("query", "plain", "finds"),
    [
        ('"unbalanced', True, False),
        ("AND", True, True),  # the word "and"
        ("export* OR (", True, True),
        ("NEAR(", True, False),
        ("^%$#@!", False, False),
        ("'; DROP TABLE article; --", False, False),
        ("semiconductor NOT", True, True),
        ("(chips)) OR", True, True),
        ("title:chips", False, False),
        ("-chips +china ^sanctions", False, True),
        ('"working group" AND ("', True, True),
        ("ü\u0000\u200b🙂 OR", True, False),
    ],
)
def test_malformed_queries_are_searched_as_plain_words(
    lib: Lib, query: str, plain: bool, finds: bool
) -> None:
    result = _search(lib, query)
    assert result.plain is plain
    # a notice whenever the words were not taken as syntax, or nothing searchable was left
    assert (result.notice is not None) is (plain or query == "^%$#@!")
    assert bool(result.hits) is finds
    with lib.library.session() as session:  # and nothing was harmed
        assert session.exec(text("SELECT count(*) FROM article")).one()[0] == len(ARTICLES)


def test_entities_by_name_or_alias_and_kind_filters(lib: Lib) -> None:
    economy = lib.entities["Elizabeth Economy"]
    hits = _search(lib, "ROK").hits
    assert [(h.kind, h.title) for h in hits] == [("country", "South Korea")]
    assert [hits[0].snippet[a:b] for a, b in hits[0].highlights] == ["ROK"]
    assert [h.id for h in _search(lib, "economy", kind="person").hits] == [economy]
    assert _search(lib, "economy", kind="country").hits == ()
    assert {h.kind for h in _search(lib, "bis OR korea", kind="entity").hits} == {
        "organization",
        "country",
    }
    with pytest.raises(ValueError):
        _search(lib, "economy", kind="spaceship")


def test_notes_case_and_date_filters(lib: Lib) -> None:
    allies = _search(lib, "allies")
    kinds = {(h.kind, h.id, h.case_id) for h in allies.hits}
    assert ("note", lib.articles[0], lib.case_id) in kinds  # the item's note in the case
    assert ("article", lib.articles[0], None) in kinds  # and the article's own text
    assert [(h.kind, h.id) for h in _search(lib, "harmonization").hits] == [("case", lib.case_id)]
    assert _search(lib, "harmonization").hits[0].item_id is None
    in_case = _search(lib, "exporters OR economy OR allies", case_id=lib.case_id)
    assert {h.id for h in in_case.hits} == {lib.articles[0], lib.entities["Elizabeth Economy"]}
    dated = _search(lib, "exporters OR sanctions", date_from=date(2023, 1, 15))
    assert _titles(dated) == ["Exporters Ask for Guidance"]
    dated = _search(lib, "exporters OR sanctions", date_to=date(2023, 1, 15), kind="article")
    assert set(_titles(dated)) == {"Tariff Review Opens", "Semiconductor Sanctions Widen"}


def test_limit_and_exhaustive_ranking_agree_on_small_libraries(lib: Lib) -> None:
    assert len(_search(lib, "the", limit=2).hits) == 2
    assert _search(lib, "the", exhaustive=True).hits == _search(lib, "the").hits


def test_edits_merges_and_deletes_keep_the_index_in_step(lib: Lib) -> None:
    from desktop.services import cases, editing

    library = lib.library
    assert svc.index_consistent(library=library)
    bis = lib.entities["Bureau of Industry and Security"]
    editing.rename_entity(library=library, entity_id=bis, name="Industry and Security Bureau")
    assert [h.id for h in _search(lib, "bureau", kind="entity").hits] == [bis]
    korea = lib.entities["South Korea"]
    structure.merge_entities(library=library, keep_id=korea, merge_id=bis)
    assert [h.id for h in _search(lib, "BIS", kind="entity").hits] == [korea]
    structure.delete_entity(library=library, entity_id=lib.entities["Elizabeth Economy"])
    assert _search(lib, "economy").hits == ()
    cases.set_item_note(
        library=library, case_id=lib.case_id, item_id=lib.articles[0], note="ask about quotas"
    )
    assert [h.kind for h in _search(lib, "quotas").hits] == ["note"]
    assert _search(lib, "follow").hits == ()
    assert svc.index_consistent(library=library)


def test_reindex_repairs_a_stale_index(lib: Lib) -> None:
    library = lib.library
    with library.write() as session:  # a writer that forgot the index
        session.exec(
            text("UPDATE article SET body = 'quantum computing' WHERE item_id = :i").bindparams(
                i=lib.articles[1]
            )
        )
        session.exec(
            text("UPDATE item SET name = 'Renamed' WHERE id = :i").bindparams(
                i=lib.entities["South Korea"]
            )
        )
    assert not svc.index_consistent(library=library)
    changes = svc.reindex(library=library)
    assert changes.everything
    assert svc.index_consistent(library=library)
    assert _titles(_search(lib, "quantum")) == ["Tariff Review Opens"]
    assert _titles(_search(lib, "renamed")) == ["Renamed"]
    with library.session() as session:
        stats = svc.index_stats(session=session)
    assert (stats.articles, stats.entities, stats.notes) == (4, 3, 2)
    assert stats.sizes["database"] > stats.sizes["article_fts"] > 0


def test_quick_open_finds_articles_entities_cases_and_commands(lib: Lib) -> None:
    commands = [("case.new", "New case file"), ("app.quit", "Quit Casefile")]
    with lib.library.session() as session:
        names = svc.NameIndex.load(session=session, commands=commands)

        def top(text: str) -> tuple[str, str, str]:
            m = svc.quick_open(session=session, text=text, limit=5, names=names)[0]
            return (m.kind, m.name, m.command or m.matched)

        assert top("bis") == ("organization", "Bureau of Industry and Security", "BIS")
        assert top("bureau of indsutry") == (
            "organization",
            "Bureau of Industry and Security",
            "Bureau of Industry and Security",
        )
        assert top("republic of kor")[:2] == ("country", "South Korea")
        assert top("korea coord") == ("case", "Korea coordination", "Korea coordination")
        assert top("semiconductor sanc")[:2] == ("article", "Semiconductor Sanctions Widen")
        assert top("quit") == ("command", "Quit Casefile", "app.quit")
        empty = svc.quick_open(session=session, text="", limit=5, names=names)
        assert [m.kind for m in empty] == ["command", "command", "case"]
        assert svc.quick_open(session=session, text="zzzzqqq", names=names) == []
        # without a loaded index the names are read on the spot
        assert svc.quick_open(session=session, text="economy")[0].name == "Elizabeth Economy"
    # each (kind, id) at most once, however many of its aliases match
    with lib.library.session() as session:
        korea = svc.quick_open(session=session, text="korea", limit=20)
    ids = [(m.kind, m.id) for m in korea]
    assert len(ids) == len(set(ids))


def test_sample_article_import_then_search(library) -> None:
    importer = pytest.importorskip("desktop.services.importer")
    from tests.conftest import SAMPLE

    importer.import_paths(library=library, paths=[SAMPLE])
    with library.session() as session:
        result = svc.search(session=session, query="chokepoint technology")
    assert result.hits and result.hits[0].kind == "article"
    marked = [result.hits[0].snippet[a:b].lower() for a, b in result.hits[0].highlights]
    assert marked == ["chokepoint", "technology"]


def test_the_index_is_consistent_after_an_import(library, tmp_path) -> None:
    importer = pytest.importorskip("desktop.services.importer")
    from tests.conftest import SAMPLE

    importer.import_paths(library=library, paths=[SAMPLE])
    assert svc.index_consistent(library=library)
    cited = tmp_path / "2301250009.txt"  # fills a placeholder: its index row is replaced
    cited.write_text("Allies Form Export Control Working Group\nThe two countries met.\n")
    importer.import_paths(library=library, paths=[cited])
    assert svc.index_consistent(library=library)
    assert svc.search(session=library.session(), query="allies").hits


def test_reindex_after_an_import_is_consistent(library) -> None:
    importer = pytest.importorskip("desktop.services.importer")
    from tests.conftest import SAMPLE

    importer.import_paths(library=library, paths=[SAMPLE])
    svc.reindex(library=library)
    assert svc.index_consistent(library=library)
    with library.session() as session:
        hits = svc.search(session=session, query="2301120031 OR chokepoint").hits
    assert {h.kind for h in hits} == {"article"} and len(hits) == 2  # placeholder found by ref


def test_a_long_query_is_capped_with_a_notice(library, lib: Lib) -> None:
    words = ["seoul"] + [f"w{i}" for i in range(1999)]
    with library.session() as session:
        result = svc.search(session=session, query=" ".join(words))
    assert result.notice and "first 64 words" in result.notice
    assert svc.cap_query(" ".join(words))[0].split() == words[: svc.MAX_QUERY_TERMS]
    long_word = "x" * 5000
    kept, notice = svc.cap_query(f"seoul {long_word}")
    assert notice and len(kept) <= svc.MAX_QUERY_CHARS
    assert svc.cap_query("export controls") == ("export controls", None)


def test_quick_open_ranks_whole_words_and_prefixes_before_fuzzy_matches() -> None:
    names = svc.NameIndex(
        [
            ("organization", 1, "Bismarck Holdings", "Bismarck Holdings", ""),
            ("organization", 2, "Bureau of Industry and Security", "BIS", ""),
            ("person", 3, "Anna Bis", "Anna Bis", ""),
            ("organization", 4, "Basin Energy", "Basin Energy", ""),
            ("person", 5, "Jo Smith", "Jo Smith", ""),
            ("organization", 6, "Smithfield Foods", "Smithfield Foods", ""),
            ("organization", 7, "Smyth Logistics", "Smyth Logistics", ""),
        ]
    )
    # the whole name, a whole word, then the start of a word; unrelated look-alikes not at all
    assert [m.name for m in names.match("bis", 10)] == [
        "Bureau of Industry and Security", "Anna Bis", "Bismarck Holdings",
    ]  # fmt: skip
    ranked = [m.name for m in names.match("smith", 10)]
    assert ranked[:2] == ["Jo Smith", "Smithfield Foods"]
    assert "Smyth Logistics" not in ranked  # a fuzzy look-alike beside real matches
    assert [m.name for m in names.match("smyht", 10)][0] == "Smyth Logistics"  # typos still found


def test_the_best_hit_stays_first_among_many_matches(library) -> None:
    """Scoring first and building snippets after must not reorder or lose hits: the article
    with the word in its title and twice in its body leads, whatever its age, and the order
    is the one ranking every match gives."""
    with library.write() as session:
        conn = session.connection()
        for n in range(120):
            best = n == 40  # neither the newest nor the oldest
            title = "Quota Talks Stall" if best else f"Trade note {n}"
            body = (
                "The quota was cut; a second quota follows." if best
                else f"Item {n}: officials mentioned a quota among other measures at length."
            )  # fmt: skip
            item = Item(kind="article", name=title)
            session.add(item)
            session.flush()
            session.add(Article(item_id=item.id, body=body, content_hash=f"q{n}"))
            dialect.index_article(conn, item.id, title, body)
        item = Item(kind="organization", name="Quota Board")
        session.add(item)
        session.flush()
        session.add(Entity(item_id=item.id))
        dialect.index_entity(conn, item.id, "Quota Board", [])
    with library.session() as session:
        ranked = svc.search(session=session, query="quota", limit=10, kind="article")
        every = svc.search(session=session, query="quota", limit=10, kind="article",
                           exhaustive=True)  # fmt: skip
        names = svc.search(session=session, query="quota", kind="entity")
    top = ranked.hits[0]
    assert top.title == "Quota Talks Stall"
    assert [top.snippet[a:b].lower() for a, b in top.highlights][:1] == ["quota"]
    assert len(ranked.hits) == 10 and ranked.hits == every.hits
    assert [h.title for h in names.hits] == ["Quota Board"]
