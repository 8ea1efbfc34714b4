"""The timeline read model (issue 19): the three input kinds get their date and outlet, and a
case holding them gives an ordered timeline with statements, notes and sources."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from desktop.services.article_details import edited, get_article_details, set_article_details
from desktop.services.cases import add_items, create_case, set_item_note
from desktop.services.importer import import_paths
from desktop.services.library import get_article
from desktop.services.timeline import timeline_for
from desktop.store.db import Library

DATA = Path(__file__).resolve().parents[1] / "data" / "timeline"
WANT = {
    "wire.txt": (date(2022, 11, 30), "dateline", "Trade Wire"),
    "page.html": (date(2023, 1, 27), "page", "Harbor Ledger"),
    "brief.md": (date(2022, 10, 7), "front-matter", "Policy Desk"),
}


def _imported(library: Library) -> dict[str, int]:
    report = import_paths(library=library, paths=sorted(DATA.iterdir()))
    ids = {}
    with library.session() as s:
        for a in report.articles:
            view = get_article(s, a.id)
            ids[Path(view.source_file or "").name] = a.id
    return ids


def test_three_kinds_get_date_and_outlet_and_an_ordered_case_timeline(library: Library) -> None:
    ids = _imported(library)
    with library.session() as s:
        for name, (day, source, outlet) in WANT.items():
            view = get_article(s, ids[name])
            assert (view.published, view.published_from, view.outlet) == (day, source, outlet)
    case_id = create_case(library=library, title="Chip tools").value
    add_items(library=library, case_id=case_id, item_ids=list(ids.values()))
    found = timeline_for(library=library, case_id=case_id)
    days = [e.date for e in found.events]
    assert days == sorted(days)
    articles = [(e.date, e.id) for e in found.events if e.kind == "article"]
    assert articles == [
        (date(2022, 10, 7), ids["brief.md"]),
        (date(2022, 11, 30), ids["wire.txt"]),
        (date(2023, 1, 27), ids["page.html"]),
    ]
    said = {e.sentence: e for e in found.events if e.kind == "statement"}
    met = next(e for s, e in said.items() if "on Nov. 10" in s)
    assert met.date == date(2022, 11, 10) and met.article_id == ids["wire.txt"]
    assert "Department of Commerce" in {i.name for i in met.items}
    assert "year from the article's date" in met.source
    talks = next(e for s, e in said.items() if "Jan. 16, 2023" in s)
    assert talks.date == date(2023, 1, 16) and talks.source == "stated in the text"
    # the dateline's own date is the article's, not a statement
    assert not any(s.startswith("SEOUL,") for s in said)
    sources = {e.id: e.source for e in found.events if e.kind == "article"}
    assert sources[ids["wire.txt"]] == "from the dateline"
    # --from/--to
    window = timeline_for(
        library=library, case_id=case_id, start=date(2022, 11, 1), end=date(2022, 11, 30)
    )
    assert {e.date for e in window.events} == {date(2022, 11, 10), date(2022, 11, 30)}


def test_an_entity_timeline_and_dated_case_notes(library: Library) -> None:
    ids = _imported(library)
    with library.session() as s:
        view = get_article(s, ids["page.html"])
        asml = next(m.entity.id for m in view.mentions if m.entity.name == "ASML")
    found = timeline_for(library=library, item_id=asml)
    assert [(e.kind, e.date) for e in found.events] == [
        ("statement", date(2023, 1, 25)),
        ("article", date(2023, 1, 27)),
    ]
    case_id = create_case(library=library, title="ASML").value
    add_items(library=library, case_id=case_id, item_ids=[asml])
    set_item_note(library=library, case_id=case_id, item_id=asml,
                  note="Asked for comment.\n2023-02-01 called the exporter")  # fmt: skip
    notes = [e for e in timeline_for(library=library, case_id=case_id).events if e.kind == "note"]
    assert [(n.date, n.sentence, n.source) for n in notes] == [
        (date(2023, 2, 1), "2023-02-01 called the exporter", "your note")
    ]


def test_a_date_set_by_hand_moves_the_article_and_undo_puts_it_back(library: Library) -> None:
    ids = _imported(library)
    wire = ids["wire.txt"]
    before = get_article_details(library=library, article_id=wire)
    mine = edited(before, published=date(2022, 12, 1), outlet=before.outlet,
                  dateline=before.dateline, byline=before.byline)  # fmt: skip
    previous = set_article_details(library=library, article_id=wire, details=mine).value
    (event,) = [
        e for e in timeline_for(library=library, item_id=wire).events if e.kind == "article"
    ]
    assert (event.date, event.source) == (date(2022, 12, 1), "set by you")
    set_article_details(library=library, article_id=wire, details=previous)
    (event,) = [
        e for e in timeline_for(library=library, item_id=wire).events if e.kind == "article"
    ]
    assert (event.date, event.source) == (date(2022, 11, 30), "from the dateline")


def test_printed_summary_timeline_is_the_same_events_with_sources(library: Library) -> None:
    from desktop.services import export
    from desktop.services.report import build_report

    ids = _imported(library)
    case_id = create_case(library=library, title="Printed").value
    add_items(library=library, case_id=case_id, item_ids=list(ids.values()))
    report = build_report(library=library, case_id=case_id)
    events = timeline_for(library=library, case_id=case_id).events
    assert [(t.date, t.kind, t.sentence) for t in report.timeline] == [
        (e.date, e.kind, e.sentence) for e in events
    ]
    assert all(t.source for t in report.timeline)
    page = export.to_html(report)
    at = page.index('class="timeline"')
    brief, wire = page.index("Brief on Unverified", at), page.index("SEOUL PRESSES", at)
    assert brief < page.index("on Nov. 10", at) < page.index("Dutch Tool Rules Near", at)
    assert brief < wire and "(from the dateline)" in page[at:]
