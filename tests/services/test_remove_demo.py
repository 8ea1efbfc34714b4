"""File › Remove demo data (issue 20): the demo's articles, case and what only they brought
in go; the analyst's own article, case, notes and the entities they mention stay."""

from __future__ import annotations

from sqlmodel import col, select

from desktop.services import cases
from desktop.services.demo import find_demo, load_demo_case, remove_demo, seed_demo
from desktop.services.importer import import_paths
from desktop.services.search import index_consistent
from desktop.store.db import Library
from desktop.store.integrity import problems
from desktop.store.models import MENTIONS, Article, CaseFile, CaseItem, Item, Link
from tests.conftest import SAMPLE


def _mentioned_names(lib: Library, article_id: int) -> set[str]:
    with lib.session() as s:
        return set(
            s.exec(
                select(Item.name)
                .join(Link, col(Link.target_id) == col(Item.id))
                .where(Link.source_id == article_id, Link.kind == MENTIONS)
            ).all()
        )


def test_remove_demo_keeps_the_analysts_own_data(library: Library) -> None:
    seed_demo(library=library)
    own = import_paths(library=library, paths=[SAMPLE]).articles[0].id
    mine = _mentioned_names(library, own)
    assert mine
    with library.session() as s:
        demo = find_demo(s)
        one_of_mine = s.exec(select(Item.id).where(Item.name == sorted(mine)[0])).first()
    assert len(demo.article_ids) >= 8 and len(demo.case_ids) == 1
    case_id = cases.create_case(library=library, title="My own case", summary="Mine.").value
    cases.add_items(library=library, case_id=case_id, item_ids=[own, int(one_of_mine or 0)])
    cases.set_item_note(library=library, case_id=case_id, item_id=own, note="Keep me")

    removed = remove_demo(library=library)

    assert removed.articles == len(demo.article_ids) and removed.cases == 1
    assert removed.entities > 0
    with library.session() as s:
        assert not find_demo(s)
        titles = list(s.exec(select(CaseFile.title)).all())
        arts = list(s.exec(select(Article.item_id).where(Article.placeholder == False)).all())  # noqa: E712
        note = s.exec(select(CaseItem.note).where(CaseItem.item_id == own)).one()
        held = set(s.exec(select(CaseItem.item_id).where(CaseItem.case_id == case_id)).all())
    assert titles == ["My own case"] and load_demo_case().title not in titles
    assert arts == [own]
    assert note == "Keep me" and held == {own, one_of_mine}
    assert _mentioned_names(library, own) == mine  # every entity the user's article names
    assert problems(library) == []
    assert index_consistent(library=library)
    assert not remove_demo(library=library).articles  # nothing left to remove
