"""The import service against a real library file: dedup, placeholders, refusals, cancel."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text
from sqlmodel import select

from desktop.services import library as lib_service
from desktop.services.importer import import_paths, reextract
from desktop.services.review import article_suggestions, reject
from desktop.store.models import Article, Evidence, Item, Link
from tests.conftest import SAMPLE


def _count(library, sql: str) -> int:
    with library.engine.connect() as conn:
        return int(conn.execute(text(sql)).scalar())


def test_sample_article_is_stored_with_its_suggestions(library) -> None:
    report = import_paths(library=library, paths=[SAMPLE])
    assert (report.imported, report.duplicates, report.failed) == (1, 0, [])
    [article] = report.articles
    assert article.title.startswith("Japan Asks for Earlier Say on Chip Tool Controls")
    with library.session() as session:
        view = lib_service.get_article(session, article.id)
        names = {m.entity.name for m in view.mentions}
        assert {"Marisa Okonkwo", "Bureau of Industry and Security", "Japan"} <= names
        for m in view.mentions:  # every highlight points at the text it names
            assert view.text[m.start : m.end].strip()
        assert {c.name for c in view.cites} == {
            f"Article {r} (cited, not yet imported)"
            for r in ("2301120031", "2212150044", "2204080017", "2301250009")
        }
        person = lib_service.resolve_item(session, "Marisa Okonkwo")
        page = lib_service.get_entity(session, person.id)
        assert page.role and "secretary" in page.role
        assert page.mentioned_in[0].article_id == article.id
    # the inbox holds the unreviewed article
    with library.session() as session:
        assert lib_service.section_counts(session)["inbox"] == 1


def test_importing_twice_changes_nothing(library, tmp_path: Path) -> None:
    import_paths(library=library, paths=[SAMPLE])
    before = _count(library, "SELECT count(*) FROM evidence")
    copy = tmp_path / "copy.txt"  # same words, other line endings and spacing
    copy.write_bytes(SAMPLE.read_text(encoding="utf-8").replace("\n", "  \r\n").encode("utf-8"))
    report = import_paths(library=library, paths=[SAMPLE, copy])
    assert (report.imported, report.duplicates) == (0, 2)
    assert _count(library, "SELECT count(*) FROM evidence") == before
    assert _count(library, "SELECT count(*) FROM article WHERE NOT placeholder") == 1


def test_placeholder_becomes_the_real_article_when_imported(library, tmp_path: Path) -> None:
    import_paths(library=library, paths=[SAMPLE])
    with library.session() as session:
        placeholder = session.exec(select(Article).where(Article.ref == "2301250009")).one()
        placeholder_id = placeholder.item_id
    cited = tmp_path / "2301250009.txt"
    cited.write_text(
        "U.S., Japan Launch Chip Tool Working Group\n"
        "The United States and Japan launched a working group on export "
        "controls, the Commerce Department said.\n",
        encoding="utf-8",
    )
    report = import_paths(library=library, paths=[cited])
    assert report.articles[0].id == placeholder_id
    with library.session() as session:
        article = session.get(Article, placeholder_id)
        assert not article.placeholder and article.published is not None
        view = lib_service.get_article(session, placeholder_id)
        assert view.cited_by and view.cited_by[0].name.startswith("Japan Asks")


def test_bad_files_are_refused_with_reasons_and_never_stop_the_batch(
    library, tmp_path: Path
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (folder / "picture.png").write_bytes(b"\x89PNG\r\n")
    (folder / "good.txt").write_text(
        "Japan Tightens Chip Tool Exports\nTokyo said on Friday it "
        "would tighten exports of chipmaking tools.\n"
    )
    report = import_paths(library=library, paths=[folder, tmp_path / "missing.txt"])
    assert report.imported == 1
    reasons = {Path(f).name: why for f, why in report.failed}
    assert set(reasons) == {"empty.txt", "binary.txt", "picture.png", "missing.txt"}
    assert "empty" in reasons["empty.txt"] and "binary" in reasons["binary.txt"]


def test_cancel_keeps_every_stored_article_whole(library, tmp_path: Path) -> None:
    for i in range(30):
        (tmp_path / f"a{i:02d}.txt").write_text(
            f"Article {i} on export controls\nThe Bureau of Industry and Security (BIS) added "
            f"{i} companies to the Entity List, Commerce Secretary Gina Raimondo said (see 22110{i:02d}0001).\n"
        )
    seen = []
    report = import_paths(
        library=library,
        paths=[tmp_path],
        progress=lambda d, t, n: seen.append(d),
        should_cancel=lambda: len(seen) > 10,
    )
    assert report.cancelled and 0 < report.imported < 30
    with library.session() as session:
        stored = session.exec(select(Article).where(Article.placeholder == False)).all()  # noqa: E712
        assert len(stored) == report.imported
        for art in stored:  # each article has all its suggestions
            links = session.exec(select(Link).where(Link.source_id == art.item_id)).all()
            assert len(links) >= 3
            for link in links:
                assert session.exec(select(Evidence).where(Evidence.link_id == link.id)).first()
    again = import_paths(library=library, paths=[tmp_path])
    assert again.imported + again.duplicates == 30 and again.duplicates == report.imported


def test_rejected_suggestion_is_not_suggested_again(library) -> None:
    report = import_paths(library=library, paths=[SAMPLE])
    article_id = report.articles[0].id
    with library.session() as session:
        russia = next(
            s for s in article_suggestions(session, article_id) if s.item.name == "Russia"
        )
    reject(library=library, link_ids=[russia.link_id])
    reextract(library=library, article_ids=[article_id])
    with library.session() as session:
        rows = [s for s in article_suggestions(session, article_id) if s.item.name == "Russia"]
        assert [s.status for s in rows] == ["rejected"]
        assert session.exec(select(Item).where(Item.name == "Marisa Okonkwo")).one()


def test_a_close_spelling_is_suggested_as_a_possible_duplicate_never_merged(
    library, tmp_path
) -> None:
    import_paths(library=library, paths=[SAMPLE])
    other = tmp_path / "other.txt"
    other.write_text(
        "Hudson Institute Forum\nMarisa Okonkwa, a deputy assistant secretary at Commerce, "
        "said coordination matters.\n",
        encoding="utf-8",
    )
    import_paths(library=library, paths=[other])
    with library.session() as session:
        twin = lib_service.resolve_item(session, "Marisa Okonkwa")
        page = lib_service.get_entity(session, twin.id)
        [link] = [lk for lk in page.links if lk.label == "possibly the same as"]
        assert {link.source.name, link.target.name} == {"Marisa Okonkwo", "Marisa Okonkwa"}
        assert link.status == "suggested"


def test_lists_sort_by_every_column(library, tmp_path) -> None:
    import_paths(library=library, paths=[SAMPLE])
    second = tmp_path / "2212010001.txt"
    second.write_text("Short Note on Japan\nJapan said little.\n", encoding="utf-8")
    import_paths(library=library, paths=[second])
    with library.session() as session:
        by_mentions = lib_service.list_item_ids(
            session, section="articles", sort="mentions", descending=True
        )
        rows = {r.id: r for r in lib_service.item_rows(session, by_mentions)}
        counts = [rows[i].mentions for i in by_mentions]
        assert counts == sorted(counts, reverse=True) and counts[0] > counts[-1]
        by_detail = lib_service.list_item_ids(session, section="articles", sort="detail")
        refs = [rows[i].detail.split(" ")[0] for i in by_detail if rows[i].detail]
        assert refs == sorted(refs)
        people = lib_service.list_item_ids(
            session, section="people", sort="detail", descending=True
        )
        first = lib_service.item_rows(session, people[:1])[0]
        assert first.name == "Marisa Okonkwo"  # the one person with a role sorts first
