"""Errors never vanish: an unexpected exception (in a slot, on the GUI thread or on any other
thread) is written to a rotating log file in the user log directory and shown in a dialog that
says what failed, with "Copy details". Without this, PySide prints the traceback to a terminal
the user does not see and carries on as if nothing happened."""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.plain import plain_label

LOG_NAME = "casefile.log"
LOG_BYTES = 1_000_000
LOG_BACKUPS = 3
log = logging.getLogger("desktop.crash")


def log_dir() -> Path:
    """Where the log lives: ~/.local/state/Casefile/log on Linux (platformdirs)."""
    import platformdirs

    return Path(platformdirs.user_log_dir("Casefile"))


def install_log_file(folder: Path | None = None) -> Path:
    """A rotating log of the ``desktop`` loggers (1 MB, 3 old files kept); idempotent."""
    path = (folder or log_dir()) / LOG_NAME
    logger = logging.getLogger("desktop")
    for handler in logger.handlers:
        if isinstance(handler, RotatingFileHandler) and Path(handler.baseFilename) == path:
            return path
    path.parent.mkdir(parents=True, exist_ok=True)
    handler = RotatingFileHandler(
        path, maxBytes=LOG_BYTES, backupCount=LOG_BACKUPS, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logger.addHandler(handler)
    if logger.level == logging.NOTSET or logger.level > logging.INFO:
        logger.setLevel(logging.INFO)
    return path


class ErrorDialog(QDialog):
    """What failed, in words, the details for a bug report, and where the log is."""

    def __init__(self, summary: str, details: str, log_path: Path | None, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.setObjectName("ErrorDialog")
        self.setWindowTitle("Casefile — something went wrong")
        self.resize(560, 360)
        where = f" The details are also in {log_path}." if log_path else ""
        self.headline = plain_label(
            f"Something went wrong: {summary}\n\nWhat was already saved is safe; the action "
            f"that failed may not have finished.{where}"
        )
        self.headline.setWordWrap(True)
        self.headline.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details = QPlainTextEdit(details)
        self.details.setReadOnly(True)
        self.details.setObjectName("ErrorDetails")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton("Copy details")
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy_details)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.headline)
        layout.addWidget(self.details, 1)
        layout.addWidget(buttons)

    def add(self, summary: str, details: str) -> None:
        """Another error while this dialog is open: appended, not a second dialog."""
        self.details.appendPlainText(f"\n{summary}\n{details}")

    def copy_details(self) -> None:
        QApplication.clipboard().setText(f"{self.headline.text()}\n\n{self.details.toPlainText()}")


class ExceptionHook(QObject):
    """sys.excepthook and threading.excepthook: log, then show an ErrorDialog on the GUI
    thread (a signal carries errors from other threads there)."""

    sig_error = Signal(str, str)

    def __init__(self, parent_widget: QWidget | None = None, log_path: Path | None = None) -> None:
        super().__init__()
        self.parent_widget = parent_widget
        self.log_path = log_path
        self.dialog: ErrorDialog | None = None
        self._previous_hook = sys.excepthook
        self._previous_thread_hook = threading.excepthook
        self.sig_error.connect(self.on_error, Qt.ConnectionType.QueuedConnection)

    def install(self) -> ExceptionHook:
        sys.excepthook = self.excepthook
        threading.excepthook = self.thread_excepthook
        return self

    def uninstall(self) -> None:
        sys.excepthook = self._previous_hook
        threading.excepthook = self._previous_thread_hook

    def excepthook(
        self,
        kind: type[BaseException],
        value: BaseException,
        tb: TracebackType | None,
    ) -> None:
        if issubclass(kind, KeyboardInterrupt):
            self._previous_hook(kind, value, tb)
            return
        details = "".join(traceback.format_exception(kind, value, tb))
        summary = f"{kind.__name__}: {value}" if str(value) else kind.__name__
        log.error("unexpected error: %s\n%s", summary, details)
        sys.stderr.write(details)
        self.sig_error.emit(summary, details)

    def thread_excepthook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None:
            return
        self.excepthook(args.exc_type, args.exc_value, args.exc_traceback)

    def on_error(self, summary: str, details: str) -> None:
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.add(summary, details)
            return
        self.dialog = ErrorDialog(summary, details, self.log_path, self.parent_widget)
        self.dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog.finished.connect(self._forget)
        self.dialog.show()

    def _forget(self) -> None:
        self.dialog = None


def install(parent_widget: QWidget | None = None) -> ExceptionHook:
    """Log file and hooks for the running app (called once by run_app)."""
    try:
        path: Path | None = install_log_file()
    except OSError as exc:  # a read-only home: the dialog still shows
        log.warning("no log file: %s", exc)
        path = None
    return ExceptionHook(parent_widget, path).install()


__all__ = ["ErrorDialog", "ExceptionHook", "install", "install_log_file", "log_dir"]
