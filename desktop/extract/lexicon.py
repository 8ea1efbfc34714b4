"""Word lists the heuristics share: titles, role words, speech verbs, words that are never names.

Kept as frozensets built at import time so every check is one hash lookup.
"""

from __future__ import annotations


def _words(text: str) -> list[str]:
    """Whitespace-separated words: keeps the long lists below readable."""
    return text.split()


# Capitalised words that open a person's title ("Under Secretary Alan Estevez").
TITLE_WORDS = frozenset(
    _words(
        """
        President Vice Premier Prime Minister Secretary Under Assistant Deputy Acting Chief
            Ambassador Envoy Director Administrator Commissioner Chairman Chairwoman Chair
            Chairperson Governor Gov. Senator Sen. Sens. Cmdr. Commander Capt. Captain Maj. Lt.
            Lieutenant Sgt. Amb. Marshal Commissioner-General Secretary-General Representative Rep. Reps. Congressman
            Congresswoman Speaker Leader Chancellor King Queen Prince General Gen. Admiral Adm.
            Colonel Col. Judge Justice Attorney Counsel Spokesperson Spokesman Spokeswoman
            Spokesman's Mr. Mrs. Ms. Dr. Prof. Professor Sir Dame Lord Minister's Mayor CEO CFO CTO
            COO Executive Officer Official Officials Analyst Adviser Advisor Economist Fellow
            Partner Senior Principal Special Trade Commerce Foreign Defense Defence Finance Industry
            National Security Former Then Incoming Outgoing Permanent Parliamentary State Chairman's
            Head Lawmaker Presidents Ministers Secretaries Directors Senators Representatives
            Ambassadors Envoys Commissioners Lawmakers Chairs Deputies
        """
    )
)

# Lower-case words that make a phrase a role ("a senior adviser for China").
ROLE_WORDS = frozenset(
    _words(
        """
        adviser advisor secretary minister director official spokesperson spokesman spokeswoman
            president chairman chair chairwoman chief head officer administrator commissioner
            ambassador envoy analyst economist professor fellow researcher scholar partner lawyer
            attorney counsel executive founder manager lead leader negotiator representative
            undersecretary deputy senator lawmaker governor premier chancellor diplomat expert
            consultant engineer editor reporter correspondent strategist specialist coordinator
            member staffer aide commander head heads leads runs chairs officer
        """
    )
)

# The last words people._ROLE_BEFORE can end in: a cheap test that saves running it at most names.
ROLE_BEFORE_LAST = frozenset(
    _words(
        """
        official spokesperson spokesman spokeswoman adviser advisor analyst economist director
        secretary minister professor fellow CEO executive lawyer attorney head chair chairman
        president researcher negotiator chief
        """
    )
)
SPEECH_VERBS = (
    "said|says|told|added|noted|wrote|stated|argued|warned|explained|believes|believed|thinks|"
    "emphasized|emphasised|stressed|acknowledged|announced|continued|asked|testified|declined|"
    "urged|cautioned|predicted|insisted|suggested|agreed|recalled|responded|replied|tweeted|"
    "posted|countered|contended|observed|pointed|confirmed|denied|welcomed|criticized"
)

# Capitalised words that are never part of a person's name: function words that open
# sentences, months and days, and the common nouns of headlines and organization names.
HARD_STOP = frozenset(
    _words(
        """
        The A An And But Or Nor So Yet For If In On At By To Of From With Without Into Onto Over
            Under After Before Since Until While When Where Why How What Which Who Whom Whose That
            This These Those There Here Then Than Thus Also Although Though However Meanwhile
            Moreover Furthermore Still Even Both Each Every Either Neither All Any Some Many Most
            Much More Few Several Such Other Another Its It It's Their They Them He She His Her Hers
            We Our Us You Your I My Me Mine Not No Yes As Because Although Despite During Through
            Throughout Among Between Against Across Around About Above Below Near Per Via Upon Like
            Unlike Please Let January February March April May June July August September October
            November December Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Jan. Feb. Mar. Apr.
            Jun. Jul. Aug. Sep. Sept. Oct. Nov. Dec. Monday Tuesday Wednesday Thursday Friday
            Saturday Sunday Today Tomorrow Yesterday Last Next New Old First Second Third Final
            Interim Proposed Said Says Say Tell Told Wants Want Calls Call Seeks Seek Urges Urge
            Plans Plan Adds Add Speaking Asked Asking According Following Including Given Despite
            Amid Amid
            Later Earlier Separately Additionally Similarly Likewise Previously Recently Currently
            Ultimately Finally Initially Eventually Subsequently Afterward Afterwards Instead
            Indeed Overall Nonetheless Nevertheless Otherwise Now Again Once Soon Elsewhere
            Together Specifically Notably Importantly Regardless Accordingly Consequently Hence
            Therefore Perhaps Maybe Only Just Already Often Sometimes Rather Privately Publicly
            Reportedly Apparently Officially Clearly Domestically Internationally Elsewhere
        """
    )
)

