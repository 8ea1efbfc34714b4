"""Reviewing the sample article from the keyboard: what is stored after each key, and undo."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack

from desktop.services.importer import import_paths
from desktop.services.library import get_article, get_entity, section_counts
from desktop.services.review import article_suggestions
from desktop.store.db import Library
from desktop.ui import review as review_pkg
from desktop.ui.bus import ChangeBus
from desktop.ui.review import ReviewPanel

from ..conftest import SAMPLE


@pytest.fixture
def article_id(library: Library) -> int:
    report = import_paths(library=library, paths=[SAMPLE])
    return report.articles[0].id


@pytest.fixture
def stack(qapp) -> QUndoStack:  # noqa: ANN001
    return QUndoStack()


@pytest.fixture
def panel(qtbot, library: Library, article_id: int, stack: QUndoStack) -> ReviewPanel:  # noqa: ANN001
    widget = ReviewPanel(library, undo_stack=stack, bus=ChangeBus())
    qtbot.addWidget(widget)
    widget.resize(460, 700)
    widget.set_article(article_id)
    widget.show()
    return widget


def statuses(library: Library, article_id: int) -> dict[str, str]:
    with library.session() as s:
        return {f"{x.kind}:{x.item.name}": x.status for x in article_suggestions(s, article_id)}


def test_lists_suggestions_with_sentences(panel: ReviewPanel, qtmodeltester) -> None:  # noqa: ANN001
    names = [s.item.name for s in panel.model.suggestions()]
    assert "Marisa Okonkwo" in names and "Bureau of Industry and Security" in names
    economy = next(s for s in panel.model.suggestions() if s.item.name == "Marisa Okonkwo")
    assert "deputy assistant secretary" in economy.sentence
    row = panel.model.row_of_link(economy.link_id)
    assert "deputy assistant secretary" in panel.model.index(row).data(Qt.ItemDataRole.ToolTipRole)
    assert any(s.kind == "cites" for s in panel.model.suggestions())
    assert panel.current_suggestion() == panel.model.suggestion(0)
    qtmodeltester.check(panel.model)


def test_keyboard_confirm_reject_and_move(panel: ReviewPanel, library: Library,
                                          article_id: int, qtbot, stack: QUndoStack) -> None:  # noqa: ANN001  # fmt: skip
    first = panel.current_suggestion()
    qtbot.keyClick(panel, Qt.Key.Key_C)
    assert statuses(library, article_id)[f"mentions:{first.item.name}"] == "confirmed"
    second = panel.current_suggestion()
    assert second is not None and second.link_id != first.link_id  # moved on
    qtbot.keyClick(panel, Qt.Key.Key_R)
    assert statuses(library, article_id)[f"mentions:{second.item.name}"] == "rejected"
    qtbot.keyClick(panel, Qt.Key.Key_Down)
    third = panel.current_suggestion()
    qtbot.keyClick(panel.list, Qt.Key.Key_Return)  # keys reach the panel from the list too
    assert statuses(library, article_id)[f"mentions:{third.item.name}"] == "confirmed"
    qtbot.keyClick(panel.list, Qt.Key.Key_Delete)
    stack.undo()
    stack.undo()
    stack.undo()
    assert statuses(library, article_id)[f"mentions:{second.item.name}"] == "suggested"
    assert "1 confirmed" in panel.progress.text()


def test_confirm_all_keeps_rejections(panel: ReviewPanel, library: Library, article_id: int,
                                      qtbot, stack: QUndoStack) -> None:  # noqa: ANN001  # fmt: skip
    rejected = panel.current_suggestion()
    qtbot.keyClick(panel, Qt.Key.Key_R)
    qtbot.keyClick(panel, Qt.Key.Key_A)
    result = statuses(library, article_id)
    assert result.pop(f"mentions:{rejected.item.name}") == "rejected"
    assert set(result.values()) == {"confirmed"}
    stack.undo()
    assert "suggested" in statuses(library, article_id).values()


def test_mark_reviewed_leaves_inbox(panel: ReviewPanel, library: Library, article_id: int,
                                    qtbot, stack: QUndoStack) -> None:  # noqa: ANN001  # fmt: skip
    with library.session() as s:
        assert section_counts(s)["inbox"] == 1
    with qtbot.waitSignal(panel.sig_reviewed):
        qtbot.keyClick(panel, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    with library.session() as s:
        assert get_article(s, article_id).reviewed
        assert section_counts(s)["inbox"] == 0
    assert panel.reviewed_button.text() == "Back to Inbox"
    stack.undo()
    with library.session() as s:
        assert not get_article(s, article_id).reviewed
    assert panel.reviewed_button.text() == "Mark reviewed"


def test_rename_and_merge_from_review(panel: ReviewPanel, library: Library, qtbot,
                                      monkeypatch, stack: QUndoStack) -> None:  # noqa: ANN001  # fmt: skip
    bis = next(s for s in panel.model.suggestions() if s.item.name.startswith("Bureau"))
    commerce = next(s for s in panel.model.suggestions() if s.item.name.startswith("Department"))
    panel.select_link(bis.link_id)
    monkeypatch.setattr(review_pkg.panel, "ask_name", lambda _parent, _current: "BIS (Commerce)")
    qtbot.keyClick(panel, Qt.Key.Key_F2)
    with library.session() as s:
        assert get_entity(s, bis.item.id).item.name == "BIS (Commerce)"
    assert panel.current_suggestion().item.name == "BIS (Commerce)"  # the list followed
    stack.undo()
    with library.session() as s:
        assert get_entity(s, bis.item.id).item.name == "Bureau of Industry and Security"
    asked: list[int] = []
    monkeypatch.setattr(review_pkg.panel, "ask_merge_target",
                        lambda _p, _e, entity_id: asked.append(entity_id) or True)  # fmt: skip
    qtbot.keyClick(panel, Qt.Key.Key_M)
    assert asked == [bis.item.id]
    assert panel.merge_current(into_id=commerce.item.id)
    with library.session() as s:
        assert "Bureau of Industry and Security" in get_entity(s, commerce.item.id).aliases
    stack.undo()
    with library.session() as s:
        assert get_entity(s, bis.item.id).item.name == "Bureau of Industry and Security"


def test_citations_cannot_be_renamed(panel: ReviewPanel) -> None:
    cite = next(s for s in panel.model.suggestions() if s.kind == "cites")
    panel.select_link(cite.link_id)
    assert not panel.rename_current("Something")
    assert not panel.message.isHidden()


def test_double_click_activates_item(panel: ReviewPanel, qtbot) -> None:  # noqa: ANN001
    index = panel.model.index(0)
    with qtbot.waitSignal(panel.sig_item_activated) as signal:
        panel.list.doubleClicked.emit(index)
    assert signal.args == [panel.model.suggestion(0).item.id]


def test_no_article_shows_empty_state(qtbot, library: Library) -> None:  # noqa: ANN001
    widget = ReviewPanel(library)
    qtbot.addWidget(widget)
    assert widget.stack.currentWidget() is widget.empty
    assert not widget.reviewed_button.isEnabled()
    assert not widget.confirm_all()


def test_reject_all_of_one_kind_with_undo(panel: ReviewPanel, library: Library,
                                          article_id: int, qtbot, stack: QUndoStack) -> None:  # noqa: ANN001  # fmt: skip
    people = [
        s for s in panel.model.suggestions() if s.kind == "mentions" and s.item.kind == "person"
    ]
    assert len(people) >= 2
    panel.select_link(people[0].link_id)
    before = statuses(library, article_id)
    qtbot.keyClick(panel.list, Qt.Key.Key_R, Qt.KeyboardModifier.ShiftModifier)
    after = statuses(library, article_id)
    for key, status in after.items():
        is_person = any(f"mentions:{p.item.name}" == key for p in people)
        assert status == ("rejected" if is_person else before[key]), key
    stack.undo()  # one step puts every one back
    assert statuses(library, article_id) == before
    qtbot.keyClick(panel.list, Qt.Key.Key_C, Qt.KeyboardModifier.ShiftModifier)
    assert {statuses(library, article_id)[f"mentions:{p.item.name}"] for p in people} == {
        "confirmed"
    }
