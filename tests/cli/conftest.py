from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

from desktop.cli import main


@pytest.fixture
def cli(db_url: str, capsys: pytest.CaptureFixture[str]) -> Callable[..., tuple[int, Any, str]]:
    """Runs `casefile ARGS --db <temp library>`; returns (exit code, stdout or its JSON, stderr)."""

    def run(*args: str) -> tuple[int, Any, str]:
        code = main([*args, "--db", db_url])
        out, err = capsys.readouterr()
        if "--json" in args and out.strip():
            return code, json.loads(out), err
        return code, out, err

    return run
