"""The one action registry: every command is declared once here (text, icon, shortcut,
handler, menu) and used by the menus, the toolbar and the quick-open palette.

Handlers are method names on the object the registry is built for (the main window). Any
handler can be replaced from outside with ``set_handler`` — the seam through which features
(print, cases and entity edits) plug in; a command whose handler is neither a method of the
window nor installed does nothing but log, so a missing feature never crashes a shortcut.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar, QToolBar, QWidget

from desktop.ui.icons import icon

Key = QKeySequence.StandardKey
log = logging.getLogger(__name__)

MENUS: tuple[tuple[str, str], ...] = (
    ("file", "&File"),
    ("edit", "&Edit"),
    ("view", "&View"),
    ("case", "&Case"),
    ("help", "&Help"),
)


@dataclass(frozen=True, slots=True)
class ActionSpec:
    id: str
    text: str
    menu: str
    handler: str
    icon: str | None = None
    shortcut: Key | str | None = None
    tip: str = ""
    toolbar: bool = False
    checkable: bool = False
    separator_before: bool = False

    @property
    def plain_text(self) -> str:
        return self.text.replace("&", "").replace("…", "").strip()


ACTIONS: tuple[ActionSpec, ...] = (
    # File
    ActionSpec(
        "file.import",
        "&Import…",
        "file",
        "on_import_files",
        "import",
        "Ctrl+I",
        "Import article files (.txt, .md, .html)",
        toolbar=True,
    ),
    ActionSpec(
        "file.import_folder",
        "Import &folder…",
        "file",
        "on_import_folder",
        "import-folder",
        "Ctrl+Shift+I",
        "Import every article file in a folder",
    ),
    ActionSpec(
        "file.print",
        "&Print…",
        "file",
        "on_print",
        "print",
        Key.Print,
        "Print the current case",
        toolbar=True,
        separator_before=True,
    ),
    ActionSpec("file.print_preview", "Print pre&view", "file", "on_print_preview", "print-preview"),
    ActionSpec("file.save_pdf", "Save as P&DF…", "file", "on_save_pdf", "pdf"),
    ActionSpec(
        "file.export_case",
        "&Export case…",
        "file",
        "on_export_case",
        "export",
        separator_before=True,
    ),
    ActionSpec(
        "file.open_shared",
        "Open &shared library…",
        "file",
        "on_open_shared_library",
        tip="Open a team library on a PostgreSQL server in a new window",
    ),
    ActionSpec("file.backup", "&Back up library…", "file", "on_backup", "backup"),
    ActionSpec("file.quit", "&Quit", "file", "on_quit", "quit", Key.Quit, separator_before=True),
    # Edit
    ActionSpec("edit.undo", "&Undo", "edit", "on_undo", "undo", Key.Undo, toolbar=True),
    ActionSpec("edit.redo", "&Redo", "edit", "on_redo", "redo", "Ctrl+Shift+Z", toolbar=True),
    ActionSpec(
        "edit.find",
        "&Find…",
        "edit",
        "on_find",
        "search",
        Key.Find,
        "Search articles, entities and notes",
        separator_before=True,
    ),
    ActionSpec(
        "edit.quick_open",
        "&Quick open…",
        "edit",
        "on_quick_open",
        "quick-open",
        "Ctrl+K",
        "Jump to any item, case or command by name",
    ),
    ActionSpec(
        "edit.entity",
        "Edit &entity…",
        "edit",
        "on_edit_entity",
        "rename",
        "Ctrl+E",
        "Rename the entity shown, change its kind or edit its aliases; for an article, "
        "its date, outlet and dateline",
        separator_before=True,
    ),
    ActionSpec(
        "edit.merge",
        "&Merge entity…",
        "edit",
        "on_merge_entity",
        "merge",
        "Ctrl+Shift+M",
        "Merge the entity shown into another (its name becomes an alias)",
    ),
    ActionSpec(
        "edit.split",
        "&Split alias out…",
        "edit",
        "on_split_alias",
        "remove",
        tip="Make one alias of the entity shown an entity of its own",
    ),
    ActionSpec(
        "edit.link",
        "New &link…",
        "edit",
        "on_new_link",
        "link",
        "Ctrl+L",
        "Link the item shown to another item by hand",
    ),
    # View
    ActionSpec(
        "view.navigator",
        "&Navigator",
        "view",
        "on_toggle_navigator",
        "library",
        "Ctrl+1",
        checkable=True,
    ),
    ActionSpec(
        "view.connections",
        "&Connections panel",
        "view",
        "on_toggle_connections",
        "graph",
        "F9",
        "Show how the selected item connects",
        toolbar=True,
        checkable=True,
    ),
    ActionSpec(
        "view.search",
        "&Search panel",
        "view",
        "on_toggle_search",
        "search",
        "Ctrl+2",
        checkable=True,
    ),
    ActionSpec(
        "view.review",
        "&Review panel",
        "view",
        "on_toggle_review",
        "inbox",
        "Ctrl+3",
        "Confirm or reject the suggestions of the article shown",
        checkable=True,
    ),
    ActionSpec(
        "view.refresh",
        "Re&fresh",
        "view",
        "on_refresh",
        "refresh",
        Key.Refresh,
        "Read everything shown again from the library (changes made elsewhere show by "
        "themselves within seconds)",
        separator_before=True,
    ),
    ActionSpec(
        "view.reset_layout",
        "&Reset layout",
        "view",
        "on_reset_layout",
        "layout",
        separator_before=True,
    ),
    # Case
    ActionSpec(
        "case.new",
        "&New case…",
        "case",
        "on_new_case",
        "new-case",
        Key.New,
        "Create a case file",
        toolbar=True,
    ),
    ActionSpec(
        "case.add",
        "&Add to case…",
        "case",
        "on_add_to_case",
        "add-to-case",
        "Ctrl+D",
        "Add the selected items to a case file",
        toolbar=True,
    ),
    ActionSpec(
        "case.rename",
        "&Rename case…",
        "case",
        "on_rename_case",
        "rename",
        "F2",
        separator_before=True,
    ),
    ActionSpec("case.delete", "&Delete case", "case", "on_delete_case", "delete"),
    # Help
    ActionSpec("help.about", "&About Casefile", "help", "on_about", "about"),
)

#: toolbar order; None is a separator
TOOLBAR: tuple[str | None, ...] = (
    "file.import", None, "case.new", "case.add", None, "edit.undo", "edit.redo", None,
    "file.print", "view.connections",
)  # fmt: skip


class ActionRegistry:
    """QActions for every spec, owned by ``target`` (the window) and wired to its handlers."""

    def __init__(self, target: QWidget, specs: tuple[ActionSpec, ...] = ACTIONS) -> None:
        self._target = target
        self._specs = {spec.id: spec for spec in specs}
        self._actions: dict[str, QAction] = {}
        self._overrides: dict[str, Callable[[], object]] = {}
        for spec in specs:
            self._actions[spec.id] = self._make(spec)

    def _make(self, spec: ActionSpec) -> QAction:
        action = QAction(spec.text, self._target)
        action.setObjectName(f"action:{spec.id}")
        if spec.icon:
            action.setIcon(icon(spec.icon, "#3e4652"))
        if isinstance(spec.shortcut, Key):
            action.setShortcuts(spec.shortcut)
        elif spec.shortcut:
            action.setShortcut(QKeySequence(spec.shortcut))
        tip = spec.tip or spec.plain_text
        shortcut = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        action.setToolTip(f"{tip} ({shortcut})" if shortcut else tip)
        action.setStatusTip(tip)
        action.setCheckable(spec.checkable)
        action.triggered.connect(lambda _checked=False, i=spec.id: self.trigger(i))
        return action

    # --- lookup and dispatch ------------------------------------------------------------
    def action(self, action_id: str) -> QAction:
        return self._actions[action_id]

    def spec(self, action_id: str) -> ActionSpec:
        return self._specs[action_id]

    def ids(self) -> list[str]:
        """Every command's id, in declaration order."""
        return list(self._specs)

    def __contains__(self, action_id: str) -> bool:
        return action_id in self._actions

    def commands(self) -> list[tuple[str, str]]:
        """(id, text) of every enabled command, for the quick-open palette."""
        return [
            (spec.id, spec.plain_text)
            for spec in self._specs.values()
            if self._actions[spec.id].isEnabled()
        ]

    def trigger(self, action_id: str) -> None:
        """Run a command by id (menus, toolbar, shortcuts and the palette all come here)."""
        if action_id in self._overrides:
            self._overrides[action_id]()
            return
        handler = getattr(self._target, self._specs[action_id].handler, None)
        if handler is None:
            log.warning("no handler installed for %s", action_id)
            return
        handler()

    def set_handler(self, action_id: str, handler: Callable[[], object]) -> None:
        """Replace what a command does (feature modules plug in here)."""
        if action_id not in self._specs:
            raise KeyError(action_id)
        self._overrides[action_id] = handler

    # --- menus and toolbar --------------------------------------------------------------
    def build_menus(self, bar: QMenuBar) -> dict[str, QMenu]:
        menus: dict[str, QMenu] = {}
        for key, title in MENUS:
            menu = bar.addMenu(title)
            menu.setObjectName(f"menu:{key}")
            menus[key] = menu
        for spec in self._specs.values():
            menu = menus[spec.menu]
            if spec.separator_before and not menu.isEmpty():
                menu.addSeparator()
            menu.addAction(self._actions[spec.id])
        return menus

    def build_toolbar(self, toolbar: QToolBar) -> None:
        for action_id in TOOLBAR:
            if action_id is None:
                toolbar.addSeparator()
            else:
                toolbar.addAction(self._actions[action_id])
