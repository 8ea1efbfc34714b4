"""Text SQLite accepts and PostgreSQL refuses (issue 14, item 10): NUL characters and
integers beyond 2^31 never end an import with a traceback or abandon the remaining files,
are stored the same way on both back ends, and a library holding them copies to a server."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from sqlalchemy import select, text

from desktop.services.importer import import_paths
from desktop.store.copy import copy_library
from desktop.store.db import Library, resolve_db_url
from desktop.store.models import Article, table_of
from desktop.store.packed import unpack_body
from tests.services.test_bundle import _minimal

GENUINE = Path(__file__).resolve().parents[1] / "data" / "bundle" / "2303030012.txt"


def _bundle(tmp_path: Path, name: str, doc: dict) -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def _all_text(library: Library) -> str:
    with library.engine.connect() as conn:
        rows = conn.execute(text("SELECT name FROM item UNION ALL SELECT note FROM case_item"))
        bodies = conn.execute(select(table_of(Article).c.body))  # unpacked (models.BodyText)
        return "\n".join(r[0] for r in [*rows, *bodies])


def test_nul_characters_are_stripped_the_same_on_both_back_ends(library, tmp_path) -> None:  # noqa: ANN001
    doc = _minimal()
    doc["items"][0].update(name="A ti\x00tle", body="Some\x00 text.")
    doc["case_items"][0]["note"] = "n\x00ote"
    report = import_paths(library=library, paths=[_bundle(tmp_path, "nul.json", doc), GENUINE])
    assert report.failed == [] and report.imported == 1  # the file after the bundle too
    stored = _all_text(library)
    assert "\x00" not in stored
    assert "A title" in stored and "Some text." in stored and "note" in stored


def test_an_offset_beyond_2_31_is_refused_by_name_and_the_next_file_imports(
    library,
    tmp_path,  # noqa: ANN001
) -> None:
    doc = _minimal()
    doc["links"][0]["evidence"][0]["end"] = 2**31 + 5
    bad = _bundle(tmp_path, "far.json", doc)
    report = import_paths(library=library, paths=[bad, GENUINE])
    assert report.imported == 1
    [(name, reason)] = report.failed
    assert name == str(bad) and "evidence" in reason and "end" in reason


def test_a_library_holding_such_values_copies(library, tmp_path) -> None:  # noqa: ANN001
    source = Library.open(resolve_db_url(tmp_path / "old.casefile"))
    try:
        import_paths(library=source, paths=[GENUINE])
    finally:
        source.close()
    with sqlite3.connect(tmp_path / "old.casefile") as raw:  # as an older Casefile left it
        # plain text, as bodies were stored before 0009 (and still read)
        for item_id, body in raw.execute("SELECT item_id, body FROM article").fetchall():
            tailed = unpack_body(body) + "\x00 tail"
            raw.execute("UPDATE article SET body = ? WHERE item_id = ?", (tailed, item_id))
        raw.execute('UPDATE evidence SET "end" = 3000000000 WHERE id = 1')
    source = Library.open(resolve_db_url(tmp_path / "old.casefile"))
    try:
        counts = copy_library(source, library)
    finally:
        source.close()
    assert counts["article"] == 1
    assert "\x00" not in _all_text(library) and " tail" in _all_text(library)


def test_an_edit_with_a_nul_character_is_stored_without_it(library) -> None:  # noqa: ANN001
    from desktop.services import cases

    case_id = cases.create_case(library=library, title="Pasted\x00 title").value
    cases.update_case(library=library, case_id=case_id, summary="sum\x00mary")
    with library.engine.connect() as conn:
        row = conn.execute(text("SELECT title, summary FROM case_file")).one()
    assert tuple(row) == ("Pasted title", "summary")
