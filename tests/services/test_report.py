"""The case summary model and its HTML / Markdown renderings (content, numbering, escaping)."""

from __future__ import annotations

from datetime import date
from html.parser import HTMLParser

from desktop.services import cases, export
from desktop.services.report import build_report, excerpt
from desktop.store.db import Library
from desktop.store.models import (
    AFFILIATED_WITH,
    CITES,
    CONFIRMED,
    MEMBER_OF,
    MENTIONS,
    REJECTED,
    Alias,
    Article,
    Entity,
    Evidence,
    Item,
    Link,
)
from desktop.store.text import normalize_name

HOSTILE = "<script>alert(1)</script> <img src=x onerror=alert(2)> Tom &amp; Jerry & co"
SAMPLE_TITLE = (
    "South Korea Wants More Export Control Coordination, Less 'Informing,' Commerce Official Says"
)
ECONOMY_SENTENCE = (
    "Elizabeth Economy, a senior adviser for China at Commerce, said South Korea specifically "
    "has said it wishes some U.S. export controls were more collaborative."
)
WILSON_SENTENCE = "Economy said, speaking during a Nov. 29 event hosted by the Wilson Center."
WG_SENTENCE = (
    "The two countries also launched a new working group this month to better harmonize the "
    "countries' export control decisions."
)


class Builder:
    """Library content through the ORM (the import pipeline is not needed for these tests)."""

    def __init__(self, library: Library) -> None:
        self.library = library

    def article(
        self,
        title: str,
        body: str = "",
        *,
        ref: str | None = None,
        published: date | None = None,
        placeholder: bool = False,
        source: str | None = None,
    ) -> int:
        with self.library.write() as s:
            item = Item(kind="article", name=title)
            s.add(item)
            s.flush()
            s.add(
                Article(
                    item_id=item.id,
                    ref=ref,
                    body=body,
                    published=published,
                    placeholder=placeholder,
                    source_file=source,
                    content_hash=None if placeholder else f"{item.id:064x}",
                )
            )
            return int(item.id)

    def entity(
        self,
        kind: str,
        name: str,
        *aliases: str,
        role: str | None = None,
        affiliation: str | None = None,
    ) -> int:
        with self.library.write() as s:
            item = Item(kind=kind, name=name)
            s.add(item)
            s.flush()
            s.add(Entity(item_id=item.id, role=role, affiliation=affiliation))
            for n in dict.fromkeys((name, *aliases)):
                s.add(Alias(entity_id=item.id, name=n, norm=normalize_name(n)))
            return int(item.id)

    def link(
        self,
        source: int,
        target: int,
        kind: str,
        *evidence: tuple[int, str],
        status: str = "suggested",
        label: str = "",
    ) -> int:
        with self.library.write() as s:
            link = Link(source_id=source, target_id=target, kind=kind, status=status, label=label)
            s.add(link)
            s.flush()
            for article, sentence in evidence:
                s.add(
                    Evidence(
                        link_id=link.id,
                        article_id=article,
                        start=0,
                        end=len(sentence),
                        sentence=sentence,
                    )
                )
            return int(link.id)


