"""Shared fixtures: Qt offscreen, fresh settings, and real libraries: a file in a temp dir,
and (when $CASEFILE_TEST_PG_URL names a PostgreSQL database) the same tests again on a server.

Tests in the store, services and CLI directories that use the ``library`` or ``db_url``
fixture run once per back end ("sqlite", "postgres"); tests marked ``sqlite_only`` (file
refusal, WAL, application_id, backup files, kill -9) and all other directories run on SQLite
only. Each PostgreSQL test starts from an empty schema (DROP SCHEMA public CASCADE).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
#: the acceptance samples (a worktree elsewhere names them with $CASEFILE_SAMPLES)
SAMPLES = Path(os.environ.get("CASEFILE_SAMPLES", REPO.parent / "shared" / "samples"))
SAMPLE = SAMPLES / "south-korea-export-control-coordination.txt"

#: e.g. postgresql+psycopg://casefile:secret@127.0.0.1/casefile_test (see .ci/setup)
PG_URL = os.environ.get("CASEFILE_TEST_PG_URL", "")
BACKEND_DIRS = ("store", "services", "cli")  # search tests live in services and cli


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "sqlite_only: inherently SQLite (files, WAL, application_id, kill -9)"
    )


def pytest_report_header(config: pytest.Config) -> str:
    if PG_URL:
        from desktop.store.db import display_url

        return f"PostgreSQL back end: {display_url(PG_URL)}"
    return "PostgreSQL back end: skipped (set CASEFILE_TEST_PG_URL to run those tests too)"


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if not PG_URL or "backend" not in metafunc.fixturenames:
        return
    parts = metafunc.definition.path.relative_to(TESTS).parts
    if parts[0] in BACKEND_DIRS and not metafunc.definition.get_closest_marker("sqlite_only"):
        metafunc.parametrize("backend", ["sqlite", "postgres"], indirect=True)


@pytest.fixture
def backend(request: pytest.FixtureRequest) -> str:
    """ "sqlite", or "postgres" for the second run of store/services/CLI tests."""
    return str(getattr(request, "param", "sqlite"))


def _pg_test_url() -> str:
    """One database per xdist worker (created on first use), else the one named."""
    from sqlalchemy.engine import make_url

    from desktop.store.db import resolve_db_url

    url = make_url(resolve_db_url(PG_URL))
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if not worker:
        return url.render_as_string(hide_password=False)
    import psycopg

    name = f"{url.database}_{worker}"
    dsn = url.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(dsn, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')
    return url.set(database=name).render_as_string(hide_password=False)


def reset_pg_database(url: str) -> None:
    """An empty public schema: every PostgreSQL test starts from a new library."""
    import psycopg
    from sqlalchemy.engine import make_url

    dsn = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(dsn, autocommit=True) as conn:
        # Connections a previous test left open (a subprocess, an unclosed engine) would
        # block the DROP: end them (a role may end its own sessions).
        conn.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND usename = current_user "
            "AND pid <> pg_backend_pid()"
        )
        conn.execute("DROP SCHEMA IF EXISTS public CASCADE")
        conn.execute("CREATE SCHEMA public")


@pytest.fixture(autouse=True)
def _isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Tests never touch the user's real data directory or settings."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    runtime = home / "runtime"
    runtime.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    monkeypatch.delenv("CASEFILE_DB", raising=False)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "library.casefile"


@pytest.fixture
def db_url(backend: str, db_path: Path) -> str:
    """The address of a new, empty library on the test's back end (``--db`` accepts it)."""
    from desktop.store.db import resolve_db_url

    if backend == "postgres":
        url = _pg_test_url()
        reset_pg_database(url)
        return url
    return resolve_db_url(db_path)


@pytest.fixture
def library(db_url: str):
    from desktop.store.db import Library

    lib = Library.open(db_url)
    yield lib
    lib.close()


@pytest.fixture
def sample_text() -> str:
    return SAMPLE.read_text(encoding="utf-8")
