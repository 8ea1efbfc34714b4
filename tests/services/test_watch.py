"""Watch lists against a real library: list files as published, screening at import and when a
list changes, re-import with added/removed, verdicts that stick, flags and the case summary."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from desktop.services import cases, screening, watchlists
from desktop.services.export import to_html, to_markdown
from desktop.services.importer import import_paths
from desktop.services.report import build_report
from desktop.services.watch_files import WatchFileError, read_list

DATA = Path(__file__).parents[1] / "data" / "watch"


def _hits(library, **kw) -> list[watchlists.HitRow]:
    with library.session() as session:
        return watchlists.list_hits(session, **kw)


def _load(library, path: Path, name: str | None = None) -> watchlists.ListImport:
    result = watchlists.import_list_file(library=library, path=path, name=name)
    screening.screen(library=library, list_ids=[result.list_id])
    return result


def test_csl_json_is_read_as_published() -> None:
    parsed = read_list(DATA / "csl.json")
    assert parsed.source == "csl-json" and parsed.list_date == date(2026, 11, 20)
    assert parsed.name == "Consolidated Screening List"  # several sources
    hua = parsed.entries[0]
    assert (hua.key, hua.name, hua.aliases, hua.kind) == (
        "e1", "Hua Ying Semiconductor Co., Ltd.", ["Huaying Microelectronics"], "organization"
    )  # fmt: skip
    assert hua.countries == ["CN"] and "88 FR 12345" in hua.remarks
    assert parsed.entries[1].kind == "person" and parsed.entries[1].programs == ["RUSSIA-EO14024"]


def test_sdn_pair_is_read_with_aliases_and_countries() -> None:
    parsed = read_list(DATA / "sdn" / "sdn.csv")
    assert parsed.source == "sdn" and parsed.name == "OFAC SDN"
    by_key = {e.key: e for e in parsed.entries}
    assert len(by_key) == 5
    kov = by_key["7140"]
    assert kov.name == "KOVALCHUK, Yuriy Valentinovich" and kov.kind == "person"
    assert kov.aliases == ["KOVALCHUK, Yury"] and kov.countries == ["Russia"]
    assert kov.programs == ["RUSSIA-EO14024", "UKRAINE-EO13661"]
    assert by_key["9647"].aliases == ["PAO SOVCOMFLOT", "SOVKOMFLOT"]
    assert by_key["9647"].kind == "organization"  # "-0-": an entity
    assert by_key["173"].remarks == ""  # "-0-" is empty
    assert by_key["36"].remarks == "<img src=x>"  # kept as text


def test_plain_lists_text_and_tsv() -> None:
    text = read_list(DATA / "plain.txt")
    assert [(e.name, e.aliases) for e in text.entries] == [
        ("Omar Haddad", ["HADDAD, Omar"]),
        ("Nordic Marine Supply GmbH", []),
        ("Gazprom Neft PJSC", ["Gazpromneft"]),
    ]
    tsv = read_list(DATA / "plain.tsv", name="Case 12")
    assert tsv.name == "Case 12"
    rami = tsv.entries[0]
    assert (rami.aliases, rami.kind, rami.countries) == (
        ["Rami Makhluf", "Rami Mahlouf"], "person", ["SY"]
    )  # fmt: skip


def test_bad_files_are_refused_with_their_name(tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"results": [', encoding="utf-8")
    with pytest.raises(WatchFileError, match="broken.json: not valid JSON"):
        read_list(broken)
    short = tmp_path / "sdn.csv"
    short.write_text('1,"A",-0-,"X",-0-,-0-,-0-,-0-,-0-,-0-,-0-,-0-\n2,"B",-0-\n')
    with pytest.raises(WatchFileError, match=r"sdn.csv: line 2 has 3 columns"):
        read_list(short)
    empty = tmp_path / "names.txt"
    empty.write_text("# nothing\n\n")
    with pytest.raises(WatchFileError, match="no names"):
        read_list(empty)


def test_screening_finds_variants_not_look_alikes(library) -> None:
    import_paths(library=library, paths=[DATA / "articles"], workers=0)
    _load(library, DATA / "csl.json")
    _load(library, DATA / "sdn" / "sdn.csv")
    hits = {(h.entry, h.matched): h for h in _hits(library)}
    assert set(hits) == {
        ("Hua Ying Semiconductor Co., Ltd.", "HuaYing Semiconductor"),
        ("PETROV, Aleksandr Ivanovich", "Alexander Petrov"),
        ("KOVALCHUK, Yuriy Valentinovich", "Yury Kovalchuk"),
    }  # North Star Capital is not Northern Star Trading LLC
    hua = hits[("Hua Ying Semiconductor Co., Ltd.", "HuaYing Semiconductor")]
    assert hua.score == 100 and hua.status == "new" and hua.item_kind == "organization"
    assert "country CN agrees" in hua.reason and hua.article_id is not None
    petrov = hits[("PETROV, Aleksandr Ivanovich", "Alexander Petrov")]
    assert 85 <= petrov.score < 100 and "'Petrov, Alexandr' ~ 'Alexander Petrov'" in petrov.reason


def test_import_screens_new_articles(library, tmp_path: Path) -> None:
    _load(library, DATA / "csl.json")
    assert _hits(library) == []
    report = import_paths(library=library, paths=[DATA / "articles" / "chip.txt"], workers=0)
    assert report.watch_hits == 2
    assert {h.matched for h in _hits(library)} == {"HuaYing Semiconductor", "Alexander Petrov"}


def test_reimport_replaces_and_reports_keeping_verdicts(library, tmp_path: Path) -> None:
    import_paths(library=library, paths=[DATA / "articles"], workers=0)
    first = _load(library, DATA / "plain.txt", name="Case 12")
    assert (first.created, len(first.added), first.removed) == (True, 3, ())
    [hit] = _hits(library)
    assert hit.matched == "Omar Haddad"
    watchlists.set_hit_status(library=library, hit_ids=[hit.id], status="dismissed")
    newer = tmp_path / "names.txt"
    newer.write_text("Omar Haddad | HADDAD, Omar\nRami Makhlouf\n", encoding="utf-8")
    second = _load(library, newer, name="Case 12")
    assert second.created is False
    assert second.added == ("Rami Makhlouf",)
    assert set(second.removed) == {"Nordic Marine Supply GmbH", "Gazprom Neft PJSC"}
    assert second.kept == 1
    screening.screen(library=library)
    assert _hits(library) == []  # dismissed: not raised again
    [kept] = _hits(library, include_dismissed=True)
    assert (kept.id, kept.status) == (hit.id, "dismissed")
    with library.session() as session:
        [info] = watchlists.list_lists(session)
    assert (info.name, info.entries, info.hits) == ("Case 12", 2, 0)


def test_older_csl_file_does_not_replace_a_newer_list(library, tmp_path: Path) -> None:
    _load(library, DATA / "csl.json")
    older = tmp_path / "csl.json"
    older.write_text(
        (DATA / "csl.json").read_text(encoding="utf-8").replace("2026-11-20", "2025-01-01"),
        encoding="utf-8",
    )
    with pytest.raises(watchlists.WatchListError, match="older than the list"):
        watchlists.import_list_file(library=library, path=older)


def test_threshold_per_list(library) -> None:
    import_paths(library=library, paths=[DATA / "articles"], workers=0)
    result = _load(library, DATA / "csl.json")
    watchlists.set_threshold(library=library, list_id=result.list_id, threshold=98)
    assert {h.matched for h in _hits(library)} == {"HuaYing Semiconductor"}  # 97% went
    screening.screen(library=library)
    assert {h.matched for h in _hits(library)} == {"HuaYing Semiconductor"}


def test_own_entries_and_watch_this_entity(library) -> None:
    import_paths(library=library, paths=[DATA / "articles"], workers=0)
    watchlists.add_own_entry(library=library, name="Omar Hadad", kind="person")
    screening.screen(library=library)
    [hit] = _hits(library)
    assert (hit.list_name, hit.matched, hit.entry) == ("My watch list", "Omar Haddad", "Omar Hadad")
    with library.session() as session:
        from desktop.services.library import resolve_item

        kov = resolve_item(session, "Yury Kovalchuk").id
    assert kov in watchlists.watch_entity(library=library, item_id=kov).changes.entities
    [watched] = _hits(library, item_ids=[kov])
    assert (watched.status, watched.reason) == ("confirmed", "watched by you")
    with pytest.raises(watchlists.WatchListError):
        watchlists.add_own_entry(library=library, name="  ")


def test_flags_name_entities_and_the_articles_that_mention_them(library) -> None:
    report = import_paths(library=library, paths=[DATA / "articles"], workers=0)
    _load(library, DATA / "csl.json")
    ids = {a.title: a.id for a in report.articles}
    chip, gulf = (
        ids["Shenzhen Chipmaker Expands Despite Listing"],
        ids["Gulf Traders Face New Scrutiny"],
    )
    with library.session() as session:
        flags = watchlists.flags(session, [chip, gulf])
        flagged = watchlists.flagged_ids(session)
    assert set(flags) == {chip} and chip in flagged and gulf not in flagged
    assert "Consolidated Screening List" in flags[chip]


def test_case_summary_has_a_screening_section_for_confirmed_hits(library) -> None:
    report = import_paths(library=library, paths=[DATA / "articles"], workers=0)
    _load(library, DATA / "csl.json")
    case_id = cases.create_case(library=library, title="Chips").value
    cases.add_items(library=library, case_id=case_id, item_ids=[a.id for a in report.articles])
    assert build_report(library=library, case_id=case_id).screening == ()
    hua = next(h for h in _hits(library) if h.matched == "HuaYing Semiconductor")
    watchlists.set_hit_status(library=library, hit_ids=[hua.id], status="confirmed")
    [entry] = build_report(library=library, case_id=case_id).screening
    assert entry.list_name == "Consolidated Screening List"
    assert entry.list_date == date(2026, 11, 20)
    assert (entry.entry, entry.matched) == (
        "Hua Ying Semiconductor Co., Ltd.",
        "HuaYing Semiconductor",
    )
    html = to_html(build_report(library=library, case_id=case_id))
    assert "<h2>Screening</h2>" in html
    assert "is on Consolidated Screening List, dated 20 November 2026" in html
    assert "Screening" in to_markdown(build_report(library=library, case_id=case_id))


def test_deleting_a_list_removes_its_hits(library) -> None:
    import_paths(library=library, paths=[DATA / "articles"], workers=0)
    result = _load(library, DATA / "csl.json")
    assert _hits(library)
    watchlists.delete_list(library=library, list_id=result.list_id)
    assert _hits(library, include_dismissed=True) == []


def test_sdn_folder_copy_keeps_its_alt_file(tmp_path: Path) -> None:
    folder = tmp_path / "ofac"
    shutil.copytree(DATA / "sdn", folder)
    (folder / "alt.csv").rename(folder / "ALT.CSV")
    parsed = read_list(folder / "sdn.csv")
    assert any(e.aliases for e in parsed.entries)
