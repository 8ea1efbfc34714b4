"""File › Remove demo data (issue 20): asks first; removes the demo, never the user's own."""

from __future__ import annotations

from sqlmodel import select

from desktop.services.demo import find_demo, seed_demo
from desktop.store.db import Library
from desktop.store.models import Article, CaseFile
from desktop.ui import first_start

from .conftest import Built


def test_remove_demo_data_asks_then_keeps_the_users_own(
    qtbot,
    window,
    library: Library,
    built: Built,
    monkeypatch,  # noqa: ANN001
) -> None:
    seed_demo(library=library)
    with library.session() as s:
        demo = find_demo(s)
        before = set(s.exec(select(Article.item_id)).all())
    assert demo
    own_articles = set(built.articles.values())
    asked: list[tuple[int, int]] = []
    monkeypatch.setattr(first_start, "ask_remove_demo",
                        lambda _p, a, c: asked.append((a, c)) or False)  # fmt: skip
    window.registry.trigger("file.remove_demo")
    assert asked == [(len(demo.article_ids), 1)]
    with library.session() as s:
        assert find_demo(s) == demo  # cancelled: nothing removed

    monkeypatch.setattr(first_start, "ask_remove_demo", lambda *_a: True)
    window.registry.trigger("file.remove_demo")
    window.writes.wait()
    qtbot.waitUntil(lambda: "Demo data removed" in window.statusBar().currentMessage())
    with library.session() as s:
        assert not find_demo(s)
        after = set(s.exec(select(Article.item_id)).all())
    assert own_articles <= after and not (after & set(demo.article_ids))
    assert after < before
    with library.session() as s:
        assert s.get(CaseFile, built.case_id) is not None  # the user's case stays
    window.registry.trigger("file.remove_demo")  # nothing left: says so
    assert "no demo data" in window.statusBar().currentMessage()
