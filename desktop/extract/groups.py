"""Unnamed working groups, task forces and dialogues, with the members the text gives.

"The two countries also launched a new working group ... export control decisions" names no
group, yet an analyst wants one: it is named from its members and topic ("U.S.–South Korea
export control working group"). Members come, in order of preference, from names right
before the head ("a U.S.-Japan working group"), from countries named in the same sentence,
or, for "the two countries"/"both sides", from the two countries the article is most about.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from desktop.extract.doc import Doc, Hit
from desktop.extract.lexicon import GROUP_HEADS, GROUP_TOPICS
from desktop.extract.sentences import sentence_span

_HEAD = re.compile(r"\b(?:" + GROUP_HEADS + r")s?\b")
_QUICK = ("group", "force", "dialogue", "coalition")  # every head ends in one of these
_REACH = 14  # the longest head word before them: "consultative "
_PAIR = re.compile(
    r"\b(?:the two|both)[ \t]+(?:countries|nations|sides|governments|allies|partners|economies)\b"
    r"|\b(?:they|the countries|the allies)\b",
    re.IGNORECASE,
)
_DETERMINERS = frozenset(
    [
        "a",
        "an",
        "the",
        "this",
        "that",
        "its",
        "their",
        "our",
        "new",
        "joint",
        "bilateral",
        "separate",
    ]
)
_SHORT = {"United States": "U.S.", "United Kingdom": "U.K.", "European Union": "EU"}
_MOD = re.compile(r"([\w.’'–-]+)[ \t]+$")


@dataclass(slots=True)
class GroupFound:
    name: str
    members: list[str]
    mentions: list[tuple[int, int]] = field(default_factory=list)
    evidence: tuple[int, int] | None = None


def short_name(name: str) -> str:
    return _SHORT.get(name, name)


def find_groups(doc: Doc, country_counts: Counter[str]) -> list[GroupFound]:
    text = doc.text
    low = text  # heads are matched case-sensitively in lower case; capitalised ones are names
    if not any(q in low for q in _QUICK):
        return []
    found: list[GroupFound] = []
    last: GroupFound | None = None
    for m in _heads(text):
        hs, he = m.span()
        if doc.hits_in(hs, he) or hs in doc.by_start:
            continue
        # modifiers before the head, back to a determiner
        pos = hs
        mods: list[tuple[int, str]] = []
        while len(mods) < 5:
            mm = _MOD.search(text, max(0, pos - 40), pos)
            if mm is None:
                break
            word = mm.group(1)
            if (
                word.lower() in _DETERMINERS
                or word.endswith((",", "."))
                or word.istitle()
                and not doc.by_end.get(mm.end(1))
            ):
                break
            mods.append((mm.start(1), word))
            pos = mm.start(1)
        mods.reverse()
        topic = " ".join(w for _, w in mods if w.islower())
        mstart = mods[0][0] if mods else hs
        members = _unique(
            h.name
            for h in doc.hits
            if mstart <= h.start < hs and h.kind in ("country", "organization")
        )
        ss, se = sentence_span(text, hs)
        if not members:
            members = _unique(
                h.name for h in doc.hits if ss <= h.start < se and h.kind == "country"
            )
            if len(members) < 2:
                members = []
        if not members and _PAIR.search(text, ss, se) and len(country_counts) >= 2:
            members = [name for name, _ in country_counts.most_common(2)]
        if not topic:
            sentence = text[ss:se].lower()
            topic = next((t for t in GROUP_TOPICS if t in sentence), "")
        head = m.group()
        if not members and not topic:
            if last is not None and last.name.endswith(head):
                last.mentions.append((hs, he))
            continue
        if not members and last is not None and last.name.endswith(f"{topic} {head}".strip()):
            last.mentions.append((hs, he))
            continue
        label = "–".join(short_name(x) for x in members)
        name = " ".join(p for p in (label, topic, head) if p)
        group = next((g for g in found if g.name == name), None)
        if group is None:
            group = GroupFound(name, members, evidence=(ss, se))
            found.append(group)
        group.mentions.append((hs, he))
        last = group
    return found


def _heads(text: str) -> list[re.Match[str]]:
    """Group heads in text order, searched only around their last word (far cheaper than a
    scan of the whole text, since every head ends in one of a few rare words)."""
    starts: dict[int, re.Match[str]] = {}
    for word in _QUICK:
        pos = text.find(word)
        while pos >= 0:
            m = _HEAD.search(text, max(0, pos - _REACH), pos + len(word) + 2)
            while m is not None and m.start() < pos + len(word):
                if m.end() >= pos:
                    starts.setdefault(m.start(), m)
                m = _HEAD.search(text, m.end(), pos + len(word) + 2)
            pos = text.find(word, pos + len(word))
    return [starts[k] for k in sorted(starts)]


def _unique(names: object) -> list[str]:
    out: list[str] = []
    for name in names:  # type: ignore[attr-defined]
        if name not in out:
            out.append(name)
    return out


def group_hit_names(hits: list[Hit]) -> list[str]:
    return [h.name for h in hits if h.kind == "group"]
