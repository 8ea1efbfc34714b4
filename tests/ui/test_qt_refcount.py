"""ENVIRONMENT.md regression: PySide6 6.12 on Python 3.11 drops None's refcount on void calls."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QGraphicsRectItem


def test_void_qt_methods_do_not_leak_none_references(qapp) -> None:
    item = QGraphicsRectItem(0, 0, 10, 10)
    item.setPos(1, 1)  # warm up any lazy initialisation
    before = sys.getrefcount(None)
    for i in range(1000):
        item.setPos(i, i)
        item.setZValue(i)
    after = sys.getrefcount(None)
    assert after >= before - 10, f"None lost {before - after} references in 2,000 void calls"
