"""Dialogs that edit entities and links; each pushes undoable commands (``commands.py``, run
through the ``Editor`` in desktop/ui/undo.py)."""

from desktop.ui.edit.article import ArticleDetailsDialog, ask_edit_article
from desktop.ui.edit.entity import EntityEditDialog, ask_edit_entity
from desktop.ui.edit.link import LinkEditorDialog, ask_edit_link, ask_new_link
from desktop.ui.edit.merge import MergeDialog, ask_merge
from desktop.ui.edit.picker import ItemPicker
from desktop.ui.edit.split import SplitAliasDialog, ask_split_alias

__all__ = [
    "ArticleDetailsDialog",
    "EntityEditDialog",
    "ItemPicker",
    "LinkEditorDialog",
    "MergeDialog",
    "SplitAliasDialog",
    "ask_edit_article",
    "ask_edit_entity",
    "ask_edit_link",
    "ask_merge",
    "ask_new_link",
    "ask_split_alias",
]
