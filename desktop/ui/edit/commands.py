"""Undoable edits of entities, links and review status: one command per service write.

They live with the edit dialogs that push most of them (the review panel pushes the rest),
apart from the undo machinery in ``desktop/ui/undo.py`` (Editor, EditCommand) that every kind
of edit shares.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from typing import Any

from desktop.services import (
    article_details,
    edit_support,
    editing,
    never_suggest,
    review,
    structure,
)
from desktop.services.changes import Changes
from desktop.ui.undo import EditCommand, Editor, plural

# --- entities -----------------------------------------------------------------------------


class RenameEntityCommand(EditCommand):
    """Undo restores the old name and the alias list exactly (a rename adds an alias)."""

    def __init__(
        self, editor: Editor, entity_id: int, name: str, expected_version: int | None = None
    ) -> None:
        super().__init__(editor, f"Rename to “{name}”")
        self.entity_id, self.name = entity_id, name
        self.expected_version = expected_version  # checked on the first run only
        #: the first run's before-image, read in its write transaction (a redo's is our undo)
        self.before: editing.Renamed | None = None

    def do(self) -> Changes:
        expected, self.expected_version = self.expected_version, None
        done = editing.rename_entity(
            library=self.library, entity_id=self.entity_id, name=self.name,
            expected_version=expected,
        )  # fmt: skip
        if self.before is None:
            self.before = done.value
        return done.changes

    def revert(self) -> Changes:
        assert self.before is not None
        return editing.restore_name(library=self.library, entity_id=self.entity_id,
                                    name=self.before.old_name,
                                    added_alias=self.before.added_alias)  # fmt: skip

    def changed_nothing(self) -> bool:
        return self.before is not None and self.before.old_name == self.name


class ChangeKindCommand(EditCommand):
    def __init__(self, editor: Editor, entity_id: int, kind: str) -> None:
        super().__init__(editor, f"Change kind to {kind}")
        self.entity_id, self.kind, self.old = entity_id, kind, ""

    def do(self) -> Changes:
        done = editing.change_kind(library=self.library, entity_id=self.entity_id, kind=self.kind)
        self.old = done.value
        return done.changes

    def revert(self) -> Changes:
        return editing.change_kind(library=self.library, entity_id=self.entity_id,
                                   kind=self.old).changes  # fmt: skip

    def changed_nothing(self) -> bool:
        return self.old == self.kind


class SetAliasesCommand(EditCommand):
    def __init__(self, editor: Editor, entity_id: int, aliases: Sequence[str]) -> None:
        super().__init__(editor, "Edit aliases")
        self.entity_id, self.aliases = entity_id, list(aliases)
        self.previous: list[str] = []

    def do(self) -> Changes:
        done = editing.set_aliases(
            library=self.library, entity_id=self.entity_id, aliases=self.aliases
        )
        self.previous = done.value
        return done.changes

    def revert(self) -> Changes:
        return editing.set_aliases(library=self.library, entity_id=self.entity_id,
                                   aliases=self.previous).changes  # fmt: skip

    def changed_nothing(self) -> bool:
        return sorted(self.previous) == sorted(a for a in self.aliases if a.strip())


class SetDetailsCommand(EditCommand):
    def __init__(self, editor: Editor, entity_id: int, role: str | None,
                 affiliation: str | None) -> None:  # fmt: skip
        super().__init__(editor, "Edit role and affiliation")
        self.entity_id, self.values = entity_id, (role or None, affiliation or None)
        self.previous: tuple[str | None, str | None] = (None, None)

    def do(self) -> Changes:
        done = editing.set_details(
            library=self.library, entity_id=self.entity_id, role=self.values[0],
            affiliation=self.values[1],
        )  # fmt: skip
        self.previous = done.value
        return done.changes

    def revert(self) -> Changes:
        return editing.set_details(library=self.library, entity_id=self.entity_id,
                                   role=self.previous[0], affiliation=self.previous[1]).changes  # fmt: skip

    def changed_nothing(self) -> bool:
        return self.previous == self.values


class _RecordCommand(EditCommand):
    """Merge, split and delete: undo is the exact inverse of what the edit recorded."""

    record: structure.EditRecord | None = None

    def revert(self) -> Changes:
        assert self.record is not None
        done = structure.undo_edit(library=self.library, record=self.record)
        self.renumber(done.value)
        return done.changes

    def renumber(self, moved: dict[int, int]) -> None:
        """An entity that came back under a new id (its old one was taken since): redo acts
        on the new one."""


class MergeEntitiesCommand(_RecordCommand):
    def __init__(self, editor: Editor, keep_id: int, merge_id: int, text: str = "") -> None:
        super().__init__(editor, text or "Merge entities")
        self.keep_id, self.merge_id = keep_id, merge_id

    def do(self) -> Changes:
        done = structure.merge_entities(
            library=self.library, keep_id=self.keep_id, merge_id=self.merge_id
        )
        self.record = done.value
        return done.changes

    def renumber(self, moved: dict[int, int]) -> None:
        self.merge_id = moved.get(self.merge_id, self.merge_id)


class SplitAliasCommand(_RecordCommand):
    def __init__(self, editor: Editor, entity_id: int, alias: str) -> None:
        super().__init__(editor, f"Split “{alias}” out")
        self.entity_id, self.alias = entity_id, alias
        self.new_id = 0

    def do(self) -> Changes:
        done = structure.split_alias(
            library=self.library, entity_id=self.entity_id, alias=self.alias
        )
        self.new_id, self.record = done.value.new_id, done.value.record
        return done.changes


class DeleteEntityCommand(_RecordCommand):
    def __init__(self, editor: Editor, entity_id: int, name: str = "") -> None:
        super().__init__(editor, f"Delete “{name}”" if name else "Delete entity")
        self.entity_id = entity_id

    def do(self) -> Changes:
        done = structure.delete_entity(library=self.library, entity_id=self.entity_id)
        self.record = done.value
        return done.changes

    def renumber(self, moved: dict[int, int]) -> None:
        self.entity_id = moved.get(self.entity_id, self.entity_id)


# --- links --------------------------------------------------------------------------------


class CreateLinkCommand(EditCommand):
    def __init__(self, editor: Editor, source_id: int, target_id: int, kind: str, *,
                 label: str = "", note: str | None = None,
                 evidence: tuple[int, str] | None = None) -> None:  # fmt: skip
        super().__init__(editor, "Add link")
        self._create = partial(editing.create_link, source_id=source_id, target_id=target_id,
                               kind=kind, label=label, note=note or None, evidence=evidence)  # fmt: skip
        self.link_id = 0
        self._snapshot: editing.LinkSnapshot | None = None

    def do(self) -> Changes:
        if self._snapshot is not None:  # redo after undo: the same link, same id
            return editing.restore_link(library=self.library, snapshot=self._snapshot)
        done = self._create(library=self.library)
        self.link_id = done.value
        return done.changes

    def revert(self) -> Changes:
        done = editing.delete_link(library=self.library, link_id=self.link_id)
        self._snapshot = done.value
        return done.changes


class UpdateLinkCommand(EditCommand):
    def __init__(self, editor: Editor, link_id: int, **fields: str | None) -> None:
        super().__init__(editor, "Edit link")
        self.link_id = link_id
        self.fields = {k: v for k, v in fields.items() if v is not None}
        self.previous: dict[str, Any] = {}

    def do(self) -> Changes:
        done = editing.update_link(library=self.library, link_id=self.link_id, **self.fields)
        self.previous = done.value
        return done.changes

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
        done = editing.delete_link(library=self.library, link_id=self.link_id)
        self.snapshot = done.value
        return done.changes

    def revert(self) -> Changes:
        assert self.snapshot is not None
        return editing.restore_link(library=self.library, snapshot=self.snapshot)


# --- review -------------------------------------------------------------------------------


class SetSuggestionStatusCommand(EditCommand):
    """Confirm or reject suggestions; undo puts back each one's previous status."""

    def __init__(self, editor: Editor, link_ids: Sequence[int], status: str) -> None:
        verb = {"confirmed": "Confirm", "rejected": "Reject"}.get(status, "Set status of")
        super().__init__(editor, f"{verb} {plural(len(link_ids), 'suggestion')}")
        self.link_ids, self.status = list(link_ids), status
        self.previous: dict[int, str] = {}

    def do(self) -> Changes:
        done = review.set_status(library=self.library, link_ids=self.link_ids, status=self.status)
        self.previous = done.value
        return done.changes

    def revert(self) -> Changes:
        return review.restore_statuses(library=self.library, previous=self.previous)

    def changed_nothing(self) -> bool:
        return all(s == self.status for s in self.previous.values())


