"""The library file: created and migrated from empty, foreign and damaged files refused."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlmodel import select

from desktop.store import dialect, migrate
from desktop.store.db import Library, LibraryError, resolve_db_url
from desktop.store.models import Alias, Item, Link


def _open(path: Path) -> Library:
    return Library.open(resolve_db_url(path))


def test_new_library_is_created_migrated_and_stamped(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "folder" / "lib.casefile"
    lib = _open(path)
    try:
        assert lib.created
        with lib.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA application_id").scalar() == dialect.APPLICATION_ID
            tables = {r[0] for r in conn.exec_driver_sql("SELECT name FROM sqlite_master")}
        assert {
            "item",
            "article",
            "entity",
            "alias",
            "link",
            "evidence",
            "case_file",
            "case_item",
            "article_fts",
            "entity_fts",
            "note_fts",
        } <= tables
        assert migrate.current_and_head(lib.engine)[0] == migrate.head_revision()
    finally:
        lib.close()
    again = _open(path)
    assert not again.created
    again.close()


def test_env_variable_and_default_location(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CASEFILE_DB", str(tmp_path / "env.casefile"))
    assert resolve_db_url() == f"sqlite:///{tmp_path / 'env.casefile'}"
    assert resolve_db_url(tmp_path / "arg.casefile").endswith("arg.casefile")
    monkeypatch.delenv("CASEFILE_DB")
    assert "Casefile" in resolve_db_url()


@pytest.mark.parametrize(
    "content, message",
    [
        (b"just some notes\n", "not a Casefile library"),
        (b"SQLite format 3\x00" + b"\x00" * 40, "damaged"),
    ],
)
def test_foreign_or_damaged_files_are_refused_and_untouched(
    tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "notes.db"
    path.write_bytes(content)
    with pytest.raises(LibraryError, match=message):
        _open(path)
    assert path.read_bytes() == content


def test_other_sqlite_database_is_refused_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE contacts (name TEXT)")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(LibraryError, match="not a Casefile library"):
        _open(path)
    assert path.read_bytes() == before


def test_library_from_newer_casefile_is_refused_naming_both_versions(tmp_path: Path) -> None:
    path = tmp_path / "lib.casefile"
    _open(path).close()
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    head = migrate.head_revision()
    with pytest.raises(LibraryError, match=rf"newer Casefile \(schema 9999\).*schema {head}"):
        _open(path)
    assert path.read_bytes() == before


def test_write_rolls_back_whole_on_error(library: Library) -> None:
    with pytest.raises(RuntimeError), library.write() as session:
        session.add(Item(kind="person", name="Half Written"))
        session.flush()
        raise RuntimeError("power cut")
    with library.session() as session:
        assert session.exec(select(Item)).all() == []


def test_foreign_keys_cascade(library: Library) -> None:
    with library.write() as session:
        a, b = Item(kind="person", name="A"), Item(kind="organization", name="B")
        session.add_all([a, b])
        session.flush()
        session.add(Alias(entity_id=a.id, name="Ay", norm="ay"))
        session.add(Link(source_id=a.id, target_id=b.id, kind="affiliated_with"))
    with library.write() as session:
        session.execute(text("DELETE FROM item WHERE name = 'A'"))
    with library.session() as session:
        assert session.exec(select(Link)).all() == []
        assert session.exec(select(Alias)).all() == []


@pytest.mark.sqlite_only
def test_backup_is_a_consistent_copy_while_in_use(library: Library, tmp_path: Path) -> None:
    with library.write() as session:
        session.add(Item(kind="person", name="Backed Up"))
    reader = library.session()
    reader.exec(select(Item)).all()  # a reader holds a snapshot open meanwhile
    out = library.backup(tmp_path / "copy" / "backup.casefile")
    reader.close()
    copy = _open(out)
    try:
        with copy.session() as session:
            assert [i.name for i in session.exec(select(Item))] == ["Backed Up"]
    finally:
        copy.close()
    with pytest.raises(LibraryError):
        library.backup(library.path)  # type: ignore[arg-type]


def test_schema_head_constant_matches_the_newest_migration() -> None:
    assert migrate.head_revision() == migrate.SCHEMA_HEAD
