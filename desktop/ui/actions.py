"""The one action registry: every command is declared once here (text, icon, shortcut,
handler, menu) and used by the menus, the toolbar and the quick-open palette.

Handlers are callables bound with ``set_handler``: the main window binds its own methods,
features (print, cases and entity edits, watch lists) bind theirs when the library is attached;
``check_handlers`` then raises ``MissingHandler`` for any command left unbound, so a handler
removed or misspelt fails at start-up (and in tests/ui/test_every_action.py), not when a user
picks the menu.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QMenu, QMenuBar, QToolBar, QWidget
from shiboken6 import isValid

from desktop.ui.icons import NEUTRAL, icon

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
    icon: str | None = None
    shortcut: Key | str | None = None
    tip: str = ""
    toolbar: bool = False
    checkable: bool = False
    separator_before: bool = False
    submenu: str = ""  # shown in a submenu of ``menu`` with this title (View › Theme)

    @property
    def plain_text(self) -> str:
        return self.text.replace("&", "").replace("…", "").strip()


ACTIONS: tuple[ActionSpec, ...] = (
    # File
    ActionSpec(
        "file.import",
        "&Import…",
        "file",
        "import",
        "Ctrl+I",
        "Import article files (.txt, .md, .html)",
        toolbar=True,
    ),
    ActionSpec(
        "file.import_folder",
        "Import &folder…",
        "file",
        "import-folder",
        "Ctrl+Shift+I",
        "Import every article file in a folder",
    ),
    ActionSpec(
        "file.print",
        "&Print…",
        "file",
        "print",
        Key.Print,
        "Print the current case",
        toolbar=True,
        separator_before=True,
    ),
    ActionSpec("file.print_preview", "Print pre&view", "file", "print-preview"),
    ActionSpec("file.save_pdf", "Save as P&DF…", "file", "odf"),
    ActionSpec(
        "file.export_case",
        "&Export case…",
        "file",
        "export",
        separator_before=True,
    ),
    ActionSpec(
        "file.open_shared",
        "Open &shared library…",
        "file",
        tip="Open a team library on a PostgreSQL server in a new window",
    ),
    ActionSpec("file.backup", "&Back up library…", "file", "oackup"),
    ActionSpec(
        "file.remove_demo",
        "Remove &demo data…",
        "file",
        "delete",
        tip="Remove the demo's articles, entities and case; your own stay",
    ),
    ActionSpec("file.quit", "&Quit", "file", "quit", Key.Quit, separator_before=True),
    # Edit
    ActionSpec("edit.undo", "&Undo", "edit", "undo", Key.Undo, toolbar=True),
    ActionSpec("edit.redo", "&Redo", "edit", "redo", "Ctrl+Shift+Z", toolbar=True),
    ActionSpec(
        "edit.find",
        "&Find…",
        "edit",
        "search",
        Key.Find,
        "Search articles, entities and notes",
        separator_before=True,
    ),
    ActionSpec(
        "edit.quick_open",
        "&Quick open…",
        "edit",
        "quick-open",
        "Ctrl+K",
        "Jump to any item, case or command by name",
    ),
    ActionSpec(
        "edit.entity",
        "Edit &entity…",
        "edit",
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
        "merge",
        "Ctrl+Shift+M",
        "Merge the entity shown into another (its name becomes an alias)",
    ),
    ActionSpec(
        "edit.split",
        "&Split alias out…",
        "edit",
        "remove",
        tip="Make one alias of the entity shown an entity of its own",
    ),
    ActionSpec(
        "edit.link",
        "New &link…",
        "edit",
        "link",
        "Ctrl+L",
        "Link the item shown to another item by hand",
    ),
    ActionSpec(
        "edit.settings",
        "Se&ttings…",
        "edit",
        "settings",
        "Ctrl+,",
        "The library's settings: names never to suggest",
        separator_before=True,
    ),
    # View
    ActionSpec(
        "view.navigator",
        "&Navigator",
        "view",
        "library",
        "Ctrl+1",
        checkable=True,
    ),
    ActionSpec(
        "view.connections",
        "&Connections panel",
        "view",
        "graph",
        "F9",
        "Show how the selected item connects",
        toolbar=True,
        checkable=True,
    ),
    ActionSpec(
        "view.timeline",
        "&Timeline panel",
        "view",
        "timeline",
        "Ctrl+4",
        "Show when things happened, for the selected item or the open case",
        checkable=True,
    ),
    ActionSpec(
        "view.search",
        "&Search results",
        "view",
        "search",
        "Ctrl+2",
        "Search results in the main area; Escape goes back to where you were",
        checkable=True,
    ),
    ActionSpec(
        "view.review",
        "&Review panel",
        "view",
        "inbox",
        "Ctrl+3",
        "Confirm or reject the suggestions of the article shown",
        checkable=True,
    ),
    ActionSpec(
        "view.refresh",
        "Re&fresh",
        "view",
        "refresh",
        Key.Refresh,
        "Read everything shown again from the library (changes made elsewhere show by "
        "themselves within seconds)",
        separator_before=True,
    ),
    ActionSpec(
        "view.theme_system",
        "&System",
        "view",
        tip="Theme: follow the system's light or dark colour scheme",
        checkable=True,
        separator_before=True,
        submenu="&Theme",
    ),
    ActionSpec(
        "view.theme_light", "&Light", "view", tip="Theme: light", checkable=True, submenu="&Theme"
    ),
    ActionSpec(
        "view.theme_dark", "&Dark", "view", tip="Theme: dark", checkable=True, submenu="&Theme"
    ),
    ActionSpec(
        "view.reset_layout",
        "&Reset layout",
        "view",
        "layout",
        separator_before=True,
    ),
    # Case
    ActionSpec(
        "case.new",
        "&New case…",
        "case",
        "new-case",
        Key.New,
        "Create a case file",
        toolbar=True,
    ),
    ActionSpec(
        "case.add",
        "&Add to case…",
        "case",
        "add-to-case",
        "Ctrl+D",
        "Add the selected items to a case file",
        toolbar=True,
    ),
    ActionSpec(
        "case.rename",
        "&Rename case…",
        "case",
        "rename",
        "F2",
        separator_before=True,
    ),
    ActionSpec("case.delete", "&Delete case", "case", "delete"),
    # Help
    ActionSpec(
        "help.shortcuts",
        "&Keyboard shortcuts",
        "help",
        "quick-open",
        "Ctrl+/",
        "Every command and its keys, searchable",
    ),
    ActionSpec("help.about", "&About Casefile", "help", "about"),
)

#: toolbar order; None is a separator
TOOLBAR: tuple[str | None, ...] = (
    "file.import", None, "case.new", "case.add", None, "edit.undo", "edit.redo", None,
    "file.print", "view.connections",
)  # fmt: skip


def restore_focus(widget: QWidget | None) -> None:
    """Give the keyboard back to ``widget`` after a dialog closed, unless the command moved
    it on purpose: the window's shortcuts then work at once, without a click."""
    if widget is None or not isValid(widget) or not widget.window().isVisible():
        return
    now = QApplication.focusWidget()
    if now is not None and now.isVisible():
        return  # where the command put it, or a window that stays open
    widget.window().activateWindow()
    if widget.isVisible():
        widget.setFocus(Qt.FocusReason.PopupFocusReason)