class MarkReviewedCommand(EditCommand):
    def __init__(self, editor: Editor, article_ids: Sequence[int], reviewed: bool = True) -> None:
        n = len(article_ids)
        what = "article" if n == 1 else plural(n, "article")
        super().__init__(editor, f"Mark {what} {'reviewed' if reviewed else 'unreviewed'}")
        self.article_ids, self.reviewed = list(article_ids), reviewed
        self.previous: dict[int, bool] | None = None

    def do(self) -> Changes:
        done = review.mark_reviewed(library=self.library, article_ids=self.article_ids,
                                    reviewed=self.reviewed)  # fmt: skip
        if self.previous is None:  # the first run's before-image
            self.previous = done.value
        return done.changes

    def revert(self) -> Changes:
        assert self.previous is not None
        changes = Changes()
        for value in (True, False):
            ids = [a for a, was in self.previous.items() if was is value]
            if ids:
                done = review.mark_reviewed(library=self.library, article_ids=ids, reviewed=value)
                changes = changes | done.changes
        return changes

    def changed_nothing(self) -> bool:
        return self.previous is not None and all(v == self.reviewed for v in self.previous.values())


# --- articles -----------------------------------------------------------------------------


class SetArticleDetailsCommand(EditCommand):
    """An article's date, outlet, dateline and byline; undo puts back all four and where the
    old date came from."""

    def __init__(
        self, editor: Editor, article_id: int, details: article_details.ArticleDetails
    ) -> None:
        super().__init__(editor, "Edit article details")
        self.article_id, self.details = article_id, details
        self.previous: article_details.ArticleDetails | None = None

    def do(self) -> Changes:
        done = article_details.set_article_details(
            library=self.library, article_id=self.article_id, details=self.details
        )
        self.previous = done.value
        return done.changes

    def revert(self) -> Changes:
        assert self.previous is not None
        return article_details.set_article_details(
            library=self.library, article_id=self.article_id, details=self.previous
        ).changes

    def changed_nothing(self) -> bool:
        return self.previous == self.details


class NeverSuggestCommand(EditCommand):
    """ "Never suggest this name": the name goes on the library's list and the suggestions
    are rejected; undo does both back (a name already on the list stays on it)."""

    def __init__(self, editor: Editor, name: str, link_ids: Sequence[int]) -> None:
        super().__init__(editor, f"Never suggest “{never_suggest.clean(name)}”")
        self.name, self.link_ids = name, list(link_ids)
        self.done: never_suggest.Silenced | None = None

    def do(self) -> Changes:
        edited = never_suggest.never_suggest(
            library=self.library, name=self.name, link_ids=self.link_ids
        )
        self.done = edited.value
        return edited.changes

    def revert(self) -> Changes:
        assert self.done is not None
        return never_suggest.undo_never_suggest(library=self.library, done=self.done)
