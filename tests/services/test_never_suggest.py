"""The "never suggest this" list (issue 20): stored in the library, honoured by every import
and re-extraction into it, on both back ends."""

from __future__ import annotations

from pathlib import Path

from sqlmodel import col, select

from desktop.services import never_suggest
from desktop.services.importer import import_paths, reextract
from desktop.store.db import Library
from desktop.store.models import MENTIONS, REJECTED, SUGGESTED, Item, Link

BIS = "Bureau of Industry and Security"
ARTICLE = (
    "{title}\n"
    "WASHINGTON — Officials of the Bureau of Industry and Security met the Ministry of "
    "Economy, Trade and Industry in Tokyo on {day} to discuss chip tool controls.\n"
)


def _write(folder: Path, name: str, day: str) -> Path:
    path = folder / f"{name}.txt"
    path.write_text(ARTICLE.format(title=f"Chip talks {name}", day=day), encoding="utf-8")
    return path


def _mentioned(lib: Library, article_id: int) -> dict[str, str]:
    """name -> status of the article's mentions."""
    with lib.session() as s:
        rows = s.exec(
            select(Item.name, Link.status)
            .join(Link, col(Link.target_id) == col(Item.id))
            .where(Link.source_id == article_id, Link.kind == MENTIONS)
        ).all()
    return dict(rows)


def test_a_name_never_suggested_again_until_removed(library: Library, tmp_path: Path) -> None:
    first = import_paths(library=library, paths=[_write(tmp_path, "one", "Monday")])
    art = first.articles[0].id
    assert _mentioned(library, art)[BIS] == SUGGESTED
    with library.session() as s:
        link = s.exec(select(Link.id).join(Item, col(Item.id) == col(Link.target_id))
                      .where(Link.source_id == art, Item.name == BIS)).one()  # fmt: skip
    done = never_suggest.never_suggest(
        library=library, name="  bureau of INDUSTRY   and security ", link_ids=[link]
    )
    assert done.value.names == ("bureau of INDUSTRY and security",)
    assert _mentioned(library, art)[BIS] == REJECTED
    with library.session() as s:
        assert never_suggest.is_blocked(s, BIS)
        assert never_suggest.list_names(s) == ["bureau of INDUSTRY and security"]

    second = import_paths(library=library, paths=[_write(tmp_path, "two", "Tuesday")])
    mentioned = _mentioned(library, second.articles[0].id)
    assert BIS not in mentioned
    assert "Ministry of Economy, Trade and Industry" in mentioned  # the rest is still found

    removed = never_suggest.remove_names(library=library, names=[BIS]).value
    assert removed == ["bureau of INDUSTRY and security"]
    third = import_paths(library=library, paths=[_write(tmp_path, "three", "Wednesday")])
    assert _mentioned(library, third.articles[0].id)[BIS] == SUGGESTED


def test_undo_takes_the_name_off_and_restores_the_suggestion(
    library: Library, tmp_path: Path
) -> None:
    art = import_paths(library=library, paths=[_write(tmp_path, "one", "Monday")]).articles[0].id
    with library.session() as s:
        link = s.exec(select(Link.id).join(Item, col(Item.id) == col(Link.target_id))
                      .where(Link.source_id == art, Item.name == BIS)).one()  # fmt: skip
    done = never_suggest.never_suggest(library=library, name=BIS, link_ids=[link])
    never_suggest.undo_never_suggest(library=library, done=done.value)
    assert _mentioned(library, art)[BIS] == SUGGESTED
    with library.session() as s:
        assert never_suggest.list_names(s) == []
    # a name already on the list stays on it when a second "never" is undone
    never_suggest.add_names(library=library, names=[BIS])
    again = never_suggest.never_suggest(library=library, name=BIS, link_ids=[link])
    assert again.value.names == ()
    never_suggest.undo_never_suggest(library=library, done=again.value)
    with library.session() as s:
        assert never_suggest.list_names(s) == [BIS]


def test_reextraction_honours_the_list(library: Library, tmp_path: Path) -> None:
    art = import_paths(library=library, paths=[_write(tmp_path, "one", "Monday")]).articles[0].id
    never_suggest.add_names(library=library, names=["BIS"])  # an alias of the stored entity
    reextract(library=library, article_ids=[art])
    assert BIS not in _mentioned(library, art)
