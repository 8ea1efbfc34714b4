"""Typed settings with their defaults in one place, over QSettings.

Window geometry and dock layout are opaque QByteArrays from Qt; the rest are plain values.
Tests point QSettings at a temp folder (tests/ui/conftest.py), so nothing here knows about
tests.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QByteArray, QSettings

#: key -> default. The one place defaults live.
DEFAULTS: dict[str, Any] = {
    "window/geometry": QByteArray(),
    "window/state": QByteArray(),
    "window/splitter": [],
    "nav/section": "articles",
    "nav/case": 0,
    "nav/item": 0,
    "import/last_dir": "",
    "view/theme": "system",
}

#: bumped when the dock layout changes incompatibly, so old saved states are ignored
LAYOUT_VERSION = 2  # 2: Review dock tabbed with Connections


@dataclass
class Selection:
    """Where the user was: a library section or a case (case_id > 0), and the item shown."""

    section: str = "articles"
    case_id: int = 0
    item_id: int = 0


class Settings:
    def __init__(self, qsettings: QSettings | None = None) -> None:
        self._qs = qsettings or QSettings()

    def _get(self, key: str) -> Any:
        return self._qs.value(key, DEFAULTS[key])

    def _set(self, key: str, value: Any) -> None:
        self._qs.setValue(key, value)

    # --- window layout ------------------------------------------------------------------
    @property
    def geometry(self) -> QByteArray:
        return _bytes(self._get("window/geometry"))

    @geometry.setter
    def geometry(self, value: QByteArray) -> None:
        self._set("window/geometry", value)

    @property
    def window_state(self) -> QByteArray:
        return _bytes(self._get("window/state"))

    @window_state.setter
    def window_state(self, value: QByteArray) -> None:
        self._set("window/state", value)

    @property
    def splitter_sizes(self) -> list[int]:
        raw = self._get("window/splitter")
        if isinstance(raw, str):  # QSettings' INI format turns a 1-element list into a str
            raw = [raw]
        try:
            return [int(v) for v in raw or []]
        except (TypeError, ValueError):
            return []

    @splitter_sizes.setter
    def splitter_sizes(self, sizes: list[int]) -> None:
        self._set("window/splitter", [int(s) for s in sizes])

    # --- where the user was ------------------------------------------------------------
    @property
    def selection(self) -> Selection:
        return Selection(
            section=str(self._get("nav/section") or "articles"),
            case_id=_int(self._get("nav/case")),
            item_id=_int(self._get("nav/item")),
        )

    @selection.setter
    def selection(self, value: Selection) -> None:
        self._set("nav/section", value.section)
        self._set("nav/case", int(value.case_id))
        self._set("nav/item", int(value.item_id))

    @property
    def last_import_dir(self) -> str:
        return str(self._get("import/last_dir") or "")

    @last_import_dir.setter
    def last_import_dir(self, value: str) -> None:
        self._set("import/last_dir", value)

    @property
    def theme(self) -> str:
        """View › Theme: "system" (follow the colour scheme), "light" or "dark"."""
        value = str(self._get("view/theme") or "system")
        return value if value in ("system", "light", "dark") else "system"

    @theme.setter
    def theme(self, value: str) -> None:
        self._set("view/theme", value)

    def sync(self) -> None:
        self._qs.sync()


def _bytes(value: Any) -> QByteArray:
    if isinstance(value, QByteArray):
        return value
    if isinstance(value, (bytes, bytearray)):
        return QByteArray(bytes(value))
    return QByteArray()


def _int(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0
