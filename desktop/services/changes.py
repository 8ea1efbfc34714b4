"""What a mutating service changed, so each view refreshes only what concerns it (Anki's ops).

Every service that writes returns one typed result: ``Edited(value, changes)`` when it has a
value to hand back (a new id, the before-image an undo restores), else its ``Changes`` alone;
never a tuple. The UI carries the ``Changes`` on one app-wide signal.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(slots=True)
class Changes:
    articles: set[int] = field(default_factory=set)
    entities: set[int] = field(default_factory=set)
    links: set[int] = field(default_factory=set)
    cases: set[int] = field(default_factory=set)
    everything: bool = False  # a bulk change (import, reindex): refresh all views

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            self.articles | other.articles,
            self.entities | other.entities,
            self.links | other.links,
            self.cases | other.cases,
            self.everything or other.everything,
        )

    @property
    def items(self) -> set[int]:
        return self.articles | self.entities

    def __bool__(self) -> bool:
        return bool(self.everything or self.articles or self.entities or self.links or self.cases)


@dataclass(frozen=True, slots=True)
class Edited(Generic[T]):
    """What a mutating service returns: its value (a new id, or the before-image an undo needs,
    read inside the same write transaction as the change) and what changed. One shape, so the
    UI never guesses where the ``Changes`` is."""

    value: T
    changes: Changes
