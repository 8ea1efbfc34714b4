"""`casefile watch import|list|hits|add|confirm|dismiss`: the JSON the issue specifies, exit
codes, and messages naming the file."""

from __future__ import annotations

from pathlib import Path

DATA = Path(__file__).parents[1] / "data" / "watch"
HIT_KEYS = {"list", "entry", "matched", "item_id", "item_kind", "article_id", "score", "reason",
            "status"}  # fmt: skip


def test_import_list_and_hits_json(cli) -> None:
    assert cli("import", str(DATA / "articles"))[0] == 0
    code, doc, _ = cli("watch", "import", str(DATA / "csl.json"), "--json")
    assert code == 0
    assert (doc["list"], doc["date"], doc["added"], doc["new_hits"]) == (
        "Consolidated Screening List", "2026-11-20", 4, 2
    )  # fmt: skip
    code, doc, _ = cli("watch", "import", str(DATA / "sdn" / "sdn.csv"), "--name", "SDN", "--json")
    assert (code, doc["list"], doc["new_hits"]) == (0, "SDN", 1)
    code, doc, _ = cli("watch", "hits", "--json")
    assert code == 0
    hits = doc["hits"]
    assert all(set(h) >= HIT_KEYS for h in hits)
    assert {(h["list"], h["entry"], h["matched"]) for h in hits} == {
        (
            "Consolidated Screening List",
            "Hua Ying Semiconductor Co., Ltd.",
            "HuaYing Semiconductor",
        ),
        ("Consolidated Screening List", "PETROV, Aleksandr Ivanovich", "Alexander Petrov"),
        ("SDN", "KOVALCHUK, Yuriy Valentinovich", "Yury Kovalchuk"),
    }
    assert all(h["status"] == "new" and h["score"] >= 85 and h["reason"] for h in hits)
    code, doc, _ = cli("watch", "hits", "--list", "SDN", "--json")
    assert [h["matched"] for h in doc["hits"]] == ["Yury Kovalchuk"]
    code, doc, _ = cli("watch", "list", "--json")
    assert [(x["name"], x["entries"], x["hits"]) for x in doc["lists"]] == [
        ("Consolidated Screening List", 4, 2),
        ("SDN", 5, 1),
    ]


def test_dismissed_hits_only_with_all(cli) -> None:
    cli("import", str(DATA / "articles"))
    cli("watch", "import", str(DATA / "plain.txt"), "--name", "Case 12")
    _, doc, _ = cli("watch", "hits", "--json")
    [hit] = doc["hits"]
    assert cli("watch", "dismiss", str(hit["id"]))[0] == 0
    assert cli("watch", "hits", "--json")[1]["hits"] == []
    _, doc, _ = cli("watch", "hits", "--all", "--json")
    assert [h["status"] for h in doc["hits"]] == ["dismissed"]
    assert cli("watch", "screen", "--json")[1] == {"new_hits": 0}
    code, _, err = cli("watch", "confirm", "999999")
    assert code == 2 and "No hit with id 999999" in err


def test_add_own_name(cli) -> None:
    cli("import", str(DATA / "articles"))
    code, doc, _ = cli("watch", "add", "Omar Hadad", "--kind", "person", "--json")
    assert (code, doc["list"], doc["new_hits"]) == (0, "My watch list", 1)
    out = cli("watch", "hits")[1]
    assert "Omar Haddad (person) ~ Omar Hadad on My watch list" in out


def test_bad_input_names_the_file(cli, tmp_path: Path) -> None:
    bad = tmp_path / "list.json"
    bad.write_text("{not json", encoding="utf-8")
    code, _, err = cli("watch", "import", str(bad))
    assert code == 2 and "list.json: not valid JSON" in err
    code, _, err = cli("watch", "import", str(tmp_path / "missing.csv"))
    assert code == 2 and "missing.csv: no such file" in err
    code, _, err = cli("watch", "hits", "--list", "Nope")
    assert code == 2 and "No watch list named 'Nope'" in err
