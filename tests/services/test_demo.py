"""The demo library a new Casefile library is filled with: what a user sees on day one."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlmodel import col, select

from desktop.services import cases
from desktop.services import library as lib_service
from desktop.services.changes import Changes
from desktop.services.demo import DEMO_DIR, demo_article_paths, load_demo_case, seed_demo
from desktop.store.db import Library, resolve_db_url
from desktop.store.models import CONFIRMED, MEMBER_OF, MENTIONS, Article, Link


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Library, Changes]]:
    """One seeded library shared by the read-only tests below (seeding is the slow part)."""
    path: Path = tmp_path_factory.mktemp("demo") / "library.casefile"
    lib = Library.open(resolve_db_url(path))
    changes = seed_demo(library=lib)
    yield lib, changes
    lib.close()


def _case_id(lib: Library) -> int:
    with lib.session() as session:
        return cases.find_case(session, load_demo_case().title)


def test_demo_articles_are_our_own_well_formed_files() -> None:
    paths = demo_article_paths()
    assert 8 <= len(paths) <= 10
    for path in paths:
        ref = path.name.split("-", 1)[0]
        assert len(ref) == 10 and ref.isdigit(), path.name
        size = len(path.read_bytes())
        assert 1800 <= size <= 3200, f"{path.name} is {size} bytes"
    assert (DEMO_DIR / "case.json").is_file()


def test_seeding_imports_every_demo_article(seeded: tuple[Library, Changes]) -> None:
    lib, changes = seeded
    refs = {p.name.split("-", 1)[0] for p in demo_article_paths()}
    with lib.session() as session:
        stored = session.exec(select(Article).where(Article.placeholder == False)).all()  # noqa: E712
        assert {a.ref for a in stored} == refs
        assert all(a.published is not None for a in stored)
    assert changes.everything and changes.articles


def test_cited_articles_outside_the_demo_show_as_placeholders(
    seeded: tuple[Library, Changes],
) -> None:
    lib, _ = seeded
    with lib.session() as session:
        ids = lib_service.list_item_ids(session, section="articles")
        rows = lib_service.item_rows(session, ids)
    placeholders = [r for r in rows if "cited, not yet imported" in r.detail]
    assert placeholders
    with lib.session() as session:
        view = lib_service.get_article(session, placeholders[0].id)
    assert view.placeholder and view.cited_by


def test_demo_articles_cite_each_other(seeded: tuple[Library, Changes]) -> None:
    lib, _ = seeded
    with lib.session() as session:
        analysis = lib_service.resolve_item(session, "2303290041")
        view = lib_service.get_article(session, analysis.id)
        launch = lib_service.get_article(
            session, lib_service.resolve_item(session, "2211140031").id
        )
    assert len(view.cites) >= 4
    assert analysis in launch.cited_by


def test_the_demo_case_holds_its_items_with_notes_and_pins(
    seeded: tuple[Library, Changes],
) -> None:
    lib, _ = seeded
    demo = load_demo_case()
    with lib.session() as session:
        case = cases.get_case(session, _case_id(lib))
    assert case.status == "open"
    assert "working group" in case.summary
    names = {ci.item.name for ci in case.items}
    kinds = {ci.item.kind for ci in case.items}
    assert {"person", "organization", "country", "group", "article"} <= kinds
    assert {"Mira Castellanos", "Han Seo-yeon", "United States", "South Korea"} <= names
    # Every item written in case.json was found by extraction, in the order written there.
    assert len(case.items) == len(demo.items)
    assert all(ci.note for ci in case.items)
    pinned = [ci for ci in case.items if ci.pinned]
    assert 1 <= len(pinned) <= 3
    assert case.items[: len(pinned)] == tuple(pinned)  # pinned items come first


def test_the_working_group_has_both_countries_as_members(
    seeded: tuple[Library, Changes],
) -> None:
    lib, _ = seeded
    with lib.session() as session:
        ids = lib_service.list_item_ids(session, section="groups")
        groups = [lib_service.get_entity(session, i) for i in ids]
    group = next(g for g in groups if "working group" in g.item.name.lower())
    members = {
        (lk.source if lk.target == group.item else lk.target).name
        for lk in group.links
        if lk.kind == MEMBER_OF
    }
    assert {"United States", "South Korea"} <= members


def test_the_case_entities_suggestions_are_confirmed(seeded: tuple[Library, Changes]) -> None:
    lib, _ = seeded
    with lib.session() as session:
        case = cases.get_case(session, _case_id(lib))
        entity_ids = [ci.item.id for ci in case.items if ci.item.kind != "article"]
        statuses = session.exec(
            select(Link.status).where(Link.kind == MENTIONS, col(Link.target_id).in_(entity_ids))
        ).all()
        others = session.exec(
            select(Link.status).where(Link.kind == MENTIONS, col(Link.target_id).not_in(entity_ids))
        ).all()
    assert statuses and set(statuses) == {CONFIRMED}
    assert "suggested" in set(others)  # the rest is left for the user to review


def test_the_inbox_is_not_empty(seeded: tuple[Library, Changes]) -> None:
    lib, _ = seeded
    with lib.session() as session:
        counts = lib_service.section_counts(session)
        inbox = lib_service.item_rows(session, lib_service.list_item_ids(session, section="inbox"))
    assert 1 <= counts["inbox"] < counts["articles"]
    assert {r.detail for r in inbox} == set(load_demo_case().unreviewed)


def test_seeding_twice_changes_nothing(seeded: tuple[Library, Changes]) -> None:
    lib, _ = seeded
    with lib.session() as session:
        before = lib_service.section_counts(session)
        case_before = cases.get_case(session, _case_id(lib))
    seed_demo(library=lib)
    with lib.session() as session:
        assert lib_service.section_counts(session) == before
        assert len(cases.list_cases(session)) == 1
        assert cases.get_case(session, _case_id(lib)).items == case_before.items


def test_a_fresh_library_seeds_with_progress(library: Library) -> None:
    calls: list[tuple[int, int]] = []
    seed_demo(library=library, progress=lambda done, total, _name: calls.append((done, total)))
    total = len(demo_article_paths())
    assert calls[0] == (0, total) and calls[-1] == (total, total)
