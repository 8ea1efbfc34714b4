"""A library shared by several Casefile processes, and what is PostgreSQL-specific about it.

The concurrency tests run on both back ends (``library`` is parametrized); the others need a
server and are skipped on the SQLite run.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlmodel import select

from desktop.services import cases, editing, search
from desktop.services.importer import import_paths
from desktop.store import dialect
from desktop.store.db import ConcurrentEdit, Library, LibraryBusy, LibraryError
from desktop.store.models import CaseFile, Item
from tests.conftest import REPO, SAMPLE, reset_pg_database

EDITS = 15
# Each process appends its own lines to the same case summary, reading the version first and
# retrying when another process got in between: nothing may be lost, and conflicts are
# reported as ConcurrentEdit, never swallowed.
_EDITOR = textwrap.dedent(
    """
    import sys
    from desktop.services import cases
    from desktop.store.db import ConcurrentEdit, Library

    url, tag, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
    library = Library.open(url)
    conflicts = 0
    for i in range(n):
        while True:
            with library.session() as s:
                view = cases.get_case(s, 1)
                from desktop.store.models import CaseFile
                seen = s.get(CaseFile, 1).version
            try:
                cases.update_case(
                    library=library, case_id=1, summary=view.summary + f"{tag}-{i}\\n",
                    expected_version=seen,
                )
                break
            except ConcurrentEdit:
                conflicts += 1
    library.close()
    print(conflicts)
    """
)


def test_two_processes_edit_the_same_case_without_loss(library: Library, db_url: str) -> None:
    cases.create_case(library=library, title="Shared")
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", _EDITOR, db_url, tag, str(EDITS)],  # with its password
            cwd=REPO,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for tag in ("a", "b")
    ]
    outputs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], [err for _, err in outputs]
    with library.session() as session:
        case = session.get(CaseFile, 1)
        lines = case.summary.split()
    assert sorted(lines) == sorted(f"{t}-{i}" for t in "ab" for i in range(EDITS))
    assert case.version == 1 + 2 * EDITS  # every saved edit bumped it exactly once


def test_a_stale_edit_is_refused_with_a_clear_message(library: Library) -> None:
    case_id = cases.create_case(library=library, title="Tariffs").value
    with library.write() as session:
        session.add(Item(kind="organization", name="BIS"))
    with library.session() as session:
        seen_case = session.get(CaseFile, case_id).version
        bis = session.exec(select(Item).where(Item.name == "BIS")).one()
    # someone else saves first ...
    cases.update_case(library=library, case_id=case_id, summary="their summary")
    editing.rename_entity(library=library, entity_id=bis.id, name="Bureau of Industry")
    # ... so our edits, based on what we read before, are refused, not applied over theirs
    with pytest.raises(ConcurrentEdit, match="changed by someone else.*nothing was saved"):
        cases.update_case(
            library=library, case_id=case_id, summary="mine", expected_version=seen_case
        )
    with pytest.raises(ConcurrentEdit, match="“Bureau of Industry” was changed"):
        editing.rename_entity(
            library=library, entity_id=bis.id, name="B.I.S.", expected_version=bis.version
        )
    with library.session() as session:
        assert session.get(CaseFile, case_id).summary == "their summary"
        assert session.get(Item, bis.id).name == "Bureau of Industry"
        current = session.get(Item, bis.id).version
    editing.rename_entity(library=library, entity_id=bis.id, name="BIS", expected_version=current)
    assert issubclass(ConcurrentEdit, LibraryError)


# --- PostgreSQL only --------------------------------------------------------------------


@pytest.fixture
def pg(backend: str, library: Library) -> Library:
    if backend != "postgres":
        pytest.skip("PostgreSQL only: runs when CASEFILE_TEST_PG_URL names a test database")
    return library


def test_the_address_shown_never_contains_the_password(pg: Library, db_url: str) -> None:
    password = pg.engine.url.password
    assert password
    for shown in (pg.url, pg.name):
        # (the test role's user name may equal its password: look where a password goes)
        assert f":{password}@" not in shown and f"password={password}" not in shown
        assert password not in shown.replace(f"//{pg.engine.url.username}:", "//")
    assert "***" in pg.url


def test_a_database_with_other_tables_is_refused_and_untouched(pg: Library, db_url: str) -> None:
    pg.close()
    reset_pg_database(db_url)
    import psycopg
    from sqlalchemy.engine import make_url

    dsn = make_url(db_url).set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute("CREATE TABLE notes (id int)")
    with pytest.raises(LibraryError, match="not a Casefile library; it was left untouched"):
        Library.open(db_url)
    with psycopg.connect(dsn, autocommit=True) as conn:
        tables = conn.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
        ).fetchall()
    assert tables == [("notes",)]


def test_a_waiting_writer_gets_a_clear_message(
    pg: Library, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(dialect, "BUSY_TIMEOUT_MS", 200)
    other = Library.open(db_url)
    try:
        with pg.write() as session:
            session.add(Item(kind="person", name="First"))
            session.flush()
            with (
                pytest.raises(LibraryBusy, match="busy.*Nothing was changed"),
                other.write() as second,
            ):
                second.add(Item(kind="person", name="Second"))
        with other.session() as session:
            assert [i.name for i in session.exec(select(Item))] == ["First"]
    finally:
        other.close()


def test_ids_after_an_import_do_not_collide(pg: Library) -> None:
    import_paths(library=pg, paths=[SAMPLE])
    case_id = cases.create_case(library=pg, title="After import").value
    with pg.write() as session:
        session.add(Item(kind="person", name="Someone New"))
    with pg.session() as session:
        top = session.exec(text("SELECT max(id) FROM item")).one()[0]
        assert session.exec(select(Item).where(Item.id == top)).one().name == "Someone New"
    assert case_id == 1


def test_search_on_postgres_ranks_snippets_and_survives_any_query(pg: Library) -> None:
    import_paths(library=pg, paths=[SAMPLE])
    with pg.session() as session:
        result = search.search(session=session, query="chokepoint technolog*")
        assert result.hits[0].kind == "article"
        marked = [result.hits[0].snippet[a:b].lower() for a, b in result.hits[0].highlights]
        assert "chokepoint" in marked and "technology" in marked
        for query in ('"', "a OR", "((", ":*", "!!x", "x & y | z", "'", "\\", "%s", "a:*B"):
            search.search(session=session, query=query)  # never raises
        # and the session is still usable after them (no aborted transaction)
        assert search.search(session=session, query="export").hits


def test_backup_of_a_shared_library_is_an_sqlite_file(pg: Library, tmp_path: Path) -> None:
    import_paths(library=pg, paths=[SAMPLE])
    out = pg.backup(tmp_path / "team.casefile")
    copy = Library.open(str(out))
    try:
        assert copy.path == out
        with copy.session() as session:
            assert search.search(session=session, query="chokepoint").hits
        assert search.index_consistent(library=copy)
    finally:
        copy.close()
