"""Printing a case summary: File > Print, Print Preview, Save as PDF, and the headless CLI path.

The summary is the escaped HTML from ``desktop.services.export`` laid out by a QTextDocument;
we paint it page by page ourselves so every page gets a running header (the case title) and a
page number, and so headings are never left alone at the bottom of a page (QTextDocument knows
page-break-before but not keep-with-next, so ``keep_headings_with_text`` moves them).
Fonts are real TrueType families (DejaVu), which Qt embeds as subsets in the PDF.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QLocale,
    QMarginsF,
    QObject,
    QPointF,
    QRectF,
    QSettings,
    QSizeF,
    QStandardPaths,
    Qt,
    QUrl,
    Signal,
)
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QAction,
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPen,
    QTextBlock,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)
from PySide6.QtPrintSupport import (
    QAbstractPrintDialog,
    QPrintDialog,
    QPrinter,
    QPrintPreviewDialog,
    QPrintPreviewWidget,
)
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from desktop.services import export
from desktop.services.report import SECTIONS, CaseReport, build_report
from desktop.services.views import read
from desktop.store.db import Library
from desktop.store.safe_output import UnsafeOutput, atomic_output
from desktop.ui import file_dialogs
from desktop.ui.actions import restore_focus
from desktop.ui.plain import ask

if TYPE_CHECKING:
    from desktop.ui.actions import ActionRegistry

PAGE_SIZES = {"A4": QPageSize.PageSizeId.A4, "Letter": QPageSize.PageSizeId.Letter}
MARGINS_MM = QMarginsF(22, 24, 22, 20)  # left, top (room for the header), right, bottom
#: where Save as PDF last wrote (QSettings key): the next PDF is proposed there
PDF_FOLDER_KEY = "print/last_pdf_folder"
BODY_FONT, HEAD_FONT = "DejaVu Serif", "DejaVu Sans"
KEEP_WHOLE = 0.25  # a heading's section shorter than this share of a page is kept in one piece
CSS_DPI = 96.0  # QTextDocument scales image widths given in CSS px by device dpi / 96


def default_page_size() -> str:
    """Letter where the locale measures in US units, A4 everywhere else."""
    system = QLocale().measurementSystem()
    return "Letter" if system == QLocale.MeasurementSystem.ImperialUSSystem else "A4"


def _diagram_renderer() -> Callable[..., QImage | None]:
    """Imported when a print needs it: the graph stack (numpy, networkx) is not start-up work."""
    from desktop.ui.connections.render import render_case_diagram

    return render_case_diagram


@dataclass(frozen=True, slots=True)
class PrintOptions:
    sections: tuple[str, ...] = tuple(SECTIONS)
    page_size: str = "A4"


# --- layout and painting --------------------------------------------------------------------


def setup_printer(printer: QPrinter, page_size: str) -> None:
    if page_size not in PAGE_SIZES:
        raise ValueError(f"Page size must be one of: {', '.join(PAGE_SIZES)}.")
    printer.setPageLayout(
        QPageLayout(
            QPageSize(PAGE_SIZES[page_size]),
            QPageLayout.Orientation.Portrait,
            MARGINS_MM,
            QPageLayout.Unit.Millimeter,
        )
    )
    printer.setFullPage(True)  # we place the body and paint the margins (header, footer)


def _body_rect(printer: QPrinter) -> QRectF:
    """The text area in device pixels (full-page mode: the margins are ours to keep)."""
    full = QRectF(printer.pageLayout().fullRectPixels(printer.resolution()))
    mm = printer.resolution() / 25.4
    m = MARGINS_MM
    return full.adjusted(m.left() * mm, m.top() * mm, -m.right() * mm, -m.bottom() * mm)


def build_document(
    report: CaseReport,
    printer: QPrinter,
    *,
    sections: Iterable[str] | None = None,
    library: Library | None = None,
) -> QTextDocument:
    """The laid-out summary for this printer's page: fonts, diagram and page breaks in place."""
    body = _body_rect(printer)
    scale = printer.resolution() / CSS_DPI
    chosen = export.chosen_sections(sections)
    doc = QTextDocument()
    doc.documentLayout().setPaintDevice(printer)
    doc.setDefaultFont(QFont(BODY_FONT, 10))
    doc.setDocumentMargin(0)
    image = None
    if "diagram" in chosen and library is not None:
        image = _diagram_image(library, report.case_id, body)
        if image is not None:
            doc.addResource(
                QTextDocument.ResourceType.ImageResource, QUrl(export.DIAGRAM_URL), image
            )
    width = int(body.width() / scale) if image is not None else None
    doc.setHtml(
        export.to_html(
            report, sections=chosen, for_print=True, diagram=image is not None, diagram_width=width
        )
    )
    doc.setPageSize(QSizeF(body.width(), body.height()))
    keep_headings_with_text(doc, body.height())
    return doc


