"""``Doc.starting_in`` (the hits an appositive phrase holds) answers as a scan of every hit
would, in the same order, however hits were added, removed or sorted before the question;
and an article naming thousands of people with their posts still gives each their post."""

from __future__ import annotations

import random

from desktop.extract import extract
from desktop.extract.doc import Doc, Hit


def test_starting_in_is_a_scan_of_the_hits() -> None:
    rnd = random.Random(4)
    for size in (20, 300, 900):
        doc = Doc("x" * 5000, 10)
        for step in range(size * 2):
            roll = rnd.random()
            if roll < 0.6 or not doc.hits:
                s = rnd.randrange(0, 4990)
                hit = Hit(s, s + rnd.randint(1, 9), rnd.choice(["person", "country"]), "n")
                if rnd.random() < 0.3:
                    doc.hits.append(hit)  # as the gazetteer scan adds its hits
                else:
                    doc.add(hit)
            elif roll < 0.7:
                doc.remove(rnd.choice(doc.hits))
            elif roll < 0.72:
                doc.freeze()
            else:
                lo = rnd.randrange(0, 5000)
                hi = lo + rnd.randint(0, 400)
                want = [h for h in doc.hits if lo <= h.start < hi]
                got = doc.starting_in(lo, hi)
                assert [id(h) for h in got] == [id(h) for h in want], (size, step)


def test_thousands_of_people_each_with_their_post() -> None:
    """Past the hits a scan is kept for, each person's post and organization are read as in
    a short article that names only them."""
    orgs = ["the Bureau of Industry and Security", "the Atlas Technology Council", "CSIS"]
    lines = [
        f"Jane Doe{chr(97 + i % 26)}{chr(97 + i // 26 % 26)}ka, a senior adviser at "
        f"{orgs[i % 3]}, said the rules would change."
        for i in range(600)
    ]
    title = "Officials weigh chip rules"
    found = {e.name: e for e in extract("\n".join([title, *lines])).entities}
    assert sum(e.kind == "person" for e in found.values()) == 600
    for line in lines[::37]:
        alone = next(e for e in extract(f"{title}\n{line}").entities if e.kind == "person")
        assert alone.affiliation
        assert (found[alone.name].role, found[alone.name].affiliation) == (
            alone.role,
            alone.affiliation,
        )
