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

    def add(self, hit: Hit) -> None:
        self.hits.append(hit)
        self.by_start[hit.start] = hit
        self.by_end[hit.end] = hit

    def remove(self, hit: Hit) -> None:
        self.hits.remove(hit)
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
