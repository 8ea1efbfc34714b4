"""Qt stays out of store, extract and services (also enforced by import-linter in CI)."""

from __future__ import annotations

import ast
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


#: modules under desktop/ui allowed to open a database session or transaction, each with why.
#: Empty: every read goes through desktop.services.views.read (or a read model there), every
#: write through a service.
SESSION_ALLOWED: dict[str, str] = {}
#: what opens one: Library.session() / Library.write() (no arguments), the engine, or the
#: session classes themselves
OPENERS = frozenset({"session", "write", "engine", "raw_connection"})
SESSION_NAMES = frozenset({"Session", "sessionmaker", "scoped_session", "create_engine"})


def _session_openers(source: str) -> list[int]:
    lines = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and not node.args and not node.keywords:
            func = node.func
            if isinstance(func, ast.Attribute) and func.attr in OPENERS:
                lines.append(node.lineno)
        if isinstance(node, ast.Attribute) and node.attr == "engine":
            lines.append(node.lineno)
        if isinstance(node, ast.Name) and node.id in SESSION_NAMES:
            lines.append(node.lineno)
        if (
            isinstance(node, ast.ImportFrom)
            and node.module in ("sqlmodel", "sqlalchemy.orm")
            and any(alias.name in SESSION_NAMES for alias in node.names)
        ):
            lines.append(node.lineno)
    return sorted(set(lines))


def test_no_widget_opens_a_database_session() -> None:
    """Widgets do not decide transaction boundaries: a view reads through a service or a read
    model (desktop/services/views.py), and writes through a service."""
    root = Path(__file__).resolve().parents[1] / "desktop"
    offenders = {
        f"{path.relative_to(root)}:{line}"
        for path in (root / "ui").rglob("*.py")
        if str(path.relative_to(root)) not in SESSION_ALLOWED
        for line in _session_openers(path.read_text(encoding="utf-8"))
    }
    assert sorted(offenders) == []


def test_the_session_check_sees_what_a_widget_would_write() -> None:
    seen = _session_openers(
        "from sqlmodel import Session\n"
        "with library.session() as s:\n    pass\n"
        "with self._library.write() as s:\n    pass\n"
        "conn = lib.engine.connect()\n"
        "f.write(data)\n"  # a file's write takes an argument: not a session
    )
    assert seen == [1, 2, 4, 6]
