"""Relations read from an article reach the library: `casefile show --json` gives a person's
role and affiliation, `casefile graph` the affiliated_with and member_of links with evidence,
and an article not in English is imported with a notice."""

from __future__ import annotations

from pathlib import Path

ARTICLE = """Senators Press Commerce on Chip Tools

WASHINGTON, March 3 (Trade Wire) - Sen. Dalia Okonkwo (R-Fla.) said on Tuesday that tools
sold to China needed tighter review. Dana Whitlock, chief compliance officer at Northgate
Lithography, agreed. Spain and Poland agreed to form a joint task force to coordinate export
controls.
"""

GERMAN = """Bundesregierung verschärft Exportkontrollen

Die Bundesregierung will die Ausfuhr von Halbleitertechnik nach China stärker kontrollieren.
Wirtschaftsminister Robert Habeck sagte am Dienstag, die Regeln seien nicht mehr zeitgemäß, und
die Unternehmen seien mit den neuen Vorgaben nicht einverstanden, erklärte Peter Adrian.
"""


def test_role_affiliation_and_links_are_stored_and_shown(cli, tmp_path: Path) -> None:
    path = tmp_path / "senators.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    assert cli("import", str(path))[0] == 0
    code, page, _ = cli("show", "Dana Whitlock", "--json")
    assert code == 0
    assert page["role"] == "chief compliance officer"
    assert page["affiliation"] == "Northgate Lithography"
    code, page, _ = cli("show", "Dalia Okonkwo", "--json")
    assert code == 0 and page["role"] == "Sen."
    code, graph, _ = cli("graph", "Dalia Okonkwo", "--json")
    assert code == 0
    names = {n["id"]: n["name"] for n in graph["nodes"]}
    targets = {names[e["target"]] for e in graph["edges"] if e["kind"] == "affiliated_with"}
    assert {"Republican Party", "Florida"} <= targets
    edge = next(e for e in graph["edges"] if e["kind"] == "affiliated_with")
    assert "(R-Fla.)" in edge["evidence"][0]["sentence"]
    code, graph, _ = cli("graph", "Spain", "--json")
    assert code == 0
    member = [e for e in graph["edges"] if e["kind"] == "member_of"]
    assert member and "joint task force" in member[0]["evidence"][0]["sentence"]


def test_an_article_not_in_english_is_imported_with_a_notice(cli, tmp_path: Path) -> None:
    path = tmp_path / "de.txt"
    path.write_text(GERMAN, encoding="utf-8")
    code, report, _ = cli("import", str(path), "--json")
    assert code == 0 and report["imported"] == 1
    assert "German" in report["notices"][0]["notice"]
    code, out, _ = cli("extract", str(path))
    assert "Suggestions are limited for German text" in out
    assert "person" not in out
