"""Unnamed working groups, task forces and dialogues, with the members the text gives.

"The two countries also launched a new working group ... export control decisions" names no
group, yet an analyst wants one: it is named from its members and topic ("U.S.–South Korea
export control working group").

How an unnamed group is named (annotations follow the same rule): its members' short names
in canonical order (the United States first, then alphabetical; the order of a modifier the
text writes, "South Korea–U.S.", wins), joined by an en dash; then its topic; then the head
noun as written ("working group", "task force", "talks"). The topic is a known topic
(``GROUP_TOPICS``) in the modifier, else the phrase after "on/over/about/for" (a known topic
inside it wins; otherwise the phrase as written, its last word in the singular, as a noun
modifier: "on drone components" -> "drone component"), else a known topic of the sentence.
Parties are countries and unions of states (``BLOCS``: the European Union). Members come, in order of preference, from names right
before the head ("a U.S.-Japan working group"), from countries named in the same sentence,
or, for "the two countries"/"both sides", from the two countries the article is most about.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from desktop.extract.doc import Doc, Hit
from desktop.extract.lexicon import BLOCS, GROUP_HEADS, GROUP_TOPICS
from desktop.extract.sentences import Sentences

_HEAD = re.compile(r"\b(?:" + GROUP_HEADS + r")s?\b")
_QUICK = ("group", "force", "dialogue", "coalition", "committee", "talks")  # every head ends so
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
        "standing",
        "regular",
        "permanent",
        "formal",
        "informal",
        "annual",
        "trilateral",
        "multilateral",
        "high-level",
        "first",
        "second",
        "third",
    ]
)
_TALKS_NEXT = re.compile(r"[ \t]+(?:on|over|about)[ \t]")  # "talks on supply chain security"
_NEEDS_MEMBERS = ("talks", "dialogue", "coalition")  # without members these name nothing
_TOPIC_FORMS = {"export controls": "export control"}
_SHORT = {"United States": "U.S.", "United Kingdom": "U.K.", "European Union": "EU"}
_TOPICS = [(t, re.compile(r"\b" + re.escape(t) + r"\b")) for t in GROUP_TOPICS]
_JOINERS = "–-/—‐‑"
_MOD = re.compile(r"([\w.’'–-]+)[ \t]+$")


@dataclass(slots=True)
class GroupFound:
    name: str
    members: list[str]
    mentions: list[tuple[int, int]] = field(default_factory=list)
    evidence: tuple[int, int] | None = None
    head: str = ""
    topic: str = ""
    by_modifier: bool = False  # the name's member order comes from the text's own modifier

    def same_group(self, members: list[str], topic: str, head: str) -> bool:
        """The same members and head, and no conflicting topic: one group, however worded."""
        return (
            head == self.head
            and set(members) == set(self.members)
            and (not topic or not self.topic or topic == self.topic)
        )

    def absorb(self, members: list[str], topic: str, by_modifier: bool) -> None:
        """Take a mention's wording: a topic when none was known, a modifier's member order."""
        if by_modifier and not self.by_modifier:
            self.members, self.by_modifier = list(members), True
        self.topic = self.topic or topic
        label = "–".join(short_name(x) for x in self.members)
        self.name = " ".join(p for p in (label, self.topic, self.head) if p)


def short_name(name: str) -> str:
    return _SHORT.get(name, name)


def find_groups(doc: Doc, sentences: Sentences) -> list[GroupFound]:
    text = doc.text
    # heads are matched case-sensitively in lower case; capitalised ones are names
    if not ("group" in text or "force" in text or "dialogue" in text or "coalition" in text):
        return []
    found: list[GroupFound] = []
    last: GroupFound | None = None
    for m in _heads(text):
        hs, he = m.span()
        if doc.hits_in(hs, he) or hs in doc.by_start:
            continue
        head = m.group()
        talks = head == "talks"
        if talks and not _TALKS_NEXT.match(text, he):
            continue  # "trade talks resumed": only "talks on X" are a forum
        # modifiers before the head, back to a determiner
        pos = hs
        mods: list[tuple[int, str]] = []
        while len(mods) < 5 and not talks:
            mm = _MOD.search(text, max(0, pos - 40), pos)
            if mm is None:
                break
            word = mm.group(1)
            known = doc.by_end.get(mm.end(1)) is not None  # ends a name: "South Korea–U.S."
            if (
                word.lower() in _DETERMINERS
                or word.endswith(",")
                or (word.endswith(".") and not known)
                or (word.istitle() and not known)
            ):
                break
            mods.append((mm.start(1), word))
            pos = mm.start(1)
        mods.reverse()
        topic = _known_topic(" ".join(w for _, w in mods if w.islower()))
        mstart = mods[0][0] if mods else hs
        if mods:
            mstart = _names_before(doc, mstart)
        # members named in the modifier keep its order ("South Korea–U.S. working group")
        members = _unique(
            h.name
            for h in sorted(doc.hits, key=_start)
            if mstart <= h.start < hs and h.kind in ("country", "organization")
        )
        by_modifier = bool(members)
        ss, se = sentences.span(hs)
        if not members:
            in_sentence = sorted(
                (h for h in doc.hits if ss <= h.start < se and _party(h)), key=_start
            )
            members = _unique(h.name for h in in_sentence if h.start < hs)  # the subject
            if len(members) < 2:
                members = _unique(h.name for h in in_sentence)
            if len(members) < 2:
                members = []
        if not members and _PAIR.search(text, ss, se):
            members = _recent_pair(doc, sentences, ss, hs)  # "the two countries"
        if not by_modifier:
            members.sort(key=_canonical_order)  # the same members, the same name
        if not topic:
            topic = _topic_after(text, he)
        if not topic:
            topic = _sentence_topic(doc, ss, se)
        topic = _TOPIC_FORMS.get(topic, topic)
        if not members and head in _NEEDS_MEMBERS:
            continue
        if not members and not topic:
            if last is not None and last.name.endswith(head):
                last.mentions.append((hs, he))
            continue
        if not members and last is not None and last.name.endswith(f"{topic} {head}".strip()):
            last.mentions.append((hs, he))
            continue
        group = next((g for g in found if g.same_group(members, topic, head)), None)
        if group is None:
            group = GroupFound("", members, evidence=(ss, se), head=head)
            found.append(group)
        group.absorb(members, topic, by_modifier)
        group.mentions.append((hs, he))
        last = group
    return found


def relabel_known_groups(doc: Doc, sentences: Sentences) -> list[GroupFound]:
    """ "India and the EU ... under their Trade and Technology Council": a known group named
    by a bare alias, in a sentence whose parties leave out one of its members and add another,
    is that pair's council of the same name, not the known one."""
    out: list[GroupFound] = []
    text = doc.text
    for hit in doc.hits:
        if hit.kind != "group" or hit.entry is None:
            continue
        members = hit.entry.members
        surface = " ".join(text[hit.start : hit.end].split())
        if not members or any(m in surface or short_name(m) in surface for m in members):
            continue
        ss, se = sentences.span(hit.start)
        parties = _unique(
            h.name for h in sorted(doc.hits, key=_start) if ss <= h.start < se and _party(h)
        )
        if len(parties) < 2 or set(members) <= set(parties) or set(parties) <= set(members):
            continue
        parties.sort(key=_canonical_order)
        group = GroupFound("", parties, evidence=(ss, se), head=surface)
        group.absorb(parties, "", False)
        group.mentions.append((hit.start, hit.end))
        doc.remove(hit)
        out.append(group)
    return out