NOT_NAME = HARD_STOP | frozenset(
    _words(
        """
        Act Acts Law Laws Rule Rules Regulation Regulations List Lists Order Orders Bill Bills
            Notice Section Part Parts Chapter Article Annex Appendix Supplement Federal Register
            Department Ministry Office Bureau Agency Committee Council Commission Group Center
            Centre Institute Institution University College School Association Corp Corp. Inc Inc.
            Ltd Ltd. Co Co. Company Companies Party Government Administration Authority Service
            Board Forum Foundation Federation Chamber Union Alliance Coalition Fund Bank Court
            Tribunal Academy Society Organization Organisation Network Initiative Program Programme
            Project Strategy Federal National International Global Regional Local Public Private
            Central Joint Trade Export Exports Exporter Exporters Import Imports Control Controls
            Security Industry Industrial Technology Technologies Tech Economic Economics Financial
            Finance Policy Policies Affairs Relations Defense Defence Energy Commerce Justice
            Homeland Treasury State States Foreign Domestic Strategic Military Nuclear Chemical
            Biological Cyber Digital Critical Advanced Emerging Semiconductor Semiconductors Chip
            Chips Electronics Materials Equipment Research Development Science Studies Data
            Information Communications Telecommunications Sanctions Sanction Tariff Tariffs Duties
            Customs Enforcement Compliance License Licenses Licensing Entity Entities End User Users
            Items Goods Products Software Supply Chains Chain Market Markets Business Businesses
            Industries Sector Investment Investments Capital News Press Report Reports Reporting
            Statement Release Update Updates Summary Background Agency ACTION AGENCY SUMMARY DATES
            ADDRESSES Action Dates Addresses Contact Further Info Said Says Say Tell Told Wants Want
            Calls Call Seeks Seek Urges Urge Plans Plan Adds Add Less More Says Official Officials
            Sources Source Spokesperson Analysts Analyst Experts Western Eastern Northern Southern
            West East North South Asian European African Arab Latin Pacific Atlantic Indo Middle Far
            Near Greater Democratic Republican Republic Kingdom Communist People People's Peoples
            World Worldwide Washington-based Year Years Month Months Week Weeks Day Days Time Times
            Rate Rates Price Prices Billion Million Percent Dollar Dollars Euro Euros Yen Won Yuan
            Q1 Q2 Q3 Q4 AI Agreement Agreements Treaty Treaties Convention Protocol Arrangement
            Accord Accords Motors Electric Dynamics Atomics Assembly War Wars Era Crisis Summit
            Conference Command Forces Army Navy Corps Guard Embassy Consulate Mission
        """
    )
)

MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9,
    "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12,
    "december": 12,
}  # fmt: skip

# Abbreviations after which a period does not end a sentence.
ABBREVIATIONS = frozenset(
    _words(
        """
        mr mrs ms dr prof sen sens rep reps gov gen adm col lt sgt st jr sr mt ft jan feb mar
            apr jun jul aug sep sept oct nov dec dept corp inc ltd co cos bros no nos vol vs etc al
            fig approx est ave blvd assn univ govt intl natl u.s u.k u.n e.u a.m p.m e.g i.e p.r.c
            d.c u.s.a
        """
    )
)

# Abbreviations that can end a sentence when a new sentence visibly begins after them.
SENTENCE_FINAL_ABBREVIATIONS = frozenset(
    ["u.s", "u.k", "u.n", "e.u", "etc", "inc", "corp", "ltd", "co", "d.c", "u.s.a"]
)

# Head words that close an organization name found by pattern ("Korea Strategic Trade Institute").
ORG_HEADS = frozenset(
    _words(
        """
        Ministry Department Institute Institution Agency Council Commission Bureau Association
            University College Center Centre Corp. Corp Inc. Inc Ltd. Ltd Co. LLC LLP PLC plc GmbH
            AG SA NV Company Foundation Authority Administration Office Federation Chamber Committee
            Organization Organisation Service Board Academy Society Union Alliance Forum Bank Fund
            Court Tribunal Laboratory Laboratories Labs Group Holdings Technologies Electronics
            Industries Systems Semiconductor Directorate Secretariat Parliament Assembly Senate
            Cabinet Party Coalition Network Partners Institutes Technology Command JSC PJSC OJSC
            AS ASA AB BV SpA SE KK Pte Bhd Limited Incorporated Corporation Embassy Consulate
            OOO ZAO OAO PAO
        """
    )
)

