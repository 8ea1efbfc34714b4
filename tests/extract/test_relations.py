"""People in context and how things are related: roles, affiliations, parties, units, groups.

Snippets written for each pattern (names invented where a real one would be in the gazetteer,
so the rule and not the list is tested).
"""

from __future__ import annotations

from desktop.extract import ExtractedEntity, Extraction, extract


def _ents(x: Extraction, kind: str) -> dict[str, ExtractedEntity]:
    return {e.name: e for e in x.entities if e.kind == kind}


def _links(x: Extraction, kind: str) -> set[tuple[str, str]]:
    return {(lk.source, lk.target) for lk in x.links if lk.kind == kind}


def test_party_tags_give_party_and_state_with_evidence() -> None:
    x = extract(
        "Letter\nSen. Dalia Okonkwo (R-Fla.) and Rep. Tomas Lindqvist, D-Calif., wrote to the "
        "agency. Okonkwo said more was needed."
    )
    people = _ents(x, "person")
    assert people["Dalia Okonkwo"].role == "Sen."
    assert people["Tomas Lindqvist"].role == "Rep."
    links = _links(x, "affiliated_with")
    assert {
        ("Dalia Okonkwo", "Republican Party"),
        ("Dalia Okonkwo", "Florida"),
        ("Tomas Lindqvist", "Democratic Party"),
        ("Tomas Lindqvist", "California"),
    } <= links
    assert {"Florida", "California"} <= set(_ents(x, "place"))
    evidence = next(lk for lk in x.links if lk.target == "Florida")
    assert evidence.sentence.startswith("Sen. Dalia Okonkwo (R-Fla.)")
    # the bare surname later is the same person
    assert [m.text for m in people["Dalia Okonkwo"].mentions] == ["Dalia Okonkwo", "Okonkwo"]


def test_country_before_title_and_possessive_country() -> None:
    x = extract(
        "Talks\nChinese Commerce Minister Wang Wentao met Japan's Oriko Tanabe. "
        "Ahn Duk-geun, South Korea's trade minister, joined them."
    )
    people = _ents(x, "person")
    assert people["Wang Wentao"].role == "Commerce Minister"
    assert people["Wang Wentao"].affiliation == "China"
    links = _links(x, "affiliated_with")
    assert {
        ("Wang Wentao", "China"),
        ("Oriko Tanabe", "Japan"),
        ("Ahn Duk-geun", "South Korea"),
    } <= links
    assert people["Ahn Duk-geun"].role == "trade minister"


def test_who_heads_and_possessive_role_resolve_the_back_reference() -> None:
    x = extract(
        "Rules\nThe Harrow Export Bureau issued rules. Milo Brandt, who heads the bureau, "
        "defended them. The Vantor Trade Commission disagreed; the commission's chair, "
        "Ines Aalto, said so."
    )
    people = _ents(x, "person")
    assert people["Milo Brandt"].affiliation == "Harrow Export Bureau"
    assert people["Milo Brandt"].role == "head"
    assert people["Ines Aalto"].affiliation == "Vantor Trade Commission"
    assert people["Ines Aalto"].role == "chair"


def test_a_role_introduces_an_unknown_organization() -> None:
    x = extract(
        "Tools\nDana Whitlock, chief compliance officer at Northgate Lithography, spoke. "
        "Northgate Lithography spokesman Arjun Mehra agreed. Northgate Lithography said so."
    )
    assert "Northgate Lithography" in _ents(x, "organization")
    assert "Northgate Lithography" not in _ents(x, "person")
    assert {
        ("Dana Whitlock", "Northgate Lithography"),
        ("Arjun Mehra", "Northgate Lithography"),
    } <= _links(x, "affiliated_with")
    whitlock = _ents(x, "person")["Dana Whitlock"]
    assert whitlock.role == "chief compliance officer"


def test_title_of_portfolio_and_honorifics() -> None:
    x = extract(
        "Visit\nDeputy Secretary of Commerce Rhea Castellan arrived. Mr. Castellan met "
        "Dr. Ilse Varga, a partner at Brenner Hoff & Weld LLP, and H. R. McMaster."
    )
    people = _ents(x, "person")
    castellan = people["Rhea Castellan"]
    assert castellan.role == "Deputy Secretary of Commerce"
    assert castellan.affiliation == "Department of Commerce"
    assert len(castellan.mentions) == 2  # "Mr. Castellan" is the same person
    assert people["Ilse Varga"].affiliation == "Brenner Hoff & Weld LLP"
    assert people["Ilse Varga"].role == "partner"
    assert "H. R. McMaster" in people


def test_a_given_name_list_finds_people_without_cues() -> None:
    x = extract("Meeting\nOn Friday Jennifer Okafor and Gregory Lindahl met in Denver.")
    assert {"Jennifer Okafor", "Gregory Lindahl"} <= set(_ents(x, "person"))
    assert "Denver" in _ents(x, "place")


