"""Undo and redo of every edit: one QUndoCommand per service write, run through an ``Editor``.

Why an ``Editor``: a command's first run can fail (a duplicate case title, a link that already
exists). ``Editor.push`` runs the command once *before* it goes on the window's QUndoStack and
reports the error instead of leaving a command on the stack that never happened; the stack's
own call of ``redo()`` during ``push`` is then skipped. Later undo/redo run the service again
or its inverse. Every run announces the service's ``Changes`` on the window's ChangeBus, so
every view refreshes what it shows.

Service calls are single short transactions (milliseconds), so they run synchronously on the
GUI thread here; nothing long (import, re-extraction) is ever an undo command.

Use::

    editor = Editor(library, window.undo_stack, window.bus)
    editor.push(AddItemsCommand(editor, case_id, [12, 13]))   # True when it happened
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from desktop.services import cases, edit_support, editing, review
from desktop.services.changes import Changes
from desktop.services.library import get_article, get_entity
from desktop.store.db import Library, LibraryError

log = logging.getLogger(__name__)

#: what a service raises for an edit that cannot be made as asked (messages are for users)
EXPECTED_ERRORS = (ValueError, LookupError, LibraryError)
#: typing pauses closer together than this merge into one undo step
MERGE_WINDOW_S = 90.0


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
            changes = command.do()
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
        if self._primed:  # Editor.push already ran it
            self._primed = False
            return
        self._run(self.do)

    def undo(self) -> None:
        self._run(self.revert)

    def _run(self, fn: Callable[[], Changes | None]) -> None:
        try:
            changes = fn()
        except EXPECTED_ERRORS as exc:  # the library changed under us (another window, CLI)
            self.editor.report(exc)
            return
        self.editor.announce(changes)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


# --- case files -------------------------------------------------------------------------


class CreateCaseCommand(EditCommand):
    def __init__(self, editor: Editor, title: str, summary: str = "") -> None:
        super().__init__(editor, f"New case “{title}”")
        self.title, self.summary = title, summary
        self.case_id = 0
        self._snapshot: cases.CaseSnapshot | None = None

    def do(self) -> Changes:
        if self._snapshot is not None:  # redo after undo: the same case, same id
            return cases.restore_case(library=self.library, snapshot=self._snapshot)
        self.case_id, changes = cases.create_case(
            library=self.library, title=self.title, summary=self.summary
        )
        return changes

    def revert(self) -> Changes:
        self._snapshot, changes = cases.delete_case(library=self.library, case_id=self.case_id)
        return changes


class DeleteCaseCommand(EditCommand):
    def __init__(self, editor: Editor, case_id: int, title: str = "") -> None:
        super().__init__(editor, f"Delete case “{title}”" if title else "Delete case")
        self.case_id = case_id
        self.snapshot: cases.CaseSnapshot | None = None

    def do(self) -> Changes:
        self.snapshot, changes = cases.delete_case(library=self.library, case_id=self.case_id)
        return changes

    def revert(self) -> Changes:
        assert self.snapshot is not None
        return cases.restore_case(library=self.library, snapshot=self.snapshot)


class UpdateCaseCommand(EditCommand):
    """Title, status or summary of a case. Summary edits typed in one sitting merge."""

    FIELDS = ("title", "status", "summary")

    def __init__(
        self, editor: Editor, case_id: int, field: str, value: str,
        expected_version: int | None = None,
    ) -> None:  # fmt: skip
        if field not in self.FIELDS:
            raise ValueError(field)
        labels = {"title": "Rename case", "status": "Set case status", "summary": "Edit summary"}
        super().__init__(editor, labels[field])
        self.case_id, self.field, self.value = case_id, field, value
        # The version the edit was based on: checked the first time only (after an undo the
        # redo restores our own edit, which moved the version itself).
        self.expected_version = expected_version
        self.old: str | None = None
        self.stamp = time.monotonic()

    def id(self) -> int:
        return 4101 if self.field == "summary" else -1

    def do(self) -> Changes:
        if self.old is None:
            with self.library.session() as session:
                self.old = str(getattr(cases.get_case(session, self.case_id), self.field))
        expected, self.expected_version = self.expected_version, None
        return cases.update_case(library=self.library, case_id=self.case_id,
                                 expected_version=expected,
                                 **{self.field: self.value})  # fmt: skip

    def revert(self) -> Changes:
        return cases.update_case(library=self.library, case_id=self.case_id,
                                 **{self.field: self.old})  # fmt: skip

    def changed_nothing(self) -> bool:
        return self.old == self.value

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt's name
        if not isinstance(other, UpdateCaseCommand) or other.case_id != self.case_id:
            return False
        if other.field != self.field or other.stamp - self.stamp > MERGE_WINDOW_S:
            return False
        self.value, self.stamp = other.value, other.stamp
        self.setObsolete(self.value == self.old)
        return True


class SetItemNoteCommand(EditCommand):
    """The note on one item within a case; autosaves typed in one sitting merge."""

    def __init__(self, editor: Editor, case_id: int, item_id: int, note: str,
                 old: str | None = None) -> None:  # fmt: skip
        super().__init__(editor, "Edit note")
        self.case_id, self.item_id, self.note, self.old = case_id, item_id, note, old
        self.stamp = time.monotonic()

    def id(self) -> int:
        return 4102

    def do(self) -> Changes:
        if self.old is None:
            with self.library.session() as session:
                view = cases.get_case(session, self.case_id)
            self.old = next((e.note for e in view.items if e.item.id == self.item_id), "")
        return cases.set_item_note(library=self.library, case_id=self.case_id,
                                   item_id=self.item_id, note=self.note)  # fmt: skip

    def revert(self) -> Changes:
        return cases.set_item_note(library=self.library, case_id=self.case_id,
                                   item_id=self.item_id, note=self.old or "")  # fmt: skip

    def changed_nothing(self) -> bool:
        return self.old == self.note

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt's name
        if not isinstance(other, SetItemNoteCommand):
            return False
        if (other.case_id, other.item_id) != (self.case_id, self.item_id):
            return False
        if other.stamp - self.stamp > MERGE_WINDOW_S:
            return False
        self.note, self.stamp = other.note, other.stamp
        self.setObsolete(self.note == self.old)
        return True


class AddItemsCommand(EditCommand):
    def __init__(self, editor: Editor, case_id: int, item_ids: Sequence[int],
                 case_title: str = "") -> None:  # fmt: skip
        where = f" to “{case_title}”" if case_title else " to case"
        super().__init__(editor, f"Add {_plural(len(item_ids), 'item')}{where}")
        self.case_id, self.item_ids = case_id, list(item_ids)
        self.added: list[int] = []

    def do(self) -> Changes:
        self.added, changes = cases.add_items(
            library=self.library, case_id=self.case_id, item_ids=self.item_ids
        )
        return changes

    def revert(self) -> Changes:
        return cases.remove_items(library=self.library, case_id=self.case_id,
                                  item_ids=self.added)[1]  # fmt: skip

    def changed_nothing(self) -> bool:
        return not self.added


class RemoveItemsCommand(EditCommand):
    def __init__(self, editor: Editor, case_id: int, item_ids: Sequence[int]) -> None:
        super().__init__(editor, f"Remove {_plural(len(item_ids), 'item')} from case")
        self.case_id, self.item_ids = case_id, list(item_ids)
        self.snapshots: list[cases.CaseItemSnapshot] = []

    def do(self) -> Changes:
        self.snapshots, changes = cases.remove_items(
            library=self.library, case_id=self.case_id, item_ids=self.item_ids
        )
        return changes

    def revert(self) -> Changes:
        return cases.restore_items(library=self.library, case_id=self.case_id,
                                   items=self.snapshots)  # fmt: skip

    def changed_nothing(self) -> bool:
        return not self.snapshots


class ReorderItemsCommand(EditCommand):
    def __init__(self, editor: Editor, case_id: int, order: Sequence[int]) -> None:
        super().__init__(editor, "Reorder case items")
        self.case_id, self.order = case_id, list(order)
        self.previous: list[int] = []

    def do(self) -> Changes:
        self.previous, changes = cases.reorder_items(
            library=self.library, case_id=self.case_id, item_ids=self.order
        )
        return changes

    def revert(self) -> Changes:
        return cases.reorder_items(library=self.library, case_id=self.case_id,
                                   item_ids=self.previous)[1]  # fmt: skip

    def changed_nothing(self) -> bool:
        head = self.previous[: len(self.order)]
        return head == self.order


class PinItemsCommand(EditCommand):
    def __init__(self, editor: Editor, case_id: int, item_ids: Sequence[int], pinned: bool) -> None:
        verb = "Pin" if pinned else "Unpin"
        super().__init__(editor, f"{verb} {_plural(len(item_ids), 'item')}")
        self.case_id, self.item_ids, self.pinned = case_id, list(item_ids), pinned
        self.previous: dict[int, bool] = {}

    def _set(self, values: dict[int, bool]) -> Changes:
        changes = Changes(cases={self.case_id})
        for item_id, pinned in values.items():
            changes = changes | cases.set_pinned(
                library=self.library, case_id=self.case_id, item_id=item_id, pinned=pinned
            )
        return changes

    def do(self) -> Changes:
        if not self.previous:
            with self.library.session() as session:
                view = cases.get_case(session, self.case_id)
            self.previous = {e.item.id: e.pinned for e in view.items if e.item.id in self.item_ids}
        return self._set({i: self.pinned for i in self.previous})

    def revert(self) -> Changes:
        return self._set(self.previous)

    def changed_nothing(self) -> bool:
        return all(p == self.pinned for p in self.previous.values())


# --- entities -----------------------------------------------------------------------------


class RenameEntityCommand(EditCommand):
    """Undo restores the old name and the alias list exactly (a rename adds an alias)."""

    def __init__(
        self, editor: Editor, entity_id: int, name: str, expected_version: int | None = None
    ) -> None:
        super().__init__(editor, f"Rename to “{name}”")
        self.entity_id, self.name = entity_id, name
        self.expected_version = expected_version  # checked on the first run only
        self.old = ""
        self.old_aliases: tuple[str, ...] | None = None

    def do(self) -> Changes:
        if self.old_aliases is None:
            with self.library.session() as session:
                self.old_aliases = get_entity(session, self.entity_id).aliases
        expected, self.expected_version = self.expected_version, None
        self.old, changes = editing.rename_entity(
            library=self.library, entity_id=self.entity_id, name=self.name,
            expected_version=expected,
        )  # fmt: skip
        return changes

    def revert(self) -> Changes:
        changes = editing.rename_entity(library=self.library, entity_id=self.entity_id,
                                        name=self.old)[1]  # fmt: skip
        aliases = [a for a in self.old_aliases or () if a != self.old]
        return (
            changes
            | editing.set_aliases(library=self.library, entity_id=self.entity_id, aliases=aliases)[
                1
            ]
        )

    def changed_nothing(self) -> bool:
        return self.old == self.name


class ChangeKindCommand(EditCommand):
    def __init__(self, editor: Editor, entity_id: int, kind: str) -> None:
        super().__init__(editor, f"Change kind to {kind}")
        self.entity_id, self.kind, self.old = entity_id, kind, ""

    def do(self) -> Changes:
        self.old, changes = editing.change_kind(
            library=self.library, entity_id=self.entity_id, kind=self.kind
        )
        return changes

    def revert(self) -> Changes:
        return editing.change_kind(library=self.library, entity_id=self.entity_id,
                                   kind=self.old)[1]  # fmt: skip

    def changed_nothing(self) -> bool:
        return self.old == self.kind


class SetAliasesCommand(EditCommand):
    def __init__(self, editor: Editor, entity_id: int, aliases: Sequence[str]) -> None:
        super().__init__(editor, "Edit aliases")
        self.entity_id, self.aliases = entity_id, list(aliases)
        self.previous: list[str] = []

    def do(self) -> Changes:
        self.previous, changes = editing.set_aliases(
            library=self.library, entity_id=self.entity_id, aliases=self.aliases
        )
        return changes

    def revert(self) -> Changes:
        return editing.set_aliases(library=self.library, entity_id=self.entity_id,
                                   aliases=self.previous)[1]  # fmt: skip

    def changed_nothing(self) -> bool:
        return sorted(self.previous) == sorted(a for a in self.aliases if a.strip())


class SetDetailsCommand(EditCommand):
    def __init__(self, editor: Editor, entity_id: int, role: str | None,
                 affiliation: str | None) -> None:  # fmt: skip
        super().__init__(editor, "Edit role and affiliation")
        self.entity_id, self.values = entity_id, (role or None, affiliation or None)
        self.previous: tuple[str | None, str | None] = (None, None)

    def do(self) -> Changes:
        self.previous, changes = editing.set_details(
            library=self.library, entity_id=self.entity_id, role=self.values[0],
            affiliation=self.values[1],
        )  # fmt: skip
        return changes

    def revert(self) -> Changes:
        return editing.set_details(library=self.library, entity_id=self.entity_id,
                                   role=self.previous[0], affiliation=self.previous[1])[1]  # fmt: skip

    def changed_nothing(self) -> bool:
        return self.previous == self.values


class _RecordCommand(EditCommand):
    """Merge, split and delete: undo restores the captured before-image exactly."""

    record: editing.EditRecord | None = None

    def revert(self) -> Changes:
        assert self.record is not None
        return editing.undo_edit(library=self.library, record=self.record)


class MergeEntitiesCommand(_RecordCommand):
    def __init__(self, editor: Editor, keep_id: int, merge_id: int, text: str = "") -> None:
        super().__init__(editor, text or "Merge entities")
        self.keep_id, self.merge_id = keep_id, merge_id

    def do(self) -> Changes:
        self.record, changes = editing.merge_entities(
            library=self.library, keep_id=self.keep_id, merge_id=self.merge_id
        )
        return changes


class SplitAliasCommand(_RecordCommand):
    def __init__(self, editor: Editor, entity_id: int, alias: str) -> None:
        super().__init__(editor, f"Split “{alias}” out")
        self.entity_id, self.alias = entity_id, alias
        self.new_id = 0

    def do(self) -> Changes:
        self.new_id, self.record, changes = editing.split_alias(
            library=self.library, entity_id=self.entity_id, alias=self.alias
        )
        return changes


class DeleteEntityCommand(_RecordCommand):
    def __init__(self, editor: Editor, entity_id: int, name: str = "") -> None:
        super().__init__(editor, f"Delete “{name}”" if name else "Delete entity")
        self.entity_id = entity_id

    def do(self) -> Changes:
        self.record, changes = editing.delete_entity(library=self.library, entity_id=self.entity_id)
        return changes


# --- links --------------------------------------------------------------------------------


class CreateLinkCommand(EditCommand):
    def __init__(self, editor: Editor, source_id: int, target_id: int, kind: str, *,
                 label: str = "", note: str | None = None,
                 evidence: tuple[int, str] | None = None) -> None:  # fmt: skip
        super().__init__(editor, "Add link")
        self.args = dict(source_id=source_id, target_id=target_id, kind=kind, label=label,
                         note=note or None, evidence=evidence)  # fmt: skip
        self.link_id = 0
        self._snapshot: editing.LinkSnapshot | None = None

    def do(self) -> Changes:
        if self._snapshot is not None:  # redo after undo: the same link, same id
            return editing.restore_link(library=self.library, snapshot=self._snapshot)
        self.link_id, changes = editing.create_link(library=self.library, **self.args)  # type: ignore[arg-type]
        return changes

    def revert(self) -> Changes:
        self._snapshot, changes = editing.delete_link(library=self.library, link_id=self.link_id)
        return changes


class UpdateLinkCommand(EditCommand):
    def __init__(self, editor: Editor, link_id: int, **fields: str | None) -> None:
        super().__init__(editor, "Edit link")
        self.link_id = link_id
        self.fields = {k: v for k, v in fields.items() if v is not None}
        self.previous: dict[str, Any] = {}

    def do(self) -> Changes:
        self.previous, changes = editing.update_link(
            library=self.library, link_id=self.link_id, **self.fields
        )
        return changes

    def revert(self) -> Changes:
        return edit_support.restore_link_fields(
            library=self.library, link_id=self.link_id, fields=self.previous
        )

    def changed_nothing(self) -> bool:
        return all(self.previous.get(k) == v for k, v in self.fields.items())


class DeleteLinkCommand(EditCommand):
    def __init__(self, editor: Editor, link_id: int) -> None:
        super().__init__(editor, "Delete link")
        self.link_id = link_id
        self.snapshot: editing.LinkSnapshot | None = None

    def do(self) -> Changes:
        self.snapshot, changes = editing.delete_link(library=self.library, link_id=self.link_id)
        return changes

    def revert(self) -> Changes:
        assert self.snapshot is not None
        return editing.restore_link(library=self.library, snapshot=self.snapshot)


# --- review -------------------------------------------------------------------------------


class SetSuggestionStatusCommand(EditCommand):
    """Confirm or reject suggestions; undo puts back each one's previous status."""

    def __init__(self, editor: Editor, link_ids: Sequence[int], status: str) -> None:
        verb = {"confirmed": "Confirm", "rejected": "Reject"}.get(status, "Set status of")
        super().__init__(editor, f"{verb} {_plural(len(link_ids), 'suggestion')}")
        self.link_ids, self.status = list(link_ids), status
        self.previous: dict[int, str] = {}

    def do(self) -> Changes:
        self.previous, changes = review.set_status(
            library=self.library, link_ids=self.link_ids, status=self.status
        )
        return changes

    def revert(self) -> Changes:
        return review.restore_statuses(library=self.library, previous=self.previous)

    def changed_nothing(self) -> bool:
        return all(s == self.status for s in self.previous.values())


class MarkReviewedCommand(EditCommand):
    def __init__(self, editor: Editor, article_ids: Sequence[int], reviewed: bool = True) -> None:
        n = len(article_ids)
        what = "article" if n == 1 else _plural(n, "article")
        super().__init__(editor, f"Mark {what} {'reviewed' if reviewed else 'unreviewed'}")
        self.article_ids, self.reviewed = list(article_ids), reviewed
        self.previous: dict[int, bool] | None = None

    def do(self) -> Changes:
        if self.previous is None:
            with self.library.session() as session:
                self.previous = {a: get_article(session, a).reviewed for a in self.article_ids}
        return review.mark_reviewed(library=self.library, article_ids=self.article_ids,
                                    reviewed=self.reviewed)  # fmt: skip

    def revert(self) -> Changes:
        assert self.previous is not None
        changes = Changes()
        for value in (True, False):
            ids = [a for a, was in self.previous.items() if was is value]
            if ids:
                changes = changes | review.mark_reviewed(
                    library=self.library, article_ids=ids, reviewed=value
                )
        return changes

    def changed_nothing(self) -> bool:
        return self.previous is not None and all(v == self.reviewed for v in self.previous.values())