def _party(hit: Hit) -> bool:
    """Whether a name can be a party to talks or a member of a group: a country or a bloc."""
    return hit.kind == "country" or (hit.kind == "organization" and hit.name in BLOCS)


_STOPS = "on|in|under|with|and|to|for|at|by|of|from|that|which|between|among|as|this|next|last"
_TOPIC_AFTER = re.compile(
    r"[ \t]+(?:on|over|about|for)[ \t]+((?:(?!(?:" + _STOPS + r")\b)[a-z][a-z-]*[ \t]+){0,2}?"
    r"(?!(?:"
    + _STOPS
    + r")\b)[a-z][a-z-]*)(?=[ \t]+(?:"
    + _STOPS
    + r"|[a-z]+ly)\b|[ \t]*[,.;:)]|\s*$)"
)


def _topic_after(text: str, he: int) -> str:
    """The topic a head states ("a working group on semiconductors"), in modifier form."""
    m = _TOPIC_AFTER.match(text, he)
    if m is None:
        return ""
    phrase = m.group(1)
    for t, rx in _TOPICS:
        if rx.search(phrase):
            return t
    words = phrase.split()
    last = words[-1]
    if last.endswith("ies") and len(last) > 4:
        words[-1] = last[:-3] + "y"
    elif last.endswith("s") and not last.endswith(("ss", "us", "is")):
        words[-1] = last[:-1]
    return " ".join(words)


