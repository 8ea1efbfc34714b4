"""Case files in the window: the case page, its dialogs, and drag data for item ids."""

from desktop.ui.cases.dialogs import (
    AddToCaseDialog,
    CaseDetailsDialog,
    add_to_case,
    ask_add_to_case,
    ask_delete_case,
    ask_new_case,
    ask_rename_case,
)
from desktop.ui.cases.mime import ITEM_MIME_TYPES, ITEMS_MIME, ids_from_mime, item_ids_mime
from desktop.ui.cases.view import CaseView

__all__ = [
    "ITEMS_MIME",
    "ITEM_MIME_TYPES",
    "AddToCaseDialog",
    "CaseDetailsDialog",
    "CaseView",
    "add_to_case",
    "ask_add_to_case",
    "ask_delete_case",
    "ask_new_case",
    "ask_rename_case",
    "ids_from_mime",
    "item_ids_mime",
]
