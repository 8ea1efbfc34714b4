"""From/To date fields for a list: type 2023, 2023-01 or 2023-01-27; clear with the button
(or empty the field). A month or a year stands for its first day in From and its last in To.

Used by the articles list, the search panel and a case's items; the lists ask the services
for what is in the range (``desktop.services.date_filter``), never filter rows themselves.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QToolButton, QWidget

from desktop.ui.icons import icon

#: typing waits this long before the list follows (each keystroke is not a query)
DATE_DELAY_MS = 250
INVALID_STYLE = "QLineEdit { border: 1px solid #c53030; }"


class DateRangeBar(QWidget):
    """Two date fields and a clear button; ``sig_changed(date_from, date_to)`` when the range
    they say changes (a field that is not a date yet counts as empty, and says so)."""

    sig_changed = Signal(object, object)  # date | None, date | None

    def __init__(self, what: str = "items", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("DateRangeBar")
        self._range: tuple[date | None, date | None] = (None, None)
        self.from_edit = self._edit("From", f"Only {what} dated on or after this day")
        self.to_edit = self._edit("To", f"Only {what} dated on or before this day")
        self.clear_button = QToolButton(self)
        self.clear_button.setObjectName("ClearDates")
        self.clear_button.setIcon(icon("clear-dates", "#6b7380"))
        self.clear_button.setText("Clear dates")
        self.clear_button.setToolTip("Clear the dates: show every date again")
        self.clear_button.setAccessibleName("Clear dates")
        self.clear_button.clicked.connect(self.clear)
        self.clear_button.setEnabled(False)
        self._timer = QTimer(self, singleShot=True, interval=DATE_DELAY_MS)
        self._timer.timeout.connect(self.apply)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.from_edit, 1)
        layout.addWidget(self.to_edit, 1)
        layout.addWidget(self.clear_button)
        layout.addStretch(0)  # fields at their widest stay together, on the left

    def _edit(self, label: str, tip: str) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setObjectName(f"Date{label}")
        edit.setPlaceholderText(f"{label}: any date")
        edit.setClearButtonEnabled(True)
        edit.setAccessibleName(f"{label} date")
        edit.setToolTip(f"{tip}. Write 2023, 2023-01 or 2023-01-27.")
        edit.setMaximumWidth(150)
        edit.setMinimumWidth(72)  # "2023-01-27" still reads in a narrow dock
        edit.textChanged.connect(lambda _t: self._timer.start())
        edit.returnPressed.connect(self.apply)
        edit.editingFinished.connect(self.apply)
        return edit

    def chain(self, before: QWidget, after: QWidget) -> None:
        """Tab goes ``before`` -> From -> To -> Clear dates -> ``after``."""
        order = (before, self.from_edit, self.to_edit, self.clear_button, after)
        for first, second in zip(order, order[1:], strict=False):
            QWidget.setTabOrder(first, second)

    # --- the range --------------------------------------------------------------------------
    @property
    def date_from(self) -> date | None:
        return self._range[0]

    @property
    def date_to(self) -> date | None:
        return self._range[1]

    @property
    def active(self) -> bool:
        return self._range != (None, None)

    def set_range(self, date_from: date | None, date_to: date | None) -> None:
        """Fill the fields and apply at once."""
        for edit, value in ((self.from_edit, date_from), (self.to_edit, date_to)):
            blocked = edit.blockSignals(True)
            edit.setText(value.isoformat() if value else "")
            edit.blockSignals(blocked)
        self.apply()

    def clear(self) -> None:
        self.set_range(None, None)

    def apply(self) -> None:
        """Read the fields now (the typing timer calls this); emit when the range changed."""
        self._timer.stop()
        found = (self._read(self.from_edit, last=False), self._read(self.to_edit, last=True))
        self.clear_button.setEnabled(bool(self.from_edit.text() or self.to_edit.text()))
        if found != self._range:
            self._range = found
            self.sig_changed.emit(*found)

    def _read(self, edit: QLineEdit, *, last: bool) -> date | None:
        text = edit.text().strip()
        value: date | None = None
        problem = ""
        if text:
            # loaded on first use: the page is part of the first paint, before SQLAlchemy
            from desktop.services.date_filter import parse_day

            try:
                value = parse_day(text, last=last)
            except ValueError:
                problem = f"“{text}” is not a date yet: write 2023, 2023-01 or 2023-01-27."
        edit.setStyleSheet(INVALID_STYLE if problem else "")
        edit.setProperty("problem", problem)
        return value