def set_step_text(action: QAction, verb: str, what: str) -> None:
    """ "Undo Add to “R&D”": the menu names the step ("&" kept, not taken as a mnemonic); the
    toolbar button keeps its short label, so the toolbar does not shift, and its tooltip
    says it all."""
    full = f"{verb} {what.replace('&', '&&')}".strip()
    action.setText(full)
    action.setIconText(verb.replace("&", ""))
    keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    tip = f"{verb.replace('&', '')} {what}".strip()
    action.setToolTip(f"{tip} ({keys})" if keys else tip)


class MissingHandler(LookupError):
    """Commands declared in ACTIONS that nothing bound a handler to."""


class ActionRegistry:
    """QActions for every spec, owned by ``target`` (the window) and wired to its handlers."""

    def __init__(self, target: QWidget, specs: tuple[ActionSpec, ...] = ACTIONS) -> None:
        self._target = target
        self._specs = {spec.id: spec for spec in specs}
        self._actions: dict[str, QAction] = {}
        self._handlers: dict[str, Callable[[], object]] = {}
        for spec in specs:
            self._actions[spec.id] = self._make(spec)

    def _make(self, spec: ActionSpec) -> QAction:
        action = QAction(spec.text, self._target)
        action.setObjectName(f"action:{spec.id}")
        if spec.icon:
            action.setIcon(icon(spec.icon, NEUTRAL))
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
        handler = self._handlers.get(action_id)
        if handler is None:  # only before check_handlers ran (the frame, library not open)
            log.warning("no handler installed for %s", action_id)
            return
        # the window's focus widget when no window is active (a palette just closed)
        before = QApplication.focusWidget() or self._target.window().focusWidget()
        handler()
        restore_focus(before)

    def set_handler(self, action_id: str, handler: Callable[[], object]) -> None:
        """Bind (or replace) what a command does."""
        if action_id not in self._specs:
            raise KeyError(action_id)
        self._handlers[action_id] = handler

    def set_handlers(self, handlers: dict[str, Callable[[], object]]) -> None:
        for action_id, handler in handlers.items():
            self.set_handler(action_id, handler)

    def unbound(self) -> list[str]:
        """Commands with no handler, in declaration order."""
        return [action_id for action_id in self._specs if action_id not in self._handlers]

    def check_handlers(self) -> None:
        """Raise ``MissingHandler`` naming every command nothing is bound to."""
        missing = self.unbound()
        if missing:
            raise MissingHandler(f"no handler for {', '.join(missing)}")

    # --- menus and toolbar --------------------------------------------------------------
    def build_menus(self, bar: QMenuBar) -> dict[str, QMenu]:
        menus: dict[str, QMenu] = {}
        for key, title in MENUS:
            menu = bar.addMenu(title)
            menu.setObjectName(f"menu:{key}")
            menus[key] = menu
        subs: dict[tuple[str, str], QMenu] = {}
        for spec in self._specs.values():
            menu = menus[spec.menu]
            if spec.submenu:
                if (spec.menu, spec.submenu) not in subs:
                    if spec.separator_before and not menu.isEmpty():
                        menu.addSeparator()
                    subs[spec.menu, spec.submenu] = menu.addMenu(spec.submenu)
                subs[spec.menu, spec.submenu].addAction(self._actions[spec.id])
                continue
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
