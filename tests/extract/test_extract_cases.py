"""extract() on focused snippets: titles, name orders, headlines, Federal Register, all caps."""

from __future__ import annotations

from desktop.extract import Extraction, extract, sentence_span


def _ents(x: Extraction, kind: str) -> dict[str, object]:
    return {e.name: e for e in x.entities if e.kind == kind}


def test_titles_and_name_orders() -> None:
    text = (
        "Trade talks resume\n"
        "Commerce Secretary Gina Raimondo met Under Secretary Alan Estevez on Monday. "
        "Chinese Commerce Minister Wang Wentao said Beijing would respond. South Korean Trade "
        "Minister Ahn Duk-geun and Japan's Yasutoshi Nishimura agreed, according to Emily Carter. "
        "President Xi Jinping did not comment. Wang later told reporters the talks were useful."
    )
    x = extract(text)
    people = _ents(x, "person")
    for name in (
        "Gina Raimondo",
        "Alan Estevez",
        "Wang Wentao",
        "Ahn Duk-geun",
        "Yasutoshi Nishimura",
        "Emily Carter",
        "Xi Jinping",
    ):
        assert name in people, name
    raimondo = people["Gina Raimondo"]
    assert raimondo.role == "Commerce Secretary"  # type: ignore[attr-defined]
    assert raimondo.affiliation == "Department of Commerce"  # type: ignore[attr-defined]
    assert people["Alan Estevez"].role == "Under Secretary"  # type: ignore[attr-defined]
    assert people["Xi Jinping"].role == "President"  # type: ignore[attr-defined]
    # "Chinese Commerce Minister" is not the U.S. Commerce Department
    assert "Department of Commerce" not in {
        m for p in people.values() if p.name == "Wang Wentao" for m in [p.affiliation]
    }  # type: ignore[attr-defined]
    wang = people["Wang Wentao"]
    assert any(m.text == "Wang" for m in wang.mentions)  # type: ignore[attr-defined]
    assert "place" in {e.kind for e in x.entities if e.name == "Beijing"}


def test_affiliation_patterns() -> None:
    text = (
        "Panel\n"
        "Kevin Wolf of BIS spoke first. A Commerce Department official, Jane Doe, said more was coming. "
        "John Smith, a senior fellow at the Center for Strategic and International Studies, disagreed."
    )
    people = _ents(extract(text), "person")
    assert people["Kevin Wolf"].affiliation == "Bureau of Industry and Security"  # type: ignore[attr-defined]
    assert people["John Smith"].affiliation == "Center for Strategic and International Studies"  # type: ignore[attr-defined]
    assert people["John Smith"].role == "senior fellow"  # type: ignore[attr-defined]


def test_headline_words_are_not_people() -> None:
    text = (
        "Senior Officials Weigh New Chip Curbs As Allies Push Back\n"
        "Officials met on Tuesday. Export Control Coordination remains hard, they said."
    )
    assert _ents(extract(text), "person") == {}


def test_all_caps_headline() -> None:
    x = extract(
        "CHINA SLAMS NEW U.S. CHIP CURBS, VOWS RESPONSE\nBEIJING (Reuters) - Officials spoke."
    )
    assert "China" in _ents(x, "country") and "United States" in _ents(x, "country")
    assert _ents(x, "person") == {}


def test_federal_register_header() -> None:
    text = (
        "Additions to the Entity List\n"
        "AGENCY: Bureau of Industry and Security, Commerce.\n"
        "ACTION: Final rule.\n"
        "SUMMARY: This rule amends the Export Administration Regulations (EAR) and the "
        "Entity List under the foreign direct product rule."
    )
    x = extract(text)
    orgs = _ents(x, "organization")
    assert {"Bureau of Industry and Security", "Department of Commerce"} <= set(orgs)
    regs = _ents(x, "regulation")
    assert {
        "Entity List",
        "Export Administration Regulations",
        "Foreign Direct Product Rules",
    } <= set(regs)
    assert _ents(x, "person") == {}


def test_pattern_organizations() -> None:
    text = (
        "Note\nThe Korea Institute for Industrial Economics and Trade and Vietnam's Ministry of "
        "Industry and Trade published a study with Biren Technology."
    )
    orgs = _ents(extract(text), "organization")
    assert "Korea Institute for Industrial Economics and Trade" in orgs
    assert "Ministry of Industry and Trade" in orgs
    assert "Biren Technology" in orgs


def test_named_and_unnamed_groups() -> None:
    text = (
        "Talks\nThe U.S.-EU Trade and Technology Council met. Japan and India set up a joint "
        "supply chain working group on Friday."
    )
    x = extract(text)
    groups = _ents(x, "group")
    assert "U.S.-EU Trade and Technology Council" in groups
    wg = [g for g in groups.values() if "working group" in g.name]  # type: ignore[attr-defined]
    # no modifier names the members, so they come in canonical order (the same members, the
    # same group name, whichever order a sentence lists them in)
    assert wg and wg[0].members == ["India", "Japan"]  # type: ignore[attr-defined]


def test_sentence_span_abbreviations() -> None:
    text = "BIS acted on Nov. 29 in the U.S. Dept. of Commerce. Mr. J. Smith left. The end."
    s, e = sentence_span(text, text.index("Dept."))
    assert text[s:e] == "BIS acted on Nov. 29 in the U.S. Dept. of Commerce."
    s, e = sentence_span(text, text.index("Smith"))
    assert text[s:e] == "Mr. J. Smith left."
    assert sentence_span("", 5) == (0, 0)
    assert sentence_span("abc", 99) == (0, 3)