def make_case(library: Library, *, hostile: bool = False, title: str = "ROK coordination") -> dict:
    """The acceptance check's case, built by hand: people, organizations, a group, evidence."""
    b = Builder(library)
    body = f"{ECONOMY_SENTENCE} {WILSON_SENTENCE} {WG_SENTENCE} (see 2210270047)"
    ids = {
        "sample": b.article(
            SAMPLE_TITLE,
            body,
            ref="2211300031",
            published=date(2022, 11, 30),
            source="south-korea-export-control-coordination.txt",
        ),
        "launch": b.article(
            "U.S., South Korea Launch Export Control Working Group",
            f"{WG_SENTENCE} Officials met in Washington.",
            ref="2211090020",
            published=date(2022, 11, 9),
        ),
        "missing": b.article(
            "Article 2210270047 (cited, not yet imported)",
            ref="2210270047",
            published=date(2022, 10, 27),
            placeholder=True,
        ),
        "economy": b.entity(
            "person",
            "Elizabeth Economy",
            "Economy",
            role="Senior adviser for China",
            affiliation="Commerce Department",
        ),
        "wilson": b.entity("organization", "Wilson Center"),
        "commerce": b.entity(
            "organization", "Commerce Department", "Commerce", "U.S. Department of Commerce"
        ),
        "korea": b.entity("country", "South Korea", "ROK"),
        "us": b.entity("country", "United States", "U.S."),
        "group": b.entity("group", "U.S.–South Korea export control working group"),
    }
    b.link(
        ids["economy"],
        ids["commerce"],
        AFFILIATED_WITH,
        (ids["sample"], ECONOMY_SENTENCE),
        status=CONFIRMED,
    )
    b.link(
        ids["economy"], ids["wilson"], "related_to", (ids["sample"], "Nothing."), status=REJECTED
    )
    b.link(ids["korea"], ids["group"], MEMBER_OF, (ids["launch"], WG_SENTENCE))
    b.link(ids["us"], ids["group"], MEMBER_OF, (ids["launch"], WG_SENTENCE))
    for key, sentence in (
        ("economy", ECONOMY_SENTENCE),
        ("wilson", WILSON_SENTENCE),
        ("korea", ECONOMY_SENTENCE),
    ):
        b.link(ids["sample"], ids[key], MENTIONS, (ids["sample"], sentence))
    b.link(ids["sample"], ids["missing"], CITES, (ids["sample"], "(see 2210270047)"))
    order = ["economy", "wilson", "commerce", "korea", "group", "sample", "launch", "missing"]
    if hostile:
        ids["evil"] = b.article(
            HOSTILE, f"Body {HOSTILE}", ref="2212010001", published=date(2022, 12, 1)
        )
        ids["evil_person"] = b.entity("person", HOSTILE, role=HOSTILE)
        b.link(ids["evil_person"], ids["commerce"], AFFILIATED_WITH, (ids["evil"], HOSTILE))
        order += ["evil", "evil_person"]
    case_id = cases.create_case(
        library=library,
        title=title,
        summary="Does the new working group turn “informing” into coordination?",
    ).value
    cases.add_items(library=library, case_id=case_id, item_ids=[ids[k] for k in order])
    cases.set_item_note(
        library=library,
        case_id=case_id,
        item_id=ids["economy"],
        note="Most quotable official on the Korea angle.",
    )
    cases.set_item_note(
        library=library, case_id=case_id, item_id=ids["launch"], note="Launch of the working group."
    )
    if hostile:
        cases.set_item_note(library=library, case_id=case_id, item_id=ids["evil"], note=HOSTILE)
    ids["case"] = case_id
    return ids


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.attrs: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.attrs += attrs


def test_report_lists_people_organizations_places_and_groups(library: Library) -> None:
    ids = make_case(library)
    report = build_report(library=library, case_id=ids["case"])
    assert report.title == "ROK coordination"
    assert "informing" in report.summary
    person = report.entities["people"][0]
    assert (person.name, person.role, person.affiliation) == (
        "Elizabeth Economy",
        "Senior adviser for China",
        "Commerce Department",
    )
    assert person.note == "Most quotable official on the Korea angle."
    assert [e.name for e in report.entities["organizations"]] == [
        "Wilson Center",
        "Commerce Department",
    ]
    assert [e.name for e in report.entities["countries"]] == ["South Korea"]
    group = report.entities["groups"][0]
    assert group.members == ("South Korea", "United States")
    assert "U.S. Department of Commerce" in report.entities["organizations"][1].aliases


def test_articles_newest_first_with_note_or_excerpt_and_missing_references(
    library: Library,
) -> None:
    ids = make_case(library)
    report = build_report(library=library, case_id=ids["case"])
    assert [a.ref for a in report.articles] == ["2211300031", "2211090020"]
    newest, older = report.articles
    assert newest.excerpt.startswith("Elizabeth Economy") and not newest.note
    assert older.note == "Launch of the working group."
    assert [m.ref for m in report.missing] == ["2210270047"]
    assert [t.date for t in report.timeline] == sorted(t.date for t in report.timeline)
    assert not report.timeline[0].in_library  # the placeholder, dated from its ID


def test_evidence_is_numbered_and_rejected_links_are_left_out(library: Library) -> None:
    ids = make_case(library)
    report = build_report(library=library, case_id=ids["case"])
    stated = {(e.subject, e.relation, e.object) for e in report.relations}
    assert ("Elizabeth Economy", "is affiliated with", "Commerce Department") in stated
    assert (
        "South Korea",
        "is a member of",
        "U.S.–South Korea export control working group",
    ) in stated
    assert not any(e.relation == "is related to" for e in report.relations)  # rejected
    numbers = [c.source for e in (*report.relations, *report.mentions) for c in e.citations]
    assert set(numbers) == {s.number for s in report.sources}
    assert [s.number for s in report.sources] == list(range(1, len(report.sources) + 1))
    by_title = {s.title: s.number for s in report.sources}
    assert report.articles[0].source_number == by_title[SAMPLE_TITLE]
    assert report.missing[0].cited_by == (by_title[SAMPLE_TITLE],)
    assert {e.subject for e in report.mentions} == {
        "Elizabeth Economy",
        "Wilson Center",
        "South Korea",
    }


