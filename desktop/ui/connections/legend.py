"""The legend under the connections graph: what a strong, a faint, a dashed and a gold line
mean. Painted from the same pens the graph uses, so it cannot drift from the drawing."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from desktop.ui.connections import style

ENTRIES = (
    ("relation (works for, member of…)", ("confirmed", False, False, True)),
    ("mentions", ("confirmed", False, False, False)),
    ("suggested", ("suggested", False, False, True)),
    ("path", ("confirmed", True, False, False)),
)
SWATCH = 22
MOUSE_HINT = (
    "Click an item: its connections. Double-click: expand it here (the centre stays). "
    "Enter, or right-click › Open: open it. A double-ringed disc (“14 organizations”) is a "
    "group: click it to show its items one by one. Reset forgets expansions."
)


class LegendWidget(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Legend: " + "; ".join(text for text, _ in ENTRIES))
        self.setToolTip("Relations stated in the text are drawn strong and labelled; "
                        "co-mentions faint; suggested links dashed; a chosen path in gold.\n"
                        + MOUSE_HINT)  # fmt: skip

    def sizeHint(self) -> QSize:
        m = self.fontMetrics()
        width = sum(m.horizontalAdvance(t) + SWATCH + 18 for t, _ in ENTRIES)
        return QSize(width, m.height() + 6)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        m = self.fontMetrics()
        y = self.height() / 2
        x = 4.0
        for text, pen_key in ENTRIES:
            painter.setPen(style.edge_pen(*pen_key))
            painter.drawLine(QPointF(x, y), QPointF(x + SWATCH, y))
            x += SWATCH + 5
            painter.setPen(self.palette().color(self.foregroundRole()))
            width = m.horizontalAdvance(text)
            painter.drawText(
                int(x), 0, width + 2, self.height(), Qt.AlignmentFlag.AlignVCenter, text
            )
            x += width + 13
        painter.end()
