"""Everything under desktop/resources is package data, so a wheel carries every file the
program reads at run time (a new kind of file must be listed in pyproject.toml)."""

from __future__ import annotations

import tomllib
from fnmatch import fnmatch
from pathlib import Path

from desktop import resource

REPO = Path(__file__).resolve().parents[1]


def test_every_runtime_resource_is_listed_as_package_data() -> None:
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["desktop"]
    package = REPO / "desktop"
    files = [p for p in (package / "resources").rglob("*") if p.is_file()]
    assert len(files) > 20
    missing = [
        str(p.relative_to(package))
        for p in files
        if not any(_matches(p.relative_to(package).parts, pattern) for pattern in patterns)
    ]
    assert missing == []


def _matches(parts: tuple[str, ...], pattern: str) -> bool:
    """setuptools' glob: `*` stays within one folder."""
    wanted = pattern.split("/")
    return len(parts) == len(wanted) and all(map(fnmatch, parts, wanted))


def test_resources_are_read_from_the_package() -> None:
    assert resource("gazetteer", "places.json").is_file()
    assert resource("demo", "case.json").is_file()
    assert resource("style.qss").parent == REPO / "desktop" / "resources"
