"""The case-file and entity-edit commands of the window, in one place: every way of adding
items to a case (Ctrl+D, context menus, drops on the navigator, the connections panel), new /
rename / delete case, and the Edit-menu entity and link dialogs.

Every edit is an undoable command (``desktop/ui/cases/commands.py``,
``desktop/ui/edit/commands.py``) pushed through one ``Editor`` (``desktop/ui/undo.py``) on the
window's undo stack, so Ctrl+Z undoes any of them. The actions themselves are declared in
``desktop/ui/actions.py``; ``install_case_features(window)`` plugs the handlers in with
``set_handler`` and connects the panels' signals.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QInputDialog

from desktop.services import cases as case_service
from desktop.services.library import ItemNotFound, get_ref
from desktop.services.views import read
from desktop.ui.cases.commands import AddItemsCommand
from desktop.ui.cases.dialogs import (
    add_to_case,
    ask_add_to_case,
    ask_delete_case,
    ask_new_case,
    ask_rename_case,
)
from desktop.ui.edit import (
    ask_edit_article,
    ask_edit_entity,
    ask_merge,
    ask_new_link,
    ask_split_alias,
)
from desktop.ui.undo import Editor
from desktop.vocab import ARTICLE

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow

NOTHING_SELECTED = "Select an article or entity first, then add it to a case (Ctrl+D)."


def _items(n: int) -> str:
    return f"{n} item{'s' if n != 1 else ''}"


class CaseCommands:
    """Handlers of the Case menu and the entity edits, acting on the window's selection."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.editor = Editor(window.attached_library(), window.undo_stack, window.bus, window)
        self.editor.sig_error.connect(lambda text: window.status.message(text, 8000))
        #: the case last opened or added to: Add to case offers it first (not the alphabetically
        #: first case, which after a first start is the demo's)
        self.last_case_id: int | None = None
        window.navigator.sig_case_selected.connect(self._remember_case)

    def _remember_case(self, case_id: int) -> None:
        self.last_case_id = case_id or None

    # --- adding items ----------------------------------------------------------------------
    def add_items(self, item_ids: Sequence[int], case_id: int) -> bool:
        """Adds straight to a case (drops, "Add to <case>" menus); one undo step."""
        ids = list(item_ids)
        if not ids or not case_id:
            return False
        title = self._case_title(case_id)
        command = AddItemsCommand(self.editor, case_id, ids, title)
        if not self.editor.push(command):
            return False
        self.last_case_id = case_id
        if not command.added:
            self.window.status.message(f"Already in “{title}”.", 4000)
        else:
            self.window.status.message(f"Added {_items(len(command.added))} to “{title}”.", 4000)
        return True

    def add_to_new_case(self, item_ids: Sequence[int]) -> int | None:
        """Dropped on "New case…": asks a title, creates the case with the items in it."""
        ids = list(item_ids)
        if not ids:
            return None
        title, ok = QInputDialog.getText(self.window, "New case",
                                         f"Title of the new case for {_items(len(ids))}:")  # fmt: skip
        title = " ".join(title.split())
        if not ok or not title:
            return None
        case_id = add_to_case(self.editor, ids, None, title)
        if case_id:
            self.window.navigator.select_case(case_id)
        return case_id

    def add_to_case(self, item_ids: Sequence[int] | None = None) -> int | None:
        """Ctrl+D / "Add to case…": the selection (or the given ids) into a case the user picks
        or creates by typing."""
        ids = list(item_ids) if item_ids is not None else self.window.current_item_ids()
        if not ids:
            self.window.status.message(NOTHING_SELECTED, 5000)
            return None
        default = self.window.navigator.current_case_id() or self.last_case_id
        case_id = ask_add_to_case(self.window, self.editor, ids, default)
        if case_id:
            self.last_case_id = case_id
            where = f"“{self._case_title(case_id)}”"
            self.window.status.message(f"Added {_items(len(ids))} to {where}.", 4000)
        return case_id

    def on_panel_add(self, item_ids: list) -> None:
        """The connections panel's "Add to case": into the case open, else ask."""
        case_id = self.window.navigator.current_case_id()
        if case_id:
            self.add_items(item_ids, case_id)
        else:
            self.add_to_case(item_ids)

    # --- cases ----------------------------------------------------------------------------
    def new_case(self) -> int | None:
        case_id = ask_new_case(self.window, self.editor)
        if case_id:
            self.window.navigator.select_case(case_id)
        return case_id

    def _current_case(self) -> int | None:
        case_id = self.window.navigator.current_case_id()
        if case_id is None:
            self.window.status.message("Select a case in the navigator first.", 4000)
        return case_id

    def rename_case(self) -> None:
        if (case_id := self._current_case()) is not None:
            ask_rename_case(self.window, self.editor, case_id)

    def delete_case(self) -> None:
        case_id = self._current_case()
        if case_id is not None and ask_delete_case(self.window, self.editor, case_id):
            self.window.navigator.select_section("articles")

    def _case_title(self, case_id: int) -> str:
        try:
            return read(self.editor.library, case_service.get_case, case_id).title
        except LookupError:
            return f"case {case_id}"

    # --- entities and links -----------------------------------------------------------------
    def _shown_kind(self) -> tuple[int | None, str | None]:
        """The item the detail view shows and its kind (None when there is none)."""
        item_id = self.window.detail.item_id
        try:
            if item_id is None:
                return None, None
            return item_id, read(self.editor.library, get_ref, item_id).kind
        except ItemNotFound:
            return item_id, None

    def _shown_entity(self, verb: str) -> int | None:
        item_id, kind = self._shown_kind()
        if kind is None or kind == ARTICLE:
            self.window.status.message(
                f"Select a person, organization or place to {verb} it.", 4000
            )
            return None
        return item_id

    def edit_entity(self) -> None:
        """Ctrl+E: the entity shown, or the article's details (date, outlet, dateline)."""
        article_id, kind = self._shown_kind()
        if article_id is not None and kind == ARTICLE:
            ask_edit_article(self.window, self.editor, article_id)
        elif (item_id := self._shown_entity("edit")) is not None:
            ask_edit_entity(self.window, self.editor, item_id)

    def merge_entity(self) -> None:
        if (item_id := self._shown_entity("merge")) is not None:
            ask_merge(self.window, self.editor, item_id)

    def split_alias(self) -> None:
        if (item_id := self._shown_entity("split")) is not None:
            new_id = ask_split_alias(self.window, self.editor, item_id)
            if new_id:
                self.window.select_item(new_id)

    def new_link(self) -> None:
        ask_new_link(self.window, self.editor, source_id=self.window.detail.item_id)


