"""The last step of ``extract()``: one entity per (kind, canonical name), then links.

It produces plain tuples (:class:`Assembled`); :func:`to_extraction` turns them into the
public dataclasses. The import's worker processes read the tuples directly
(``services.prepare``), because building a :class:`Mention` per mention and an
:class:`ExtractedEntity` per entity, only to take them apart again for the storing process,
was a tenth of a worker's time.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from desktop.extract.doc import Doc
from desktop.extract.gazetteer import Gazetteer
from desktop.extract.groups import GroupFound
from desktop.extract.people import PeopleFinder, Person
from desktop.extract.sentences import ViewSentences
from desktop.extract.types import (
    Citation,
    ExtractedEntity,
    ExtractedLink,
    Extraction,
    Mention,
)

_KIND_ORDER = {
    "person": 0,
    "organization": 1,
    "country": 2,
    "place": 3,
    "group": 4,
    "regulation": 5,
}
_NO_NAMES: tuple[str, ...] = ()

#: (kind, name, aliases, role, affiliation, members, country, part_of, origin, starts, ends):
#: the fields of an :class:`ExtractedEntity`, with its mentions as sorted starts and a
#: start -> end map.
Found = tuple[
    str,
    str,
    tuple[str, ...],
    str | None,
    str | None,
    tuple[str, ...] | list[str],
    str | None,
    str | None,
    str,
    list[int],
    dict[int, int],
]
#: (kind, source, target, sentence start, sentence end) of an :class:`ExtractedLink`.
FoundLink = tuple[str, str, str, int, int]


class Assembled(NamedTuple):
    """An extraction as tuples, plus the sentence finder it used (the import reuses it for
    the evidence sentences, so no line of the article is scanned twice). Offsets point into
    the text extraction read until :func:`in_source` maps them to the stored text."""

    entities: list[Found]
    links: list[FoundLink]
    citations: list[Citation]
    sentences: ViewSentences
    notice: str | None = None  # "Suggestions are limited for German text ..."


def assemble(
    doc: Doc,
    gaz: Gazetteer,
    people: PeopleFinder,
    groups: list[GroupFound],
    citations: list[Citation],
    sentences: ViewSentences,
    acronyms: dict[str, tuple[str, ...]] | None = None,
) -> Assembled:
    """Entities in order of first mention (then kind, then first found), mentions
    de-duplicated by start (the last span found for a start wins), then links."""
    spans: dict[tuple[str, str], dict[int, int]] = {}  # key -> {start: end}, last one wins
    for hit in doc.hits:
        key = (hit.kind, hit.name)
        found = spans.get(key)
        if found is None:
            spans[key] = {hit.start: hit.end}
        else:
            found[hit.start] = hit.end
    described: dict[tuple[str, str], Person | GroupFound] = {}
    for person in people.people.values():
        if not person.mentions:
            continue
        key = ("person", person.name)
        found = spans.setdefault(key, {})
        for s, e in person.mentions:
            found[s] = e
        described[key] = person
    for group in groups:
        key = ("group", group.name)
        found = spans.setdefault(key, {})
        for s, e in group.mentions:
            found[s] = e
        described[key] = group
    entries = gaz.entries
    extra_aliases = acronyms or {}
    kind_order = _KIND_ORDER
    text_len = len(doc.text)
    ranked: list[tuple[int, int, int, Found]] = []
    for n, (key, found) in enumerate(spans.items()):
        kind, name = key
        entry = entries.get(key)
        members: tuple[str, ...] | list[str]
        role = affiliation = None
        if entry is not None:
            aliases, members = entry.aliases, entry.members
            country, part_of, origin = entry.country, entry.part_of, "gazetteer"
        else:
            aliases = members = _NO_NAMES
            if extra_aliases:
                aliases = extra_aliases.get(name, _NO_NAMES)
            country = part_of = None
            origin = "pattern"
        if described:
            extra = described.get(key)
            if extra is not None:
                origin = "context"
                if isinstance(extra, Person):
                    role, affiliation = extra.role, extra.affiliation
                else:
                    members = extra.members
        starts = sorted(found)
        first = starts[0] if starts else text_len
        ranked.append(
            (
                first,
                kind_order.get(kind, 9),
                n,
                (kind, name, aliases, role, affiliation, members, country, part_of, origin,
                 starts, found),
            )
        )  # fmt: skip
    ranked.sort()
    ordered = [item[3] for item in ranked]
    links = _links(ordered, described, people.part_of, sentences.finder.span)
    return Assembled(ordered, links, citations, sentences)


def in_source(found: Assembled) -> Assembled:
    """*found* with every offset mapped from the view extraction read to the stored text."""
    view = found.sentences.view
    if view.identical_offsets:
        return found
    to_source = view.source_span
    entities: list[Found] = []
    for f in found.entities:
        ends: dict[int, int] = {}
        for s in f[9]:
            a, b = to_source(s, f[10][s])
            ends[a] = b
        entities.append((*f[:9], sorted(ends), ends))
    links = [(k, a, b, *to_source(s, e)) for k, a, b, s, e in found.links]
    citations = [Citation(c.ref, *to_source(c.start, c.end)) for c in found.citations]
    return Assembled(entities, links, citations, found.sentences, found.notice)


def _links(
    ordered: list[Found],
    described: dict[tuple[str, str], Person | GroupFound],
    part_of: list[tuple[str, str, int]],
    span: Callable[[int], tuple[int, int]],
) -> list[FoundLink]:
    """affiliated_with (a person's stated organization, country, party or state), part_of
    (stated in the text, or a gazetteer parent), member_of (a group's members), each with
    the sentence that says so, once per (kind, source, target)."""
    links: list[FoundLink] = []
    seen: set[tuple[str, str, str]] = set()
    orgs = {f[1] for f in ordered if f[0] == "organization"}
    present = {f[1] for f in ordered if f[0] in ("country", "organization")}
    targets = {(f[0], f[1]) for f in ordered}

    def add(kind: str, source: str, target: str, at: int) -> None:
        if (kind, source, target) not in seen and source != target:
            seen.add((kind, source, target))
            s, e = span(at)
            links.append((kind, source, target, s, e))

    for part, whole, at in part_of:
        if part in orgs and whole in orgs:
            add("part_of", part, whole, at)
    for kind, name, _, _, _, members, _, parent, _, starts, _ in ordered:
        if kind == "person":
            said = described.get(("person", name))
            if isinstance(said, Person):
                for target_kind, target, at in said.affiliations:
                    if (target_kind, target) in targets:
                        add("affiliated_with", name, target, at)
        elif kind == "organization":
            if parent in orgs:
                add("part_of", name, parent or "", starts[0])
        elif kind == "group" and members:
            for member in members:
                if member in present:
                    add("member_of", member, name, starts[0])
    return links


def to_extraction(text: str, assembled: Assembled) -> Extraction:
    """The public form: :class:`ExtractedEntity` and :class:`Mention` values."""
    entities = []
    for found in assembled.entities:
        kind, name, aliases, role, affiliation, members, country, part_of, origin = found[:9]
        starts, ends = found[9], found[10]
        mentions = [Mention(s, ends[s], text[s : ends[s]]) for s in starts]
        entities.append(
            ExtractedEntity(
                kind, name, list(aliases), role, affiliation, mentions, list(members),
                country, part_of, origin,
            )
        )  # fmt: skip
    words = assembled.sentences.view.words
    links = [
        ExtractedLink(kind, source, target, words(s, e), s, e)
        for kind, source, target, s, e in assembled.links
    ]
    return Extraction(
        entities=entities, citations=assembled.citations, links=links, notice=assembled.notice
    )
