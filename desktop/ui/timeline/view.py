"""The timeline drawn: a vertical time axis with period headers, events and visible gaps.

A scroll area that paints only the rows in sight (``layout.rows_between``), so a case of
thousands of events draws in the time of a screenful. Text is drawn with ``drawText`` (plain
text: article titles and sentences are untrusted and never markup).

The wheel scrolls; Ctrl+wheel, or the wheel over the date column, zooms (month groups,
compact or full, then week groups) keeping the event under the pointer in place. A click on
an event emits it (the panel opens the article at its sentence).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QRect, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QAbstractScrollArea, QWidget

from desktop.services.timeline import ARTICLE_EVENT, NOTE, STATEMENT, TimelineEvent
from desktop.ui import theme
from desktop.ui.timeline.layout import (
    DEFAULT_ZOOM,
    EVENT,
    GAP,
    LINE_H,
    MONTH_NAMES,
    ZOOMS,
    Row,
    layout,
    row_at,
    rows_between,
)

AXIS_X = 62  # the time axis; dates to its left, events to its right
MARK_KEYS = {ARTICLE_EVENT: "article", STATEMENT: "statement", NOTE: "note"}


def _c(name: str) -> QColor:
    """A colour of the theme on now (light or dark), read while painting."""
    return QColor(getattr(theme.current(), name))


def short_day(day: date) -> str:
    return f"{day.day} {MONTH_NAMES[day.month - 1][:3]}"


def event_words(event: TimelineEvent) -> tuple[str, str]:
    """The event's main line(s) and its muted line: what happened, then where it is from."""
    if event.kind == ARTICLE_EVENT:
        outlet = f"{event.outlet} · " if event.outlet else ""
        return event.title, f"{outlet}article, {event.source}"
    if event.kind == STATEMENT:
        return event.sentence, f"{event.title} · {event.source}"
    where = event.title
    return event.sentence, f"Note on {where}"


