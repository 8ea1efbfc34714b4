"""Search everything (SearchPanel) and quick open (QuickOpenDialog, Ctrl+K)."""

from desktop.ui.search.panel import SearchPanel
from desktop.ui.search.quick_open import QuickOpenDialog
from desktop.ui.search.results import MIME_ITEMS

__all__ = ["MIME_ITEMS", "QuickOpenDialog", "SearchPanel"]