def _diagram_image(library: Library, case_id: int, body: QRectF) -> QImage | None:
    render = _diagram_renderer()
    from PySide6.QtCore import QSize

    width = 1400
    height = int(width * min(0.75, body.height() * 0.55 / body.width()))
    try:
        image = render(library, case_id, QSize(width, height))
    except Exception:  # noqa: BLE001 - a diagram problem never stops the print
        return None
    if image is None or image.isNull():
        return None
    return _trim(image)


def _trim(image: QImage, pad: int = 24) -> QImage:
    """Crop the blank border (transparent, or the corner's background colour), keeping a little
    padding, so the diagram on the page is as large as the drawing in it."""
    import numpy as np

    argb = image.convertToFormat(QImage.Format.Format_ARGB32)
    stride = argb.bytesPerLine() // 4
    count = stride * argb.height()
    pixels = np.frombuffer(argb.constBits(), dtype=np.uint32, count=count)
    grid = pixels.reshape(argb.height(), stride)[:, : argb.width()]
    ink = (grid != grid[0, 0]) & ((grid >> 24) > 0)
    rows, cols = np.flatnonzero(ink.any(axis=1)), np.flatnonzero(ink.any(axis=0))
    if not len(rows) or not len(cols):
        return image
    left, top = max(0, int(cols[0]) - pad), max(0, int(rows[0]) - pad)
    right = min(argb.width() - 1, int(cols[-1]) + pad)
    bottom = min(argb.height() - 1, int(rows[-1]) + pad)
    return argb.copy(left, top, right - left + 1, bottom - top + 1)


def _is_heading(block: QTextBlock) -> bool:
    return block.blockFormat().headingLevel() > 0


