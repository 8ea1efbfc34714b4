"""`casefile copy`: a library file to the test's back end (a server on the postgres run) and
back to a file, with every count and the search results intact."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.cli import main
from tests.conftest import SAMPLE


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, (json.loads(out) if "--json" in args and out.strip() else {}), err


def test_copy_there_and_back_keeps_everything(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mine = str(tmp_path / "mine.casefile")
    assert _run(capsys, "import", str(SAMPLE), "--db", mine)[0] == 0
    _run(capsys, "case", "create", "ROK", "--summary", "coordination with allies", "--db", mine)
    _run(capsys, "case", "add", "ROK", "BIS", "--db", mine)

    code, doc, err = _run(capsys, "copy", "--from", mine, "--to", db_url, "--json")
    assert code == 0, err
    assert doc["verified"] and doc["counts"]["item"] > 10 and doc["counts"]["case_item"] == 1
    assert "casefile-test" not in json.dumps(doc)  # the password is never printed

    back = str(tmp_path / "back.casefile")
    code, again, err = _run(capsys, "copy", "--from", db_url, "--to", back, "--json")
    assert code == 0, err
    assert again["counts"] == doc["counts"]

    for db in (db_url, back):
        code, found, _ = _run(capsys, "search", "allies", "--json", "--db", db)
        assert code == 0 and {h["kind"] for h in found["results"]} >= {"article", "case"}
        code, case, _ = _run(capsys, "case", "show", "ROK", "--json", "--db", db)
        assert [i["name"] for i in case["items"]] == ["Bureau of Industry and Security"]

    # into a library that already holds data: refused, nothing changed
    code, _, err = _run(capsys, "copy", "--from", mine, "--to", back)
    assert code == 2 and "already holds data" in err
    code, _, err = _run(capsys, "copy", "--from", mine, "--to", mine)
    assert code == 2 and "same library" in err
