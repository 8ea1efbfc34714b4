"""The search results list: a thin model over one ``SearchResult`` and a two-line delegate.

Article text is untrusted input, so every piece of it is escaped before it meets markup; only
the highlight tags we add ourselves are markup. Results drag out as item ids
("application/x-casefile-items", a JSON list), which case panels accept.
"""

from __future__ import annotations

import html
import json
from collections.abc import Sequence

from PySide6.QtCore import (
    QAbstractListModel,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
)
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QFontMetrics,
    QIcon,
    QPainter,
    QPalette,
    QTextDocument,
)
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from desktop.services.search import CASE, SearchHit, SearchResult
from desktop.ui.icons import icon
from desktop.ui.theme import LIGHT

MIME_ITEMS = "application/x-casefile-items"
# Same values as desktop.ui.models.roles, so views can ask any model for ids the same way.
ItemIdRole = Qt.ItemDataRole.UserRole + 1  # int item id, or -1 for a case summary hit
KindRole = Qt.ItemDataRole.UserRole + 2  # str: article | person | ... | note | case
HitRole = Qt.ItemDataRole.UserRole + 20  # the SearchHit itself (a frozen dataclass)
SnippetHtmlRole = Qt.ItemDataRole.UserRole + 21  # escaped snippet with highlight markup
CaseIdRole = Qt.ItemDataRole.UserRole + 22  # int case id for notes and case hits, else -1
#: a search hit: dark text on yellow, legible in the light and the dark theme
HIGHLIGHT = (
    f'<span style="background-color:{LIGHT.mark_bg}; color:{LIGHT.mark_text}; font-weight:600">'
)
KIND_TEXT = {"note": "Note", "case": "Case file"}

_Index = QModelIndex | QPersistentModelIndex


def snippet_html(snippet: str, highlights: Sequence[tuple[int, int]]) -> str:
    """Escape everything, then mark the matched spans: the only markup is ours."""
    out: list[str] = []
    pos = 0
    for start, end in highlights:
        if start < pos or end <= start or end > len(snippet):
            continue  # never trust spans to be sane either
        out.append(html.escape(snippet[pos:start]))
        out.append(HIGHLIGHT + html.escape(snippet[start:end]) + "</span>")
        pos = end
    out.append(html.escape(snippet[pos:]))
    return "".join(out)


def kind_icon(kind: str) -> QIcon:
    return icon("case" if kind == CASE else "pin" if kind == "note" else kind)


