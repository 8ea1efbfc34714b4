"""What the import stores for the project's own articles does not change by accident.

Every article file under ``tests/data`` and the demo articles is prepared as an import's worker
prepares it (``prepare_file``: decode, parse, extract, evidence sentences) and compared with a
record of the same made once (``data/prepared_same.json``). The prepared article is everything
``batch_store`` writes for the file: title, body, date and source fields, the duplicate key,
each entity with its role, affiliation and names (with their keys), each mention's span and
its sentence (where it is in the body, or its copy), each link and citation with theirs. A
change that makes extraction cheaper must keep this record as it is; a change meant to alter
what is found re-records it on purpose::

    CASEFILE_RECORD_PREPARED=1 python -m pytest tests/extract/test_prepared_same.py
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from desktop.services.demo import demo_article_paths
from desktop.services.importer import ARTICLE_SUFFIXES
from desktop.services.prepare import prepare_file

TESTS = Path(__file__).resolve().parents[1]
RECORD = Path(__file__).resolve().parent / "data" / "prepared_same.json"


def _articles() -> list[tuple[str, Path]]:
    found = [
        (p.relative_to(TESTS).as_posix(), p)
        for p in sorted((TESTS / "data").rglob("*"))
        if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES
    ]
    found += [(f"demo/{p.name}", p) for p in demo_article_paths()]
    return found


def _prepared(path: Path) -> Any:
    """The prepared article as JSON values (tuples become lists)."""
    return json.loads(json.dumps(prepare_file(path)))


def test_prepared_articles_are_as_recorded() -> None:
    now = {name: _prepared(path) for name, path in _articles()}
    assert len(now) >= 60
    if os.environ.get("CASEFILE_RECORD_PREPARED"):
        RECORD.parent.mkdir(exist_ok=True)
        RECORD.write_text(json.dumps(now, indent=0, ensure_ascii=False) + "\n", encoding="utf-8")
    recorded = json.loads(RECORD.read_text(encoding="utf-8"))
    assert sorted(now) == sorted(recorded)
    for name, prepared in now.items():
        assert prepared == recorded[name], name