def test_organization_shapes() -> None:
    x = extract(
        "Note\nAmnesty International said the Harrow Strategic Trade Institute (HSTI) was "
        "wrong. HSTI replied. Zhongke Hexin Microelectronics Co., Ltd., a unit of Vellmar "
        "Optics Corp., and Moscow-based Kalinov JSC were named. Talor Holdings plc's subsidiary "
        "Brisk Photonics GmbH was not. The House Foreign Affairs Committee will meet."
    )
    orgs = _ents(x, "organization")
    assert {
        "Amnesty International",
        "Harrow Strategic Trade Institute",
        "Zhongke Hexin Microelectronics Co., Ltd.",
        "Vellmar Optics Corp.",
        "Kalinov JSC",
        "Talor Holdings plc",
        "Brisk Photonics GmbH",
        "House Foreign Affairs Committee",
    } <= set(orgs)
    assert "House" not in orgs and not _ents(x, "person")
    assert orgs["Harrow Strategic Trade Institute"].aliases == ["HSTI"]
    assert len(orgs["Harrow Strategic Trade Institute"].mentions) == 3
    assert {
        ("Zhongke Hexin Microelectronics Co., Ltd.", "Vellmar Optics Corp."),
        ("Brisk Photonics GmbH", "Talor Holdings plc"),
    } <= _links(x, "part_of")


def test_countries_places_and_title_words() -> None:
    x = extract(
        "History\nThe Soviet Union, Yugoslavia and East Germany traded little. A New Mexico "
        "Republican praised the General Agreement on Tariffs and Trade in Ohio."
    )
    assert {"Soviet Union", "Yugoslavia", "East Germany"} <= set(_ents(x, "country"))
    assert "Mexico" not in _ents(x, "country")
    assert "New Mexico" in _ents(x, "place")
    assert "General Agreement on Tariffs and Trade" in _ents(x, "regulation")
    assert not _ents(x, "person")


def test_regulation_patterns() -> None:
    x = extract(
        "Rule\nThe rule revises License Exception ENC, implements Executive Order 14105, moves "
        "Iran to Country Group E:1 and cites the Section 1260H list, the Defense Production "
        "Act of 1950 and the Iranian Transactions and Sanctions Regulations."
    )
    assert {
        "License Exception ENC",
        "Executive Order 14105",
        "Country Group E:1",
        "Section 1260H list",
        "Defense Production Act of 1950",
        "Iranian Transactions and Sanctions Regulations",
    } <= set(_ents(x, "regulation"))


def test_purpose_formed_groups_and_their_members() -> None:
    x = extract(
        "Allies\nSpain and Poland agreed on Friday to form a joint task force to coordinate "
        "export controls. Later, Chile and Peru held talks on supply chain security. "
        "Trade talks resumed elsewhere."
    )
    groups = _ents(x, "group")
    assert "Poland–Spain export control task force" in groups
    assert "Chile–Peru supply chain talks" in groups
    assert len(groups) == 2  # "trade talks resumed" is no forum
    assert {("Spain", "Poland–Spain export control task force")} <= _links(x, "member_of")


def test_an_article_not_in_english_gets_a_notice_not_stray_names() -> None:
    x = extract(
        "Bundesregierung verschärft Exportkontrollen\n\nDie Bundesregierung will die Ausfuhr "
        "von Halbleitertechnik nach China stärker kontrollieren. Wirtschaftsminister Robert "
        "Habeck sagte am Dienstag in Berlin, die Regeln seien nicht mehr zeitgemäß. Die "
        "Unternehmen seien mit den neuen Vorgaben nicht einverstanden, erklärte Peter Adrian."
    )
    assert x.notice is not None and "German" in x.notice
    assert not _ents(x, "person")
    assert "China" in _ents(x, "country")
    assert (
        extract("Note\nThe talks in Berlin and Paris went on for the whole of the day.").notice
        is None
    )


def test_unnamed_groups_are_named_by_parties_topic_and_head() -> None:
    x = extract(
        "Roundtable\nMexico, the European Union and Canada should set up a joint task force on "
        "battery materials, officials said. India and Brazil held talks on critical minerals in "
        "Delhi. Chile and Peru will fold it into their Trade and Technology Council."
    )
    groups = _ents(x, "group")
    assert "Canada–EU–Mexico battery material task force" in groups
    assert "Brazil–India critical minerals talks" in groups
    assert "Chile–Peru Trade and Technology Council" in groups  # not the U.S.-EU one
    members = _links(x, "member_of")
    assert ("European Union", "Canada–EU–Mexico battery material task force") in members
    assert ("Peru", "Chile–Peru Trade and Technology Council") in members


