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
