"""A killed import leaves no worker process behind (Linux: reads /proc)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import REPO, SAMPLE

pytestmark = [
    pytest.mark.sqlite_only,
    pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc"),
]


def _children(pid: int) -> set[int]:
    """Every live descendant of ``pid``."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        if fields[0] != "Z":
            parents[int(entry.name)] = int(fields[1])
    found, frontier = set(), {pid}
    while frontier:
        frontier = {p for p, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def _alive(pids: set[int]) -> set[int]:
    alive = set()
    for pid in pids:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state != "Z":
            alive.add(pid)
    return alive


def _wait_for(condition, seconds: float = 60.0):  # noqa: ANN001, ANN202
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    return condition()


def test_a_killed_import_leaves_no_worker_behind(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    text = SAMPLE.read_text(encoding="utf-8")
    for i in range(400):  # enough files for the worker pool, and work to be killed in
        (folder / f"a{i:03d}.txt").write_text(f"{text}\nNote {i}.\n" * 20, encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-m", "desktop", "import", str(folder), "--db", str(tmp_path / "l.cf")],
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    try:
        workers = _wait_for(lambda: len(_children(proc.pid)) >= 2 and _children(proc.pid))
        assert workers, "the import started no worker processes"
        time.sleep(1.0)  # let the workers start on their files
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    _wait_for(lambda: not _alive(workers))
    assert not _alive(workers), f"orphaned workers still running: {sorted(_alive(workers))}"


def test_two_workers_store_what_one_process_stores(tmp_path: Path) -> None:
    """Several extraction workers (the default on two idle cores) hand back the articles in
    file order, each with the same suggestions as when extracted in the storing process."""
    from desktop.services.importer import POOL_THRESHOLD, import_paths
    from desktop.store.db import Library, resolve_db_url

    folder = tmp_path / "articles"
    folder.mkdir()
    text = SAMPLE.read_text(encoding="utf-8")
    n = POOL_THRESHOLD + 6  # enough files for the pool
    for i in range(n):
        (folder / f"a{i:03d}.txt").write_text(f"{text}\nSee 22110{i:03d}01. Note {i}.\n")
    stored = []
    for workers, name in ((0, "one.cf"), (2, "two.cf")):
        library = Library.open(resolve_db_url(tmp_path / name))
        try:
            report = import_paths(library=library, paths=[folder], workers=workers)
            with library.engine.connect() as conn:
                rows = conn.exec_driver_sql(
                    "SELECT i.name, a.source_file, a.content_hash, "
                    "(SELECT count(*) FROM link l WHERE l.source_id = a.item_id), "
                    "(SELECT count(*) FROM evidence e WHERE e.article_id = a.item_id) "
                    "FROM article a JOIN item i ON i.id = a.item_id ORDER BY a.item_id"
                ).fetchall()
        finally:
            library.close()
        assert report.imported == n and not report.failed
        stored.append([tuple(r) for r in rows])
    assert stored[0] == stored[1]
    assert [r[1] for r in stored[0] if r[1]] == [f"a{i:03d}.txt" for i in range(n)]
