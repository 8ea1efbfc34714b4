"""An undo restores the state the edit found when it wrote (issue 17): the before-image is read
inside the edit's own write transaction, so another window's write that lands just before ours
is not undone with it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager

import pytest
from PySide6.QtGui import QUndoStack
from sqlmodel import Session, col, select

from desktop.services.library import get_entity
from desktop.store.db import Library
from desktop.store.models import Alias, CaseItem
from desktop.store.text import normalize_name
from desktop.ui.bus import ChangeBus
from desktop.ui.cases.commands import PinItemsCommand
from desktop.ui.edit.commands import RenameEntityCommand
from desktop.ui.undo import Editor, step

from .conftest import Built


@pytest.fixture
def editor(library: Library, qapp) -> Editor:  # noqa: ANN001
    return Editor(library, QUndoStack(), ChangeBus())


def another_write_lands_first(
    monkeypatch: pytest.MonkeyPatch, library: Library, theirs: Callable[[Session], None]
) -> None:
    """Another window's write commits right before the next write transaction of ours begins
    (after anything we may have read outside it)."""
    own_write: Callable[[], AbstractContextManager[Session]] = library.write
    pending = [theirs]

    @contextmanager
    def write() -> Iterator[Session]:
        while pending:
            with own_write() as session:
                pending.pop()(session)
        with own_write() as session:
            yield session

    monkeypatch.setattr(library, "write", write)


def _pins(library: Library, case_id: int) -> dict[int, bool]:
    with library.session() as s:
        rows = s.exec(select(CaseItem).where(CaseItem.case_id == case_id)).all()
        return {ci.item_id: ci.pinned for ci in rows}


def test_undo_of_a_pin_restores_the_pins_as_they_were_when_it_wrote(
    editor: Editor, built: Built, monkeypatch: pytest.MonkeyPatch
) -> None:
    library, case_id = editor.library, built.case_id
    article, person = built.articles["main"], built.entities["person"]
    assert _pins(library, case_id) == {article: False, person: False}

    def they_pin_the_article(s: Session) -> None:
        row = s.exec(select(CaseItem).where(CaseItem.item_id == article)).one()
        row.pinned = True
        s.add(row)

    another_write_lands_first(monkeypatch, library, they_pin_the_article)
    command = PinItemsCommand(editor, case_id, [article, person], pinned=True)
    assert editor.push(command)
    assert command.previous == {article: True, person: False}  # as it was at write time
    assert _pins(library, case_id) == {article: True, person: True}

    assert step(editor.undo_stack, undo=True)
    assert _pins(library, case_id) == {article: True, person: False}  # their pin stays
    assert step(editor.undo_stack, undo=False)
    assert _pins(library, case_id) == {article: True, person: True}


def _aliases(library: Library, entity_id: int) -> set[str]:
    with library.session() as s:
        return set(get_entity(s, entity_id).aliases)


def test_undo_of_a_rename_keeps_an_alias_someone_added_just_before_it(
    editor: Editor, built: Built, monkeypatch: pytest.MonkeyPatch
) -> None:
    library, org = editor.library, built.entities["org"]
    new_name = "Commerce Department"

    def they_add_the_alias(s: Session) -> None:
        s.add(Alias(entity_id=org, name=new_name, norm=normalize_name(new_name)))

    another_write_lands_first(monkeypatch, library, they_add_the_alias)
    command = RenameEntityCommand(editor, org, new_name)
    assert editor.push(command)
    assert command.before is not None
    assert (command.before.old_name, command.before.added_alias) == ("Department of Commerce", None)
    assert _aliases(library, org) == {"Department of Commerce", "Commerce", new_name}

    assert step(editor.undo_stack, undo=True)
    with library.session() as s:
        assert get_entity(s, org).item.name == "Department of Commerce"
        names = s.exec(select(Alias.name).where(col(Alias.entity_id) == org)).all()
    assert set(names) == {"Department of Commerce", "Commerce", new_name}  # theirs stays
