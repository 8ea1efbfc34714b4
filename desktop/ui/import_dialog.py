"""Import from the window: files, folders or a drop of both, on the write worker, with a
progress dialog (count, current file, Cancel) and a summary at the end.

Cancelling stops between files: every article already stored stays, whole (the import
service stores each article in its own transaction).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QProgressDialog,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.services.importer import ImportReport
from desktop.store.db import Library
from desktop.ui.bus import ChangeBus
from desktop.ui.plain import tooltip
from desktop.ui.workers import TaskContext, TaskHandle, WriteQueue

FILE_FILTER = (
    "Articles (*.txt *.md *.markdown *.html *.htm *.json);;Text (*.txt *.md);;"
    "Web pages (*.html *.htm);;Case bundles (*.json);;All files (*)"
)


class ImportController(QObject):
    """Runs one import at a time; the window calls ``start(paths)``."""

    sig_started = Signal()
    sig_progress = Signal(int, int, str)  # done, total, current file
    sig_finished = Signal(object)  # ImportReport, or None when the import failed

    def __init__(
        self,
        *,
        library: Library,
        writes: WriteQueue,
        bus: ChangeBus,
        parent_widget: QWidget,
        on_show_inbox: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(parent_widget)
        self._library, self._writes, self._bus = library, writes, bus
        self._parent = parent_widget
        self._on_show_inbox = on_show_inbox
        self._task: TaskHandle | None = None
        self.progress_dialog: QProgressDialog | None = None
        self.summary_dialog: ImportSummaryDialog | None = None
        self.last_report: object | None = None

    @property
    def running(self) -> bool:
        return self._task is not None and not self._task.finished

    def start(self, paths: Sequence[str | os.PathLike[str]]) -> TaskHandle | None:
        if self.running or not paths:
            return None
        library = self._library
        chosen = [os.fspath(p) for p in paths]

        def work(ctx: TaskContext) -> object:
            from desktop.services.importer import import_paths  # heavy: loaded on first use

            return import_paths(
                library=library,
                paths=chosen,
                progress=ctx.progress,
                should_cancel=ctx.is_cancelled,
            )

        self._show_progress()
        self._task = self._writes.submit(work, self._on_done, self._on_error, self._on_progress)
        self.sig_started.emit()
        return self._task

    def cancel(self) -> None:
        if self._task is not None:
            self._task.cancel()
            if self.progress_dialog is not None:
                self.progress_dialog.setLabelText("Cancelling after the current file…")

    # --- worker callbacks (GUI thread) -------------------------------------------------
    def _show_progress(self) -> None:
        dialog = QProgressDialog("Looking for article files…", "Cancel", 0, 0, self._parent)
        dialog.setObjectName("ImportProgress")
        dialog.setWindowTitle("Importing")
        dialog.setWindowModality(Qt.WindowModality.NonModal)  # the window stays usable
        dialog.setMinimumDuration(400)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setMinimumWidth(460)
        dialog.canceled.connect(self.cancel)
        dialog.setValue(0)
        self.progress_dialog = dialog

    def _on_progress(self, done: int, total: int, filename: str) -> None:
        dialog = self.progress_dialog
        if dialog is not None and not (self._task and self._task.cancelled):
            dialog.setMaximum(max(total, 1))
            dialog.setValue(min(done, total))
            name = Path(filename).name if filename else ""
            dialog.setLabelText(f"Importing {min(done + 1, total)} of {total}\n{name}")
        self.sig_progress.emit(done, total, filename)

    def _close_progress(self) -> None:
        if self.progress_dialog is not None:
            self.progress_dialog.close()
            self.progress_dialog.deleteLater()
            self.progress_dialog = None

    def _on_done(self, report: ImportReport) -> None:
        self._close_progress()
        self.last_report = report
        self._bus.announce(report.changes)
        self.summary_dialog = ImportSummaryDialog(report, self._parent, self._on_show_inbox)
        self.summary_dialog.open()
        self.sig_finished.emit(report)

    def _on_error(self, exc: BaseException) -> None:
        self._close_progress()
        box = QMessageBox(
            QMessageBox.Icon.Warning, "Import failed", str(exc) or type(exc).__name__,
            QMessageBox.StandardButton.Ok, self._parent,
        )  # fmt: skip
        box.setInformativeText("Articles stored before the failure are kept.")
        box.open()
        self.sig_finished.emit(None)


class ImportSummaryDialog(QDialog):
    """Imported, duplicates, refused (file and reason each)."""

    def __init__(
        self,
        report: object,
        parent: QWidget | None = None,
        on_show_inbox: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("ImportSummary")
        self.setWindowTitle("Import finished")
        self.setMinimumWidth(560)
        imported = int(getattr(report, "imported", 0))
        duplicates = int(getattr(report, "duplicates", 0))
        failed: list[tuple[str, str]] = list(getattr(report, "failed", []))
        cancelled = bool(getattr(report, "cancelled", False))
        layout = QVBoxLayout(self)
        self.headline = QLabel(summary_text(imported, duplicates, len(failed), cancelled))
        self.headline.setObjectName("SummaryHeadline")
        self.headline.setWordWrap(True)
        layout.addWidget(self.headline)
        self.stopped = QLabel(str(getattr(report, "stopped", "") or ""))
        self.stopped.setObjectName("SummaryStopped")
        self.stopped.setTextFormat(Qt.TextFormat.PlainText)  # it names a path: never markup
        self.stopped.setWordWrap(True)
        self.stopped.setVisible(bool(self.stopped.text()))
        layout.addWidget(self.stopped)
        notices: list[tuple[str, str]] = list(getattr(report, "notices", []))
        self.notices = QLabel(
            "\n".join(f"{Path(file).name}: {notice}" for file, notice in notices[:20])
        )
        self.notices.setObjectName("ImportNotices")
        self.notices.setTextFormat(Qt.TextFormat.PlainText)  # file names are untrusted text
        self.notices.setWordWrap(True)
        self.notices.setVisible(bool(notices))
        layout.addWidget(self.notices)
        self.refused = QTreeWidget()
        self.refused.setObjectName("RefusedList")
        self.refused.setHeaderLabels(["Refused file", "Reason"])
        self.refused.setRootIsDecorated(False)
        self.refused.setAlternatingRowColors(True)
        self.refused.setUniformRowHeights(True)
        for file, reason in failed:
            row = QTreeWidgetItem([Path(file).name, reason])
            row.setData(0, Qt.ItemDataRole.UserRole, file)
            row.setToolTip(0, tooltip(file))
            row.setToolTip(1, tooltip(reason))
            self.refused.addTopLevelItem(row)
        self.refused.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.refused.setVisible(bool(failed))
        layout.addWidget(self.refused, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        if imported and on_show_inbox is not None:
            inbox = buttons.addButton("Show in Inbox", QDialogButtonBox.ButtonRole.AcceptRole)
            inbox.clicked.connect(on_show_inbox)
        layout.addWidget(buttons)

    def refused_rows(self) -> list[tuple[str, str]]:
        items = [self.refused.topLevelItem(i) for i in range(self.refused.topLevelItemCount())]
        return [
            (str(item.data(0, Qt.ItemDataRole.UserRole)), item.text(1))
            for item in items
            if item is not None
        ]


def summary_text(imported: int, duplicates: int, refused: int, cancelled: bool) -> str:
    def n(count: int, word: str) -> str:
        return f"{count} {word}{'' if count == 1 else 's'}"

    lines = []
    if cancelled:
        lines.append("Import cancelled. Everything imported before you cancelled is kept.")
    lines.append(
        f"<span style='font-size:13pt; font-weight:600'>{n(imported, 'article')} imported</span>"
    )
    lines.append(
        f"{n(duplicates, 'duplicate')} skipped (already in the library) · {n(refused, 'file')} refused"
    )
    if imported and not cancelled:
        lines.append("New articles wait in the Inbox for review.")
    return "<br>".join(lines)
