"""kill -9 in the middle of an import: the library stays sound and a re-run finishes the job."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desktop.services.importer import import_paths
from desktop.store import dialect
from desktop.store.db import Library, resolve_db_url

N_FILES = 3000
NAMES = ["Gina Raimondo", "Alan Estevez", "Thea Kendler", "Ahn Duk-geun", "Wang Wentao"]


def _write_corpus(folder: Path) -> None:
    folder.mkdir()
    words = [
        "export",
        "control",
        "license",
        "semiconductor",
        "sanctions",
        "ministry",
        "coordination",
    ]
    for i in range(N_FILES):
        body = " ".join(words[(i + k) % len(words)] for k in range(120))
        (folder / f"a{i:05d}.txt").write_text(
            f"Article {i} on chips\n{NAMES[i % 5]} of the Bureau of Industry and Security said "
            f"{body} in Japan (see 22{i % 12 + 1:02d}01{i:04d}).\n",
            encoding="utf-8",
        )


def _stored_articles(db: Path) -> int:
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            return conn.execute("SELECT count(*) FROM article WHERE placeholder = 0").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


@pytest.mark.slow
def test_kill_9_mid_import_leaves_only_whole_articles(tmp_path: Path) -> None:
    corpus, db = tmp_path / "in", tmp_path / "lib.casefile"
    _write_corpus(corpus)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    proc = subprocess.Popen(
        [sys.executable, "-m", "desktop", "import", "--db", str(db), str(corpus)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    deadline = time.monotonic() + 120
    while _stored_articles(db) < 200 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    stored = _stored_articles(db)
    assert 0 < stored < N_FILES, "the kill must land mid-import"

    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    # whole articles only: each one has its index row and all its suggestions' evidence
    half = conn.execute(
        "SELECT count(*) FROM article a WHERE a.placeholder = 0 AND NOT EXISTS "
        "(SELECT 1 FROM link l JOIN evidence e ON e.link_id = l.id WHERE l.source_id = a.item_id "
        "AND l.kind = 'mentions')"
    ).fetchone()[0]
    assert half == 0
    conn.close()
    library = Library.open(resolve_db_url(db))
    try:
        with library.engine.connect() as c:
            assert dialect.search_index_ok(c)
        report = import_paths(library=library, paths=[corpus])
    finally:
        library.close()
    assert report.failed == []
    assert report.duplicates == stored
    assert report.imported + report.duplicates == N_FILES