# Leading words that open a sentence or phrase but never an organization's name.
ORG_LEADING_NOISE = (
    NOT_NAME
    - ORG_HEADS
    - frozenset(
        _words(
            """
        Federal National International Global Regional Central Joint Trade Export Import
        Control Security Industry Industrial Technology Economic Financial Finance
        Policy Affairs Defense Defence Energy Commerce Justice Homeland Treasury State
        Foreign Strategic Military Nuclear Chemical Cyber Digital Critical Advanced
        Semiconductor Research Development Science Studies Information Communications
        Telecommunications Customs Enforcement Compliance Supply Market Business
        Investment Capital News Democratic Republican Communist People's World Asian
        European African Arab Latin Pacific Atlantic Middle Far American Western Eastern
        Northern Southern West East North South Tech Data Materials Equipment
        Electronics Chip Chips Semiconductors Public Private Local AI
        """
        )
    )
)

GROUP_HEADS = (
    "working group|task force|strike force|dialogue|contact group|consultative group|"
    "coordination group|steering group|expert group|coalition|joint committee|talks"
)

# Unions of states that take part in talks and groups as a party, like a country does.
BLOCS = frozenset(
    [
        "European Union",
        "African Union",
        "Association of Southeast Asian Nations",
        "Gulf Cooperation Council",
    ]
)

# Topics that name an unnamed group ("export control working group").
GROUP_TOPICS = (
    "export control",
    "export controls",
    "sanctions",
    "supply chain",
    "semiconductor",
    "technology",
    "critical minerals",
    "investment screening",
    "economic security",
    "trade",
)


# Head words that also end ordinary phrases ("Chip Technology"): they make an organization only
# outside headlines and when a proper name precedes them ("Biren Technology").
WEAK_ORG_HEADS = frozenset(
    _words(
        """
        Technology Technologies Electronics Systems Semiconductor Industries Group Holdings Labs
        Laboratories Network Partners Union Alliance Forum Fund Bank Service Party AS ASA AB SE KK
        """
    )
)

# Words that continue a company name after its head ("Shanghai Micro Electronics Equipment").
ORG_TAILS = frozenset(
    _words(
        """
        Equipment Technology Technologies Co. Corp. Inc. Ltd. LLC Group Holdings International
        Systems Industries Materials Semiconductor Electronics Information Manufacturing Ltd
        LLC LLP PLC plc GmbH AG SA NV JSC PJSC BV SpA Limited Incorporated Corporation Co Corp
        Inc Ltd OOO ZAO OAO PAO
        """
    )
)

# Words of a legal form written before the name ("Joint Stock Company Kronshtadt", "Limited
# Liability Company X"): a name made only of these runs on over the proper name after it.
LEGAL_FORM_WORDS = frozenset(
    _words("Joint Stock Company Limited Liability Public Closed Open Private Partnership")
)

# Capitalised words after a place that make it part of a unit's name ("the Asia Program").
UNIT_HEADS = frozenset(
    _words(
        """
        Program Programme Programs Initiative Project Studies Desk Chair Department Division
        """
    )
)

# Everyday words a title-case or all-caps headline capitalises: a known name made only of these
# ("Export Control Working Group") is not trusted there.
GENERIC_NAME_WORDS = frozenset(
    _words(
        """
        Export Exports Control Controls Working Group Groups Task Force Supply Chain Chains
        Sanctions Coordination Steering Expert Contact Technology Trade Security Economic
        Dialogue Committee Investment Screening Strategic Joint Policy And Of On For The
        """
    )
)


# Words that end a company or campaign name but never a person's: a capitalised run ending in
# one of them, said to speak or described as a body, is an organization ("Amnesty
# International said", "Human Rights Watch said").
ORG_LAST_WORDS = frozenset(
    _words(
        """
        International Watch Research Materials Motors Airlines Airways Aerospace Dynamics
        Instruments Devices Microelectronics Photonics Robotics Analytics Logistics Energy
        Petroleum Steel Chemicals Pharmaceuticals Therapeutics Solutions Software Networks
        Telecom Communications Media Securities Insurance Trading Shipping Ventures Capital
        Lithography Semiconductors Microsystems Optics Avionics Defense Defence Mining Minerals
        """
    )
)

# Honorifics: they prove a person but are not a role ("Mr. Estevez", "Dr. Kevin Wolf").
HONORIFICS = frozenset(_words("Mr. Mrs. Ms. Dr. Mr Mrs Ms Dr Sir Dame Prof. Prof Professor"))

# Abbreviated titles whose period belongs to the role text ("Sen.", "Gen.").
TITLE_ABBREVIATIONS = frozenset(
    _words("Sen. Sens. Rep. Reps. Gov. Gen. Adm. Col. Lt. Sgt. Cmdr. Capt. Maj. Amb. Pres. Lt.")
)
