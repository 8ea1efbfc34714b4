"""Undoable edits of case files: one command per case service write.

They live with the case page and dialogs that push them, apart from the undo machinery in
``desktop/ui/undo.py`` (Editor, EditCommand) that every kind of edit shares.
"""

from __future__ import annotations

import time
from collections.abc import Sequence

from PySide6.QtGui import QUndoCommand

from desktop.services import cases
from desktop.services.changes import Changes, Edited
from desktop.ui.undo import MERGE_WINDOW_S, EditCommand, Editor, plural


class CreateCaseCommand(EditCommand):
    def __init__(self, editor: Editor, title: str, summary: str = "") -> None:
        super().__init__(editor, f"New case “{title}”")
        self.title, self.summary = title, summary
        self.case_id = 0
        self._snapshot: cases.CaseSnapshot | None = None

    def do(self) -> Changes:
        if self._snapshot is not None:  # redo after undo: the same case, same id
            return cases.restore_case(library=self.library, snapshot=self._snapshot)
        done = cases.create_case(library=self.library, title=self.title, summary=self.summary)
        self.case_id = done.value
        return done.changes

    def revert(self) -> Changes:
        deleted = cases.delete_case(library=self.library, case_id=self.case_id)
        self._snapshot = deleted.value
        return deleted.changes


class DeleteCaseCommand(EditCommand):
    def __init__(self, editor: Editor, case_id: int, title: str = "") -> None:
        super().__init__(editor, f"Delete case “{title}”" if title else "Delete case")
        self.case_id = case_id
        self.snapshot: cases.CaseSnapshot | None = None

    def do(self) -> Changes:
        done = cases.delete_case(library=self.library, case_id=self.case_id)
        self.snapshot = done.value
        return done.changes

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
        expected, self.expected_version = self.expected_version, None
        done = self._set(self.value, expected)
        if self.old is None:  # the first run's before-image (a redo's is our own undo)
            self.old = done.value[self.field]
        return done.changes

    def revert(self) -> Changes:
        return self._set(self.old).changes

    def _set(
        self, value: str | None, expected_version: int | None = None
    ) -> Edited[dict[str, str]]:
        field = self.field
        return cases.update_case(
            library=self.library, case_id=self.case_id, expected_version=expected_version,
            title=value if field == "title" else None,
            status=value if field == "status" else None,
            summary=value if field == "summary" else None,
        )  # fmt: skip

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
        done = cases.set_item_note(library=self.library, case_id=self.case_id,
                                   item_id=self.item_id, note=self.note)  # fmt: skip
        if self.old is None:  # the first run's before-image
            self.old = done.value
        return done.changes

    def revert(self) -> Changes:
        return cases.set_item_note(library=self.library, case_id=self.case_id,
                                   item_id=self.item_id, note=self.old or "").changes  # fmt: skip

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
        super().__init__(editor, f"Add {plural(len(item_ids), 'item')}{where}")
        self.case_id, self.item_ids = case_id, list(item_ids)
        self.added: list[int] = []

    def do(self) -> Changes:
        done = cases.add_items(library=self.library, case_id=self.case_id, item_ids=self.item_ids)
        self.added = done.value
        return done.changes

    def revert(self) -> Changes:
        return cases.remove_items(library=self.library, case_id=self.case_id,
                                  item_ids=self.added).changes  # fmt: skip

    def changed_nothing(self) -> bool:
        return not self.added


class RemoveItemsCommand(EditCommand):
    def __init__(self, editor: Editor, case_id: int, item_ids: Sequence[int]) -> None:
        super().__init__(editor, f"Remove {plural(len(item_ids), 'item')} from case")
        self.case_id, self.item_ids = case_id, list(item_ids)
        self.snapshots: list[cases.CaseItemSnapshot] = []

    def do(self) -> Changes:
        done = cases.remove_items(
            library=self.library, case_id=self.case_id, item_ids=self.item_ids
        )
        self.snapshots = done.value
        return done.changes

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
        done = cases.reorder_items(library=self.library, case_id=self.case_id, item_ids=self.order)
        self.previous = done.value
        return done.changes

    def revert(self) -> Changes:
        return cases.reorder_items(library=self.library, case_id=self.case_id,
                                   item_ids=self.previous).changes  # fmt: skip

    def changed_nothing(self) -> bool:
        head = self.previous[: len(self.order)]
        return head == self.order


class PinItemsCommand(EditCommand):
    def __init__(self, editor: Editor, case_id: int, item_ids: Sequence[int], pinned: bool) -> None:
        verb = "Pin" if pinned else "Unpin"
        super().__init__(editor, f"{verb} {plural(len(item_ids), 'item')}")
        self.case_id, self.item_ids, self.pinned = case_id, list(item_ids), pinned
        #: the first run's before-image, read in its write transaction (a redo's is our undo)
        self.previous: dict[int, bool] | None = None

    def do(self) -> Changes:
        done = cases.set_pinned(library=self.library, case_id=self.case_id,
                                pins=dict.fromkeys(self.item_ids, self.pinned))  # fmt: skip
        if self.previous is None:
            self.previous = done.value
        return done.changes

    def revert(self) -> Changes:
        assert self.previous is not None
        return cases.set_pinned(library=self.library, case_id=self.case_id,
                                pins=self.previous).changes  # fmt: skip

    def changed_nothing(self) -> bool:
        return self.previous is not None and all(p == self.pinned for p in self.previous.values())
