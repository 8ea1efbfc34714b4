"""The working state of one extraction: the text, the spans found so far and their owners.

Kept separate so the recognisers (gazetteer, organizations, people, groups) can share it
without importing each other.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field

from desktop.extract.gazetteer import Entry


@dataclass(slots=True)
class Hit:
    """A span of the text attributed to one entity (kind + canonical name)."""

    start: int
    end: int
    kind: str
    name: str
    entry: Entry | None = None


@dataclass(slots=True)
class Doc:
    text: str
    title_end: int  # end of the headline line; spans before it are in the headline
    caps_ranges: list[tuple[int, int]] = field(default_factory=list)  # ALL-CAPS lines
    hits: list[Hit] = field(default_factory=list)
    by_start: dict[int, Hit] = field(default_factory=dict)
    by_end: dict[int, Hit] = field(default_factory=dict)
    pattern_end: int = 0  # end of the last organization found by pattern (runs before it are done)
    _starts: list[int] = field(default_factory=list)
    _sorted: list[Hit] = field(default_factory=list)
    # every hit by its start, with its place in ``hits``: ``hits[:_indexed]`` are in it, and
    # -1 says hits were removed or reordered since (see :meth:`starting_in`)
    _index: dict[int, list[tuple[int, Hit]]] = field(default_factory=dict)
    _indexed: int = 0

    def add(self, hit: Hit) -> None:
        self.hits.append(hit)
        self.by_start[hit.start] = hit
        self.by_end[hit.end] = hit

    def remove(self, hit: Hit) -> None:
        self.hits.remove(hit)
        self._indexed = -1
        if self.by_start.get(hit.start) is hit:
            del self.by_start[hit.start]
        if self.by_end.get(hit.end) is hit:
            del self.by_end[hit.end]

    def in_headline(self, pos: int) -> bool:
        if pos < self.title_end:
            return True
        return any(s <= pos < e for s, e in self.caps_ranges)

    def freeze(self) -> None:
        """Index the hits found so far (the gazetteer's) for :meth:`hits_in`."""
        self.hits.sort(key=lambda h: h.start)
        self._indexed = -1
        self._sorted = list(self.hits)
        self._starts = [h.start for h in self._sorted]

    def hits_in(self, start: int, end: int) -> list[Hit]:
        """Indexed hits that overlap ``[start, end)``, in order."""
        i = bisect_left(self._starts, start)
        if i and self._sorted[i - 1].end > start:
            i -= 1
        out = []
        while i < len(self._sorted) and self._sorted[i].start < end:
            hit = self._sorted[i]
            if hit.end > start and self.by_start.get(hit.start) is hit:
                out.append(hit)
            i += 1
        return out

    def starting_in(self, lo: int, hi: int) -> list[Hit]:
        """The hits that start in ``[lo, hi)``, in the order of ``hits``, for a short range
        (an appositive phrase). A scan of ``hits`` when there are few; else a look-up per
        offset in an index of every hit by its start (built once, extended by the hits
        added since), because a scan per question made an article that names thousands
        of people with their posts quadratic."""
        hits = self.hits
        if len(hits) < _SCAN_MAX:
            return [h for h in hits if lo <= h.start < hi]
        if not 0 <= self._indexed <= len(hits):
            self._index, self._indexed = {}, 0
        index = self._index
        for i in range(self._indexed, len(hits)):
            hit = hits[i]
            index.setdefault(hit.start, []).append((i, hit))
        self._indexed = len(hits)
        found = [pair for at in range(lo, hi) for pair in index.get(at, ())]
        found.sort(key=_place)
        return [hit for _, hit in found]


#: :meth:`Doc.starting_in` scans this many hits rather than index them
_SCAN_MAX = 256


def _place(pair: tuple[int, Hit]) -> int:
    return pair[0]
