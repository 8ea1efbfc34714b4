"""Printing: the sections dialog, Print / Preview / Save as PDF, page breaks, the diagram."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtGui import QColor, QImage
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QDialog

from desktop.services import cases
from desktop.services.report import SECTIONS, build_report
from desktop.store.db import Library
from desktop.ui import printing
from tests.services.test_report import Builder, make_case


@pytest.fixture
def us_locale():
    previous = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    yield
    QLocale.setDefault(previous)


def test_page_size_follows_the_locale(qapp, us_locale) -> None:
    assert printing.default_page_size() == "Letter"
    QLocale.setDefault(QLocale(QLocale.Language.German, QLocale.Country.Germany))
    assert printing.default_page_size() == "A4"


def test_sections_dialog_returns_the_chosen_sections_and_paper(qtbot, us_locale) -> None:
    dialog = printing.PrintSectionsDialog()
    qtbot.addWidget(dialog)
    assert dialog.page_size_combo.currentText() == "Letter"
    dialog.findChild(type(dialog._boxes["people"]), "section:evidence").setChecked(False)
    dialog.page_size_combo.setCurrentText("A4")
    options = dialog.options()
    assert "evidence" not in options.sections and "people" in options.sections
    assert options.page_size == "A4"
    assert set(dialog._boxes) == set(SECTIONS)


def test_save_as_pdf_from_the_window(qtbot, library: Library, tmp_path: Path) -> None:
    ids = make_case(library)
    printer = printing.CasePrinter(library)
    out = tmp_path / "case.pdf"
    with qtbot.waitSignal(printer.sig_done, timeout=20_000) as blocker:
        printer.save_pdf(ids["case"], str(out))
    assert "Saved" in blocker.args[0]
    assert out.read_bytes().startswith(b"%PDF")


class _FakePrintDialog:
    """Stands in for the native print dialog: the user picks "print to file" and OK."""

    def __init__(self, printer: QPrinter, _parent: object = None) -> None:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(_FakePrintDialog.target))

    target: Path

    def setOption(self, *_args: object) -> None:
        pass

    def exec(self) -> QDialog.DialogCode:
        return QDialog.DialogCode.Accepted


def test_print_goes_through_the_sections_and_print_dialogs(
    qtbot, library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = make_case(library)
    _FakePrintDialog.target = tmp_path / "printed.pdf"
    monkeypatch.setattr(printing, "QPrintDialog", _FakePrintDialog)
    monkeypatch.setattr(
        printing.PrintSectionsDialog, "exec", lambda self: QDialog.DialogCode.Accepted
    )
    printer = printing.CasePrinter(library)
    with qtbot.waitSignal(printer.sig_done, timeout=20_000) as blocker:
        printer.print_case(ids["case"])
    assert "Printed “ROK coordination”" in blocker.args[0]
    assert _FakePrintDialog.target.read_bytes().startswith(b"%PDF")


def test_cancelling_the_sections_dialog_prints_nothing(
    qtbot, library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = make_case(library)
    monkeypatch.setattr(
        printing.PrintSectionsDialog, "exec", lambda self: QDialog.DialogCode.Rejected
    )
    printer = printing.CasePrinter(library)
    with qtbot.assertNotEmitted(printer.sig_done, wait=100):
        printer.print_case(ids["case"])


def test_preview_paints_pages(
    qtbot, library: Library, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    ids = make_case(library)
    painted: list[int] = []

    class FakePreview:
        def __init__(self, printer: QPrinter, _parent: object = None) -> None:
            from PySide6.QtCore import QObject, Signal

            class Source(QObject):
                paintRequested = Signal(object)

            self._source = Source()
            self.paintRequested = self._source.paintRequested
            self._printer = printer

        def findChild(self, *_args: object) -> None:
            return None

        def findChildren(self, *_args: object) -> list[object]:
            return []

        def exec(self) -> int:
            self._printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            self._printer.setOutputFileName(str(tmp_path / "preview.pdf"))
            self.paintRequested.emit(self._printer)
            painted.append(1)
            return 0

    monkeypatch.setattr(printing, "QPrintPreviewDialog", FakePreview)
    monkeypatch.setattr(
        printing.PrintSectionsDialog, "exec", lambda self: QDialog.DialogCode.Accepted
    )
    printing.CasePrinter(library).preview(ids["case"])
    qtbot.waitUntil(lambda: bool(painted), timeout=20_000)
    assert (tmp_path / "preview.pdf").read_bytes().startswith(b"%PDF")


def test_print_actions_need_an_open_case(qtbot, library: Library) -> None:
    handlers: dict[str, object] = {}

    class Registry:
        def set_handler(self, action_id: str, handler: object) -> None:
            handlers[action_id] = handler

    printer = printing.CasePrinter(library)
    printing.install_print_actions(Registry(), printer, lambda: None)
    assert set(handlers) == {
        "file.print",
        "file.print_preview",
        "file.save_pdf",
        "file.export_case",
    }
    with qtbot.waitSignal(printer.sig_failed) as blocker:
        handlers["file.print"]()  # type: ignore[operator]
    assert "Open a case file first" in blocker.args[0]


def _big_case(library: Library) -> int:
    """Enough entries of uneven length that headings fall near page ends somewhere."""
    b = Builder(library)
    ids = [
        b.entity(
            "person",
            f"Official number {n}",
            role="Deputy director",
            affiliation="Ministry of Trade",
        )
        for n in range(45)
    ]
    case_id = cases.create_case(library=library, title="Long case").value
    cases.add_items(library=library, case_id=case_id, item_ids=ids)
    for n, item_id in enumerate(ids):
        note = " ".join(["The official said coordination matters."] * (1 + (n * 7) % 9))
        cases.set_item_note(library=library, case_id=case_id, item_id=item_id, note=note)
    return case_id


def test_headings_are_never_left_alone_at_the_bottom_of_a_page(qapp, library: Library) -> None:
    case_id = _big_case(library)
    report = build_report(library=library, case_id=case_id)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printing.setup_printer(printer, "A4")
    doc = printing.build_document(report, printer)
    height = doc.pageSize().height()
    layout = doc.documentLayout()
    assert doc.pageCount() >= 3
    block, checked, breaks = doc.begin(), 0, 0
    while block.isValid():
        nxt = block.next()
        if printing._is_heading(block) and nxt.isValid():
            breaks += (
                block.blockFormat().pageBreakPolicy()
                != printing.QTextFormat.PageBreakFlag.PageBreak_Auto
            )
            head = layout.blockBoundingRect(block)
            line = nxt.layout().lineAt(0).rect().translated(layout.blockBoundingRect(nxt).topLeft())
            assert int(head.top() // height) == int(line.bottom() // height), block.text()
            checked += 1
        block = nxt
    assert checked > 45 and breaks >= 1
    last = layout.blockBoundingRect(doc.lastBlock())
    assert last.bottom() <= doc.pageCount() * height  # nothing was cut off the end


def test_the_connection_diagram_is_drawn_at_page_width(
    qapp, library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = make_case(library)

    def fake_render(_library: object, _case_id: int, size: object) -> QImage:
        image = QImage(800, 500, QImage.Format.Format_ARGB32)
        image.fill(QColor("white"))
        for x in range(100, 700):
            image.setPixelColor(x, 250, QColor("#3366aa"))
        return image

    monkeypatch.setattr(printing, "_diagram_renderer", lambda: fake_render)
    out = tmp_path / "diagram.pdf"
    printing.render_case_pdf(library=library, case_id=ids["case"], path=out, page_size="A4")
    assert b"/Subtype /Image" in out.read_bytes()
    monkeypatch.setattr(printing, "_diagram_renderer", lambda: lambda *_: QImage())  # no diagram
    printing.render_case_pdf(library=library, case_id=ids["case"], path=out, page_size="A4")
    assert b"/Subtype /Image" not in out.read_bytes()


def test_save_as_pdf_proposes_the_case_title_in_documents_then_the_last_folder(
    qtbot, library: Library, tmp_path: Path, monkeypatch
) -> None:  # noqa: ANN001
    from PySide6.QtCore import QStandardPaths

    from desktop.services import cases

    ids = make_case(library)
    cases.update_case(library=library, case_id=ids["case"], title="ROK/U.S. talks: phase 2")
    printer = printing.CasePrinter(library)
    monkeypatch.setattr(printer, "_choose", lambda _title: True)
    proposed: list[str] = []
    answers = iter([str(tmp_path / "out" / "first.pdf"), ""])

    def fake_save(_parent, _caption, directory, _filter, *, library=None):  # noqa: ANN001, ANN202
        proposed.append(directory)
        return next(answers), "PDF (*.pdf)"

    monkeypatch.setattr(printing.file_dialogs, "save_file_name", fake_save)
    (tmp_path / "out").mkdir()
    with qtbot.waitSignal(printer.sig_done, timeout=20_000):
        printer.save_pdf(ids["case"])
    printer.save_pdf(ids["case"])  # cancelled: nothing written
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    assert proposed[0] == str(Path(documents or Path.home()) / "ROK U.S. talks phase 2.pdf")
    assert proposed[1] == str(tmp_path / "out" / "ROK U.S. talks phase 2.pdf")
    assert (tmp_path / "out" / "first.pdf").read_bytes().startswith(b"%PDF")
