"""The search panel and the quick-open palette, driven as a user would."""

from __future__ import annotations

import json
import threading
from datetime import date

import pytest
from PySide6.QtCore import Qt

from desktop.services.changes import Changes
from desktop.store import dialect
from desktop.store.models import Alias, Article, CaseFile, CaseItem, Entity, Item
from desktop.store.text import normalize_name
from desktop.ui.search import MIME_ITEMS, QuickOpenDialog, SearchPanel
from desktop.ui.search.results import HitRole, SnippetHtmlRole, snippet_html
from desktop.ui.workers import LatestJobRunner

UNTRUSTED = 'Tariffs <img src="http://x/y.png"> & <script>alert(1)</script> tariffs'


@pytest.fixture
def ids(library) -> dict[str, int]:
    """Articles (one with markup in its text), entities with aliases, and a case with notes."""
    out: dict[str, int] = {}
    with library.write() as s:
        conn = s.connection()
        for key, title, body, published in (
            ("wg", "Working group meets in Seoul", "The working group on export controls met.", date(2022, 11, 20)),
            ("tariff", "<b>Tariff</b> review", UNTRUSTED, date(2021, 3, 1)),
            ("chips", "Chip sanctions widen", "Sanctions on chips; exporters worry.", date(2023, 1, 10)),
        ):  # fmt: skip
            item = Item(kind="article", name=title)
            s.add(item)
            s.flush()
            s.add(Article(item_id=item.id, body=body, published=published, content_hash=key))
            dialect.index_article(conn, item.id, title, body)
            out[key] = int(item.id)
        for key, kind, name, aliases in (
            ("bis", "organization", "Bureau of Industry and Security", ["BIS"]),
            ("economy", "person", "Elizabeth Economy", ["Economy"]),
        ):
            item = Item(kind=kind, name=name)
            s.add(item)
            s.flush()
            s.add(Entity(item_id=item.id))
            for alias in aliases:
                s.add(Alias(entity_id=item.id, name=alias, norm=normalize_name(alias)))
            dialect.index_entity(conn, item.id, name, aliases)
            out[key] = int(item.id)
        case = CaseFile(title="Seoul talks", summary="Who coordinates the working group?")
        s.add(case)
        s.flush()
        dialect.index_note(conn, case.id, None, case.summary)
        s.add(CaseItem(case_id=case.id, item_id=out["wg"], note="quote the chair"))
        dialect.index_note(conn, case.id, out["wg"], "quote the chair")
        s.add(CaseItem(case_id=case.id, item_id=out["economy"], position=1))
        out["case"] = int(case.id)
    return out


@pytest.fixture
def panel(qtbot, library, ids):
    widget = SearchPanel(library)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitUntil(lambda: widget.case_combo.count() == 2)  # cases loaded off-thread
    return widget


def _search(qtbot, panel: SearchPanel, text: str):
    with qtbot.waitSignal(panel.sig_searched, timeout=5000) as blocker:
        panel.set_query(text)
    return blocker.args[0]


def _titles(panel: SearchPanel) -> list[str]:
    return [panel.model.hit(r).title for r in range(panel.model.rowCount())]


def test_typing_shows_ranked_results_with_safe_highlighted_snippets(
    qtbot, qtmodeltester, panel, ids
) -> None:
    result = _search(qtbot, panel, "tariffs")
    assert _titles(panel) == ["<b>Tariff</b> review"]  # a title is text, never markup
    qtmodeltester.check(panel.model)
    html = panel.model.index(0, 0).data(SnippetHtmlRole)
    assert "<img" not in html and "<script" not in html
    assert "&lt;img src=&quot;http://x/y.png&quot;&gt;" in html and "&amp;" in html
    assert html.count("<span") == 2 and ">Tariffs</span>" in html
    tooltip = panel.model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert "&lt;b&gt;Tariff&lt;/b&gt;" in tooltip and "<script" not in tooltip
    assert panel.status_label.text() == "1 result" and not panel.notice_label.isVisible()
    assert result.hits[0].id == ids["tariff"]
    panel.results_view.grab()  # the delegate paints without error


def test_snippet_html_escapes_before_marking() -> None:
    assert snippet_html("a<b>c", ((1, 4),)) == (
        'a<span style="background-color:#ffe58a; color:#1f2933; font-weight:600">&lt;b&gt;</span>c'
    )
    assert snippet_html("abc", ((2, 1), (0, 99))) == "abc"  # insane spans are ignored


