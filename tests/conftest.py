"""Shared fixtures: Qt offscreen, fresh settings, and real library files in a temp dir."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO.parent / "shared" / "samples"
SAMPLE = SAMPLES / "south-korea-export-control-coordination.txt"


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
def library(db_path: Path):
    from desktop.store.db import Library, resolve_db_url

    lib = Library.open(resolve_db_url(db_path))
    yield lib
    lib.close()


@pytest.fixture
def sample_text() -> str:
    return SAMPLE.read_text(encoding="utf-8")
