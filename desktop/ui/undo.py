"""Undo and redo of every edit: one QUndoCommand per service write, run through an ``Editor``.

Why an ``Editor``: a command's first run can fail (a duplicate case title, a link that already
exists). ``Editor.push`` runs the command once *before* it goes on the window's QUndoStack and
reports the error instead of leaving a command on the stack that never happened; the stack's
own call of ``redo()`` during ``push`` is then skipped. Later undo/redo run the service again
or its inverse. Every run announces the service's ``Changes`` on the window's ChangeBus, so
every view refreshes what it shows.

Service calls are single short transactions (milliseconds), but one can wait on a lock another
window or process holds (PostgreSQL up to 5 s): ``run_edit`` runs each on the edit thread while
the GUI thread keeps painting (a busy cursor past 150 ms) and takes no input, so ``push`` still
returns when the edit is made. Nothing long (import, re-extraction) is ever an undo command.

Use::

    from desktop.ui.cases.commands import AddItemsCommand

    editor = Editor(library, window.undo_stack, window.bus)
    editor.push(AddItemsCommand(editor, case_id, [12, 13]))   # True when it happened

The commands live beside what they edit: case files in ``desktop/ui/cases/commands.py``,
entities, links and review in ``desktop/ui/edit/commands.py``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from desktop.services.changes import Changes
from desktop.store.db import Library, LibraryError
from desktop.ui.workers import edit_pool, wait_off_gui

log = logging.getLogger(__name__)

#: what a service raises for an edit that cannot be made as asked (messages are for users)
EXPECTED_ERRORS = (ValueError, LookupError, LibraryError)
#: typing pauses closer together than this merge into one undo step
MERGE_WINDOW_S = 90.0


def run_edit(fn: Callable[[], Changes | None]) -> Changes | None:
    """One service call of an edit, off the GUI thread (see ``wait_off_gui``)."""
    result: Changes | None = wait_off_gui(fn, pool=edit_pool())
    return result


class Editor(QObject):
    """Runs commands against one library, pushes them on one stack, announces on one bus."""

    #: a user-readable message when an edit (or its undo) could not be made
    sig_error = Signal(str)

    def __init__(
        self, library: Library, undo_stack: QUndoStack | None = None, bus: Any = None,
        parent: QObject | None = None,
    ) -> None:  # fmt: skip
        super().__init__(parent)
        self.library = library
        self.undo_stack = undo_stack if undo_stack is not None else QUndoStack(self)
        self.bus = bus

    def announce(self, changes: Changes | None) -> None:
        if self.bus is not None and changes:
            self.bus.announce(changes)

    def report(self, exc: BaseException) -> None:
        log.info("edit refused: %s", exc)
        self.sig_error.emit(str(exc) or type(exc).__name__)

    def push(self, command: EditCommand) -> bool:
        """Run the command now; on success put it on the stack. False (and sig_error) when the
        service refused it. A command that changed nothing is not pushed."""
        try:
            changes = run_edit(command.do)
        except EXPECTED_ERRORS as exc:
            self.report(exc)
            return False
        if command.changed_nothing():
            self.announce(changes)
            return True
        command._primed = True
        self.undo_stack.push(command)
        self.announce(changes)
        return True

    def macro(self, text: str) -> _Macro:
        """``with editor.macro("Edit X"): editor.push(...); ...`` makes one undo step."""
        return _Macro(self.undo_stack, text)


class _Macro:
    def __init__(self, stack: QUndoStack, text: str) -> None:
        self._stack, self._text = stack, text

    def __enter__(self) -> None:
        self._stack.beginMacro(self._text)

    def __exit__(self, *_exc: object) -> None:
        self._stack.endMacro()


class EditCommand(QUndoCommand):
    """``do()`` makes the edit (first run and redo), ``revert()`` undoes it; both return the
    service's Changes."""

    def __init__(self, editor: Editor, text: str) -> None:
        super().__init__(text)
        self.editor = editor
        self.library = editor.library
        self._primed = False

    def do(self) -> Changes | None:
        raise NotImplementedError

    def revert(self) -> Changes | None:
        raise NotImplementedError

    def changed_nothing(self) -> bool:
        return False

    def redo(self) -> None:
        if self._primed:  # Editor.push or step() already ran it
            self._primed = False
            return
        self._run(self.do)

    def undo(self) -> None:
        if self._primed:  # step() already ran it
            self._primed = False
            return
        self._run(self.revert)

    def _run(self, fn: Callable[[], Changes | None]) -> None:
        try:
            changes = run_edit(fn)
        except EXPECTED_ERRORS as exc:  # the library changed under us (another window, CLI)
            self.editor.report(exc)
            return
        self.editor.announce(changes)


def step(stack: QUndoStack, *, undo: bool) -> bool:
    """Undo (or redo) the stack's next command so that a refusal leaves the stack where it is.

    QUndoStack moves its index whatever the command's undo did; here the command runs first
    (for a macro, each part in order, those already run put back if a later one is refused)
    and the stack moves only when it succeeded, skipping the run it would make itself. False
    (and the message on the command's editor) when refused.
    """
    index = stack.index() - 1 if undo else stack.index()
    if not 0 <= index < stack.count():
        return False
    top = stack.command(index)
    parts = (
        [top] if isinstance(top, EditCommand) else [top.child(i) for i in range(top.childCount())]
    )
    if not parts or not all(isinstance(p, EditCommand) for p in parts):
        stack.undo() if undo else stack.redo()
        return True
    commands: list[EditCommand] = [p for p in parts if isinstance(p, EditCommand)]
    if undo:
        commands.reverse()
    done: list[tuple[EditCommand, Changes | None]] = []
    for command in commands:
        try:
            done.append((command, run_edit(command.revert if undo else command.do)))
        except EXPECTED_ERRORS as exc:
            for ran, _ in reversed(done):  # put back what this step already did
                try:
                    run_edit(ran.do if undo else ran.revert)
                except EXPECTED_ERRORS as again:
                    log.warning("could not put back %s: %s", ran.text(), again)
            command.editor.report(exc)
            return False
    for command, _ in done:
        command._primed = True
    stack.undo() if undo else stack.redo()
    for command, changes in done:
        command.editor.announce(changes)
    return True


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"
