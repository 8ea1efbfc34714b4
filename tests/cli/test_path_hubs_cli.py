"""Paths that explain (issue 18): between two colleagues of one company who both appear beside
a country that every article names, the first path runs through the company, and says why."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

ARTICLES = Path(__file__).parents[1] / "data" / "connections"


def _import(cli: Callable[..., tuple[int, Any, str]]) -> None:
    files = sorted(str(p) for p in ARTICLES.glob("*.txt"))
    assert len(files) >= 8
    assert cli("import", *files)[0] == 0


def test_the_first_path_runs_through_the_company_not_the_country(cli) -> None:
    _import(cli)
    code, found, _ = cli("path", "Harlan Voss", "Mirela Santos", "--json")
    assert code == 0
    first = [n["name"] for n in found["paths"][0]["nodes"]]
    assert "Quillmark Corp." in first
    assert "United States" not in first
    assert any("United States" in line for line in found["paths"][0]["why"])
    for path in found["paths"]:
        assert all(e["evidence"] for e in path["edges"])  # every hop with its sentence


def test_through_hubs_lets_the_country_in(cli) -> None:
    _import(cli)
    code, found, _ = cli("path", "Harlan Voss", "Mirela Santos", "--through-hubs", "--json")
    assert code == 0
    every = {n["name"] for p in found["paths"] for n in p["nodes"]}
    assert "United States" in every
    first = [n["name"] for n in found["paths"][0]["nodes"]]
    assert "Quillmark Corp." in first  # still ranked first: the country is linked to everything
    costs = [p["cost"] for p in found["paths"]]
    assert costs == sorted(costs)


def test_human_output_says_why(cli) -> None:
    _import(cli)
    code, out, _ = cli("path", "Harlan Voss", "Mirela Santos")
    assert code == 0
    assert "why:" in out and "left out: United States (a country)" in out
