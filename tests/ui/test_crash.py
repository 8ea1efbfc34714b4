"""An unexpected exception in a slot (or a thread) is shown in a dialog with "Copy details" and
written to the rotating log in the user log directory (before: printed to stderr only)."""

from __future__ import annotations

import logging
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QPushButton

from desktop.ui import crash


@pytest.fixture(autouse=True)
def _no_log_left_behind():  # noqa: ANN202
    logger = logging.getLogger("desktop")
    level, handlers = logger.level, list(logger.handlers)
    yield
    for handler in logger.handlers[:]:
        if handler not in handlers:
            logger.removeHandler(handler)
            handler.close()
    logger.setLevel(level)


@pytest.fixture
def hook(qtbot):  # noqa: ANN001, ANN201
    path = crash.install_log_file()
    installed = crash.ExceptionHook(None, path).install()
    yield installed
    installed.uninstall()
    if installed.dialog is not None:
        installed.dialog.close()


def _log_text() -> str:
    return (crash.log_dir() / crash.LOG_NAME).read_text(encoding="utf-8")


def test_log_is_in_the_user_log_directory() -> None:
    home = Path.home()  # the test's own home (conftest)
    assert crash.install_log_file().is_relative_to(home)
    assert crash.log_dir().name in ("log", "Logs", "Casefile")


@pytest.mark.qt_no_exception_capture
def test_an_error_in_a_slot_shows_a_dialog_and_is_logged(qtbot, hook) -> None:  # noqa: ANN001
    button = QPushButton("Break")
    qtbot.addWidget(button)

    def on_clicked() -> None:
        raise ValueError("the <b>widget</b> fell over")

    button.clicked.connect(on_clicked)
    QTimer.singleShot(0, button.click)  # from the event loop, like a user's click
    qtbot.waitUntil(lambda: hook.dialog is not None and hook.dialog.isVisible(), timeout=5000)
    dialog = hook.dialog
    assert "ValueError: the <b>widget</b> fell over" in dialog.headline.text()
    assert "Traceback" in dialog.details.toPlainText()
    assert dialog.copy_button.text() == "Copy details"
    dialog.copy_button.click()
    assert "the <b>widget</b> fell over" in QApplication.clipboard().text()
    assert "ValueError: the <b>widget</b> fell over" in _log_text()
    dialog.close()


@pytest.mark.qt_no_exception_capture
def test_an_error_in_a_thread_reaches_the_gui_thread(qtbot, hook) -> None:  # noqa: ANN001
    def work() -> None:
        raise RuntimeError("worker broke")

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: hook.dialog is not None and hook.dialog.isVisible(), timeout=5000)
    assert "RuntimeError: worker broke" in hook.dialog.headline.text()
    assert "worker broke" in _log_text()
