"""Wiring the case, review and edit widgets into the main window through its public seams, so
the window needs one call: ``install_case_features(window)``.

What it does (each line can be copied into the window instead, if preferred):
- replaces the case page with ``CaseView`` (``set_case_widget_factory``); double-click/Enter
  on an item selects it everywhere (``window.select_item``);
- Case menu: New (Ctrl+N), Add to case (Ctrl+D, the current multi-selection, choose or create
  a case by typing), Rename (F2), Delete — all undoable on ``window.undo_stack``;
- a "Review" dock (right) with the ``ReviewPanel`` for the article shown; it follows the
  centre lists' current item (see ``show_item`` below for the one line the window should add
  to ``on_item_shown`` so it also follows the search panel and links);
- Edit menu: Edit entity… (Ctrl+E), Merge entity… (Ctrl+Shift+M), Split alias…, New link…
  (Ctrl+L), acting on the item shown in the detail view;
- refused edits appear in the status bar.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QMenu

from desktop.services.library import ItemNotFound, get_ref
from desktop.store.models import ARTICLE
from desktop.ui.cases.dialogs import (
    ask_add_to_case,
    ask_delete_case,
    ask_new_case,
    ask_rename_case,
)
from desktop.ui.cases.view import CaseView
from desktop.ui.edit import ask_edit_entity, ask_merge, ask_new_link, ask_split_alias
from desktop.ui.icons import icon
from desktop.ui.review import ReviewPanel
from desktop.ui.undo import Editor

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow


@dataclass
class CaseFeatures:
    editor: Editor
    review: ReviewPanel
    review_dock: QDockWidget
    edit_actions: dict[str, QAction]

    def show_item(self, item_id: int | None) -> None:
        """Call from ``MainWindow.on_item_shown``: the review panel follows the article shown."""
        self.review.set_article(item_id)


def install_case_features(window: MainWindow) -> CaseFeatures:
    editor = Editor(window.library, window.undo_stack, window.bus, window)
    editor.sig_error.connect(lambda text: window.status.message(text, 8000))

    def make_case_view(library, bus, win):  # noqa: ANN001, ANN202
        view = CaseView(library, undo_stack=win.undo_stack, bus=bus)
        view.sig_item_activated.connect(win.select_item)
        view.editor.sig_error.connect(lambda text: win.status.message(text, 8000))
        return view

    window.set_case_widget_factory(make_case_view)

    def add_to_case() -> None:
        ids = window.current_item_ids()
        if not ids:
            window.status.message("Select an article or entity first, then add it to a case.",
                                  4000)  # fmt: skip
            return
        case_id = ask_add_to_case(window, editor, ids, window.navigator.current_case_id())
        if case_id:
            n = len(ids)
            window.status.message(f"Added {n} item{'s' if n != 1 else ''} to the case.", 4000)

    def new_case() -> None:
        case_id = ask_new_case(window, editor)
        if case_id:
            window.navigator.select_case(case_id)

    def current_case() -> int | None:
        case_id = window.navigator.current_case_id()
        if case_id is None:
            window.status.message("Select a case in the navigator first.", 4000)
        return case_id

    def rename_case() -> None:
        if (case_id := current_case()) is not None:
            ask_rename_case(window, editor, case_id)

    def delete_case() -> None:
        if (case_id := current_case()) is not None and ask_delete_case(window, editor, case_id):
            window.navigator.select_section("articles")

    for action_id, handler in (("case.add", add_to_case), ("case.new", new_case),
                               ("case.rename", rename_case), ("case.delete", delete_case)):  # fmt: skip
        window.actions.set_handler(action_id, handler)

    review = ReviewPanel(window.library, undo_stack=window.undo_stack, bus=window.bus)
    review.sig_item_activated.connect(window.select_item)
    review.editor.sig_error.connect(lambda text: window.status.message(text, 8000))
    dock = QDockWidget("Review", window)
    dock.setObjectName("ReviewDock")
    dock.setWidget(review)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    for page in (window.list_page, window.case_page):
        page.sig_current_item_changed.connect(review.set_article)

    def shown_entity(verb: str) -> int | None:
        item_id = window.detail.item_id
        try:
            with window.library.session() as session:
                kind = get_ref(session, item_id).kind if item_id is not None else None
        except ItemNotFound:
            kind = None
        if kind is None or kind == ARTICLE:
            window.status.message(f"Select a person, organization or place to {verb} it.", 4000)
            return None
        return item_id

    def edit_entity() -> None:
        if (item_id := shown_entity("edit")) is not None:
            ask_edit_entity(window, editor, item_id)

    def merge_entity() -> None:
        if (item_id := shown_entity("merge")) is not None:
            ask_merge(window, editor, item_id)

    def split_alias() -> None:
        if (item_id := shown_entity("split")) is not None:
            new_id = ask_split_alias(window, editor, item_id)
            if new_id:
                window.select_item(new_id)

    def new_link() -> None:
        ask_new_link(window, editor, source_id=window.detail.item_id)

    actions: dict[str, QAction] = {}
    menu = window.findChild(QMenu, "menu:edit")
    for key, text, shortcut, icon_key, handler in (
        ("edit.entity", "Edit &entity…", "Ctrl+E", "rename", edit_entity),
        ("edit.merge", "&Merge entity…", "Ctrl+Shift+M", "merge", merge_entity),
        ("edit.split", "&Split alias out…", "", "remove", split_alias),
        ("edit.link", "New &link…", "Ctrl+L", "link", new_link),
    ):  # fmt: skip
        action = QAction(icon(icon_key, "#3e4652"), text, window)
        action.setObjectName(f"action:{key}")
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _c=False, fn=handler: fn())
        actions[key] = action
        window.addAction(action)
    if menu is not None:
        menu.addSeparator()
        menu.addActions(list(actions.values()))
    toggle = dock.toggleViewAction()
    toggle.setShortcut(QKeySequence("Ctrl+3"))
    view_menu = window.findChild(QMenu, "menu:view")
    if view_menu is not None:
        view_menu.addAction(toggle)
    return CaseFeatures(editor, review, dock, actions)