def keep_headings_with_text(doc: QTextDocument, page_height: float) -> int:
    """Push a heading to the next page when what follows it would not start on its page.

    A heading, any headings right after it, and the text up to the next heading form a group;
    short groups (under KEEP_WHOLE of a page) move whole, long ones keep at least the heading
    and the first lines of their text together. Returns how many breaks were added.
    """
    layout = doc.documentLayout()
    added = 0
    block = doc.begin()
    while block.isValid():
        if (
            not _is_heading(block)
            or block.blockFormat().pageBreakPolicy() != QTextFormat.PageBreakFlag.PageBreak_Auto
        ):
            block = block.next()
            continue
        top = layout.blockBoundingRect(block).top()
        page = int(top // page_height)
        offset = top - page * page_height
        last = block
        while last.next().isValid() and _is_heading(last.next()):
            last = last.next()
        first_text = last.next()
        group_end = first_text
        while (
            group_end.isValid() and group_end.next().isValid() and not _is_heading(group_end.next())
        ):
            group_end = group_end.next()
        if first_text.isValid():
            whole = layout.blockBoundingRect(group_end).bottom()
            rect = layout.blockBoundingRect(first_text)
            lines = first_text.layout()
            n = lines.lineCount() if lines is not None else 0
            lead = rect.top() + (
                lines.lineAt(min(n, 3) - 1).rect().bottom() if n else rect.height()
            )
            bottom = whole if whole - top <= KEEP_WHOLE * page_height else min(lead, rect.bottom())
        else:
            bottom = layout.blockBoundingRect(last).bottom()
        if offset > 1 and bottom - page * page_height > page_height and bottom - top < page_height:
            fmt = block.blockFormat()
            fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
            QTextCursor(block).setBlockFormat(fmt)
            # the incremental layout stops short after an edit mid-document: redo it all
            doc.markContentsDirty(block.position(), doc.characterCount() - block.position())
            added += 1
        block = last.next()
    return added


def paint_document(printer: QPrinter, doc: QTextDocument, title: str, printed: str) -> int:
    """Paint every page with its header and footer; returns the number of pages."""
    body = _body_rect(printer)
    full = QRectF(printer.pageLayout().fullRectPixels(printer.resolution()))
    pages = doc.pageCount()
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError("Could not start printing (is the output file writable?).")
    try:
        for page in range(pages):
            if page:
                printer.newPage()
            painter.save()
            painter.translate(body.left(), body.top() - page * body.height())
            context = QAbstractTextDocumentLayout.PaintContext()
            context.clip = QRectF(0, page * body.height(), body.width(), body.height())
            painter.setClipRect(context.clip)
            doc.documentLayout().draw(painter, context)
            painter.restore()
            _paint_margins(painter, full, body, page, pages, title, printed)
    finally:
        painter.end()
    return pages


def _paint_margins(
    painter: QPainter, full: QRectF, body: QRectF, page: int, pages: int, title: str, printed: str
) -> None:
    font = QFont(HEAD_FONT, 7)
    painter.setFont(font)
    metrics = QFontMetricsF(font, painter.device())
    grey = QColor("#6b6b70")
    painter.setPen(grey)
    gap = metrics.height() * 1.2
    if page:  # the first page carries the title itself
        base = body.top() - gap
        right = f"Case summary · {printed}"
        room = body.width() - metrics.horizontalAdvance(right) - metrics.averageCharWidth() * 4
        head = metrics.elidedText(title, Qt.TextElideMode.ElideRight, room)
        painter.drawText(QPointF(body.left(), base), head)
        painter.drawText(QPointF(body.right() - metrics.horizontalAdvance(right), base), right)
        painter.setPen(QPen(QColor("#c8ccd2"), max(1.0, metrics.height() / 40)))
        rule = base + metrics.descent() + metrics.height() * 0.3
        painter.drawLine(QPointF(body.left(), rule), QPointF(body.right(), rule))
        painter.setPen(grey)
    footer = f"Page {page + 1} of {pages}"
    base = body.bottom() + gap * 2
    painter.drawText(QPointF(body.right() - metrics.horizontalAdvance(footer), base), footer)
    del full


def render_case_pdf(
    *,
    library: Library,
    case_id: int,
    path: Path,
    sections: Iterable[str] | None = None,
    page_size: str | None = None,
    report: CaseReport | None = None,
) -> int:
    """Write the case summary as a PDF; returns its page count. Needs a QGuiApplication.

    Written atomically, never onto the library, a link or a device (UnsafeOutput says why).
    """
    report = report or build_report(library=library, case_id=case_id)
    with atomic_output(path, protected=library.protected_files) as tmp:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(tmp))
        printer.setDocName(report.title)
        printer.setCreator("Casefile")
        setup_printer(printer, page_size or default_page_size())
        doc = build_document(report, printer, sections=sections, library=library)
        printed = export.format_date(report.printed_at.date())
        pages = paint_document(printer, doc, report.title, printed)
        del printer
    return pages


# --- dialogs and the window's File menu -------------------------------------------------------


