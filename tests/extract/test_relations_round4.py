"""Rules added after held-out round 4 (snippets written for each rule, with invented names,
so the rule and not an example is tested)."""

from __future__ import annotations

from desktop.extract import Extraction, extract, parse


def _names(x: Extraction, kind: str) -> set[str]:
    return {e.name for e in x.entities if e.kind == kind}


def _links(x: Extraction, kind: str) -> set[tuple[str, str]]:
    return {(lk.source, lk.target) for lk in x.links if lk.kind == kind}


def test_a_dateline_below_release_header_lines_is_found() -> None:
    text = (
        "Agency Fines Exporter\nFOR IMMEDIATE RELEASE\nMonday, May 6, 2024\n"
        "Office of Public Affairs\n\nBOSTON – The agency fined a firm in Ohio today.\n"
    )
    parsed = parse(text)
    assert parsed.dateline == "Boston"
    assert "Boston" in _names(extract(parsed.text), "place")


def test_a_first_paragraph_is_not_skipped_for_a_later_dashed_line() -> None:
    text = "Title\nThe ministry said on Monday that rules would change.\nBOSTON – later text.\n"
    assert parse(text).dateline is None


def test_a_name_ending_like_a_company_is_an_organization_and_a_unit_of_its_parent() -> None:
    x = extract(
        "Deal blocked\nThe plant was to go to Varno Microsystems, a Finnish unit of "
        "Brazil's Quellor Microelectronics, for $90m.\n"
    )
    assert {"Varno Microsystems", "Quellor Microelectronics"} <= _names(x, "organization")
    assert not {"Varno Microsystems", "Quellor Microelectronics"} & _names(x, "person")
    assert ("Varno Microsystems", "Quellor Microelectronics") in _links(x, "part_of")


def test_a_subsidiary_of_a_modified_parent() -> None:
    x = extract(
        "Listing\nThe list names Dovran Gear Works JSC, a subsidiary of Kazakh state-owned "
        "Tarlan Holdings, and Pellam Tools Ltd., a unit of Oslo-based Fjordvik Group.\n"
    )
    links = _links(x, "part_of")
    assert ("Dovran Gear Works JSC", "Tarlan Holdings") in links
    assert ("Pellam Tools Ltd.", "Fjordvik Group") in links


def test_a_short_name_of_a_pattern_organization_is_the_same_organization() -> None:
    x = extract(
        "Sale\nThe factory belongs to Harrow Semiconductor, which agreed to sell it. "
        '"We are disappointed," said Ines Marlowe, a spokesperson for Harrow.\n'
    )
    assert "Harrow" not in _names(x, "organization")
    assert ("Ines Marlowe", "Harrow Semiconductor") in _links(x, "affiliated_with")


def test_told_a_broadcaster_names_the_broadcaster() -> None:
    x = extract(
        "Chips\nAn analyst told CNN the rule was narrow. Another told the BBC it was not.\n"
    )
    assert {"CNN", "BBC"} <= _names(x, "organization")


def test_a_list_of_names_of_an_organization_are_its_people() -> None:
    x = extract(
        "Panel\nThe speakers were Nora Vell, Peter Aldane and Mirela Costovan of the Halden "
        "Institute for Trade Studies.\n"
    )
    links = _links(x, "affiliated_with")
    for name in ("Nora Vell", "Peter Aldane", "Mirela Costovan"):
        assert name in _names(x, "person")
        assert (name, "Halden Institute for Trade Studies") in links