def test_typing_is_debounced_into_one_search(qtbot, panel) -> None:
    seen = []
    panel.sig_searched.connect(seen.append)
    with qtbot.waitSignal(panel.sig_searched, timeout=5000):
        for text in ("c", "ch", "chi", "chip", "chips"):
            qtbot.keyClicks(panel.query_edit, text[-1])
    assert len(seen) == 1 and seen[0].query == "chips"
    assert _titles(panel) == ["Chip sanctions widen"]


def test_only_the_newest_job_is_reported(qtbot) -> None:
    runner = LatestJobRunner()
    gate = threading.Event()
    got = []
    runner.sig_result.connect(got.append)
    runner.submit(lambda: gate.wait(5) and "stale")
    with qtbot.waitSignal(runner.sig_result, timeout=5000):
        runner.submit(lambda: "fresh")
        gate.set()
    qtbot.wait(50)  # let any late delivery of the stale result arrive (it must not)
    assert got == ["fresh"] and not runner.busy
    runner.shutdown()


def test_malformed_queries_show_a_notice_and_search_plain_words(qtbot, panel) -> None:
    for text in ('"working', "AND", "export* OR (", "NEAR(", "'; DROP TABLE article; --"):
        result = _search(qtbot, panel, text)
        assert result is not None
    result = _search(qtbot, panel, '"working group')
    assert result.plain and panel.notice_label.isVisible()
    assert "plain words" in panel.notice_label.text()
    assert "Working group meets in Seoul" in _titles(panel)
    _search(qtbot, panel, "^%$#@!")
    assert panel.model.rowCount() == 0 and "Nothing to search" in panel.notice_label.text()
    _search(qtbot, panel, "working")
    assert not panel.notice_label.isVisible()


def test_kind_case_and_date_filters(qtbot, panel, ids) -> None:
    _search(qtbot, panel, "economy OR sanctions OR working")
    assert len(_titles(panel)) >= 4
    with qtbot.waitSignal(panel.sig_searched, timeout=5000):
        panel.set_kind("person")
    assert _titles(panel) == ["Elizabeth Economy"]
    with qtbot.waitSignal(panel.sig_searched, timeout=5000):
        panel.set_kind(None)
    with qtbot.waitSignal(panel.sig_searched, timeout=5000):
        panel.set_case(ids["case"])
    hits = {(panel.model.hit(r).kind, panel.model.hit(r).id) for r in range(panel.model.rowCount())}
    assert hits == {("article", ids["wg"]), ("person", ids["economy"]), ("case", ids["case"])}
    with qtbot.waitSignal(panel.sig_searched, timeout=5000):
        panel.set_case(None)
    with qtbot.waitSignal(panel.sig_searched, timeout=5000):
        panel.set_date_range(date(2023, 1, 1), None)
    assert _titles(panel) == ["Chip sanctions widen"]
    assert panel.filters()["date_from"] == date(2023, 1, 1)


def test_enter_opens_the_first_result_even_before_the_search_finished(qtbot, panel, ids) -> None:
    with qtbot.waitSignal(panel.sig_item_activated, timeout=5000) as blocker:
        qtbot.keyClicks(panel.query_edit, "sanctions")
        qtbot.keyClick(panel.query_edit, Qt.Key.Key_Return)  # before the debounce fired
    assert blocker.args == [ids["chips"]]
    _search(qtbot, panel, "coordinates")
    with qtbot.waitSignal(panel.sig_case_activated, timeout=5000) as blocker:
        qtbot.keyClick(panel.query_edit, Qt.Key.Key_Return)
    assert blocker.args == [ids["case"]]
    _search(qtbot, panel, "BIS OR chair")  # Down then Enter opens the second
    second = panel.model.hit(1)
    qtbot.keyClick(panel.query_edit, Qt.Key.Key_Down)
    with qtbot.waitSignal(panel.sig_item_activated, timeout=5000) as blocker:
        qtbot.keyClick(panel.query_edit, Qt.Key.Key_Return)
    assert blocker.args == [second.id]