def test_departments_and_company_forms() -> None:
    x = extract(
        "Notice\nLIMA, May 2 (Andes Wire) - The Departments of Commerce, State and Energy "
        "acted. Orvalo Trading Co. and Joint Stock Company Vostrel were named, with the U.S. "
        "Department of the Treasury. Shares of Kemper Holdings Co fell."
    )
    orgs = set(_ents(x, "organization"))
    assert {"Department of Commerce", "Department of State", "Department of Energy"} <= orgs
    assert "Andes Wire" not in orgs  # a dateline's outlet is the article's source, not a mention
    assert {"Orvalo Trading Co.", "Joint Stock Company Vostrel", "Kemper Holdings Co"} <= orgs
    assert "Department of the Treasury" in orgs and "U.S. Department of the Treasury" not in orgs


def test_people_in_longer_contexts() -> None:
    x = extract(
        'Notice\n"We act," said Under Secretary for Terrorism and Financial Intelligence Brian '
        "Okafor. A spokesperson for the Chinese Foreign Ministry, Lin Qiaoyu, objected. Rep. "
        "Dana Whitcomb, R-Texas, chairman of the House Foreign Affairs Committee, agreed. Ohio "
        "Governor Paul Renner spoke. Vostrel Trading LLC, a subsidiary of Kerimov Sistema, was "
        "named. The Atlantic Council's Harwick Center hosted it."
    )
    people = _ents(x, "person")
    assert {"Brian Okafor", "Lin Qiaoyu", "Dana Whitcomb", "Paul Renner"} <= set(people)
    links = _links(x, "affiliated_with")
    assert ("Lin Qiaoyu", "Ministry of Foreign Affairs of China") in links
    assert ("Dana Whitcomb", "House Foreign Affairs Committee") in links
    assert ("Paul Renner", "Ohio") in links
    parts = _links(x, "part_of")
    assert ("Vostrel Trading LLC", "Kerimov Sistema") in parts
    assert ("Harwick Center", "Atlantic Council") in parts


def test_appositives_at_a_paragraph_end_or_before_a_quote_and_company_forms() -> None:
    x = extract(
        "Panel\nIt was moderated by Lena Marsh, a senior fellow at the Harlow Institute.\n\n"
        'Omar Castel, a professor at Tufts University and author of "Chip Lines," spoke. '
        "Listed were Rostov Avia OOO and Sahand Motor Company, a subsidiary of the Iran "
        "Aviation Industries Organization."
    )
    links = _links(x, "affiliated_with")
    assert ("Lena Marsh", "Harlow Institute") in links
    assert ("Omar Castel", "Tufts University") in links
    assert {"Rostov Avia OOO", "Iran Aviation Industries Organization"} <= set(
        _ents(x, "organization")
    )
    assert ("Sahand Motor Company", "Iran Aviation Industries Organization") in _links(x, "part_of")


def test_a_body_and_role_before_a_comma_and_the_name() -> None:
    x = extract(
        "Report\nThe European Commission president, Ursula von der Leyen, welcomed it. "
        "A Harwick Bank spokesman, Tom Ellery, declined to comment."
    )
    links = _links(x, "affiliated_with")
    assert ("Ursula von der Leyen", "European Commission") in links
    assert ("Tom Ellery", "Harwick Bank") in links


def test_portfolio_titles_eu_acts_and_head_first_treaties() -> None:
    x = extract(
        'Rules\n"We act," said Under Secretary of Commerce for Industry and Security Alan '
        "Norwell. COMMISSION IMPLEMENTING REGULATION (EU) 2024/77 amends Regulation (EU) "
        "2021/821, having regard to the Treaty on the Functioning of the European Union."
    )
    assert ("Alan Norwell", "Department of Commerce") in _links(x, "affiliated_with")
    regs = set(_ents(x, "regulation"))
    assert "Commission Implementing Regulation (EU) 2024/77" in regs
    assert "EU Dual-Use Regulation" in regs  # the gazetteer knows 2021/821
    assert "Treaty on the Functioning of the European Union" in regs


def test_transcript_speaker_labels_are_people() -> None:
    text = (
        "A plant rises\n\nMARA VOSK, HOST:\n\nWhere do things stand?\n\n"
        "TEODOR BRANN, BYLINE: Well, it is late.\n\nVOSK: Thanks.\n"
    )
    x = extract(text)
    people = _ents(x, "person")
    assert people["Mara Vosk"].role == "host"
    assert [text[m.start : m.end] for m in people["Mara Vosk"].mentions] == ["MARA VOSK", "VOSK"]
    assert "Teodor Brann" in people


def test_initials_company_titles_and_roles_after_a_body() -> None:
    x = extract(
        "Listings\nEconomy Minister J.W. Kuo spoke in Taipei. Dubai-based Golden Falcon General "
        "Trading LLC was named. EU foreign policy chief Kaja Kallas agreed. A spokesperson for "
        "China's Taiwan Affairs Office, Chen Binhua, objected."
    )
    assert "J.W. Kuo" in _ents(x, "person")
    assert "Golden Falcon General Trading LLC" in _ents(x, "organization")
    links = _links(x, "affiliated_with")
    assert ("Kaja Kallas", "European Union") in links
    assert ("Chen Binhua", "Taiwan Affairs Office") in links
