"""Hostile text through the command line: control characters in titles and bodies never
reach the terminal raw, and a non-UTF-8 file name never makes the JSON invalid."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.extract.untrusted import printable_name, terminal_safe

TITLE = "Sanctions \x1b]0;pwned\x07 update \u202eevil \x9b31m"
RAW = ("\x1b", "\x07", "\u202e", "\x9b")


@pytest.fixture
def hostile(cli, tmp_path: Path):  # noqa: ANN001, ANN201
    article = tmp_path / "a.txt"
    article.write_text(
        f"{TITLE}\nThe U.S. said \x1b[31mred\x1b[0m things about China.\n", encoding="utf-8"
    )
    assert cli("import", str(article))[0] == 0
    return cli


def test_search_and_show_escape_control_characters(hostile) -> None:  # noqa: ANN001
    for args in (("search", "pwned"), ("search", "red"), ("show", "1"), ("case", "list")):
        code, out, err = hostile(*args)
        assert code == 0, err
        assert not any(c in out + err for c in RAW), (args, out)
    code, out, _ = hostile("show", "1")
    assert "Sanctions \\x1b]0;pwned\\x07 update \\u202eevil" in out


def test_error_messages_escape_control_characters(hostile) -> None:  # noqa: ANN001
    code, out, err = hostile("show", "Nobody\x1b]0;x\x07")
    assert code == 2 and "\x1b" not in err and "\\x1b" in err


def test_json_is_valid_utf8_with_a_non_utf8_file_name(
    db_url: str, tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    name = os.fsdecode(b"caf\xe9.txt")
    (folder / name).write_bytes(b"Cafe note\nJapan said hello.\n")
    (folder / os.fsdecode(b"bad\xff.pdf")).write_bytes(b"%PDF")
    assert main(["import", str(folder), "--db", db_url, "--json"]) == 1  # the .pdf is refused
    out = capsysbinary.readouterr().out
    doc = json.loads(out.decode("utf-8"))  # strict: invalid UTF-8 would raise
    assert doc["imported"] == 1
    assert [Path(f["file"]).name for f in doc["failed"]] == ["bad\\xff.pdf"]
    main(["show", "1", "--db", db_url, "--json"])
    shown = json.loads(capsysbinary.readouterr().out.decode("utf-8"))
    assert shown["source_file"] == "caf\\xe9.txt"


def test_helpers() -> None:
    assert terminal_safe("a\tb\nc\x1b[2J\x00\u2066") == "a\tb\nc\\x1b[2J\\x00\\u2066"
    assert printable_name(os.fsdecode(b"x\xe9y")) == "x\\xe9y"
    assert printable_name("plain café") == "plain café"