def print_dialog(printer: QPrinter, parent: QWidget | None) -> QPrintDialog:
    """Qt's print dialog without "print to file": that option browses with Qt's own file
    dialog, which reads the files it lists (see file_dialogs); Save as PDF writes files."""
    dialog = QPrintDialog(printer, parent)
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintToFile, False)
    return dialog


def print_without_file_option(preview: QPrintPreviewDialog, printer: QPrinter) -> None:
    """The preview's Print button opens ``print_dialog`` instead of Qt's default one."""
    widget = preview.findChild(QPrintPreviewWidget)
    for action in preview.findChildren(QAction):
        if action.text().replace("&", "") != "Print" or widget is None:
            continue
        action.triggered.disconnect()

        def run(_checked: bool = False) -> None:
            if print_dialog(printer, preview).exec() == QDialog.DialogCode.Accepted:
                widget.print_()
                preview.accept()

        action.triggered.connect(run)


class PrintSectionsDialog(QDialog):
    """Which sections to include, and the paper size."""

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        options: PrintOptions | None = None,
        title: str = "Print case summary",
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        options = options or PrintOptions(page_size=default_page_size())
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Include these sections:"))
        self._boxes: dict[str, QCheckBox] = {}
        for key, text in SECTIONS.items():
            box = QCheckBox(text, self)
            box.setObjectName(f"section:{key}")
            box.setChecked(key in options.sections)
            self._boxes[key] = box
            layout.addWidget(box)
        form = QFormLayout()
        self.page_size_combo = QComboBox(self)
        self.page_size_combo.addItems(list(PAGE_SIZES))
        self.page_size_combo.setCurrentText(options.page_size)
        form.addRow("Paper size:", self.page_size_combo)
        layout.addLayout(form)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def options(self) -> PrintOptions:
        chosen = tuple(k for k, box in self._boxes.items() if box.isChecked() and box.isEnabled())
        return PrintOptions(chosen, self.page_size_combo.currentText())