def test_html_has_the_sections_in_order_and_only_the_chosen_ones(library: Library) -> None:
    ids = make_case(library)
    report = build_report(library=library, case_id=ids["case"])
    html = export.to_html(report)
    order = [
        "Key people",
        "Organizations",
        "Countries and places",
        "Working groups",
        "Articles",
        "Timeline",
        "Evidence",
        "Missing references",
    ]
    positions = [html.index(f"<h2>{h}</h2>") for h in order]
    assert positions == sorted(positions)
    # no picture without a renderer, but the relations between the case's items, in words
    connections = html[html.index("<h2>Connections</h2>") : html.index("<h2>Evidence</h2>")]
    assert "<li>Elizabeth Economy is affiliated with Commerce Department</li>" in connections
    assert "<img" not in connections
    short = export.to_html(report, sections=["people", "evidence"])
    assert "<h2>Key people</h2>" in short and "<h2>Articles</h2>" not in short
    md = export.to_markdown(report, sections=["people"])
    assert "**Elizabeth Economy** — Senior adviser for China, Commerce Department" in md


def test_hostile_text_is_escaped_in_html_and_markdown(library: Library) -> None:
    ids = make_case(library, hostile=True)
    report = build_report(library=library, case_id=ids["case"])
    html = export.to_html(report)
    parser = _Tags()
    parser.feed(html)
    assert not {"script", "img"} & parser.tags
    assert not any(name.startswith("on") for name, _ in parser.attrs)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "Tom &amp;amp; Jerry &amp; co" in html
    md = export.to_markdown(report)
    assert "<script>" not in md and "<img" not in md
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in md


def test_unknown_sections_are_refused(library: Library) -> None:
    import pytest

    ids = make_case(library)
    report = build_report(library=library, case_id=ids["case"])
    with pytest.raises(ValueError, match="Unknown section"):
        export.to_html(report, sections=["people", "gossip"])


def test_excerpt_cuts_at_a_sentence() -> None:
    text = "First sentence here. " * 40
    cut = excerpt(text, 100)
    assert cut.endswith(".") and len(cut) <= 100
    assert excerpt("short") == "short"


def test_connections_list_relations_with_their_role_then_the_picture(library: Library) -> None:
    from dataclasses import replace

    from desktop.services.report import EvidenceEntry

    ids = make_case(library)
    report = build_report(library=library, case_id=ids["case"])
    raimondo = EvidenceEntry(
        1, "affiliated_with", "Commerce Secretary", "Gina Raimondo", "Department of Commerce", True
    )
    report = replace(report, relations=(raimondo, *report.relations))
    lines = export.connection_lines(report)
    assert lines[0] == "Gina Raimondo — Commerce Secretary, Department of Commerce"
    html = export.to_html(report, sections=["diagram"], diagram=True)
    assert html.index("Gina Raimondo — Commerce Secretary") < html.index("<img")


def test_printed_references_are_numbered_in_order_of_first_appearance(library: Library) -> None:
    import re

    ids = make_case(library)
    b = Builder(library)  # the newest article, cited only by a mention (after the relations)
    news = b.article("Seoul signs on", f"{ECONOMY_SENTENCE}", ref="2212050001",
                     published=date(2022, 12, 5))  # fmt: skip
    b.link(news, ids["economy"], MENTIONS, (news, ECONOMY_SENTENCE))
    cases.add_items(library=library, case_id=ids["case"], item_ids=[news])
    report = build_report(library=library, case_id=ids["case"])
    html = export.to_html(report)
    seen: list[int] = []
    for n in re.findall(r"\[(\d+)\]", html):
        if int(n) not in seen:
            seen.append(int(n))
    assert seen == list(range(1, len(seen) + 1)) and len(seen) >= 2
    numbers = [c.source for e in (*report.relations, *report.mentions) for c in e.citations]
    assert set(numbers) <= {s.number for s in report.sources}


def test_printed_notes_render_their_markdown_and_nothing_else(library: Library) -> None:
    ids = make_case(library)
    note = (
        "**Key fact:** he *said* it, `EAR 744`\n- first point\n"
        "see [the site](http://example.org/x) ![pic](file:///etc/passwd) <img src=x> "
        "<b>not ours</b>"
    )
    cases.set_item_note(library=library, case_id=ids["case"], item_id=ids["economy"], note=note)
    html = export.to_html(build_report(library=library, case_id=ids["case"]))
    assert "<b>Key fact:</b> he <i>said</i> it, <code>EAR 744</code><br/>• first point" in html
    assert "**" not in html
    assert "see the site pic &lt;img src=x&gt; &lt;b&gt;not ours&lt;/b&gt;" in html
    tags = _Tags()
    tags.feed(html)
    assert not {"img", "a", "script"} & tags.tags
    assert not any("example.org" in (v or "") or "passwd" in (v or "") for _k, v in tags.attrs)
