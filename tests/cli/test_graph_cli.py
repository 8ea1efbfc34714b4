"""`casefile graph` and `casefile path` on the hand-built sample graph."""

from __future__ import annotations

from tests.services.test_graph import TITLE, build_sample_graph


def test_graph_json_has_nodes_edges_and_evidence(cli, library) -> None:
    build_sample_graph(library)
    code, doc, _ = cli("graph", "Elizabeth Economy", "--hops", "2", "--json")
    assert code == 0
    assert doc["center"]["name"] == "Elizabeth Economy"
    names = {n["name"] for n in doc["nodes"]}
    assert {"South Korea", "Commerce Department", TITLE} <= names
    assert all({"id", "kind", "name"} <= set(n) for n in doc["nodes"])
    edge = next(e for e in doc["edges"] if e["kind"] == "affiliated_with")
    assert edge["status"] == "confirmed"
    assert edge["evidence"][0]["article_id"] and "senior adviser" in edge["evidence"][0]["sentence"]


def test_graph_by_alias_within_a_case_and_human_output(cli, library) -> None:
    build_sample_graph(library)
    code, out, _ = cli("graph", "Commerce")
    assert code == 0 and "Commerce Department (organization)" in out
    code, doc, _ = cli("graph", TITLE, "--case", "Korea coordination", "--json")
    assert code == 0
    assert {n["name"] for n in doc["nodes"]} == {TITLE, "Elizabeth Economy", "South Korea"}
    code, _, err = cli("graph", TITLE, "--case", "No such case")
    assert code == 2 and "No such case" in err


def test_path_json_and_text(cli, library) -> None:
    build_sample_graph(library)
    code, doc, _ = cli("path", "Elizabeth Economy", "South Korea", "--json")
    assert code == 0
    first = doc["paths"][0]
    assert [n["name"] for n in first["nodes"]] == ["Elizabeth Economy", TITLE, "South Korea"]
    assert all(e["evidence"] for e in first["edges"])
    code, out, _ = cli("path", "Elizabeth Economy", "South Korea")
    assert code == 0 and "Path 1 (2 hop(s))" in out and "South Korea has joined" in out


def test_no_path_is_a_message_and_exit_1(cli, library) -> None:
    build_sample_graph(library)
    code, out, _ = cli("path", "Lonely Entity", "China")
    assert code == 1 and "No connection found between Lonely Entity and China" in out
    code, doc, _ = cli("path", "Lonely Entity", "China", "--json")
    assert code == 1 and doc["paths"] == []


def test_unknown_item_is_a_usage_error(cli, library) -> None:
    build_sample_graph(library)
    code, _, err = cli("graph", "Nobody At All")
    assert code == 2 and "Nobody At All" in err
