"""Where each row of the timeline goes: period headers, events, and the gaps between them.

Time runs down a vertical axis (the side panel is tall and narrow). Events are grouped by
month, or by week when zoomed in; between two periods that are not next to each other a gap
row says how long nothing happened, and its height grows with the gap, so a quiet stretch in
the coverage is visible at a glance. Pure arithmetic over dates (no Qt), linear in the number
of events: the view paints only the rows in sight, found by bisection on ``top``.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from desktop.services.timeline import ARTICLE_EVENT, TimelineEvent

HEADER, EVENT, GAP = "header", "event", "gap"
MONTH, WEEK = "month", "week"
MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Zoom:
    group: str  # month | week
    compact: bool  # one line per event
    px_per_day: float  # gap rows: height per day without events
    label: str


ZOOMS = (
    Zoom(MONTH, True, 0.25, "months, compact"),
    Zoom(MONTH, False, 0.5, "months"),
    Zoom(WEEK, False, 1.2, "weeks"),
    Zoom(WEEK, False, 3.0, "weeks, gaps to scale"),
)
DEFAULT_ZOOM = 1
HEADER_H = 26
GAP_MIN, GAP_MAX = 22, 260
LINE_H = 19  # one line of text at the panel's font (DejaVu Sans 9-10 pt: 17-19 px)


@dataclass(frozen=True, slots=True)
class Row:
    kind: str  # header | event | gap
    top: int
    height: int
    text: str  # a header's or gap's words; "" for an event
    event: int = -1  # index into the events, for an event row
    lines: int = 0  # text lines of an event row


def period_start(day: date, group: str) -> date:
    if group == WEEK:
        return day - timedelta(days=day.weekday())
    return day.replace(day=1)


def _next_period(start: date, group: str) -> date:
    if group == WEEK:
        return start + timedelta(days=7)
    return date(start.year + start.month // 12, start.month % 12 + 1, 1)


def period_label(start: date, group: str, count: int) -> str:
    what = f"{count} event" + ("" if count == 1 else "s")
    if group == WEEK:
        return f"Week of {start.day} {MONTH_NAMES[start.month - 1][:3]} {start.year} · {what}"
    return f"{MONTH_NAMES[start.month - 1]} {start.year} · {what}"


def gap_label(start: date, end: date) -> str:
    """ "3 months without events" for the days from *start* up to *end*."""
    days = (end - start).days
    months = (end.year - start.year) * 12 + end.month - start.month
    if months >= 2:
        span = f"{months} months" if months < 24 else f"{months // 12} years"
    else:
        weeks = max(1, round(days / 7))
        span = f"{weeks} week" + ("" if weeks == 1 else "s")
    return f"{span} without events"


def event_lines(event: TimelineEvent, compact: bool) -> int:
    if compact:
        return 1
    return 2 if event.kind == ARTICLE_EVENT else 3


def layout(events: Sequence[TimelineEvent], zoom: Zoom) -> list[Row]:
    """The rows for *events* (in date order) at *zoom*."""
    rows: list[Row] = []
    y = 0
    i, n = 0, len(events)
    previous_end: date | None = None
    while i < n:
        start = period_start(events[i].date, zoom.group)
        end = _next_period(start, zoom.group)
        j = i
        while j < n and events[j].date < end:
            j += 1
        if previous_end is not None and start > previous_end:
            days = (start - previous_end).days
            height = int(min(GAP_MAX, max(GAP_MIN, days * zoom.px_per_day)))
            rows.append(Row(GAP, y, height, gap_label(previous_end, start)))
            y += height
        rows.append(Row(HEADER, y, HEADER_H, period_label(start, zoom.group, j - i)))
        y += HEADER_H
        for k in range(i, j):
            lines = event_lines(events[k], zoom.compact)
            height = lines * LINE_H + 8
            rows.append(Row(EVENT, y, height, "", k, lines))
            y += height
        previous_end = end
        i = j
    return rows


def rows_between(rows: Sequence[Row], tops: Sequence[int], top: int, bottom: int) -> range:
    """Indexes of the rows that overlap ``[top, bottom)``; *tops* is ``[r.top for r in rows]``."""
    first = max(0, bisect_right(tops, top) - 1)
    last = bisect_right(tops, bottom)
    return range(first, min(last, len(rows)))


def row_at(rows: Sequence[Row], tops: Sequence[int], y: int) -> Row | None:
    k = bisect_right(tops, y) - 1
    if 0 <= k < len(rows) and y < rows[k].top + rows[k].height:
        return rows[k]
    return None


__all__ = ["DEFAULT_ZOOM", "ZOOMS", "Row", "Zoom", "layout", "row_at", "rows_between"]
