"""Dragging items between views: one helper every list model can call to build the drag data,
and one reader that understands every format the views produce.

The search panel drags ``application/x-casefile-items`` (a JSON list of item ids); the library
lists drag ``application/x-casefile-item-ids`` (ids joined by commas). ``item_ids_mime``
writes both (plus plain text), so a drop target written for either accepts it;
``ids_from_mime`` reads either.

Use in a model::

    def mimeTypes(self): return list(ITEM_MIME_TYPES)
    def mimeData(self, indexes): return item_ids_mime(ids_of(indexes))
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from PySide6.QtCore import QMimeData

ITEMS_MIME = "application/x-casefile-items"  # JSON list of item ids
ITEM_IDS_MIME = "application/x-casefile-item-ids"  # comma-separated item ids (library lists)
ITEM_MIME_TYPES = (ITEMS_MIME, ITEM_IDS_MIME)


def item_ids_mime(ids: Iterable[int]) -> QMimeData:
    """Drag data for the given item ids, in order, without repeats."""
    unique = [int(i) for i in dict.fromkeys(ids)]
    mime = QMimeData()
    mime.setData(ITEMS_MIME, json.dumps(unique).encode("utf-8"))
    mime.setData(ITEM_IDS_MIME, ",".join(map(str, unique)).encode("utf-8"))
    mime.setText("\n".join(map(str, unique)))
    return mime


def has_item_ids(mime: QMimeData | None) -> bool:
    return mime is not None and any(mime.hasFormat(f) for f in ITEM_MIME_TYPES)


def ids_from_mime(mime: QMimeData | None) -> list[int]:
    """The item ids a drag carries (empty when it carries none or garbage)."""
    if mime is None:
        return []
    if mime.hasFormat(ITEMS_MIME):
        try:
            raw = json.loads(bytes(mime.data(ITEMS_MIME).data()).decode("utf-8"))
        except (ValueError, UnicodeDecodeError):
            raw = []
        if isinstance(raw, list):
            return list(dict.fromkeys(int(i) for i in raw if _is_id(i)))
    if mime.hasFormat(ITEM_IDS_MIME):
        text = bytes(mime.data(ITEM_IDS_MIME).data()).decode("utf-8", "replace")
        return list(dict.fromkeys(int(p) for p in text.split(",") if p.strip().isdigit()))
    return []


def _is_id(value: object) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return value > 0
    return isinstance(value, str) and value.isdigit()
