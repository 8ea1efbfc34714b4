"""Problems reported on the demo articles, each pinned by the smallest text that showed it."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.extract import ExtractedEntity, Extraction, extract
from desktop.extract.gazetteer import resource_dir


def _ents(x: Extraction, kind: str) -> dict[str, ExtractedEntity]:
    return {e.name: e for e in x.entities if e.kind == kind}


@pytest.mark.parametrize("article", ["", "a ", "the "])
def test_role_appositive_with_unknown_given_name(article: str) -> None:
    text = (
        "Enforcement talks\n"
        f"Mira Castellanos, {article}deputy assistant secretary for export enforcement at the "
        "Bureau of Industry and Security, said the rule would help."
    )
    person = _ents(extract(text), "person").get("Mira Castellanos")
    assert person is not None
    assert person.role == "deputy assistant secretary for export enforcement"
    assert person.affiliation == "Bureau of Industry and Security"


def test_comma_inside_an_organization_name_keeps_role_and_affiliation() -> None:
    text = (
        "Talks\nPark Jin-woo, a director general at South Korea's Ministry of Trade, Industry "
        "and Energy, said the talks went well."
    )
    x = extract(text)
    person = _ents(x, "person")["Park Jin-woo"]
    assert person.role == "director general"
    assert person.affiliation == "Ministry of Trade, Industry and Energy"
    assert any(lk.kind == "affiliated_with" and lk.source == "Park Jin-woo" for lk in x.links)


def test_same_members_give_the_same_group_whatever_the_sentence_order() -> None:
    text = (
        "Talks\nSouth Korea and the United States launched an export control working group.\n"
        "The United States and South Korea said the export control working group would meet."
    )
    groups = _ents(extract(text), "group")
    assert list(groups) == ["U.S.–South Korea export control working group"]


def test_modifier_order_names_the_group_and_later_references_join_it() -> None:
    text = (
        "Talks\nThe South Korea–U.S. export control working group met in Seoul.\n"
        "South Korea and the United States said the working group would meet again."
    )
    groups = _ents(extract(text), "group")
    assert list(groups) == ["South Korea–U.S. export control working group"]
    assert len(groups["South Korea–U.S. export control working group"].mentions) == 2


def test_group_topic_is_not_taken_from_an_organization_name() -> None:
    text = (
        "Talks\nAccording to the Ministry of Trade, Industry and Energy, the working group "
        "will meet in May."
    )
    assert not any("trade" in g for g in _ents(extract(text), "group"))


def test_title_case_headline_is_not_the_ttc_working_group() -> None:
    text = (
        "U.S. And South Korea Export Control Working Group Meets In Seoul\n"
        "Officials from both countries met on Monday."
    )
    x = extract(text)
    assert "TTC Export Control Working Group" not in _ents(x, "group")
    assert not any(lk.target == "TTC Export Control Working Group" for lk in x.links)


def test_body_mention_of_the_ttc_working_group_still_counts() -> None:
    text = "EU talks\nThe TTC Export Control Working Group met in Brussels on Monday."
    assert "TTC Export Control Working Group" in _ents(extract(text), "group")


def test_program_names_are_not_places() -> None:
    text = (
        "Panel\nJane Holloway, director of the Asia Program at the Wilson Center, said the "
        "Indo-Pacific Program would grow. Trade in Asia slowed."
    )
    x = extract(text)
    places = _ents(x, "place")
    asia = places.get("Asia")
    assert asia is not None and [m.text for m in asia.mentions] == ["Asia"]
    assert text.index("Asia") not in {m.start for m in asia.mentions}
    assert "Indo-Pacific" not in places
    assert _ents(x, "person")["Jane Holloway"].affiliation == "Wilson Center"


@pytest.mark.parametrize("adverb", ["Later", "Separately", "Earlier", "Meanwhile"])
def test_sentence_opening_adverb_is_not_a_name_part(adverb: str) -> None:
    text = f"Talks\nKim Jung-hoon was there. {adverb} Kim said the deal was done."
    people = _ents(extract(text), "person")
    assert list(people) == ["Kim Jung-hoon"]
    assert len(people["Kim Jung-hoon"].mentions) == 2


def test_gazetteer_is_found_from_the_package_and_can_be_overridden(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("CASEFILE_GAZETTEER", raising=False)
    assert (resource_dir() / "places.json").is_file()
    monkeypatch.setenv("CASEFILE_GAZETTEER", str(tmp_path))
    assert resource_dir() == tmp_path


def test_one_group_when_two_modifiers_list_the_same_members_in_turn() -> None:
    text = (
        "Talks\nThe U.S.–South Korea working group met in Seoul.\n"
        "Later, the South Korea–U.S. export control working group met again."
    )
    x = extract(text)
    groups = _ents(x, "group")
    assert list(groups) == ["U.S.–South Korea export control working group"]
    members = {lk.source for lk in x.links if lk.kind == "member_of"}
    assert members == {"United States", "South Korea"}


def test_verbs_and_adjectives_before_a_known_topic_are_not_part_of_the_group_name() -> None:
    text = (
        "S. Korea, Japan agree to restore trade ties, launch export control dialogue\n"
        "SEOUL, Dec 1 (Yonhap) -- South Korea and Japan agreed Thursday to hold a regular export "
        "control dialogue."
    )
    assert list(_ents(extract(text), "group")) == ["Japan–South Korea export control dialogue"]
