"""Qt stays out of store, extract and services (also enforced by import-linter in CI)."""

from __future__ import annotations

import re
from pathlib import Path

CORE = ("store", "extract", "services")
QT = re.compile(r"^\s*(from|import)\s+(PySide6|qtawesome|desktop\.ui)\b", re.MULTILINE)


def test_core_packages_never_import_qt() -> None:
    root = Path(__file__).resolve().parents[1] / "desktop"
    offenders = [
        str(path.relative_to(root))
        for package in CORE
        for path in (root / package).rglob("*.py")
        if QT.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
