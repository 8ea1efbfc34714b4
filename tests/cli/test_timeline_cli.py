"""`casefile timeline` (issue 19): the Done-when scenario from the command line."""

from __future__ import annotations

from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "data" / "timeline"


def test_case_timeline_json_is_in_date_order_with_sources(cli) -> None:  # noqa: ANN001
    code, doc, _ = cli("import", "--json", *map(str, sorted(DATA.iterdir())))
    assert code == 0
    ids = [a["id"] for a in doc["articles"]]
    cli("case", "create", "Tools")
    cli("case", "add", "Tools", *map(str, ids))
    code, doc, _ = cli("timeline", "--case", "Tools", "--json")
    assert code == 0
    events = doc["events"]
    assert {"date", "kind", "id", "title", "sentence", "items"} <= set(events[0])
    dates = [e["date"] for e in events]
    assert dates == sorted(dates)
    arts = [(e["date"], e["source"]) for e in events if e["kind"] == "article"]
    assert arts == [
        ("2022-10-07", "from the front matter"),
        ("2022-11-30", "from the dateline"),
        ("2023-01-27", "from the page"),
    ]
    code, doc, _ = cli("timeline", "--case", "Tools", "--from", "2023", "--to", "2023-01", "--json")
    assert [e["date"] for e in doc["events"]] == ["2023-01-16", "2023-01-25", "2023-01-27"]
    code, out, _ = cli("timeline", "ASML")
    assert code == 0 and "2023-01-25  [statement] ASML" in out


def test_timeline_usage_errors_are_messages(cli) -> None:  # noqa: ANN001
    code, _, err = cli("timeline")
    assert code == 2 and "name one ITEM" in err
    code, _, err = cli("timeline", "--case", "Nope")
    assert code == 2 and "Nope" in err
    cli("case", "create", "Empty")
    code, _, err = cli("timeline", "--case", "Empty", "--from", "30/11/2022")
    assert code == 2 and "--from" in err and "YYYY-MM-DD" in err
