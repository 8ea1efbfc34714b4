"""`casefile import` then `casefile show --json`: every mention points at its own words in the
text shown, whatever the layout; the article's date, outlet and dateline are on its page; and
`casefile extract --json` agrees with what the import stored."""

from __future__ import annotations

import codecs
from pathlib import Path

from tests.extract.test_layout import DATA, WIRE


def _write_layouts(folder: Path) -> None:
    folder.mkdir()
    (folder / "blank.txt").write_text(WIRE.replace("\n\n", "\n\n\n", 1), encoding="utf-8")
    (folder / "crlf.txt").write_bytes(
        WIRE.replace("\n", "\r\n").replace("Trade Wire", "TW").encode()
    )
    (folder / "bom.txt").write_bytes(
        codecs.BOM_UTF8 + WIRE.replace("Seoul Seeks", "Seoul Asks").encode()
    )


def test_mentions_point_at_their_words_in_the_shown_text(cli, tmp_path: Path) -> None:
    _write_layouts(tmp_path / "in")
    code, report, _ = cli("import", str(tmp_path / "in"), str(DATA), "--json")
    # the same words with blank lines added are the same article (a duplicate)
    assert code == 0 and (report["imported"], report["duplicates"]) == (8, 1)
    for article in report["articles"]:
        code, page, _ = cli("show", str(article["id"]), "--json")
        text = page["text"]
        assert page["mentions"], page["source_file"]
        for m in page["mentions"]:
            got = text[m["start"] : m["end"]]
            assert got == m["text"] and got[0].isalnum() and got == got.strip(), got
            assert m["start"] == 0 or not text[m["start"] - 1].isalnum()


def test_article_metadata_on_its_page(cli) -> None:
    code, report, _ = cli("import", str(DATA), "--json")
    assert code == 0
    pages = {}
    for article in report["articles"]:
        _, page, _ = cli("show", str(article["id"]), "--json")
        pages[page["source_file"]] = page
    wire = pages["wire-seoul.txt"]
    assert (wire["source"], wire["dateline"], wire["published"]) == ("Trade Wire", "Seoul", None)
    dated = pages["2303030041-washington.txt"]
    assert (dated["published"], dated["published_from"]) == ("2023-03-03", "dateline-id")
    page = pages["harbor-ledger.html"]
    assert (page["published"], page["published_from"], page["source"], page["byline"]) == (
        "2023-01-27",
        "page",
        "Harbor Ledger",
        "Maria Jansen",
    )
    assert pages["policy-brief.md"]["source"] == "Policy Desk"
    code, text, _ = cli("show", str(dated["id"]))
    assert "2023-03-03 (from the dateline (year from the ID))" in text
    assert "dateline Washington" in text


def test_extract_and_import_agree(cli, tmp_path: Path) -> None:
    path = DATA / "wire-seoul.txt"
    code, extracted, _ = cli("extract", str(path), "--json")
    assert code == 0
    (found,) = extracted
    code, report, _ = cli("import", str(path), "--json")
    _, page, _ = cli("show", str(report["articles"][0]["id"]), "--json")
    stored = {
        (m["entity"]["kind"], m["entity"]["name"], m["start"], m["end"]) for m in page["mentions"]
    }
    offered = {
        (e["kind"], e["name"], m["start"], m["end"])
        for e in found["entities"]
        for m in e["mentions"]
    }
    assert stored == offered
    assert found["published"] == page["published"]
    assert (found["source"], found["dateline"]) == (page["source"], page["dateline"])


def test_a_front_matter_date_says_it_came_from_the_front_matter(
    cli, db_url: str, tmp_path: Path
) -> None:
    """A Markdown file's ``date:`` is not "from the page": the reader says where it was."""
    from desktop.services.library import get_article
    from desktop.store.db import Library
    from desktop.ui.detail.article_reader import render_article

    note = tmp_path / "brief.md"
    note.write_text(
        "---\ntitle: Brief on Entity List additions\ndate: 2022-10-07\nsource: Policy Desk\n"
        "---\nThe Commerce Department added 31 Chinese entities, officials said.\n",
        encoding="utf-8",
    )
    code, report, _ = cli("import", str(note), "--json")
    assert code == 0
    article_id = report["articles"][0]["id"]
    _, page, _ = cli("show", str(article_id), "--json")
    assert (page["published"], page["published_from"]) == ("2022-10-07", "front-matter")
    _, text, _ = cli("show", str(article_id))
    assert "2022-10-07 (from the front matter)" in text
    library = Library.open(db_url)
    try:
        with library.session() as session:
            shown = render_article(get_article(session, article_id))
    finally:
        library.close()
    assert "2022-10-07 (from the front matter)" in shown and "from the page" not in shown