class TimelineView(QAbstractScrollArea):
    sig_event_activated = Signal(object)  # the TimelineEvent clicked
    sig_zoom_changed = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("TimelineView")
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.viewport().setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._events: tuple[TimelineEvent, ...] = ()
        self._zoom = DEFAULT_ZOOM
        self._rows: list[Row] = []
        self._tops: list[int] = []
        self._current = -1  # the event index last clicked
        self._bold = QFont(self.font())
        self._bold.setBold(True)
        self._small = QFont(self.font())
        self._small.setPointSizeF(max(7.0, self.font().pointSizeF() - 1))

    # --- content --------------------------------------------------------------------------
    @property
    def events(self) -> tuple[TimelineEvent, ...]:
        return self._events

    @property
    def rows(self) -> list[Row]:
        return self._rows

    @property
    def zoom(self) -> int:
        return self._zoom

    def set_events(self, events: Sequence[TimelineEvent]) -> None:
        self._events = tuple(events)
        self._current = -1
        self._relayout()
        self.verticalScrollBar().setValue(0)

    def set_zoom(self, level: int, anchor_y: int | None = None) -> None:
        """Zoom to *level* (0 = months, compact … 3 = weeks); the event under *anchor_y*
        (viewport pixels) stays where it is."""
        level = max(0, min(len(ZOOMS) - 1, level))
        if level == self._zoom:
            return
        anchor = self._event_at(anchor_y) if anchor_y is not None else -1
        self._zoom = level
        self._relayout()
        if anchor >= 0 and anchor_y is not None:
            top = next(r.top for r in self._rows if r.kind == EVENT and r.event == anchor)
            self.verticalScrollBar().setValue(top - anchor_y)
        self.sig_zoom_changed.emit(level)

    def _relayout(self) -> None:
        self._rows = layout(self._events, ZOOMS[self._zoom])
        self._tops = [r.top for r in self._rows]
        total = self._rows[-1].top + self._rows[-1].height if self._rows else 0
        bar = self.verticalScrollBar()
        bar.setRange(0, max(0, total - self.viewport().height()))
        bar.setPageStep(self.viewport().height())
        bar.setSingleStep(LINE_H * 2)
        self.viewport().update()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._relayout()

    # --- painting -------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self.viewport())
        try:
            self.paint_rows(painter, self.viewport().width(), self.viewport().height())
        finally:
            painter.end()

    def paint_rows(self, painter: QPainter, width: int, height: int) -> None:
        """Draws the rows in sight (also used by the bench onto an image)."""
        painter.fillRect(0, 0, width, height, _c("base"))
        offset = self.verticalScrollBar().value()
        painter.setPen(QPen(_c("axis"), 2))
        painter.drawLine(AXIS_X, 0, AXIS_X, height)
        metrics = QFontMetrics(self.font())
        for k in rows_between(self._rows, self._tops, offset, offset + height):
            row = self._rows[k]
            top = row.top - offset
            if row.kind == EVENT:
                self._paint_event(painter, metrics, row, top, width)
            elif row.kind == GAP:
                self._paint_gap(painter, row, top, width)
            else:
                painter.fillRect(0, top + 2, width, row.height - 4, _c("header_bg"))
                painter.setFont(self._bold)
                painter.setPen(_c("text"))
                painter.drawText(QRect(8, top, width - 16, row.height),
                                 Qt.AlignmentFlag.AlignVCenter, row.text)  # fmt: skip

    def _paint_gap(self, painter: QPainter, row: Row, top: int, width: int) -> None:
        pen = QPen(_c("mention"), 2, Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.drawLine(AXIS_X, top, AXIS_X, top + row.height)
        painter.fillRect(AXIS_X - 1, top, 3, row.height, _c("base"))
        painter.drawLine(AXIS_X, top, AXIS_X, top + row.height)
        painter.setFont(self._small)
        painter.setPen(_c("muted"))
        painter.drawText(QRect(AXIS_X + 14, top, width - AXIS_X - 20, row.height),
                         Qt.AlignmentFlag.AlignVCenter, f"⋯ {row.text}")  # fmt: skip

    def _paint_event(
        self, painter: QPainter, metrics: QFontMetrics, row: Row, top: int, width: int
    ) -> None:
        event = self._events[row.event]
        if row.event == self._current:
            painter.fillRect(0, top, width, row.height, _c("selected_bg"))
        painter.setFont(self._small)
        painter.setPen(_c("muted"))
        painter.drawText(QRect(4, top + 4, AXIS_X - 14, LINE_H),
                         Qt.AlignmentFlag.AlignRight, short_day(event.date))  # fmt: skip
        t = theme.current()
        colour = QColor(t.timeline_marks.get(MARK_KEYS.get(event.kind, ""), t.muted))
        painter.setPen(QPen(colour, 1))
        painter.setBrush(colour if event.kind != STATEMENT else _c("base"))
        painter.drawEllipse(AXIS_X - 5, top + 7, 10, 10)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        main, muted = event_words(event)
        left = AXIS_X + 14
        text_w = max(40, width - left - 8)
        main_lines = max(1, row.lines - 1)
        font = self._bold if event.kind == ARTICLE_EVENT else self.font()
        painter.setFont(font)
        painter.setPen(_c("text"))
        if event.kind == ARTICLE_EVENT:
            metrics = QFontMetrics(font)  # elide at the width of the bold face
        if main_lines == 1:
            painter.drawText(left, top + 4 + metrics.ascent(),
                             metrics.elidedText(main, Qt.TextElideMode.ElideRight, text_w))  # fmt: skip
        else:
            box = QRect(left, top + 3, text_w, metrics.lineSpacing() * main_lines + 1)
            painter.save()
            painter.setClipRect(box)  # a long sentence shows its first lines, never overlaps
            painter.drawText(box, Qt.TextFlag.TextWordWrap, main)
            painter.restore()
        if row.lines > 1:
            painter.setFont(self._small)
            painter.setPen(_c("muted"))
            y = top + 4 + LINE_H * main_lines
            painter.drawText(QRect(left, y, text_w, LINE_H), Qt.AlignmentFlag.AlignLeft,
                             metrics.elidedText(muted, Qt.TextElideMode.ElideRight, text_w))  # fmt: skip

    # --- input ----------------------------------------------------------------------------
    def _event_at(self, y: int | None) -> int:
        if y is None:
            return -1
        row = row_at(self._rows, self._tops, y + self.verticalScrollBar().value())
        return row.event if row is not None and row.kind == EVENT else -1

    def event_row(self, index: int) -> Row | None:
        return next((r for r in self._rows if r.kind == EVENT and r.event == index), None)

    def activate(self, index: int) -> None:
        """Select event *index* and say so (a click, or a test)."""
        if 0 <= index < len(self._events):
            self._current = index
            self.viewport().update()
            self.sig_event_activated.emit(self._events[index])

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            index = self._event_at(int(event.position().y()))
            if index >= 0:
                self.activate(index)
                return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        index = self._event_at(int(event.position().y()))
        shape = Qt.CursorShape.PointingHandCursor if index >= 0 else Qt.CursorShape.ArrowCursor
        self.viewport().setCursor(shape)
        super().mouseMoveEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        over_dates = event.position().x() < AXIS_X + 8
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier or over_dates:
            step = 1 if event.angleDelta().y() > 0 else -1
            self.set_zoom(self._zoom + step, int(event.position().y()))
            event.accept()
            return
        super().wheelEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.set_zoom(self._zoom + 1)
        elif event.key() == Qt.Key.Key_Minus:
            self.set_zoom(self._zoom - 1)
        else:
            super().keyPressEvent(event)


__all__ = ["TimelineView", "event_words", "short_day"]
