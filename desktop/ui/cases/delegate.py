"""Two-line rows for case items: icon, name and detail, then the note (or the kind); a pin on
the right of pinned items. Painted, not built from widgets, so long cases scroll smoothly."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QIcon, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from desktop.ui import theme
from desktop.ui.cases.model import DetailRole, NoteRole, PinnedRole
from desktop.ui.icons import KIND_LABELS, icon
from desktop.ui.models.roles import ItemIdRole, KindRole

ModelIndex = QModelIndex | QPersistentModelIndex

PIN = "#b7791f"


class TwoLineDelegate(QStyledItemDelegate):
    """Shared by the case list and the review list: subclasses say what the lines are."""

    PAD = 8
    ICON = 20

    def sizeHint(self, option: QStyleOptionViewItem, index: ModelIndex) -> QSize:
        fm = QFontMetrics(option.font)
        return QSize(200, fm.height() * 2 + 14)

    # What to draw -------------------------------------------------------------------------
    def first_line(self, index: ModelIndex) -> tuple[str, str]:
        """(name, detail) of the first line."""
        return str(index.data() or ""), ""

    def second_line(self, index: ModelIndex) -> tuple[str, bool]:
        """(text, italic) of the second line."""
        return "", False

    def badge(self, index: ModelIndex) -> QIcon | None:
        """A small icon on the right (pin, status)."""
        return None

    def badges(self, index: ModelIndex) -> list[QIcon]:
        """The icons on the right, rightmost first."""
        badge = self.badge(index)
        return [] if badge is None else [badge]

    def name_color(self, index: ModelIndex, option: QStyleOptionViewItem) -> QColor:
        return option.palette.color(QPalette.ColorRole.Text)

    def strike(self, index: ModelIndex) -> bool:
        return False

    # Painting ------------------------------------------------------------------------------
    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        opt.icon = QIcon()
        style = opt.widget.style() if opt.widget else None
        painter.save()
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        rect = option.rect.adjusted(self.PAD, 5, -self.PAD, -5)
        fm = QFontMetrics(option.font)
        line_h = fm.height()
        deco = index.data(Qt.ItemDataRole.DecorationRole)
        if isinstance(deco, QIcon):
            deco.paint(painter, QRect(rect.left(), rect.top() + (line_h - 16) // 2 + 1, 18, 18))
        left = rect.left() + self.ICON + 8
        right = rect.right()
        for badge in self.badges(index):
            badge.paint(painter, QRect(right - 16, rect.top() + (line_h - 16) // 2, 16, 16))
            right -= 22
        name, detail = self.first_line(index)
        bold = QFont(option.font)
        bold.setWeight(QFont.Weight.DemiBold)
        bold.setStrikeOut(self.strike(index))
        bfm = QFontMetrics(bold)
        width = right - left
        name_text = bfm.elidedText(name, Qt.TextElideMode.ElideRight, width)
        painter.setFont(bold)
        painter.setPen(self.name_color(index, option))
        painter.drawText(QRect(left, rect.top(), width, line_h), Qt.AlignmentFlag.AlignVCenter,
                         name_text)  # fmt: skip
        used = bfm.horizontalAdvance(name_text) + 10
        if detail and used < width - 40:
            painter.setFont(option.font)
            painter.setPen(QColor(theme.current().muted))
            painter.drawText(
                QRect(left + used, rect.top(), width - used, line_h),
                Qt.AlignmentFlag.AlignVCenter,
                fm.elidedText(detail, Qt.TextElideMode.ElideRight, width - used),
            )
        text, italic = self.second_line(index)
        if text:
            font = QFont(option.font)
            font.setItalic(italic)
            painter.setFont(font)
            painter.setPen(QColor(theme.current().text if italic else theme.current().muted))
            flat = " ".join(text.split())
            painter.drawText(
                QRect(left, rect.top() + line_h + 3, rect.right() - left, line_h),
                Qt.AlignmentFlag.AlignVCenter,
                QFontMetrics(font).elidedText(
                    flat, Qt.TextElideMode.ElideRight, rect.right() - left
                ),
            )
        painter.restore()


class CaseItemDelegate(TwoLineDelegate):
    """A case's items; ``flagged`` (set by the watch-list features) says which items carry a
    watch-list flag, drawn with ``flag_icon`` left of the pin."""

    flagged: Callable[[int], bool] | None = None
    flag_icon: QIcon | None = None

    def first_line(self, index: ModelIndex) -> tuple[str, str]:
        return str(index.data() or ""), str(index.data(DetailRole) or "")

    def second_line(self, index: ModelIndex) -> tuple[str, bool]:
        note = str(index.data(NoteRole) or "")
        if note.strip():
            return note, True
        return KIND_LABELS.get(str(index.data(KindRole)), ""), False

    def badge(self, index: ModelIndex) -> QIcon | None:
        return icon("pin", PIN) if index.data(PinnedRole) else None

    def badges(self, index: ModelIndex) -> list[QIcon]:
        out = super().badges(index)
        item_id = index.data(ItemIdRole)
        if self.flag_icon is not None and self.flagged is not None and self.flagged(item_id):
            out.append(self.flag_icon)
        return out