class CasePrinter(QObject):
    """The File menu's Print, Print preview, Save as PDF and Export for the current case.

    The summary is read on a worker thread (it queries the library); dialogs and painting
    happen on the GUI thread once it arrives.
    """

    sig_done = Signal(str)  # a message for the status bar
    sig_failed = Signal(str)

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._library = library
        self._parent = parent
        self.options = PrintOptions(page_size=default_page_size())

    def _choose(self, title: str) -> bool:
        dialog = PrintSectionsDialog(self._parent, options=self.options, title=title)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        self.options = dialog.options()
        return True

    def _with_report(self, case_id: int, then: Callable[[CaseReport], None]) -> None:
        from desktop.ui.workers import run_task

        library = self._library
        run_task(
            lambda _ctx: build_report(library=library, case_id=case_id),
            on_done=then,
            on_error=lambda exc: self.sig_failed.emit(f"Could not read the case: {exc}"),
        )

    def _focus(self) -> QWidget | None:
        """Where the keys go now: the window's focus widget even while it is not active."""
        window = self._parent.window() if self._parent is not None else None
        return QApplication.focusWidget() or (window.focusWidget() if window else None)

    def _printer(self) -> QPrinter:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        setup_printer(printer, self.options.page_size)
        return printer

    def _paint(self, printer: QPrinter, report: CaseReport) -> int:
        doc = build_document(report, printer, sections=self.options.sections, library=self._library)
        return paint_document(
            printer, doc, report.title, export.format_date(report.printed_at.date())
        )

    def print_case(self, case_id: int) -> None:
        if not self._choose("Print case summary"):
            return

        def go(report: CaseReport) -> None:
            printer = self._printer()
            printer.setDocName(report.title)
            before = self._focus()  # the report came later: the registry's restore ran
            accepted = print_dialog(printer, self._parent).exec()
            restore_focus(before)
            if accepted == QDialog.DialogCode.Accepted:
                pages = self._paint(printer, report)
                self.sig_done.emit(f"Printed “{report.title}” ({pages} pages).")

        self._with_report(case_id, go)

    def preview(self, case_id: int) -> None:
        if not self._choose("Print preview"):
            return

        def go(report: CaseReport) -> None:
            printer = self._printer()
            dialog = QPrintPreviewDialog(printer, self._parent)
            dialog.paintRequested.connect(lambda p: self._paint(p, report))
            print_without_file_option(dialog, printer)
            before = self._focus()
            dialog.exec()
            restore_focus(before)  # the keys go back where they were (no mouse needed)

        self._with_report(case_id, go)

    def save_pdf(self, case_id: int, path: str | None = None) -> None:
        if path is None:
            if not self._choose("Save as PDF"):
                return
            path, _ = file_dialogs.save_file_name(
                self._parent, "Save as PDF", self.proposed_pdf(case_id), "PDF (*.pdf)",
                library=self._library,
            )  # fmt: skip
            if not path:
                return
            QSettings().setValue(PDF_FOLDER_KEY, str(Path(path).parent))

        def go(report: CaseReport) -> None:
            try:
                pages = render_case_pdf(
                    library=self._library,
                    case_id=case_id,
                    path=Path(str(path)),
                    sections=self.options.sections,
                    page_size=self.options.page_size,
                    report=report,
                )
            except (OSError, UnsafeOutput) as exc:
                self.sig_failed.emit(f"Could not save the PDF: {exc}")
                return
            self.sig_done.emit(f"Saved {pages} pages to {path}.")

        self._with_report(case_id, go)

    def proposed_pdf(self, case_id: int) -> str:
        """ "<case title>.pdf" in the folder a PDF was last saved to, else Documents."""
        from desktop.services.cases import get_case

        title = read(self._library, get_case, case_id).title
        folder = str(QSettings().value(PDF_FOLDER_KEY, "") or "")
        if not folder or not Path(folder).is_dir():
            folder = QStandardPaths.writableLocation(
                QStandardPaths.StandardLocation.DocumentsLocation
            ) or str(Path.home())
        return str(Path(folder) / f"{pdf_file_name(title)}.pdf")

    def export_case(self, case_id: int) -> None:
        filters = {"HTML (*.html)": "html", "Markdown (*.md)": "md", "Case bundle (*.json)": "json"}
        path, chosen = file_dialogs.save_file_name(
            self._parent, "Export case", "", ";;".join(filters), library=self._library
        )
        if not path:
            return
        fmt = filters.get(chosen) or Path(path).suffix.lstrip(".").lower()
        try:
            export.export_case(
                library=self._library,
                case_id=case_id,
                fmt=fmt,
                path=Path(path),
                sections=self.options.sections,
            )
        except (OSError, ValueError) as exc:  # UnsafeOutput is a ValueError
            ask(self._parent, "Export case", f"Could not export the case: {exc}")
            return
        self.sig_done.emit(f"Exported the case to {path}.")


def pdf_file_name(title: str) -> str:
    """A case title as a file name any file system takes (no separators, no control or
    reserved characters, not too long)."""
    name = "".join(" " if ch in '<>:"/\\|?*' or ord(ch) < 32 else ch for ch in title)
    name = " ".join(name.split()).strip(". ")[:120].strip()
    return name or "Case"


def install_print_actions(
    registry: ActionRegistry, printer: CasePrinter, current_case: Callable[[], int | None]
) -> None:
    """Plug printing into the action registry (File > Print, Preview, Save as PDF, Export)."""

    def for_case(fn: Callable[[int], None]) -> Callable[[], None]:
        def run() -> None:
            case_id = current_case()
            if case_id is None:
                printer.sig_failed.emit("Open a case file first: printing works on a case.")
            else:
                fn(case_id)

        return run

    set_handler = registry.set_handler
    set_handler("file.print", for_case(printer.print_case))
    set_handler("file.print_preview", for_case(printer.preview))
    set_handler("file.save_pdf", for_case(printer.save_pdf))
    set_handler("file.export_case", for_case(printer.export_case))
