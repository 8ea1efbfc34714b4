"""Where labels go: no two drawn labels overlap, the telling ones win.

Why: a 2-hop view drew every name under its node and every link kind at its middle, and at 100
nodes half of them covered each other. Labels are placed greedily by priority (the centre, a
path's items and links, stated relations, then items by hop), each trying a few spots around
its anchor (below, above, right, left of a node), then a shortened text, then not at all;
the full name stays in the tooltip. Placement is in scene units at the layout's resting
positions, so it holds at every zoom (labels scale with the scene; a zoom cut-off only hides
more). A grid of buckets keeps it linear: each label is tested against its neighbours only.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

Box = tuple[float, float, float, float]  # left, top, right, bottom
CELL = 128.0
SHORT_CHARS = 14  # a node label that does not fit whole tries this many characters
GAP = 2.0  # labels keep this far apart


@dataclass(slots=True)
class Label:
    """One label to place: its anchor, its texts (full first) and how to size them."""

    key: object
    x: float
    y: float
    radius: float  # the node's radius (0 for a link label, centred on its anchor)
    texts: tuple[str, ...]
    priority: tuple[float | str, ...]  # lower is placed first (ties broken by the text)
    box: Box | None = None  # where it went, None when hidden
    text: str = ""


class _Grid:
    def __init__(self) -> None:
        self.cells: dict[tuple[int, int], list[Box]] = defaultdict(list)

    def free(self, b: Box) -> bool:
        """No box in the grid overlaps ``b`` (the hot loop of a 300-node view: ~20,000
        boxes compared, so the cells are walked inline rather than listed)."""
        get = self.cells.get
        left, top, right, bottom = b
        j0, j1 = int(top // CELL), int(bottom // CELL) + 1
        for i in range(int(left // CELL), int(right // CELL) + 1):
            for j in range(j0, j1):
                for o in get((i, j), ()):
                    if left < o[2] and o[0] < right and top < o[3] and o[1] < bottom:
                        return False
        return True

    def add(self, b: Box) -> None:
        cells = self.cells
        j0, j1 = int(b[1] // CELL), int(b[3] // CELL) + 1
        for i in range(int(b[0] // CELL), int(b[2] // CELL) + 1):
            for j in range(j0, j1):
                cells[i, j].append(b)


def _spots(label: Label, w: float, h: float) -> list[Box]:
    x, y, r = label.x, label.y, label.radius
    if r <= 0:
        return [(x - w / 2, y - h / 2, x + w / 2, y + h / 2)]
    return [
        (x - w / 2, y + r + 3, x + w / 2, y + r + 3 + h),  # below
        (x - w / 2, y - r - 3 - h, x + w / 2, y - r - 3),  # above
        (x + r + 4, y - h / 2, x + r + 4 + w, y + h / 2),  # right
        (x - r - 4 - w, y - h / 2, x - r - 4, y + h / 2),  # left
    ]


def place(
    labels: list[Label],
    size: Callable[[Label, str], tuple[float, float]],
    obstacles: Iterable[Box] = (),
) -> list[Label]:
    """Give each label a ``box`` and ``text``, or leave it hidden; returns the labels placed.

    ``size(label, text)`` is the text's width and height in scene units; ``obstacles`` (the
    node discs) are kept clear too.
    """
    grid = _Grid()
    for b in obstacles:
        grid.add(b)
    placed = []
    for label in sorted(labels, key=lambda lb: lb.priority):
        label.box, label.text = None, ""
        for text in label.texts:
            w, h = size(label, text)
            for b in _spots(label, w, h):
                padded = (b[0] - GAP, b[1] - GAP, b[2] + GAP, b[3] + GAP)
                if grid.free(padded):
                    label.box, label.text = b, text
                    break
            if label.box is not None:
                break
        if label.box is not None:
            grid.add(label.box)
            placed.append(label)
    return placed


def shortened(text: str, limit: int = SHORT_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def overlapping(boxes: list[Box]) -> list[tuple[int, int]]:
    """Pairs of boxes that overlap (for tests and checks; quadratic)."""
    return [
        (i, j)
        for i, a in enumerate(boxes)
        for j in range(i + 1, len(boxes))
        if a[0] < boxes[j][2] and boxes[j][0] < a[2] and a[1] < boxes[j][3] and boxes[j][1] < a[3]
    ]
