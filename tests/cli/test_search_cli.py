"""`casefile search` and `casefile reindex` through the real command line entry point."""

from __future__ import annotations

import pytest

from tests.conftest import SAMPLE

MALFORMED = ['"unbalanced', "AND", "export* OR (", "NEAR(", "^%$#@!", "'; DROP TABLE article; --"]


@pytest.fixture
def imported(cli):
    assert cli("import", str(SAMPLE))[0] == 0
    return cli


def test_search_json_has_ranked_results_with_snippets(imported) -> None:
    code, doc, err = imported("search", "--json", "chokepoint technology")
    assert code == 0, err
    assert doc["query"] == "chokepoint technology"
    first = doc["results"][0]
    assert {"id", "kind", "title", "snippet", "score"} <= set(first)
    assert first["kind"] == "article" and "chokepoint" in first["snippet"]
    start, end = first["highlights"][-1]
    assert first["snippet"][start:end] == "technology"
    assert "notice" not in doc


def test_search_human_output_marks_matches(imported) -> None:
    code, out, _ = imported("search", "chokepoint")
    assert code == 0 and "[chokepoint]" in out and "article" in out
    code, out, _ = imported("search", "zebra crossing")
    assert code == 0 and "Nothing found" in out


@pytest.mark.parametrize("query", MALFORMED)
def test_malformed_queries_exit_cleanly(imported, query: str) -> None:
    code, doc, err = imported("search", "--json", query)
    assert code == 0 and "Traceback" not in err
    assert isinstance(doc["results"], list)
    if query != "'; DROP TABLE article; --":
        assert doc["notice"]
    assert imported("search", "--json", "chokepoint")[1]["results"]  # the library is intact


def test_kind_case_date_and_limit_filters(imported) -> None:
    code, doc, _ = imported("search", "--json", "--kind", "organization", "commerce")
    assert code == 0 and doc["results"]
    assert {r["kind"] for r in doc["results"]} == {"organization"}
    code, doc, _ = imported("search", "--json", "--limit", "1", "japan")
    assert len(doc["results"]) == 1
    imported("case", "create", "ROK watch", "--summary", "who coordinates with whom")
    imported("case", "add", "ROK watch", "Marisa Okonkwo")
    code, doc, _ = imported("search", "--json", "--case", "rok watch", "okonkwo OR coordinates")
    assert code == 0
    assert {(r["kind"], r["title"]) for r in doc["results"]} == {
        ("person", "Marisa Okonkwo"),
        ("case", "ROK watch"),
    }
    code, _, err = imported("search", "--case", "No such case", "okonkwo")
    assert code == 2 and "No case file called" in err
    code, doc, _ = imported("search", "--json", "--from", "2030-01-01", "chokepoint")
    assert code == 0 and doc["results"] == []
    code, _, err = imported("search", "--from", "yesterday", "chokepoint")
    assert code == 2 and "not a date" in err
    code, _, err = imported("search", "--kind", "spaceship", "chokepoint")
    assert code == 2


def test_reindex_rebuilds_and_reports(imported) -> None:
    code, doc, err = imported("reindex", "--json")
    assert code == 0, err
    assert doc["consistent"] is True and doc["articles"] >= 1 and doc["entities"] >= 1
    assert doc["index_bytes"]["article_fts"] > 0
    code, out, _ = imported("reindex")
    assert code == 0 and "Search index rebuilt" in out
    assert imported("search", "--json", "chokepoint technology")[1]["results"]


def test_a_very_long_query_is_shortened_with_a_notice(imported) -> None:
    query = " ".join(["chokepoint"] + ["zebra"] * 1999)
    code, doc, _ = imported("search", "--json", query)
    assert code == 0 and "first 64 words" in doc["notice"]
    code, out, _ = imported("search", query)
    assert code == 0 and "Note: Only the first 64 words were searched" in out
