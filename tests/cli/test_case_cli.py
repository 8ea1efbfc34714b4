"""`casefile case …` and `casefile show` through the real command line entry point."""

from __future__ import annotations

from tests.conftest import SAMPLE


def test_case_create_add_show_remove_json(cli) -> None:
    assert cli("import", str(SAMPLE))[0] == 0
    code, doc, _ = cli(
        "case", "create", "ROK coordination", "--summary", "Is it working?", "--json"
    )
    assert code == 0 and doc["title"] == "ROK coordination"
    code, doc, _ = cli(
        "case", "add", "ROK coordination", "Marisa Okonkwo", "BIS", "2301120031", "--json"
    )
    assert code == 0 and len(doc["added"]) == 3
    code, doc, _ = cli("case", "show", "--json", "rok coordination")
    assert code == 0
    assert doc["title"] == "ROK coordination" and doc["status"] == "open"
    assert doc["summary"] == "Is it working?"
    names = [i["name"] for i in doc["items"]]
    assert names[0] == "Marisa Okonkwo"
    assert "Bureau of Industry and Security" in names
    assert {"id", "kind", "name", "note"} <= set(doc["items"][0])
    code, doc, _ = cli("case", "remove", "ROK coordination", "BIS", "--json")
    assert code == 0 and len(doc["removed"]) == 1
    code, doc, _ = cli("case", "list", "--json")
    assert doc["cases"] == [{"id": 1, "title": "ROK coordination", "status": "open", "items": 2}]


def test_case_errors_are_messages_with_exit_codes(cli) -> None:
    cli("case", "create", "One")
    code, _, err = cli("case", "create", "one")
    assert code == 2 and "already a case file" in err
    code, _, err = cli("case", "show", "Nope")
    assert code == 2 and "No case file called" in err
    code, doc, err = cli("case", "add", "One", "Nobody Known", "--json")
    assert code == 1 and doc["failed"][0]["item"] == "Nobody Known"
    assert "Traceback" not in err


def test_show_entity_and_article_json(cli) -> None:
    cli("import", str(SAMPLE))
    code, doc, _ = cli("show", "--json", "Marisa Okonkwo")
    assert code == 0 and doc["name"] == "Marisa Okonkwo" and doc["kind"] == "person"
    assert (
        doc["mentioned_in"] and "deputy assistant secretary" in doc["mentioned_in"][0]["sentence"]
    )
    code, doc, _ = cli("show", "--json", "2301120031")
    assert code == 0 and doc["placeholder"] is True and doc["cited_by"]
    code, _, err = cli("show", "Nobody")
    assert code == 2 and "Nothing in this library" in err


def test_foreign_file_is_refused_with_exit_2(tmp_path, capsys) -> None:
    from desktop.cli import main

    notes = tmp_path / "notes.txt"
    notes.write_text("not a library")
    assert main(["case", "list", "--db", str(notes)]) == 2
    assert "not a Casefile library" in capsys.readouterr().err
    assert notes.read_text() == "not a library"


def test_show_by_alias(cli) -> None:
    cli("import", str(SAMPLE))
    code, doc, _ = cli("show", "--json", "BIS")
    assert code == 0 and doc["name"] == "Bureau of Industry and Security"
    assert "BIS" in doc["aliases"]