def test_results_drag_out_as_item_ids(qtbot, panel, ids) -> None:
    _search(qtbot, panel, "working OR economy")
    rows = [panel.model.index(r, 0) for r in range(panel.model.rowCount())]
    kinds = [i.data(HitRole).kind for i in rows]
    assert "case" in kinds  # the case summary matched too: it is not an item, so not dragged
    assert panel.model.mimeTypes() == [MIME_ITEMS]
    mime = panel.model.mimeData(rows)
    dragged = json.loads(bytes(mime.data(MIME_ITEMS)).decode())
    assert set(dragged) == {ids["wg"], ids["economy"]}
    case_row = rows[kinds.index("case")]
    assert not panel.model.flags(case_row) & Qt.ItemFlag.ItemIsDragEnabled


def test_changes_search_again(qtbot, library, panel, ids) -> None:
    from desktop.services import editing

    _search(qtbot, panel, "bureau")
    assert _titles(panel) == ["Bureau of Industry and Security"]
    changes = editing.rename_entity(
        library=library, entity_id=ids["bis"], name="Commerce Bureau"
    ).changes
    with qtbot.waitSignal(panel.sig_searched, timeout=5000):
        panel.on_changes(changes)
    assert _titles(panel) == ["Commerce Bureau"]
    with qtbot.waitSignal(panel.sig_searched, timeout=5000):
        panel.on_changes(Changes(everything=True))


# --- quick open ---------------------------------------------------------------------------

COMMANDS = [("case.new", "New case file"), ("file.import", "Import articles…")]


@pytest.fixture
def palette(qtbot, library, ids):
    dialog = QuickOpenDialog(library, COMMANDS)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.sig_matched, timeout=5000):
        dialog.popup()
    return dialog


def _names(dialog: QuickOpenDialog) -> list[tuple[str, str]]:
    return [
        (m.kind, m.name) for m in (dialog.model.match_at(r) for r in range(dialog.model.rowCount()))
    ]


def _type(qtbot, dialog: QuickOpenDialog, text: str) -> None:
    with qtbot.waitSignal(dialog.sig_matched, timeout=5000):
        dialog.set_text(text)


def test_quick_open_starts_with_commands_and_cases(qtmodeltester, palette) -> None:
    assert _names(palette) == [
        ("command", "New case file"),
        ("command", "Import articles…"),
        ("case", "Seoul talks"),
    ]
    qtmodeltester.check(palette.model)


def test_quick_open_jumps_to_an_entity_by_alias_or_typo(qtbot, palette, ids) -> None:
    _type(qtbot, palette, "bis")
    assert _names(palette)[0] == ("organization", "Bureau of Industry and Security")
    assert "as “BIS”" in palette.model.index(0, 0).data()
    _type(qtbot, palette, "elizabth econ")
    with qtbot.waitSignal(palette.sig_item_chosen, timeout=5000) as blocker:
        qtbot.keyClick(palette.query_edit, Qt.Key.Key_Return)
    assert blocker.args == [ids["economy"]] and not palette.isVisible()


def test_quick_open_articles_cases_and_commands(qtbot, palette, ids) -> None:
    _type(qtbot, palette, "chip sanc")
    assert _names(palette)[0] == ("article", "Chip sanctions widen")
    with qtbot.waitSignal(palette.sig_item_chosen, timeout=5000) as blocker:
        palette.choose_current()
    assert blocker.args == [ids["chips"]]
    with qtbot.waitSignal(palette.sig_matched, timeout=5000):
        palette.popup("seoul t")
    assert _names(palette)[0] == ("case", "Seoul talks")
    with qtbot.waitSignal(palette.sig_case_chosen, timeout=5000) as blocker:
        qtbot.keyClick(palette.query_edit, Qt.Key.Key_Return)
    assert blocker.args == [ids["case"]]
    with qtbot.waitSignal(palette.sig_matched, timeout=5000):
        palette.popup()
    _type(qtbot, palette, "import")
    with qtbot.waitSignal(palette.sig_command_chosen, timeout=5000) as blocker:
        qtbot.keyClick(palette.query_edit, Qt.Key.Key_Return)
    assert blocker.args == ["file.import"]
    with qtbot.waitSignal(palette.sig_matched, timeout=5000):
        palette.popup("zzqqxx")
    assert palette.model.rowCount() == 0 and palette.status_label.text() == "No match"


def test_a_very_long_query_is_shortened_with_a_notice(qtbot, panel) -> None:
    """2,000 words (over a minute of searching before the cap) search the first 64."""
    result = _search(qtbot, panel, " ".join(["working"] + ["zebra"] * 1999))
    assert result is not None and result.notice
    assert panel.notice_label.isVisible() and "first 64 words" in panel.notice_label.text()