class SearchResultsModel(QAbstractListModel):
    """Rows of one SearchResult; replaced whole on every new search."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._hits: tuple[SearchHit, ...] = ()
        self._icons: dict[str, QIcon] = {}

    def set_result(self, result: SearchResult | None) -> None:
        self.beginResetModel()
        self._hits = result.hits if result is not None else ()
        self.endResetModel()

    def hit(self, row: int) -> SearchHit | None:
        return self._hits[row] if 0 <= row < len(self._hits) else None

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._hits)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._hits):
            return None
        hit = self._hits[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return hit.title
        if role == Qt.ItemDataRole.ToolTipRole:  # forced rich text, all of it escaped
            when = f" · {hit.published.isoformat()}" if hit.published else ""
            kind = KIND_TEXT.get(hit.kind, hit.kind.capitalize())
            return (
                f"<b>{html.escape(hit.title)}</b><br><i>{html.escape(kind + when)}</i>"
                f"<br>{snippet_html(hit.snippet, hit.highlights)}"
            )
        if role == Qt.ItemDataRole.DecorationRole:
            if hit.kind not in self._icons:
                self._icons[hit.kind] = kind_icon(hit.kind)
            return self._icons[hit.kind]
        if role == ItemIdRole:
            return hit.item_id if hit.item_id is not None else -1
        if role == KindRole:
            return hit.kind
        if role == CaseIdRole:
            return hit.case_id if hit.case_id is not None else -1
        if role == SnippetHtmlRole:
            return snippet_html(hit.snippet, hit.highlights)
        if role == HitRole:
            return hit
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        hit = self.hit(index.row())
        if hit is not None and hit.item_id is not None:
            flags |= Qt.ItemFlag.ItemIsDragEnabled
        return flags

    def mimeTypes(self) -> list[str]:
        return [MIME_ITEMS]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        ids: list[int] = []
        for index in sorted(indexes, key=lambda i: i.row()):
            hit = self.hit(index.row())
            if hit is not None and hit.item_id is not None and hit.item_id not in ids:
                ids.append(hit.item_id)
        mime = QMimeData()
        mime.setData(MIME_ITEMS, json.dumps(ids).encode("utf-8"))
        return mime

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction


class SnippetDelegate(QStyledItemDelegate):
    """The title (plain text, wrapped onto a second line rather than cut) and the highlighted
    snippet below (escaped HTML: the only markup is ours)."""

    TITLE_LINES = 2
    SNIPPET_LINES = 2

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        lines = self.TITLE_LINES + self.SNIPPET_LINES
        height = option.fontMetrics.lineSpacing() * lines + 12
        return QSize(max(option.rect.width(), 200), height)

    def title_shown(self, option: QStyleOptionViewItem, title: str, width: int) -> str:
        """The title as drawn in ``width`` px: whole when it fits on two lines."""
        font = QFont(option.font)
        font.setBold(True)
        metrics = QFontMetrics(font)
        flags = int(Qt.TextFlag.TextWordWrap)
        needed = metrics.boundingRect(QRect(0, 0, width, 10_000), flags, title).height()
        if needed <= metrics.lineSpacing() * self.TITLE_LINES:
            return title
        return metrics.elidedText(title, Qt.TextElideMode.ElideRight, width * self.TITLE_LINES - 40)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        style = opt.widget.style() if opt.widget else None
        title = opt.text
        opt.text = ""
        if style is not None:  # background, selection and icon, no text
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        line = opt.fontMetrics.lineSpacing()
        left = opt.rect.left() + opt.decorationSize.width() + 10
        width = opt.rect.right() - left - 4
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        group = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.save()
        font = QFont(opt.font)
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(opt.palette.color(group))
        title_rect = QRect(left, opt.rect.top() + 4, width, line * self.TITLE_LINES)
        hit = index.data(HitRole)
        when = hit.published.isoformat() if isinstance(hit, SearchHit) and hit.published else ""
        when_width = opt.fontMetrics.horizontalAdvance(when) + 8 if when else 0
        if (
            when
        ):  # the date, right-aligned and quiet on the first line: results can be ordered by it
            painter.save()
            painter.setFont(option.font)
            painter.setPen(opt.palette.color(group) if selected else QColor("#6b7380"))
            painter.drawText(
                QRect(left, opt.rect.top() + 4, width, line),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                when,
            )
            painter.restore()
        title_rect.setWidth(max(0, width - when_width))
        drawn = painter.drawText(
            title_rect,
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            | int(Qt.TextFlag.TextWordWrap),
            self.title_shown(opt, title, max(0, width - when_width)),
        )  # drawText with a plain string: never markup
        title_height = min(max(drawn.height(), line), line * self.TITLE_LINES)
        doc = QTextDocument()
        doc.setDefaultFont(QFont(option.font))
        doc.setDocumentMargin(0)
        doc.setTextWidth(width)
        doc.setHtml(str(index.data(SnippetHtmlRole) or ""))
        painter.translate(left, opt.rect.top() + 6 + title_height)
        layout = doc.firstBlock().layout()  # the snippet is one paragraph
        shown = min(layout.lineCount(), self.SNIPPET_LINES) if layout is not None else 0
        bottom = layout.lineAt(shown - 1).rect().bottom() if shown else line * self.SNIPPET_LINES
        painter.setClipRect(QRect(0, 0, width, int(bottom)))  # whole lines, no slivers
        ctx = QAbstractTextDocumentLayout.PaintContext()
        ctx.palette.setColor(QPalette.ColorRole.Text, opt.palette.color(group))
        doc.documentLayout().draw(painter, ctx)
        painter.restore()