def _recent_pair(doc: Doc, sentences: Sentences, ss: int, pos: int) -> list[str]:
    """ "The two countries": of the countries named in this sentence before *pos* and in the
    one before it, the two the article names most often (ties: the later named)."""
    back = ss - 1
    while back > 0 and doc.text[back].isspace():
        back -= 1
    lo = sentences.span(back)[0] if back > 0 else ss
    near = [h.name for h in sorted(doc.hits, key=_start) if _party(h) and lo <= h.start < pos]
    if len(set(near)) < 2:
        return []
    counts = Counter(h.name for h in doc.hits if _party(h))
    ranked = sorted(set(near), key=lambda n: (-counts[n], -_last_index(near, n)))
    return ranked[:2]


def _last_index(names: list[str], name: str) -> int:
    return len(names) - 1 - names[::-1].index(name)


def _names_before(doc: Doc, pos: int) -> int:
    """Back from a modifier's first word over the names joined to it: "U.S.–South [Korea]"
    opens at "U.S.", "South [Korea–U.S.]" at "South"."""
    text = doc.text
    while True:
        inside = next((h for h in doc.hits if h.start < pos < h.end), None)
        if inside is not None:
            pos = inside.start
            continue
        if pos > 1 and text[pos - 1] in _JOINERS:
            before = doc.by_end.get(pos - 1)
            if before is not None and before.kind in ("country", "organization"):
                pos = before.start
                continue
        return pos


def _known_topic(words: str) -> str:
    """A known topic ending the modifier is the topic: "launch export control" and "regular
    export control" both name an "export control" dialogue."""
    for topic in GROUP_TOPICS:
        if words.endswith(" " + topic):
            return topic
    return words


def _start(hit: Hit) -> int:
    return hit.start


def _canonical_order(name: str) -> tuple[bool, str]:
    """The United States first (as this field writes "U.S.–Japan"), then alphabetical."""
    return (name != "United States", name)


def _sentence_topic(doc: Doc, ss: int, se: int) -> str:
    """A topic word of the sentence, outside every name in it ("Ministry of Trade, ...")."""
    text = doc.text
    parts = []
    pos = ss
    for hit in sorted((h for h in doc.hits if h.start < se and h.end > ss), key=_start):
        if hit.start > pos:
            parts.append(text[pos : hit.start])
        pos = max(pos, hit.end)
    parts.append(text[pos:se])
    sentence = " | ".join(parts).lower()
    return next((t for t, rx in _TOPICS if rx.search(sentence)), "")


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


def _unique(names: Iterable[str]) -> list[str]:
    out: list[str] = []
    for name in names:
        if name not in out:
            out.append(name)
    return out


def group_hit_names(hits: list[Hit]) -> list[str]:
    return [h.name for h in hits if h.kind == "group"]