def install_case_features(window: MainWindow) -> CaseCommands:
    """Plugs the case and edit handlers into the window's action registry and connects every
    "add to case" source. Called once by the window."""
    commands = CaseCommands(window)
    for action_id, handler in (
        ("case.add", commands.add_to_case),
        ("case.new", commands.new_case),
        ("case.rename", commands.rename_case),
        ("case.delete", commands.delete_case),
        ("edit.entity", commands.edit_entity),
        ("edit.merge", commands.merge_entity),
        ("edit.split", commands.split_alias),
        ("edit.link", commands.new_link),
    ):
        window.registry.set_handler(action_id, handler)
    window.navigator.sig_items_dropped.connect(commands.add_items)
    window.navigator.sig_items_dropped_on_new.connect(commands.add_to_new_case)
    window.list_page.sig_add_to_case.connect(commands.add_items)
    window.detail.sig_add_to_case.connect(lambda ids: commands.add_to_case(ids))
    if window.connections is not None:  # else attach_connections connects it when made
        window.connections.sig_add_to_case.connect(commands.on_panel_add)
    window.case_page.sig_item_activated.connect(window.select_item)
    window.case_page.editor.sig_error.connect(lambda text: window.status.message(text, 8000))
    window.review_panel.sig_item_activated.connect(window.select_item)
    window.review_panel.editor.sig_error.connect(lambda text: window.status.message(text, 8000))
    return commands
