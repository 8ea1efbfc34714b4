"""Two processes on one library, schema upgrades with a backup first."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.store import migrate
from desktop.store.db import Library, resolve_db_url


def test_a_waiting_writer_gets_a_clear_message_not_a_hang(tmp_path: Path) -> None:
    path = tmp_path / "lib.casefile"
    Library.open(resolve_db_url(path)).close()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another process is writing
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "desktop", "case", "create", "Blocked", "--db", str(path)],
            capture_output=True,
            text=True,
            timeout=60,
            env={**_env(), "CASEFILE_BUSY_TIMEOUT_MS": "300"},
        )
    finally:
        holder.rollback()
        holder.close()
    assert proc.returncode == 1
    assert "busy: another Casefile window or command is writing" in proc.stderr
    assert "Traceback" not in proc.stderr
    proc = subprocess.run(
        [sys.executable, "-m", "desktop", "case", "create", "Free now", "--db", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        env=_env(),
    )
    assert proc.returncode == 0, proc.stderr


def _env() -> dict[str, str]:
    import os

    return {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}


def test_old_library_is_backed_up_then_migrated(tmp_path: Path) -> None:
    path = tmp_path / "lib.casefile"
    lib = Library.open(resolve_db_url(path))
    migrate.downgrade(lib.engine, "0001")
    lib.close()
    lib = Library.open(resolve_db_url(path))
    try:
        assert migrate.current_and_head(lib.engine)[0] == migrate.head_revision()
    finally:
        lib.close()
    backups = list(tmp_path.glob("lib.casefile.before-*.bak"))
    assert len(backups) == 1
    conn = sqlite3.connect(backups[0])
    assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0001"
    conn.close()


@pytest.mark.parametrize("size", [0, 100])
def test_truncated_library_is_reported_not_overwritten(tmp_path: Path, size: int) -> None:
    path = tmp_path / "lib.casefile"
    Library.open(resolve_db_url(path)).close()
    data = path.read_bytes()
    if size == 0:
        path.write_bytes(data[: 4096 + 50])  # cut mid-page
    else:
        path.write_bytes(data[:100])
    before = path.read_bytes()
    from desktop.store.db import LibraryError

    with pytest.raises(LibraryError, match="damaged"):
        Library.open(resolve_db_url(path)).close()
    assert path.read_bytes() == before
