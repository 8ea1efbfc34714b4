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


#: Articles the test data lacks: hard-wrapped copy with soft hyphens, zero-width and
#: non-breaking spaces (the view drops or changes characters), a sentence in the title line,
#: Windows line ends and tabs, blank lines, a Markdown file with front matter.
AWKWARD = {
    "wrapped.txt": (
        "Seoul and Washington agree on chip controls, Commerce Secretary Gina Raimondo says\n\n"
        "SEOUL, Nov. 30 (Trade Wire) - Commerce Secretary Gina Rai\u00admondo said on\n"
        "Tuesday that the Bureau of Industry and Security would work with South\n"
        "Korea and Japan on export controls (see 2210270047). The U.S. Department\n"
        "of Commerce\u200b said the rule, issued by BIS, covers Samsung Electronics.\n"
        "\u201cWe are coordinating with our allies,\u201d Raimondo told reporters\u00a0in\n"
        "Seoul. Kim Jung-hoon, a senior adviser at the Korea Institute for Industrial\n"
        "Economics and Trade, said Japan\u2019s Ministry of Economy, Trade and Industry\n"
        "agreed (see 2210270047 and 2211010003).\n"
    ),
    "crlf-tabs.txt": (
        "Raimondo meets Dutch minister. Nvidia and ASML named.\r\n\r\n"
        "THE HAGUE\t-\tCommerce Secretary Gina Raimondo met\u2003Dutch trade minister\r\n"
        "Liesje Schreinemacher on Monday.  ASML Holding said it would comply.\r\n\r\n\r\n"
        "Nvidia Corp., the chip designer, said the Entity List rules apply. Mr. Lee said so.\r\n"
    ),
    "front-matter.md": (
        "---\ntitle: Japan joins controls\npublished: 2023-03-31\nsource: Harbor Ledger\n---\n"
        "# Japan joins controls\n\nTokyo said on Friday that the Ministry of Economy, Trade and\n"
        "Industry would restrict 23 types of chipmaking equipment, after talks with the\n"
        "Netherlands and the United States (see 2303030015).\n"
    ),
}


def _articles(tmp: Path) -> list[tuple[str, Path]]:
    for name, text in AWKWARD.items():
        (tmp / name).write_bytes(text.encode("utf-8"))
    found = [(f"awkward/{name}", tmp / name) for name in AWKWARD]
    found += [
        (p.relative_to(TESTS).as_posix(), p)
        for p in sorted((TESTS / "data").rglob("*"))
        if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES
    ]
    found += [(f"demo/{p.name}", p) for p in demo_article_paths()]
    return found


def _prepared(path: Path) -> Any:
    """The prepared article as JSON values (tuples become lists)."""
    return json.loads(json.dumps(prepare_file(path)))


def test_prepared_articles_are_as_recorded(tmp_path: Path) -> None:
    now = {name: _prepared(path) for name, path in _articles(tmp_path)}
    assert len(now) >= 60
    if os.environ.get("CASEFILE_RECORD_PREPARED"):
        RECORD.parent.mkdir(exist_ok=True)
        RECORD.write_text(json.dumps(now, indent=0, ensure_ascii=False) + "\n", encoding="utf-8")
    recorded = json.loads(RECORD.read_text(encoding="utf-8"))
    assert sorted(now) == sorted(recorded)
    for name, prepared in now.items():
        assert prepared == recorded[name], name
